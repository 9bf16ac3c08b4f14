-- Signature of a Sage 100 Gestion Commerciale company database: the tables
-- Liaison reads.  One row per expected table: its name, whether Liaison
-- needs it (required = 1) and whether this database has it (present = 1).
SELECT
    expected.table_name,
    expected.required,
    CASE WHEN t.TABLE_NAME IS NULL THEN 0 ELSE 1 END AS present
FROM (
    SELECT N'F_COMPTET' AS table_name, 1 AS required
    UNION ALL SELECT N'F_DOCENTETE', 1
    UNION ALL SELECT N'F_DOCLIGNE', 1
    UNION ALL SELECT N'P_DOSSIER', 1
    UNION ALL SELECT N'cbSysLibre', 1
    UNION ALL SELECT N'F_COMPTEG', 0
    UNION ALL SELECT N'F_CONTACTT', 0
    UNION ALL SELECT N'F_LIVRAISON', 0
) AS expected
LEFT JOIN INFORMATION_SCHEMA.TABLES AS t
    ON t.TABLE_NAME = expected.table_name
    AND t.TABLE_SCHEMA = N'dbo'
ORDER BY expected.required DESC, expected.table_name;
