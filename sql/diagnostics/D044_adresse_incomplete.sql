-- D044: customer with neither postcode nor city.
SELECT t.CT_Num AS finding_key
FROM F_COMPTET AS t
WHERE t.CT_Type = 0
    AND LTRIM(RTRIM(ISNULL(t.CT_CodePostal, ''))) = ''
    AND LTRIM(RTRIM(ISNULL(t.CT_Ville, ''))) = ''
ORDER BY t.CT_Num;
