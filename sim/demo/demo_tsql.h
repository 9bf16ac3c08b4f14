/* T-SQL output of the demo company (SQL Server 2012+). */
#ifndef DEMO_TSQL_H
#define DEMO_TSQL_H

#include <stdio.h>

/* The schema alone, as kept in sql/demo/schema.sql (tables, then indexes). */
void demo_emit_ddl(FILE *f);

#endif
