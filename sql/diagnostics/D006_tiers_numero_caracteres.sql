-- D006: CT_Num contains a character outside [A-Z0-9]; lowercase letters
-- (D004) and spaces (D005) are reported by their own checks.
SELECT t.CT_Num AS finding_key
FROM F_COMPTET AS t
WHERE t.CT_Num COLLATE Latin1_General_BIN LIKE '%[^A-Za-z0-9 ]%'
ORDER BY t.CT_Num;
