-- D001: tiers whose CT_Intitule is empty or only spaces.
SELECT t.CT_Num AS finding_key
FROM F_COMPTET AS t
WHERE LTRIM(RTRIM(ISNULL(t.CT_Intitule, ''))) = ''
ORDER BY t.CT_Num;
