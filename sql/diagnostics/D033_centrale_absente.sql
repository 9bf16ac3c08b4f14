-- D033: centrale d'achat set but not an existing tiers.
SELECT
    t.CT_Num AS finding_key,
    t.CT_NumCentrale AS detail
FROM F_COMPTET AS t
WHERE LTRIM(RTRIM(ISNULL(t.CT_NumCentrale, ''))) <> ''
    AND NOT EXISTS (
        SELECT 1 FROM F_COMPTET AS c WHERE c.CT_Num = t.CT_NumCentrale
    )
ORDER BY t.CT_Num;
