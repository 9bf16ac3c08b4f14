-- D041: delivery address whose tiers no longer exists.
SELECT l.CT_Num + '/' + CAST(l.LI_No AS varchar(11)) AS finding_key
FROM F_LIVRAISON AS l
WHERE NOT EXISTS (SELECT 1 FROM F_COMPTET AS t WHERE t.CT_Num = l.CT_Num)
ORDER BY l.CT_Num, l.LI_No;
