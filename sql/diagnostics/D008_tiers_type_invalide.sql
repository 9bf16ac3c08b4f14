-- D008: CT_Type outside 0 (client), 1 (fournisseur), 2 (salarié), 3 (autre).
SELECT
    t.CT_Num AS finding_key,
    CAST(t.CT_Type AS varchar(11)) AS detail
FROM F_COMPTET AS t
WHERE t.CT_Type IS NULL OR t.CT_Type NOT BETWEEN 0 AND 3
ORDER BY t.CT_Num;
