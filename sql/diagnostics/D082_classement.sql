-- D082: collation of the GesCom database differs from the CRM database's.
-- A NULL key means a collation could not be read (check reported skipped).
SELECT
    CASE WHEN c.erp IS NULL OR c.crm IS NULL THEN NULL ELSE DB_NAME() END AS finding_key,
    ISNULL(c.erp, '?') + ' <> ' + ISNULL(c.crm, '?') AS detail
FROM (
    SELECT
        CONVERT(nvarchar(128), DATABASEPROPERTYEX(DB_NAME(), 'Collation')) AS erp,
        CONVERT(nvarchar(128), DATABASEPROPERTYEX(@CrmDatabase, 'Collation')) AS crm
) AS c
WHERE c.erp IS NULL OR c.crm IS NULL OR c.erp <> c.crm;
