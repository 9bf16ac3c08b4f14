/* Catalog views (sys.*, INFORMATION_SCHEMA.*) as TEMP views of each session
 * connection over sqlite_schema and the table_xinfo pragmas. Naming: the
 * T-SQL object dbo.T is the SQLite table "T"; S.T for another schema S is
 * the SQLite table "S.T" (one identifier containing a dot). */
#include <string.h>
#include <strings.h>
#include <stdlib.h>
#include <stdio.h>

#include "engine.h"

char *catalog_sqlite_name(const char *two_part)
{
    /* accepts [x].[y], x.y, y, db.schema.name, db..name */
    char parts[3][256];
    int np = 0;
    const char *p = two_part;
    while (*p && np < 3) {
        char *o = parts[np];
        size_t n = 0;
        if (*p == '[' || *p == '"') {
            char close = *p == '[' ? ']' : '"';
            p++;
            while (*p && *p != close && n < 255)
                o[n++] = *p++;
            if (*p)
                p++;
        } else {
            while (*p && *p != '.' && n < 255)
                o[n++] = *p++;
        }
        o[n] = 0;
        np++;
        if (*p == '.')
            p++;
        else
            break;
    }
    if (np == 0)
        return strdup("");
    const char *name = parts[np - 1];
    const char *schema = np >= 2 ? parts[np - 2] : "";
    char buf[600];
    if (name[0] == '#' || !*schema || strcasecmp(schema, "dbo") == 0)
        snprintf(buf, sizeof buf, "%s", name);
    else
        snprintf(buf, sizeof buf, "%s.%s", schema, name);
    return strdup(buf);
}

void catalog_split(const char *sqlite_name, char *schema, size_t sl, char *name, size_t nl)
{
    const char *dot = strchr(sqlite_name, '.');
    if (!dot || sqlite_name[0] == '#') {
        snprintf(schema, sl, "dbo");
        snprintf(name, nl, "%s", sqlite_name);
        return;
    }
    snprintf(schema, sl, "%.*s", (int)(dot - sqlite_name), sqlite_name);
    snprintf(name, nl, "%s", dot + 1);
}

static const char *views =
    "CREATE TEMP VIEW IF NOT EXISTS \"sys.schemas\" AS "
    " SELECT 'dbo' AS name, 1 AS schema_id, 1 AS principal_id UNION ALL SELECT 'guest', 2, 2"
    " UNION ALL SELECT 'INFORMATION_SCHEMA', 3, 3 UNION ALL SELECT 'sys', 4, 4"
    " UNION ALL SELECT name, 4 + rowid, 1 FROM main.__sim_schemas;"
    "CREATE TEMP VIEW IF NOT EXISTS \"sys.objects\" AS "
    " SELECT t_objpart(name, 'name') AS name, t_objid(name) AS object_id, NULL AS principal_id,"
    "  t_schema_id(t_objpart(name, 'schema')) AS schema_id, 0 AS parent_object_id,"
    "  CASE type WHEN 'table' THEN 'U' ELSE 'V' END AS type,"
    "  CASE type WHEN 'table' THEN 'USER_TABLE' ELSE 'VIEW' END AS type_desc,"
    "  '2024-01-01 00:00:00.000' AS create_date, '2024-01-01 00:00:00.000' AS modify_date,"
    "  0 AS is_ms_shipped, 0 AS is_published, 0 AS is_schema_published"
    " FROM main.sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite~_%' ESCAPE '~'"
    "  AND name NOT LIKE '~_~_sim%' ESCAPE '~';"
    "CREATE TEMP VIEW IF NOT EXISTS \"sys.tables\" AS SELECT *, 0 AS lob_data_space_id, 0 AS is_replicated,"
    "  0 AS temporal_type, 'NON_TEMPORAL_TABLE' AS temporal_type_desc"
    " FROM \"sys.objects\" WHERE type = 'U';"
    "CREATE TEMP VIEW IF NOT EXISTS \"sys.views\" AS SELECT * FROM \"sys.objects\" WHERE type = 'V';"
    "CREATE TEMP VIEW IF NOT EXISTS \"sys.all_objects\" AS SELECT * FROM \"sys.objects\";"
    "CREATE TEMP VIEW IF NOT EXISTS \"sys.columns\" AS "
    " SELECT t_objid(m.name) AS object_id, c.name AS name, c.cid + 1 AS column_id,"
    "  t_typeinfo("
    " (coalesce((SELECT i.type FROM main.__sim_identity i WHERE i.tbl = m.name AND i.col = c.name), c.type)), 'system_type_id') AS system_type_id, t_typeinfo("
    " (coalesce((SELECT i.type FROM main.__sim_identity i WHERE i.tbl = m.name AND i.col = c.name), c.type)), 'system_type_id') AS user_type_id,"
    "  t_typeinfo("
    " (coalesce((SELECT i.type FROM main.__sim_identity i WHERE i.tbl = m.name AND i.col = c.name), c.type)), 'max_length') AS max_length, t_typeinfo("
    " (coalesce((SELECT i.type FROM main.__sim_identity i WHERE i.tbl = m.name AND i.col = c.name), c.type)), 'precision') AS precision,"
    "  t_typeinfo("
    " (coalesce((SELECT i.type FROM main.__sim_identity i WHERE i.tbl = m.name AND i.col = c.name), c.type)), 'scale') AS scale, t_typeinfo("
    " (coalesce((SELECT i.type FROM main.__sim_identity i WHERE i.tbl = m.name AND i.col = c.name), c.type)), 'collation') AS collation_name,"
    "  CASE WHEN c.\"notnull\" OR c.pk > 0 THEN 0 ELSE 1 END AS is_nullable,"
    "  CASE WHEN c.type = 'INTEGER' AND c.pk = 1 THEN 1 ELSE 0 END AS is_identity,"
    "  CASE WHEN c.hidden IN (2, 3) THEN 1 ELSE 0 END AS is_computed, 0 AS is_rowguidcol"
    " FROM main.sqlite_schema m, pragma_table_xinfo(m.name) c"
    " WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite~_%' ESCAPE '~' AND m.name NOT LIKE '~_~_sim%' ESCAPE '~';"
    "CREATE TEMP VIEW IF NOT EXISTS \"sys.all_columns\" AS SELECT * FROM \"sys.columns\";"
    "CREATE TEMP VIEW IF NOT EXISTS \"sys.indexes\" AS "
    " SELECT t_objid(m.name) AS object_id, 'PK_' || t_objpart(m.name, 'name') AS name, 1 AS index_id, 1 AS type,"
    "  'CLUSTERED' AS type_desc, 1 AS is_unique, 1 AS is_primary_key, 0 AS is_unique_constraint, 0 AS is_disabled"
    " FROM main.sqlite_schema m, pragma_table_info(m.name) c WHERE m.type = 'table' AND c.pk = 1 AND c.type = 'INTEGER'"
    "  AND m.name NOT LIKE '~_~_sim%' ESCAPE '~'"
    " UNION ALL SELECT t_objid(m.name), CASE WHEN i.origin = 'pk' THEN 'PK_' || t_objpart(m.name, 'name')"
    "  WHEN i.origin = 'u' THEN 'UQ_' || t_objpart(m.name, 'name') || '_' || i.seq"
    "  ELSE substr(i.name, instr(i.name, '$') + 1) END, i.seq + 2, 2, 'NONCLUSTERED', i.\"unique\","
    "  i.origin = 'pk', i.origin = 'u', 0"
    " FROM main.sqlite_schema m, pragma_index_list(m.name) i WHERE m.type = 'table'"
    "  AND m.name NOT LIKE 'sqlite~_%' ESCAPE '~' AND m.name NOT LIKE '~_~_sim%' ESCAPE '~';"
    "CREATE TEMP VIEW IF NOT EXISTS \"sys.types\" AS SELECT column1 AS name, column2 AS system_type_id,"
    " column2 AS user_type_id, column3 AS max_length, column4 AS precision, column5 AS scale FROM (VALUES"
    " ('bit',104,1,1,0),('tinyint',48,1,3,0),('smallint',52,2,5,0),('int',56,4,10,0),('bigint',127,8,19,0),"
    " ('decimal',106,17,38,38),('numeric',108,17,38,38),('money',60,8,19,4),('float',62,8,53,0),"
    " ('datetime',61,8,23,3),('smalldatetime',58,4,16,0),('datetime2',42,8,27,7),('date',40,3,10,0),"
    " ('char',175,8000,0,0),('varchar',167,8000,0,0),('nchar',239,8000,0,0),('nvarchar',231,8000,0,0),"
    " ('varbinary',165,8000,0,0),('sysname',231,256,0,0));"
    "CREATE TEMP VIEW IF NOT EXISTS \"INFORMATION_SCHEMA.TABLES\" AS "
    " SELECT t_db_name() AS TABLE_CATALOG, t_objpart(name, 'schema') AS TABLE_SCHEMA,"
    "  t_objpart(name, 'name') AS TABLE_NAME, CASE type WHEN 'table' THEN 'BASE TABLE' ELSE 'VIEW' END AS TABLE_TYPE"
    " FROM main.sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite~_%' ESCAPE '~'"
    "  AND name NOT LIKE '~_~_sim%' ESCAPE '~';"
    "CREATE TEMP VIEW IF NOT EXISTS \"INFORMATION_SCHEMA.COLUMNS\" AS "
    " SELECT t_db_name() AS TABLE_CATALOG, t_objpart(m.name, 'schema') AS TABLE_SCHEMA,"
    "  t_objpart(m.name, 'name') AS TABLE_NAME, c.name AS COLUMN_NAME, c.cid + 1 AS ORDINAL_POSITION,"
    "  c.dflt_value AS COLUMN_DEFAULT,"
    "  CASE WHEN c.\"notnull\" OR c.pk > 0 THEN 'NO' ELSE 'YES' END AS IS_NULLABLE,"
    "  t_typeinfo("
    " (coalesce((SELECT i.type FROM main.__sim_identity i WHERE i.tbl = m.name AND i.col = c.name), c.type)), 'name') AS DATA_TYPE, t_typeinfo("
    " (coalesce((SELECT i.type FROM main.__sim_identity i WHERE i.tbl = m.name AND i.col = c.name), c.type)), 'char_length') AS CHARACTER_MAXIMUM_LENGTH,"
    "  t_typeinfo("
    " (coalesce((SELECT i.type FROM main.__sim_identity i WHERE i.tbl = m.name AND i.col = c.name), c.type)), 'num_precision') AS NUMERIC_PRECISION, t_typeinfo("
    " (coalesce((SELECT i.type FROM main.__sim_identity i WHERE i.tbl = m.name AND i.col = c.name), c.type)), 'num_scale') AS NUMERIC_SCALE,"
    "  t_typeinfo("
    " (coalesce((SELECT i.type FROM main.__sim_identity i WHERE i.tbl = m.name AND i.col = c.name), c.type)), 'collation') AS COLLATION_NAME"
    " FROM main.sqlite_schema m, pragma_table_xinfo(m.name) c"
    " WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite~_%' ESCAPE '~' AND m.name NOT LIKE '~_~_sim%' ESCAPE '~';"
    "CREATE TEMP VIEW IF NOT EXISTS \"INFORMATION_SCHEMA.SCHEMATA\" AS "
    " SELECT t_db_name() AS CATALOG_NAME, name AS SCHEMA_NAME, 'dbo' AS SCHEMA_OWNER FROM \"sys.schemas\";";

int catalog_install(sqlite3 *db)
{
    int rc = sqlite3_exec(db,
                          "CREATE TABLE IF NOT EXISTS main.__sim_schemas(name nvarchar(128) PRIMARY KEY COLLATE NOCASE);"
                          "CREATE TABLE IF NOT EXISTS main.__sim_identity(tbl TEXT, col TEXT, type TEXT, PRIMARY KEY (tbl, col))",
                          NULL, NULL, NULL);
    if (rc != SQLITE_OK && rc != SQLITE_READONLY)
        return rc;
    return sqlite3_exec(db, views, NULL, NULL, NULL);
}
