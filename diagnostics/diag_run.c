/* Runs diagnostic checks on a GesCom connection.  Every check is a SELECT
 * from sql/; nothing here writes.  Failures are per check: a permission
 * error or unreadable server metadata makes the check SKIPPED with the
 * reason, any other error FAILED, and the run continues. */
#include "liaison/db.h"
#include "liaison/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)(ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* Checks that read server metadata (sys views, msdb, another database):
 * when the server does not let the login read them (or lacks them: 208,
 * 916 no access to the database, 195 unknown function), they are skipped. */
static int reads_server(const lia_diag_check *c)
{
    return c->needs && (strcmp(c->needs, "server") == 0 || strcmp(c->needs, "msdb") == 0 ||
                        strcmp(c->needs, "crm") == 0);
}

/* Records a failed query as SKIPPED (cannot read) or FAILED; keeps the
 * connection usable for the next check. */
static void record_error(lia_db *db, const lia_diag_check *c, const lia_diag_run_opts *o,
                         lia_diag_result *res, const lia_error *e)
{
    char msg[1400];
    lia_error_format(e, msg, sizeof msg);
    res->error = e->code;
    int unreadable = e->code == LIA_E_PERMISSION ||
                     (reads_server(c) && (e->code == LIA_E_INVALID_OBJECT || e->code == LIA_E_DB_OPEN ||
                                          e->code == LIA_E_INVALID_COLUMN || e->sql_number == 916 ||
                                          e->sql_number == 195));
    if (unreadable) {
        res->status = LIA_DIAG_SKIPPED;
        lia_diag_result_set_reason(res, "%s (%s %s): %s",
                                   lia_tr("données illisibles pour cet identifiant",
                                          "data not readable with this login"),
                                   lia_tr("il faut :", "requires:"), lia_diag_permission(c), msg);
    } else if (e->code == LIA_E_TIMEOUT) {
        res->status = LIA_DIAG_FAILED;
        lia_diag_result_set_reason(res, "%s (%d s): %s",
                                   lia_tr("délai dépassé", "timed out"), o->timeout, msg);
    } else {
        res->status = LIA_DIAG_FAILED;
        lia_diag_result_set_reason(res, "%s", msg);
    }
    lia_db_cancel(db);
    if (!lia_db_alive(db)) {
        lia_error re;
        lia_error_clear(&re);
        lia_db_reconnect(db, &re);   /* a failure shows up on the next check */
    }
}

typedef struct param_set {
    lia_param p[4];
    size_t n;
    char refdate[32];
} param_set;

/* Parameters are passed only when the text uses them. */
static void params_for(const char *sql, const lia_diag_run_opts *o, param_set *ps)
{
    ps->n = 0;
    if (strstr(sql, "@RefDate")) {
        snprintf(ps->refdate, sizeof ps->refdate, "%.10s 00:00:00", o->ref_date);
        ps->p[ps->n++] = LIA_PARAM_DATETIME("@RefDate", ps->refdate);
    }
    if (strstr(sql, "@BackupDays"))
        ps->p[ps->n++] = LIA_PARAM_INT("@BackupDays", o->backup_days > 0 ? o->backup_days : 7);
    if (strstr(sql, "@CrmDatabase"))
        ps->p[ps->n++] = LIA_PARAM_TEXT("@CrmDatabase", o->crm_database ? o->crm_database : "");
}

/* Runs one text; each row adds (prefix + key, value).  A NULL key marks
 * unreadable data: *unreadable gets the row's detail. */
static int run_text(lia_db *db, const char *name, const char *sql, const lia_param *params,
                    size_t nparams, const char *key_suffix, const lia_diag_run_opts *o,
                    lia_diag_result *res, char *unreadable, size_t ulen, lia_error *err)
{
    lia_db_set_query_name(db, name);
    if (lia_db_query(db, sql, params, nparams, err) != LIA_OK)
        return -1;
    int rs;
    while ((rs = lia_db_next_result(db, err)) == 1) {
        int f;
        int nc = lia_db_ncols(db);
        while ((f = lia_db_fetch(db, err)) == 1) {
            const char *k = lia_db_str(db, 0);
            const char *v = nc > 1 ? lia_db_str(db, 1) : NULL;
            if (!k) {
                snprintf(unreadable, ulen, "%s", v ? v : "NULL");
                continue;
            }
            int rc;
            if (key_suffix) {
                size_t len = strlen(k) + strlen(key_suffix) + 2;
                char *kk = malloc(len);
                if (!kk)
                    return -2;
                snprintf(kk, len, "%s/%s", k, key_suffix);
                rc = lia_diag_result_add(res, kk, v, o->key_cap);
                free(kk);
            } else {
                rc = lia_diag_result_add(res, k, v, o->key_cap);
            }
            if (rc != 0)
                return -2;
        }
        if (f < 0)
            return -1;
    }
    return rs < 0 ? -1 : 0;
}

/* "[name]" with ']' doubled: identifiers cannot be parameters. */
char *lia_diag_sql_column(const char *tmpl, const char *column)
{
    static const char ph[] = "[__COLUMN__]";
    lia_buf q = LIA_BUF_INIT, out = LIA_BUF_INIT;
    lia_buf_addc(&q, '[');
    for (const char *p = column; *p; p++) {
        if (*p == ']')
            lia_buf_addc(&q, ']');
        lia_buf_addc(&q, *p);
    }
    lia_buf_addc(&q, ']');
    const char *p = tmpl, *hit;
    while ((hit = strstr(p, ph))) {
        lia_buf_add(&out, p, (size_t)(hit - p));
        lia_buf_adds(&out, lia_buf_str(&q));
        p = hit + sizeof ph - 1;
    }
    lia_buf_adds(&out, p);
    lia_buf_free(&q);
    if (out.oom) {
        lia_buf_free(&out);
        return NULL;
    }
    return out.data ? out.data : strdup("");
}

/* Two-step checks: the first text lists (field, position), the second runs
 * once per field. */
static int run_each(lia_db *db, const lia_diag_check *c, const char *first, const lia_diag_run_opts *o,
                    lia_diag_result *res, char *unreadable, size_t ulen, lia_error *err)
{
    lia_diag_result fields;
    memset(&fields, 0, sizeof fields);
    param_set ps;
    params_for(first, o, &ps);
    int rc = run_text(db, c->sql, first, ps.p, ps.n, NULL, o, &fields, unreadable, ulen, err);
    char *tmpl = NULL;
    if (rc == 0 && lia_sql_load(c->sql_each, &tmpl, err) != LIA_OK)
        rc = -1;
    for (size_t i = 0; rc == 0 && i < fields.nkeys; i++) {
        char *sql = lia_diag_sql_column(tmpl, fields.keys[i]);
        if (!sql) {
            rc = -2;
            break;
        }
        param_set ps2;
        params_for(sql, o, &ps2);
        long pos = fields.values[i] ? strtol(fields.values[i], NULL, 10) : 0;
        ps2.p[ps2.n++] = LIA_PARAM_INT("@FieldPos", pos);
        rc = run_text(db, c->sql_each, sql, ps2.p, ps2.n, fields.keys[i], o, res, unreadable, ulen, err);
        free(sql);
    }
    free(tmpl);
    lia_diag_result_clear(&fields);
    return rc;
}

static int run_one(lia_db *db, const lia_diag_check *c, const lia_diag_run_opts *o,
                   const char *database, lia_diag_result *res)
{
    lia_error e;
    lia_error_clear(&e);
    if (o->skip && lia_diag_skip_match(o->skip, c->id, database)) {
        res->status = LIA_DIAG_SKIPPED;
        lia_diag_result_set_reason(res, "%s '%s'", lia_tr("ignoré par la liste", "skipped by the list"),
                                   o->skip_path ? o->skip_path : "");
        return 0;
    }
    if (c->needs && strcmp(c->needs, "crm") == 0 && (!o->crm_database || !*o->crm_database)) {
        res->status = LIA_DIAG_SKIPPED;
        lia_diag_result_set_reason(res, "%s", lia_tr("aucune base CRM indiquée (--crm-database ou section [crm])",
                                                     "no CRM database given (--crm-database or a [crm] section)"));
        return 0;
    }
    if (c->needs && strcmp(c->needs, "gescom-numbering") == 0 && !o->gescom_numbering) {
        res->status = LIA_DIAG_SKIPPED;
        lia_diag_result_set_reason(res, "%s", lia_tr("l'intégration n'utilise pas la numérotation GesCom (--numbering crm)",
                                                     "the integration does not use GesCom numbering (--numbering crm)"));
        return 0;
    }
    char *sql = NULL;
    if (lia_sql_load(c->sql, &sql, &e) != LIA_OK) {
        res->status = LIA_DIAG_FAILED;
        res->error = e.code;
        char msg[1400];
        lia_diag_result_set_reason(res, "%s", lia_error_format(&e, msg, sizeof msg));
        return 0;
    }
    char unreadable[512] = "";
    int rc;
    if (c->sql_each) {
        rc = run_each(db, c, sql, o, res, unreadable, sizeof unreadable, &e);
    } else {
        param_set ps;
        params_for(sql, o, &ps);
        rc = run_text(db, c->sql, sql, ps.p, ps.n, NULL, o, res, unreadable, sizeof unreadable, &e);
    }
    free(sql);
    if (rc == -2)
        return -1;
    if (rc < 0) {
        record_error(db, c, o, res, &e);
        return 0;
    }
    if (unreadable[0]) {
        res->status = LIA_DIAG_SKIPPED;
        lia_diag_result_set_reason(res, "%s '%s' (%s %s)",
                                   lia_tr("données illisibles pour cet identifiant",
                                          "data not readable with this login"),
                                   unreadable, lia_tr("il faut :", "requires:"), lia_diag_permission(c));
        return 0;
    }
    res->status = res->count > 0 ? LIA_DIAG_FOUND : LIA_DIAG_CLEAN;
    return 0;
}

lia_code lia_diag_run(lia_db *db, const lia_diag_check *const *sel, size_t nsel,
                      const lia_diag_run_opts *o, lia_diag_report *r, lia_error *err)
{
    long t0 = now_ms();
    r->results = calloc(nsel ? nsel : 1, sizeof *r->results);
    if (!r->results)
        return lia_fail(err, LIA_E_NOMEM, "diagnose");
    r->n = nsel;
    for (size_t i = 0; i < nsel; i++) {
        lia_diag_result *res = &r->results[i];
        res->check = sel[i];
        if (o->progress)
            o->progress(o->progress_ctx, i, nsel, sel[i]);
        long t = now_ms();
        if (run_one(db, sel[i], o, r->database, res) != 0)
            return lia_fail(err, LIA_E_NOMEM, "%s", sel[i]->id);
        res->elapsed_ms = now_ms() - t;
    }
    if (o->progress)
        o->progress(o->progress_ctx, nsel, nsel, NULL);
    r->elapsed_ms = now_ms() - t0;
    return LIA_OK;
}
