-- D012: customer with at least one delivery address and none principal.
SELECT t.CT_Num AS finding_key
FROM F_COMPTET AS t
WHERE t.CT_Type = 0
    AND EXISTS (SELECT 1 FROM F_LIVRAISON AS l WHERE l.CT_Num = t.CT_Num)
    AND NOT EXISTS (
        SELECT 1 FROM F_LIVRAISON AS p
        WHERE p.CT_Num = t.CT_Num AND p.LI_Principal = 1
    )
ORDER BY t.CT_Num;
