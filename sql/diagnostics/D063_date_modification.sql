-- D063: change pointer (cbModification) empty or in the future.
SELECT
    t.CT_Num AS finding_key,
    CONVERT(varchar(19), t.cbModification, 120) AS detail
FROM F_COMPTET AS t
WHERE t.cbModification IS NULL OR t.cbModification > GETDATE()
ORDER BY t.CT_Num;
