-- D013: tiers with two or more principal delivery addresses.
SELECT
    l.CT_Num AS finding_key,
    CAST(COUNT(*) AS varchar(11)) AS detail
FROM F_LIVRAISON AS l
WHERE l.LI_Principal = 1
GROUP BY l.CT_Num
HAVING COUNT(*) > 1
ORDER BY l.CT_Num;
