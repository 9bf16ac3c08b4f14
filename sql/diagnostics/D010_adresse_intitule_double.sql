-- D010: two or more delivery addresses of one tiers with the same label
-- (trimmed, case-insensitive, not empty); every such address is a key.
SELECT
    l.CT_Num + '/' + CAST(l.LI_No AS varchar(11)) AS finding_key,
    LTRIM(RTRIM(l.LI_Intitule)) AS detail
FROM F_LIVRAISON AS l
INNER JOIN (
    SELECT
        d.CT_Num,
        UPPER(LTRIM(RTRIM(d.LI_Intitule))) AS label
    FROM F_LIVRAISON AS d
    WHERE LTRIM(RTRIM(ISNULL(d.LI_Intitule, ''))) <> ''
    GROUP BY d.CT_Num, UPPER(LTRIM(RTRIM(d.LI_Intitule)))
    HAVING COUNT(*) > 1
) AS dup
    ON dup.CT_Num = l.CT_Num
        AND dup.label = UPPER(LTRIM(RTRIM(l.LI_Intitule)))
ORDER BY l.CT_Num, l.LI_No;
