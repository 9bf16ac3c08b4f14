-- D031: customer whose compte collectif exists but is not a customer
-- collective account (class 411).
SELECT
    t.CT_Num AS finding_key,
    t.CG_NumPrinc AS detail
FROM F_COMPTET AS t
INNER JOIN F_COMPTEG AS g ON g.CG_Num = t.CG_NumPrinc
WHERE t.CT_Type = 0
    AND g.CG_Num NOT LIKE '411%'
ORDER BY t.CT_Num;
