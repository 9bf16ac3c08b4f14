-- D032: tiers payeur set but not an existing tiers.
SELECT
    t.CT_Num AS finding_key,
    t.CT_NumPayeur AS detail
FROM F_COMPTET AS t
WHERE LTRIM(RTRIM(ISNULL(t.CT_NumPayeur, ''))) <> ''
    AND NOT EXISTS (
        SELECT 1 FROM F_COMPTET AS p WHERE p.CT_Num = t.CT_NumPayeur
    )
ORDER BY t.CT_Num;
