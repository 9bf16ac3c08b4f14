-- SELECT permission of the current login on each GesCom table Liaison reads
-- (1 granted, 0 denied).  Tables that do not exist are left out: they are
-- reported by gescom_tables.sql.
SELECT
    expected.table_name,
    HAS_PERMS_BY_NAME(N'dbo.' + expected.table_name, N'OBJECT', N'SELECT') AS can_select
FROM (
    SELECT N'F_COMPTET' AS table_name
    UNION ALL SELECT N'F_DOCENTETE'
    UNION ALL SELECT N'F_DOCLIGNE'
    UNION ALL SELECT N'P_DOSSIER'
    UNION ALL SELECT N'cbSysLibre'
) AS expected
INNER JOIN INFORMATION_SCHEMA.TABLES AS t
    ON t.TABLE_NAME = expected.table_name
    AND t.TABLE_SCHEMA = N'dbo'
ORDER BY expected.table_name;
