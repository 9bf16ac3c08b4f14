/* sim_demo_build: loads the demo company straight into a simulator data
 * folder through the engine's own entry point (sim_exec.h): CREATE
 * DATABASE, CREATE TABLE batches, then one parameterized INSERT per row
 * inside transactions (the engine caches the statement's plan). */
#include "demo_gen.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define COMMIT_EVERY 20000

typedef struct build_ctx {
    sim_session *s;
    sim_sink sink;
    char *err;
    size_t errlen;
    int failed;
    char *insert;          /* INSERT text of the current table */
    sim_param *params;
    char (*names)[16];
    long long pending;     /* rows since the last commit */
} build_ctx;

static int on_message(void *ctx, int number, int state, int severity, const char *text, int line)
{
    build_ctx *b = ctx;
    (void)state, (void)line;
    if (severity < 11)
        return 0;
    if (!b->failed)
        snprintf(b->err, b->errlen, "SQL error %d: %s", number, text);
    b->failed = 1;
    return 1;
}
static int on_columns(void *ctx, const sim_column *c, int n) { (void)ctx, (void)c, (void)n; return 0; }
static int on_row(void *ctx, const sim_value *v, int n) { (void)ctx, (void)v, (void)n; return 0; }
static int on_done(void *ctx, int64_t c, int h, int m) { (void)ctx, (void)c, (void)h, (void)m; return 0; }
static int on_env(void *ctx, const char *o, const char *n) { (void)ctx, (void)o, (void)n; return 0; }

static int run(build_ctx *b, const char *sql, const sim_param *p, int np)
{
    if (b->failed)
        return -1;
    if (sim_exec_batch(b->s, sql, p, np, &b->sink) != 0 && !b->failed) {
        snprintf(b->err, b->errlen, "the engine stopped on: %.80s", sql);
        b->failed = 1;
    }
    return b->failed ? -1 : 0;
}

static int b_begin(void *ctx, const demo_table *t)
{
    build_ctx *b = ctx;
    free(b->insert);
    free(b->params);
    free(b->names);
    b->params = calloc((size_t)t->ncols, sizeof *b->params);
    b->names = calloc((size_t)t->ncols, sizeof *b->names);
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    if (!f || !b->params || !b->names) {
        if (f)
            fclose(f);
        free(s);
        b->insert = NULL;
        snprintf(b->err, b->errlen, "out of memory building '%s'", t->name);
        b->failed = 1;
        return -1;
    }
    fputs("INSERT INTO [dbo].", f);
    demo_quote_name(f, t->name);
    fputs(" (", f);
    int k = 0;
    for (int c = 0; c < t->ncols; c++) {
        if (t->cols[c].flags & DEMO_COL_IDENTITY)
            continue;
        fputs(k ? ", " : "", f);
        demo_quote_name(f, t->cols[c].name);
        k++;
    }
    fputs(") VALUES (", f);
    for (int i = 1; i <= k; i++)
        fprintf(f, "%s@p%d", i > 1 ? ", " : "", i);
    fputs(")", f);
    fclose(f);
    b->insert = s;
    k = 0;
    for (int c = 0; c < t->ncols; c++) {
        const demo_col *col = &t->cols[c];
        if (col->flags & DEMO_COL_IDENTITY)
            continue;
        snprintf(b->names[k], sizeof b->names[k], "@p%d", k + 1);
        sim_param *p = &b->params[k];
        p->name = b->names[k];
        p->type.kind = col->kind;
        p->type.length = col->len;
        p->type.precision = col->kind == SIM_T_DECIMAL ? 24 : 0;
        p->type.scale = col->kind == SIM_T_DECIMAL ? 6 : 0;
        p->type.nullable = 1;
        k++;
    }
    return 0;
}

static int b_row(void *ctx, const demo_table *t, const demo_val *v)
{
    build_ctx *b = ctx;
    int k = 0;
    for (int c = 0; c < t->ncols; c++) {
        if (t->cols[c].flags & DEMO_COL_IDENTITY)
            continue;
        sim_value *pv = &b->params[k++].value;
        memset(pv, 0, sizeof *pv);
        pv->is_null = v[c].is_null;
        if (v[c].is_null)
            continue;
        sim_type_kind kind = t->cols[c].kind;
        if (kind == SIM_T_SMALLINT || kind == SIM_T_INT) {
            pv->i = v[c].i;
        } else {
            pv->text = v[c].s;
            pv->len = strlen(v[c].s);
        }
    }
    if (run(b, b->insert, b->params, k) != 0)
        return -1;
    if (++b->pending >= COMMIT_EVERY) {
        b->pending = 0;
        return run(b, "COMMIT TRANSACTION; BEGIN TRANSACTION;", NULL, 0);
    }
    return 0;
}

static int exec_text(build_ctx *b, char *sql)
{
    if (!sql) {
        snprintf(b->err, b->errlen, "out of memory building the schema");
        b->failed = 1;
        return -1;
    }
    int rc = run(b, sql, NULL, 0);
    free(sql);
    return rc;
}

static char *fmt(const char *f, const char *a)
{
    size_t n = strlen(f) + strlen(a) * 2 + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, f, a, a);
    return s;
}

static int build(build_ctx *b, sim_server *srv, const demo_cfg *cfg, const sim_demo_options *opt)
{
    if (exec_text(b, fmt("CREATE DATABASE [%s];", cfg->database)) != 0 ||
        exec_text(b, fmt("USE [%s];", cfg->database)) != 0 ||
        run(b, "SET QUOTED_IDENTIFIER ON;", NULL, 0) != 0)
        return -1;
    int nt;
    const demo_table *t = demo_schema_tables(cfg->defects, &nt);
    for (int i = 0; i < nt; i++)
        if (exec_text(b, demo_create_table_sql(&t[i])) != 0)
            return -1;
    if (run(b, "BEGIN TRANSACTION;", NULL, 0) != 0)
        return -1;
    demo_writer w = {b, b_begin, b_row, NULL};
    if (demo_generate(cfg, &w, opt->manifest_path, opt->oracle_path, NULL, b->err, b->errlen) != 0) {
        b->failed = 1;
        return -1;
    }
    if (run(b, "COMMIT TRANSACTION;", NULL, 0) != 0)
        return -1;
    int ni;
    const demo_index *ix = demo_schema_indexes(&ni);
    for (int i = 0; i < ni; i++)
        if (exec_text(b, demo_create_index_sql(&ix[i])) != 0)
            return -1;
    if (sim_server_has_database(srv, cfg->crm_database) != 0 &&
        exec_text(b, fmt("CREATE DATABASE [%s];", cfg->crm_database)) != 0)
        return -1;
    return 0;
}

int sim_demo_build(const char *data_dir, const sim_demo_options *opt, char *err, size_t errlen)
{
    demo_cfg cfg;
    if (err && errlen)
        err[0] = '\0';
    if (demo_cfg_resolve(opt, &cfg, err, errlen) != 0)
        return -1;
    char e2[256] = "";
    /* A new data folder is created (its parent must exist). */
    if (mkdir(data_dir, 0777) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "cannot create the data folder '%s': %s", data_dir, strerror(errno));
        return -1;
    }
    sim_server *srv = sim_server_open(data_dir, e2, sizeof e2);
    if (!srv) {
        snprintf(err, errlen, "cannot open the data folder '%s': %s", data_dir, e2);
        return -1;
    }
    if (sim_server_has_database(srv, cfg.database) == 0) {
        snprintf(err, errlen, "database '%s' already exists in '%s': remove it or use another folder",
                 cfg.database, data_dir);
        sim_server_close(srv);
        return -1;
    }
    build_ctx b;
    memset(&b, 0, sizeof b);
    b.err = err;
    b.errlen = errlen;
    b.sink = (sim_sink){&b, on_columns, on_row, on_done, on_message, on_env, NULL};
    b.s = sim_session_new(srv, NULL, "master");
    int rc = -1;
    if (!b.s) {
        snprintf(err, errlen, "cannot open a session on '%s'", data_dir);
    } else {
        rc = build(&b, srv, &cfg, opt);
        if (rc != 0) {
            /* Never leave a half-built company behind. */
            char keep[512];
            snprintf(keep, sizeof keep, "%s", err);
            b.failed = 0;
            run(&b, "IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;", NULL, 0);
            b.failed = 0;
            run(&b, "USE [master];", NULL, 0);
            b.failed = 0;
            char *drop = fmt("DROP DATABASE [%s];", cfg.database);
            if (drop)
                run(&b, drop, NULL, 0);
            free(drop);
            /* The engine keeps a database as data_dir/<NAME>.sqlite
             * (docs/simulator.md); remove what DROP DATABASE left. */
            static const char *const ext[] = {".sqlite", ".sqlite-wal", ".sqlite-shm"};
            for (int i = 0; i < 3; i++) {
                char path[4096];
                snprintf(path, sizeof path, "%s/%s%s", data_dir, cfg.database, ext[i]);
                remove(path);
            }
            snprintf(err, errlen, "%s", keep);
        }
        sim_session_free(b.s);
    }
    free(b.insert);
    free(b.params);
    free(b.names);
    sim_server_close(srv);
    return rc;
}
