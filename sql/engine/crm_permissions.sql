-- What `liaison install` and `liaison replicate` need in the CRM database,
-- for the current login: database-level CREATE permissions or db_owner
-- (install), and INSERT/UPDATE/DELETE/SELECT on the liaison schema
-- (replicate).  Schema permissions are NULL while the schema does not exist.
SELECT
    HAS_PERMS_BY_NAME(DB_NAME(), N'DATABASE', N'CREATE TABLE') AS can_create_table,
    HAS_PERMS_BY_NAME(DB_NAME(), N'DATABASE', N'CREATE VIEW') AS can_create_view,
    HAS_PERMS_BY_NAME(DB_NAME(), N'DATABASE', N'CREATE SCHEMA') AS can_create_schema,
    IS_ROLEMEMBER(N'db_owner') AS is_db_owner,
    CASE WHEN SCHEMA_ID(N'liaison') IS NULL THEN 0 ELSE 1 END AS schema_exists,
    HAS_PERMS_BY_NAME(N'liaison', N'SCHEMA', N'ALTER') AS can_alter_schema,
    HAS_PERMS_BY_NAME(N'liaison', N'SCHEMA', N'SELECT') AS can_select,
    HAS_PERMS_BY_NAME(N'liaison', N'SCHEMA', N'INSERT') AS can_insert,
    HAS_PERMS_BY_NAME(N'liaison', N'SCHEMA', N'UPDATE') AS can_update,
    HAS_PERMS_BY_NAME(N'liaison', N'SCHEMA', N'DELETE') AS can_delete;
