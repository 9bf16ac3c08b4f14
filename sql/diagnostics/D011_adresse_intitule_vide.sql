-- D011: delivery address with an empty label.
SELECT l.CT_Num + '/' + CAST(l.LI_No AS varchar(11)) AS finding_key
FROM F_LIVRAISON AS l
WHERE LTRIM(RTRIM(ISNULL(l.LI_Intitule, ''))) = ''
ORDER BY l.CT_Num, l.LI_No;
