/* Batched staging writer: one round trip per batch_rows rows instead of one
 * per row; values are bound as typed literals by the engine's binder. */
#include "repl_internal.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char *find_last_values(const char *s)
{
    const char *last = NULL;
    for (const char *p = s; *p; p++)
        if (strncasecmp(p, "VALUES", 6) == 0)
            last = p;
    return last;
}

lia_code lia_repl_stage_open(lia_repl_stage *s, lia_db *db, const char *relpath, int integration_id,
                             int batch_rows, lia_error *err)
{
    memset(s, 0, sizeof *s);
    s->db = db;
    s->relpath = relpath;
    s->integration_id = integration_id;
    s->batch_rows = batch_rows < 1 ? 500 : batch_rows > 1000 ? 1000 : batch_rows;
    char *text = NULL;
    lia_code rc = lia_sql_load(relpath, &text, err);
    if (rc != LIA_OK)
        return rc;
    const char *v = find_last_values(text);
    const char *open = v ? strchr(v, '(') : NULL;
    const char *close = open ? strrchr(open, ')') : NULL;
    if (!close) {
        free(text);
        return lia_fail(err, LIA_E_SQL_FILE, "%s", relpath);
    }
    s->head = strndup(text, (size_t)(v - text) + 6);
    s->tuple = strndup(open, (size_t)(close - open) + 1);
    free(text);
    if (!s->head || !s->tuple)
        return lia_fail(err, LIA_E_NOMEM, "%s", relpath);
    return LIA_OK;
}

lia_code lia_repl_stage_row(lia_repl_stage *s, lia_param *vals, size_t n, lia_error *err)
{
    static char names[64][8];
    if (n > 63)
        return lia_fail(err, LIA_E_INTERNAL, "%s", s->relpath);
    lia_param p[64];
    for (size_t i = 0; i < n; i++) {
        if (!names[i][0])
            snprintf(names[i], sizeof names[i], "@p%zu", i);
        p[i] = vals[i];
        p[i].name = names[i];
    }
    p[n] = LIA_PARAM_INT("@IntegrationId", s->integration_id);
    if (s->rows == 0) {
        lia_buf_reset(&s->sql);
        lia_buf_adds(&s->sql, s->head);
        lia_buf_addc(&s->sql, '\n');
    } else {
        lia_buf_adds(&s->sql, ",\n");
    }
    lia_code rc = lia_db_bind_sql(s->tuple, p, n + 1, &s->sql, err);
    if (rc != LIA_OK)
        return rc;
    s->rows++;
    s->total++;
    return s->rows >= s->batch_rows ? lia_repl_stage_flush(s, err) : LIA_OK;
}

lia_code lia_repl_stage_flush(lia_repl_stage *s, lia_error *err)
{
    if (s->rows == 0)
        return LIA_OK;
    lia_buf_adds(&s->sql, ";\n");
    s->rows = 0;
    if (s->sql.oom)
        return lia_fail(err, LIA_E_NOMEM, "%s", s->relpath);
    lia_db_set_query_name(s->db, s->relpath);
    /* Already bound: no parameter left to substitute. */
    return lia_db_exec(s->db, lia_buf_str(&s->sql), NULL, 0, NULL, err);
}

void lia_repl_stage_close(lia_repl_stage *s)
{
    free(s->head);
    free(s->tuple);
    lia_buf_free(&s->sql);
    memset(s, 0, sizeof *s);
}

lia_code lia_repl_query_row(lia_db *db, const char *relpath, const lia_param *p, size_t np,
                            char (*out)[LIA_REPL_CELL], int n, int *found, lia_error *err)
{
    *found = 0;
    for (int i = 0; i < n; i++)
        out[i][0] = 0;
    lia_code rc = lia_db_query_file(db, relpath, p, np, err);
    if (rc != LIA_OK)
        return rc;
    int r;
    while ((r = lia_db_next_result(db, err)) == 1) {
        int f;
        while ((f = lia_db_fetch(db, err)) == 1) {
            if (*found)
                continue;
            *found = 1;
            int nc = lia_db_ncols(db);
            for (int i = 0; i < n && i < nc; i++) {
                const char *s = lia_db_str(db, i);
                snprintf(out[i], LIA_REPL_CELL, "%s", s ? s : "");
            }
        }
        if (f < 0)
            return err->code ? err->code : LIA_E_SQL;
    }
    if (r < 0)
        return err->code ? err->code : LIA_E_SQL;
    return LIA_OK;
}

void lia_repl_crash_point(const char *point)
{
    const char *want = getenv("LIAISON_TEST_CRASH_AT");
    if (want && strcmp(want, point) == 0)
        raise(SIGKILL);
    /* LIAISON_TEST_SLEEP_AT=<point>: hold the run there 3 s (lock tests). */
    want = getenv("LIAISON_TEST_SLEEP_AT");
    if (want && strcmp(want, point) == 0)
        sleep(3);
}
