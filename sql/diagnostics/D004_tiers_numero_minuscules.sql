-- D004: CT_Num contains lowercase letters (binary comparison, the
-- database collation is case-insensitive).
SELECT t.CT_Num AS finding_key
FROM F_COMPTET AS t
WHERE t.CT_Num COLLATE Latin1_General_BIN LIKE '%[a-z]%'
ORDER BY t.CT_Num;
