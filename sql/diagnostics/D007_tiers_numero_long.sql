-- D007: CT_Num longer than the 17 characters the CRM can carry.
SELECT t.CT_Num AS finding_key
FROM F_COMPTET AS t
WHERE LEN(t.CT_Num) > 17
ORDER BY t.CT_Num;
