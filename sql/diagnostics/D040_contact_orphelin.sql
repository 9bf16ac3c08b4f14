-- D040: contact whose tiers no longer exists.
SELECT c.CT_Num + '/' + CAST(c.CT_No AS varchar(11)) AS finding_key
FROM F_CONTACTT AS c
WHERE NOT EXISTS (SELECT 1 FROM F_COMPTET AS t WHERE t.CT_Num = c.CT_Num)
ORDER BY c.CT_Num, c.CT_No;
