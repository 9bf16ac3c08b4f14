-- D003: CT_Num empty or only spaces.
SELECT t.CT_Num AS finding_key
FROM F_COMPTET AS t
WHERE LTRIM(RTRIM(ISNULL(t.CT_Num, ''))) = ''
ORDER BY t.CT_Num;
