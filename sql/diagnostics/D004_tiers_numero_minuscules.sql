-- D004: CT_Num contains lowercase letters.  The database collation is
-- case-insensitive, so the number is compared in binary with its uppercase
-- form (this also catches accented lowercase letters).
SELECT t.CT_Num AS finding_key
FROM F_COMPTET AS t
WHERE t.CT_Num COLLATE Latin1_General_BIN <> UPPER(t.CT_Num) COLLATE Latin1_General_BIN
ORDER BY t.CT_Num;
