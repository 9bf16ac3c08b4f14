-- D034: sales representative set (CO_No > 0) but not a collaborator.
SELECT
    t.CT_Num AS finding_key,
    CAST(t.CO_No AS varchar(11)) AS detail
FROM F_COMPTET AS t
WHERE t.CO_No > 0
    AND NOT EXISTS (
        SELECT 1 FROM F_COLLABORATEUR AS co WHERE co.CO_No = t.CO_No
    )
ORDER BY t.CT_Num;
