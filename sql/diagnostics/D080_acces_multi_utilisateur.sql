-- D080: GesCom database not MULTI_USER, or read-only.  A NULL key means the
-- properties could not be read (the check is then reported as skipped).
SELECT
    CASE WHEN p.access IS NULL THEN NULL ELSE DB_NAME() END AS finding_key,
    ISNULL(p.access, '?') + ' ' + ISNULL(p.updates, '?') AS detail
FROM (
    SELECT
        CONVERT(nvarchar(60), DATABASEPROPERTYEX(DB_NAME(), 'UserAccess')) AS access,
        CONVERT(nvarchar(60), DATABASEPROPERTYEX(DB_NAME(), 'Updateability')) AS updates
) AS p
WHERE p.access IS NULL OR p.access <> 'MULTI_USER' OR p.updates = 'READ_ONLY';
