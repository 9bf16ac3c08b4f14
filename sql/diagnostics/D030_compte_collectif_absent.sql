-- D030: compte collectif empty or not in the chart of accounts.
SELECT
    t.CT_Num AS finding_key,
    t.CG_NumPrinc AS detail
FROM F_COMPTET AS t
WHERE LTRIM(RTRIM(ISNULL(t.CG_NumPrinc, ''))) = ''
    OR NOT EXISTS (
        SELECT 1 FROM F_COMPTEG AS g WHERE g.CG_Num = t.CG_NumPrinc
    )
ORDER BY t.CT_Num;
