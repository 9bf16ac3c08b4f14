/* Private to sqlext/: the batched staging writer and small db helpers. */
#ifndef LIA_REPL_INTERNAL_H
#define LIA_REPL_INTERNAL_H

#include "liaison/replicate.h"

/* Writes rows into a staging table in multi-row INSERT statements: the
 * statement of sql/<relpath> is split at its last VALUES; each row binds the
 * tuple's @p0..@pN (and @IntegrationId) as literals, batch_rows per call. */
typedef struct lia_repl_stage {
    lia_db *db;
    const char *relpath;
    char *head;        /* "INSERT INTO ... VALUES" */
    char *tuple;       /* "(@IntegrationId, @p0, ...)" */
    int integration_id;
    int batch_rows;
    int rows;
    int64_t total;
    lia_buf sql;
} lia_repl_stage;

lia_code lia_repl_stage_open(lia_repl_stage *s, lia_db *db, const char *relpath, int integration_id,
                             int batch_rows, lia_error *err);
/* vals[i] binds @p<i>; names are filled in here. */
lia_code lia_repl_stage_row(lia_repl_stage *s, lia_param *vals, size_t n, lia_error *err);
lia_code lia_repl_stage_flush(lia_repl_stage *s, lia_error *err);
void lia_repl_stage_close(lia_repl_stage *s);


/* Test hooks: LIAISON_TEST_CRASH_AT=<point> kills the process with SIGKILL
 * at that point of a run (crash-safety tests); LIAISON_TEST_SLEEP_AT=<point>
 * holds it there 3 s (lock tests). */
void lia_repl_crash_point(const char *point);


#endif
