-- D020: contact with neither last name nor first name.
SELECT c.CT_Num + '/' + CAST(c.CT_No AS varchar(11)) AS finding_key
FROM F_CONTACTT AS c
WHERE LTRIM(RTRIM(ISNULL(c.CT_Nom, ''))) = ''
    AND LTRIM(RTRIM(ISNULL(c.CT_Prenom, ''))) = ''
ORDER BY c.CT_Num, c.CT_No;
