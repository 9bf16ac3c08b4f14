-- D042: payment line whose tiers no longer exists.
SELECT r.CT_Num + '/' + CAST(r.cbMarq AS varchar(11)) AS finding_key
FROM F_REGLEMENTT AS r
WHERE NOT EXISTS (SELECT 1 FROM F_COMPTET AS t WHERE t.CT_Num = r.CT_Num)
ORDER BY r.CT_Num, r.cbMarq;
