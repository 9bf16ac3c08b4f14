/* The one description of the demo company's tables: the DDL, the T-SQL
 * inserts and the simulator inserts are all produced from it. */
#ifndef DEMO_SCHEMA_H
#define DEMO_SCHEMA_H

#include <stdio.h>
#include "sim_exec.h"

#define DEMO_COL_IDENTITY 1   /* int IDENTITY(1,1): never inserted */
#define DEMO_COL_DEFECT   2   /* exists only when defects are injected (D051) */

typedef struct demo_col {
    const char *name;     /* UTF-8, may need bracket quoting */
    sim_type_kind kind;
    int len;              /* (n)char/(n)varchar length */
    int nullable;
    int flags;
    const char *def;      /* value when the generator does not set it; NULL = NULL */
} demo_col;

typedef struct demo_table {
    const char *name;
    const demo_col *cols;
    int ncols;
} demo_table;

typedef struct demo_index {
    const char *name, *table, *cols; /* cols: bracketed list */
    int unique;
} demo_index;

/* Tables in creation (and load) order; defects selects D051's extra column. */
const demo_table *demo_schema_tables(int defects, int *ntables);
const demo_table *demo_schema_find(int defects, const char *name);
const demo_index *demo_schema_indexes(int *nindexes);

/* SQL Server type text of a column: "varchar(35)", "decimal(24,6)"... */
void demo_col_type(const demo_col *c, char *out, size_t outlen);
/* Writes name quoted: [name], or "name" when it holds a ']'. */
void demo_quote_name(FILE *f, const char *name);
/* CREATE TABLE statements (one per table, ';' terminated). */
void demo_write_create_tables(FILE *f, int defects);
void demo_write_create_indexes(FILE *f);
/* The clean schema as DIR/NN_<table>.sql and DIR/99_indexes.sql (sql/demo/). */
int demo_write_ddl_dir(const char *dir);
/* The T-SQL text of one CREATE TABLE / CREATE INDEX into a malloc'ed string. */
char *demo_create_table_sql(const demo_table *t);
char *demo_create_index_sql(const demo_index *ix);

#endif
