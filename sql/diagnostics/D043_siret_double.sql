-- D043: customers sharing a non-empty SIRET; every such tiers is a key.
SELECT
    t.CT_Num AS finding_key,
    LTRIM(RTRIM(t.CT_Siret)) AS detail
FROM F_COMPTET AS t
INNER JOIN (
    SELECT LTRIM(RTRIM(s.CT_Siret)) AS siret
    FROM F_COMPTET AS s
    WHERE s.CT_Type = 0 AND LTRIM(RTRIM(ISNULL(s.CT_Siret, ''))) <> ''
    GROUP BY LTRIM(RTRIM(s.CT_Siret))
    HAVING COUNT(*) > 1
) AS dup ON dup.siret = LTRIM(RTRIM(t.CT_Siret))
WHERE t.CT_Type = 0
ORDER BY t.CT_Num;
