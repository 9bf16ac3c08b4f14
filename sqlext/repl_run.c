/* One replication run of one integration: GesCom is read with SELECT only,
 * the CRM database is written in one transaction that also advances the
 * change pointer, so a crash at any point leaves either the previous state
 * or the new one, never a mix (docs/replication.md). */
#include "repl_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define JOB "replicate"

typedef struct def {
    char source[20];
    char *name;
    char *column;
    int cb_type, len, pos, has_column;
    const char *kind;
} def;

/* Deletion sentinel of one GesCom document table (docs/replication.md). */
typedef struct sentinel {
    int known;             /* 0: NULL in the CRM, or not to be stored */
    int64_t ident, count, marq_sum;
    int64_t win_count, win_marq_sum; /* rows of the next run's overlap */
} sentinel;

typedef struct run {
    lia_db *g, *crm;
    const lia_repl_opts *o;
    lia_journal *j;
    lia_repl_counters *c;
    int integration_id;
    lia_repl_window w;
    char since[20];        /* "" = full read */
    char values_since[20]; /* "" = every tiers' values */
    char new_pointer[20];
    char window_key[100], options_key[100], defs_key[65];
    def *defs;
    size_t ndefs;
    sentinel stored[2];    /* F_DOCENTETE, F_DOCLIGNE: what the last run stored */
    sentinel taken[2];     /* the same, taken by this run before it reads */
    char stored_since[20], stored_clock[20]; /* "" = not stored */
    char next_since[20], clock[20];           /* the same, for the next run */
    int skip_line_check;   /* the sentinels say no document read before went away */
} run;

void lia_repl_opts_defaults(lia_repl_opts *o)
{
    memset(o, 0, sizeof *o);
    o->integration = "default";
    o->customers = 1;
    o->suppliers = 1;
    o->prospects = 1;
    o->include_dormant = 1;
    o->full_resync_hour = 2;
    o->overlap_minutes = 2;
    o->batch_rows = 500;
}

static void event(run *r, lia_level lvl, const char *entity, const char *op, const char *msg,
                  const char *extra)
{
    if (!r->j)
        return;
    lia_event ev = {lvl, "ERP>CRM", entity, op, NULL, NULL, NULL, NULL, msg, extra};
    lia_journal_event(r->j, &ev);
}

/* An event with its catalogue code, so that `liaison analyze` classifies it
 * and points to the diagnostic check that finds the cause. */
static void event_code(run *r, lia_level lvl, const char *entity, const char *code,
                       const char *msg)
{
    if (!r->j)
        return;
    lia_event ev = {lvl, "ERP>CRM", entity, "PULL", NULL, NULL, code, NULL, msg, NULL};
    lia_journal_event(r->j, &ev);
}

static void progress(run *r, const char *fmt, long long n)
{
    if (!r->o->progress)
        return;
    fprintf(r->o->progress, "\r");
    fprintf(r->o->progress, fmt, n);
    fflush(r->o->progress);
}

static int stopping(const run *r)
{
    return r->o->stop && *r->o->stop;
}

static void free_defs(run *r)
{
    for (size_t i = 0; i < r->ndefs; i++) {
        free(r->defs[i].name);
        free(r->defs[i].column);
    }
    free(r->defs);
    r->defs = NULL;
    r->ndefs = 0;
}

/* Scope parameters shared by the GesCom queries. */
static size_t scope_params(const run *r, lia_param *p)
{
    const lia_repl_opts *o = r->o;
    size_t n = 0;
    p[n++] = LIA_PARAM_INT("@Clients", o->customers ? 1 : 0);
    p[n++] = LIA_PARAM_INT("@Fournisseurs", o->suppliers ? 1 : 0);
    p[n++] = LIA_PARAM_INT("@Prospects", o->prospects ? 1 : 0);
    p[n++] = LIA_PARAM_INT("@Sommeil", o->include_dormant ? 1 : 0);
    p[n++] = LIA_PARAM_DATETIME("@DebN", r->w.deb_n);
    p[n++] = LIA_PARAM_DATETIME("@FinNx", r->w.fin_n_x);
    p[n++] = LIA_PARAM_DATETIME("@DebN1", r->w.deb_n1);
    p[n++] = LIA_PARAM_DATETIME("@FinN1x", r->w.fin_n1_x);
    return n;
}

static lia_code read_window(run *r, lia_error *err)
{
    char row[11][LIA_REPL_CELL];
    int found;
    lia_code rc = lia_repl_query_row(r->g, "replicate/gescom_exercices.sql", NULL, 0, row, 11, &found, err);
    if (rc != LIA_OK)
        return rc;
    if (!found && !r->o->calendar_years)
        return lia_fail(err, LIA_E_FISCAL_YEAR, "P_DOSSIER");
    const char *deb[5], *fin[5];
    for (int i = 0; i < 5; i++) {
        deb[i] = row[i * 2];
        fin[i] = row[i * 2 + 1];
    }
    char ref[11];
    snprintf(ref, sizeof ref, "%.10s", r->o->reference_date ? r->o->reference_date : row[10]);
    if (!ref[0]) {
        time_t now = time(NULL);
        strftime(ref, sizeof ref, "%Y-%m-%d", localtime(&now));
    }
    rc = lia_repl_fiscal_window(deb, fin, ref, r->o->calendar_years, &r->w, err);
    if (rc != LIA_OK)
        return rc;
    snprintf(r->window_key, sizeof r->window_key, "%s/%s/%s/%s", r->w.deb_n, r->w.fin_n, r->w.deb_n1,
             r->w.fin_n1);
    return LIA_OK;
}

static void max_pointer(run *r, const char *v)
{
    if (v[0] && strcmp(v, r->new_pointer) > 0)
        snprintf(r->new_pointer, sizeof r->new_pointer, "%.19s", v);
}

static lia_param sentinel_param(const char *name, const sentinel *s, int64_t v)
{
    return s->known ? LIA_PARAM_BIGINT(name, v) : LIA_PARAM_NULL(name);
}

/* Changed document rows of one change-pointer value (gescom_changes.sql). */
typedef struct bucket {
    int table;             /* 0 F_DOCENTETE, 1 F_DOCLIGNE */
    char at[20];
    int64_t all_count, all_sum, old_count, old_sum;
} bucket;

static lia_code read_changes(run *r, const char *from, bucket **out, size_t *n, lia_error *err)
{
    lia_param p[3] = {LIA_PARAM_DATETIME("@From", from),
                      sentinel_param("@EnteteMarq", &r->stored[0], r->stored[0].ident),
                      sentinel_param("@LigneMarq", &r->stored[1], r->stored[1].ident)};
    size_t cap = 0;
    *n = 0;
    lia_code rc = lia_db_query_file(r->g, "replicate/gescom_changes.sql", p, 3, err);
    int res = 0, f = 0;
    while (rc == LIA_OK && (res = lia_db_next_result(r->g, err)) == 1) {
        while ((f = lia_db_fetch(r->g, err)) == 1) {
            const char *t = lia_db_str(r->g, 0), *at = lia_db_str(r->g, 1);
            if (!t || !at)
                continue;
            if (*n == cap) {
                cap = cap ? cap * 2 : 64;
                bucket *nb = realloc(*out, cap * sizeof *nb);
                if (!nb) {
                    lia_db_cancel(r->g);
                    return lia_fail(err, LIA_E_NOMEM, "gescom_changes.sql");
                }
                *out = nb;
            }
            bucket *b = &(*out)[(*n)++];
            memset(b, 0, sizeof *b);
            b->table = t[0] == 'L';
            snprintf(b->at, sizeof b->at, "%.19s", at);
            lia_db_int64(r->g, 2, &b->all_count);
            lia_db_int64(r->g, 3, &b->all_sum);
            lia_db_int64(r->g, 4, &b->old_count);
            lia_db_int64(r->g, 5, &b->old_sum);
        }
        if (f < 0)
            break;
    }
    return (res < 0 || f < 0) ? (err->code ? err->code : LIA_E_SQL) : rc;
}

/* Takes the change pointer and the deletion sentinels before reading, and
 * decides whether an incremental run can skip the deletion check.  Skipped
 * only when, in both document tables: the rows at or below the identity the
 * last run stored are all still there (count and sum of cbMarq); the old rows
 * in this run's overlap are those the last run saw there (none changed since
 * it read: such a change may move a document away from a tiers this run does
 * not read again); and none of them carries a pointer between the last run's
 * GesCom clock, less the overlap, and now (changed again within the same
 * minutes).  Like the change pointer itself, this trusts that a change made
 * after a run is stamped at or after that run's overlap: a row below it is
 * neither re-read nor suspected.
 * Missing figures (first run after an upgrade, inserts during the last run,
 * options changed) mean the check runs.  docs/replication.md */
static lia_code read_pointer(run *r, lia_error *err)
{
    char row[11][LIA_REPL_CELL];
    int found;
    int incremental = r->since[0] != 0;
    int overlap = r->o->overlap_minutes > 0 ? r->o->overlap_minutes : 0;
    r->new_pointer[0] = 0;
    lia_code rc = lia_repl_query_row(r->g, incremental ? "replicate/gescom_pointer_tiers.sql"
                                                       : "replicate/gescom_pointer.sql",
                                     NULL, 0, row, incremental ? 2 : 4, &found, err);
    if (rc != LIA_OK)
        return rc;
    for (int i = 0; i < (incremental ? 2 : 4); i++)
        max_pointer(r, row[i]);
    lia_param p[2] = {sentinel_param("@EnteteMarq", &r->stored[0], r->stored[0].ident),
                      sentinel_param("@LigneMarq", &r->stored[1], r->stored[1].ident)};
    rc = lia_repl_query_row(r->g, "replicate/gescom_sentinel.sql", p, 2, row, 11, &found, err);
    if (rc != LIA_OK)
        return rc;
    snprintf(r->clock, sizeof r->clock, "%.19s", found ? row[0] : "");
    char recent_from[20] = "", recent_to[20] = "";
    if (!r->stored_clock[0] || lia_repl_add_minutes(r->stored_clock, -overlap, recent_from) != 0)
        recent_from[0] = 0;
    if (!r->clock[0] || lia_repl_add_minutes(r->clock, 1, recent_to) != 0)
        recent_to[0] = 0;
    /* The stored overlap figures describe this run's overlap only when both
     * runs place it alike (same pointer, same overlap minutes). */
    int unchanged = incremental && recent_from[0] && recent_to[0] && r->stored_since[0] &&
                    strncmp(r->stored_since, r->since, 16) == 0;
    for (int t = 0; t < 2; t++) {
        char (*c)[LIA_REPL_CELL] = row + 1 + t * 5;
        sentinel *now = &r->taken[t];
        now->known = found && c[0][0] != 0;
        now->ident = atoll(c[0]);
        now->count = atoll(c[1]) + atoll(c[3]);
        now->marq_sum = atoll(c[2]) + atoll(c[4]);
        const sentinel *was = &r->stored[t];
        if (!was->known || atoll(c[1]) != was->count || atoll(c[2]) != was->marq_sum)
            unchanged = 0;
    }
    /* The changed rows of this run's overlap; a full run first needs the
     * pointer (all four tables) to know where the next run's overlap starts. */
    char from[20];
    if (incremental)
        snprintf(from, sizeof from, "%s", r->since);
    else if (!r->new_pointer[0] || lia_repl_add_minutes(r->new_pointer, -overlap, from) != 0)
        from[0] = 0;
    bucket *b = NULL;
    size_t nb = 0;
    r->next_since[0] = 0;
    for (int pass = 0; rc == LIA_OK && from[0] && pass < 3; pass++) {
        rc = read_changes(r, from, &b, &nb, err);
        for (size_t i = 0; rc == LIA_OK && i < nb; i++)
            max_pointer(r, b[i].at);
        if (rc != LIA_OK || !r->new_pointer[0] ||
            lia_repl_add_minutes(r->new_pointer, -overlap, r->next_since) != 0) {
            r->next_since[0] = 0;
            break;
        }
        /* A pointer lower than the rows read (rows deleted): read again from it. */
        if (strcmp(r->next_since, from) >= 0)
            break;
        snprintf(from, sizeof from, "%s", r->next_since);
        r->next_since[0] = 0;
    }
    int64_t win[2][2] = {{0, 0}, {0, 0}}, recent = 0;
    for (int t = 0; t < 2; t++)
        r->taken[t].win_count = r->taken[t].win_marq_sum = 0;
    for (size_t i = 0; rc == LIA_OK && i < nb; i++) {
        const bucket *k = &b[i];
        if (incremental && strcmp(k->at, r->since) >= 0) {
            win[k->table][0] += k->old_count;
            win[k->table][1] += k->old_sum;
        }
        if (incremental && recent_from[0] && strcmp(k->at, r->since) >= 0 && strcmp(k->at, recent_from) >= 0 &&
            strcmp(k->at, recent_to) <= 0)
            recent += k->old_count;
        if (r->next_since[0] && strcmp(k->at, r->next_since) >= 0) {
            r->taken[k->table].win_count += k->all_count;
            r->taken[k->table].win_marq_sum += k->all_sum;
        }
    }
    free(b);
    if (rc != LIA_OK)
        return rc;
    for (int t = 0; t < 2; t++) {
        if (!r->next_since[0] || !r->clock[0])
            r->taken[t].known = 0;
        if (win[t][0] != r->stored[t].win_count || win[t][1] != r->stored[t].win_marq_sum)
            unchanged = 0;
    }
    r->skip_line_check = unchanged && recent == 0;
    return LIA_OK;
}

/* After reading: an identity that moved means rows were inserted while the
 * run read, some perhaps into the copy above the identity taken before; the
 * sentinels are then not stored and the next run checks for deletions. */
static lia_code settle_sentinels(run *r, lia_error *err)
{
    char row[2][LIA_REPL_CELL];
    int found;
    lia_code rc = lia_repl_query_row(r->g, "replicate/gescom_ident.sql", NULL, 0, row, 2, &found, err);
    for (int t = 0; rc == LIA_OK && t < 2; t++)
        if (!found || !row[t][0] || atoll(row[t]) != r->taken[t].ident)
            r->taken[t].known = 0;
    return rc;
}

static lia_code read_defs(run *r, lia_error *err)
{
    lia_code rc = lia_db_query_file(r->g, "replicate/gescom_defs.sql", NULL, 0, err);
    if (rc != LIA_OK)
        return rc;
    lia_buf key = LIA_BUF_INIT;
    size_t cap = 0;
    int res, f = 0;
    while ((res = lia_db_next_result(r->g, err)) == 1) {
        while ((f = lia_db_fetch(r->g, err)) == 1) {
            const char *src = lia_db_str(r->g, 0);
            const char *name = lia_db_str(r->g, 1);
            int64_t t = 0, len = 0, pos = 0, has = 0;
            lia_db_int64(r->g, 2, &t);
            lia_db_int64(r->g, 3, &len);
            lia_db_int64(r->g, 4, &pos);
            const char *col = lia_db_str(r->g, 5);
            lia_db_int64(r->g, 6, &has);
            if (!src || !name || !col)
                continue;
            const char *kind = lia_repl_value_kind((int)t);
            if (!kind || !has) {
                char msg[300];
                snprintf(msg, sizeof msg, "%s '%s'",
                         lia_tr(!kind ? "information libre de type inconnu, non répliquée"
                                      : "information libre sans colonne dans F_COMPTET, non répliquée",
                                !kind ? "free field of unknown type, not replicated"
                                      : "free field without a column in F_COMPTET, not replicated"),
                         name);
                event_code(r, LIA_LVL_WARN, "INFOLIBRE", "ERP-INFO-0601", msg);
                continue;
            }
            int dup = 0;
            for (size_t k = 0; k < r->ndefs && !dup; k++)
                dup = strcmp(r->defs[k].source, src) == 0 && strcasecmp(r->defs[k].name, name) == 0;
            if (dup) {
                /* Two statistics with one label: the first one is replicated. */
                char msg[300];
                snprintf(msg, sizeof msg, "%s '%s'",
                         lia_tr("libellé en double, seul le premier champ est répliqué",
                                "duplicate label, only the first field is replicated"),
                         name);
                event(r, LIA_LVL_WARN, "INFOLIBRE", "PULL", msg, NULL);
                continue;
            }
            if (r->ndefs == cap) {
                cap = cap ? cap * 2 : 32;
                def *nd = realloc(r->defs, cap * sizeof *nd);
                if (!nd) {
                    lia_buf_free(&key);
                    return lia_fail(err, LIA_E_NOMEM, "cbSysLibre");
                }
                r->defs = nd;
            }
            def *d = &r->defs[r->ndefs++];
            memset(d, 0, sizeof *d);
            snprintf(d->source, sizeof d->source, "%s", src);
            d->name = strdup(name);
            d->column = strdup(col);
            d->cb_type = (int)t;
            d->len = (int)len;
            d->pos = (int)pos;
            d->has_column = 1;
            d->kind = kind;
            lia_buf_printf(&key, "%s\t%s\t%d\t%s\n", src, name, (int)t, col);
        }
        if (f < 0)
            break;
    }
    char hex[65];
    lia_inst_checksum(lia_buf_str(&key), key.len, hex);
    snprintf(r->defs_key, sizeof r->defs_key, "%s", hex);
    lia_buf_free(&key);
    return (res < 0 || f < 0) ? (err->code ? err->code : LIA_E_SQL) : LIA_OK;
}

static lia_code stage_defs(run *r, lia_error *err)
{
    lia_repl_stage s;
    lia_code rc = lia_repl_stage_open(&s, r->crm, "replicate/crm_stage_def.sql", r->integration_id,
                                      r->o->batch_rows, err);
    for (size_t i = 0; rc == LIA_OK && i < r->ndefs; i++) {
        def *d = &r->defs[i];
        lia_param p[6] = {LIA_PARAM_TEXT("", d->source), LIA_PARAM_TEXT("", d->name),
                          LIA_PARAM_INT("", d->cb_type), LIA_PARAM_TEXT("", d->kind),
                          LIA_PARAM_INT("", d->len), LIA_PARAM_INT("", d->pos)};
        rc = lia_repl_stage_row(&s, p, 6, err);
    }
    if (rc == LIA_OK)
        rc = lia_repl_stage_flush(&s, err);
    lia_repl_stage_close(&s);
    return rc;
}

/* Ends a staged read of GesCom: a read error or a stop cancels the query
 * still running there, otherwise the last batch goes to the CRM; the stage is
 * closed either way. */
static lia_code finish_stage(run *r, lia_repl_stage *s, lia_code rc, int read_failed, lia_error *err)
{
    if (rc == LIA_OK && read_failed)
        rc = err->code ? err->code : LIA_E_SQL;
    if (rc != LIA_OK || stopping(r))
        lia_db_cancel(r->g);
    if (rc == LIA_OK && stopping(r))
        rc = lia_fail(err, LIA_E_INTERRUPTED, "SIGTERM");
    if (rc == LIA_OK)
        rc = lia_repl_stage_flush(s, err);
    lia_repl_stage_close(s);
    return rc;
}

/* Column types of gescom_tiers.sql, in order: t text, i integer, d decimal, w datetime. */
static const char tiers_types[] = "ttititttttittdtiddiiwii";

/* Stages in the GesCom session's #lia_tiers the tiers gescom_tiers.sql then
 * reads: all of them (since NULL) or those a change pointer touched. */
static lia_code stage_keys(lia_db *g, const char *since, lia_error *err)
{
    lia_param p[1] = {since && since[0] ? LIA_PARAM_DATETIME("@Since", since) : LIA_PARAM_NULL("@Since")};
    return lia_db_exec_file(g, "replicate/gescom_keys.sql", p, 1, NULL, err);
}

static lia_code stage_tiers(run *r, lia_error *err)
{
    lia_param sp[16];
    size_t n = scope_params(r, sp);
    lia_repl_stage s;
    lia_code rc = lia_repl_stage_open(&s, r->crm, "replicate/crm_stage_tiers.sql", r->integration_id,
                                      r->o->batch_rows, err);
    if (rc != LIA_OK)
        return rc;
    rc = stage_keys(r->g, r->since, err);
    if (rc == LIA_OK)
        rc = lia_db_query_file(r->g, "replicate/gescom_tiers.sql", sp, n, err);
    int res = 0, f = 0;
    while (rc == LIA_OK && (res = lia_db_next_result(r->g, err)) == 1) {
        while ((f = lia_db_fetch(r->g, err)) == 1) {
            lia_param p[23];
            for (int i = 0; i < 23; i++) {
                const char *v = lia_db_str(r->g, i);
                char t = tiers_types[i];
                p[i] = t == 't' ? LIA_PARAM_TEXT("", v)
                       : t == 'w' ? LIA_PARAM_DATETIME("", v) : LIA_PARAM_DECIMAL("", v);
                if (!v)
                    p[i].type = LIA_P_NULL;
            }
            rc = lia_repl_stage_row(&s, p, 23, err);
            if (rc != LIA_OK || stopping(r))
                break;
            r->c->read++;
            if (r->c->read % 1000 == 0)
                progress(r, lia_tr("tiers lus : %lld", "tiers read: %lld"), (long long)r->c->read);
        }
        if (rc != LIA_OK || f < 0 || stopping(r))
            break;
    }
    rc = finish_stage(r, &s, rc, res < 0 || f < 0, err);
    if (rc == LIA_OK)
        rc = lia_db_exec_file(r->g, "replicate/gescom_keys_drop.sql", NULL, 0, NULL, err);
    return rc;
}

static lia_code stage_values(run *r, lia_error *err)
{
    if (r->ndefs == 0)
        return LIA_OK;
    char *tmpl = NULL;
    lia_code rc = lia_sql_load("replicate/gescom_values.sql", &tmpl, err);
    if (rc != LIA_OK)
        return rc;
    const char **rep = calloc(r->ndefs, sizeof *rep);
    lia_buf *q = calloc(r->ndefs, sizeof *q);
    lia_buf sql = LIA_BUF_INIT;
    if (!rep || !q) {
        free(tmpl);
        free(rep);
        free(q);
        return lia_fail(err, LIA_E_NOMEM, "gescom_values.sql");
    }
    for (size_t i = 0; i < r->ndefs; i++) {
        lia_repl_quote_ident(&q[i], r->defs[i].column);
        rep[i] = lia_buf_str(&q[i]);
    }
    static const char *const tok[] = {"[__column__]"};
    if (lia_repl_expand_columns(tmpl, tok, 1, rep, r->ndefs, &sql) != 0)
        rc = lia_fail(err, LIA_E_SQL_FILE, "replicate/gescom_values.sql");
    lia_param sp[16];
    size_t n = scope_params(r, sp);
    sp[n++] = r->values_since[0] ? LIA_PARAM_DATETIME("@Since", r->values_since) : LIA_PARAM_NULL("@Since");
    lia_repl_stage s;
    memset(&s, 0, sizeof s);
    if (rc == LIA_OK)
        rc = lia_repl_stage_open(&s, r->crm, "replicate/crm_stage_value.sql", r->integration_id,
                                 r->o->batch_rows, err);
    if (rc == LIA_OK) {
        lia_db_set_query_name(r->g, "replicate/gescom_values.sql");
        rc = lia_db_query(r->g, lia_buf_str(&sql), sp, n, err);
    }
    int res = 0, f = 0;
    while (rc == LIA_OK && (res = lia_db_next_result(r->g, err)) == 1) {
        while ((f = lia_db_fetch(r->g, err)) == 1) {
            const char *ct = lia_db_str(r->g, 0);
            char ctnum[64];
            snprintf(ctnum, sizeof ctnum, "%s", ct ? ct : "");
            for (size_t i = 0; i < r->ndefs && rc == LIA_OK; i++) {
                const char *v = lia_db_str(r->g, (int)i + 1);
                char num[64];
                if (v && strcmp(r->defs[i].kind, "date") == 0 && lia_repl_date_sentinel(v))
                    v = NULL;
                /* A float column prints with an exponent that CAST to decimal refuses. */
                if (v && strcmp(r->defs[i].kind, "number") == 0 && strpbrk(v, "eE")) {
                    snprintf(num, sizeof num, "%.6f", strtod(v, NULL));
                    v = num;
                }
                lia_param p[4] = {LIA_PARAM_TEXT("", ctnum), LIA_PARAM_TEXT("", r->defs[i].source),
                                  LIA_PARAM_TEXT("", r->defs[i].name), LIA_PARAM_TEXT("", v)};
                rc = lia_repl_stage_row(&s, p, 4, err);
                r->c->values_read++;
            }
            if (rc != LIA_OK || stopping(r))
                break;
        }
        if (rc != LIA_OK || f < 0 || stopping(r))
            break;
    }
    rc = finish_stage(r, &s, rc, res < 0 || f < 0, err);
    for (size_t i = 0; i < r->ndefs; i++)
        lia_buf_free(&q[i]);
    free(q);
    free(rep);
    free(tmpl);
    lia_buf_free(&sql);
    return rc;
}

/* Reads the counts row an apply script returns. */
static lia_code apply(run *r, const char *file, const lia_param *p, size_t n, int64_t *a, int64_t *b,
                      int64_t *c, lia_error *err)
{
    char row[3][LIA_REPL_CELL];
    int found;
    lia_code rc = lia_repl_query_row(r->crm, file, p, n, row, 3, &found, err);
    if (rc != LIA_OK)
        return rc;
    if (a)
        *a += atoll(row[0]);
    if (b)
        *b += atoll(row[1]);
    if (c)
        *c += atoll(row[2]);
    return LIA_OK;
}

/* Compares the fingerprints of GesCom and of the CRM copy (after apply, in
 * the transaction): different means something was deleted or left scope. */
static lia_code fingerprints_equal(run *r, int *equal, lia_error *err)
{
    lia_param sp[16];
    size_t n = scope_params(r, sp);
    char g[4][LIA_REPL_CELL], c[4][LIA_REPL_CELL];
    int found;
    /* With the sentinels unchanged only tiers can have gone: their part of
     * the fingerprint is compared, not the scan of every invoice line. */
    int cols = r->skip_line_check ? 2 : 4;
    lia_code rc = lia_repl_query_row(r->g, r->skip_line_check ? "replicate/gescom_totals_tiers.sql"
                                                              : "replicate/gescom_totals.sql",
                                     sp, r->skip_line_check ? 4 : n, g, cols, &found, err);
    if (rc != LIA_OK)
        return rc;
    lia_param cp[1] = {LIA_PARAM_INT("@IntegrationId", r->integration_id)};
    rc = lia_repl_query_row(r->crm, "replicate/crm_totals.sql", cp, 1, c, 4, &found, err);
    if (rc != LIA_OK)
        return rc;
    *equal = 1;
    for (int i = 0; i < cols; i++)
        if (atoll(g[i]) != atoll(c[i]))
            *equal = 0;
    return LIA_OK;
}

static void rollback_quietly(lia_db *db)
{
    lia_error e;
    lia_error_clear(&e);
    lia_db_rollback(db, &e);
}

/* The transaction: stage, apply, check, view, pointer, commit. */
static lia_code transaction(run *r, int full, int *redo_full, lia_error *err)
{
    lia_repl_counters *c = r->c;
    int64_t dummy = 0;
    lia_param ip[1] = {LIA_PARAM_INT("@IntegrationId", r->integration_id)};
    *redo_full = 0;
    lia_repl_crash_point("before_tx");
    lia_code rc = lia_db_begin(r->crm, err);
    if (rc == LIA_OK)
        rc = lia_db_exec_file(r->crm, "replicate/crm_stage_clear.sql", ip, 1, NULL, err);
    if (rc == LIA_OK)
        rc = stage_defs(r, err);
    if (rc == LIA_OK)
        rc = apply(r, "replicate/crm_apply_defs.sql", ip, 1, &c->defs_changed, NULL, NULL, err);
    if (rc == LIA_OK)
        rc = stage_tiers(r, err);
    lia_repl_crash_point("after_stage_tiers");
    if (rc == LIA_OK)
        rc = stage_values(r, err);
    lia_repl_crash_point("after_stage");
    if (rc == LIA_OK) {
        lia_param p[6] = {LIA_PARAM_INT("@IntegrationId", r->integration_id),
                          LIA_PARAM_INT("@Full", full),
                          LIA_PARAM_DATETIME("@DebN", r->w.deb_n),
                          LIA_PARAM_DATETIME("@FinN", r->w.fin_n),
                          LIA_PARAM_DATETIME("@DebN1", r->w.deb_n1),
                          LIA_PARAM_DATETIME("@FinN1", r->w.fin_n1)};
        rc = apply(r, "replicate/crm_apply_tiers.sql", p, 6, &c->created, &c->updated, &c->deleted, err);
    }
    if (rc == LIA_OK)
        rc = apply(r, "replicate/crm_apply_values.sql", ip, 1, &c->created, &c->updated, NULL, err);
    if (rc == LIA_OK && r->o->purge_removed)
        rc = apply(r, "replicate/crm_purge_removed.sql", ip, 1, &c->purged, NULL, NULL, err);
    lia_repl_crash_point("after_apply");
    if (rc == LIA_OK && !full) {
        int equal = 1;
        c->deletion_check = r->skip_line_check ? 2 : 1;
        rc = fingerprints_equal(r, &equal, err);
        if (rc == LIA_OK && !equal) {
            rollback_quietly(r->crm);
            *redo_full = 1;
            return LIA_OK;
        }
    }
    if (rc == LIA_OK && (c->defs_changed > 0 || c->purged > 0 || full))
        rc = lia_repl_view_regenerate(r->crm, err);
    if (rc == LIA_OK)
        rc = lia_db_exec_file(r->crm, "replicate/crm_stage_clear.sql", ip, 1, NULL, err);
    if (rc == LIA_OK)
        rc = settle_sentinels(r, err);
    if (rc == LIA_OK) {
        const sentinel *e = &r->taken[0], *l = &r->taken[1];
        int both = e->known && l->known;
        lia_param p[21] = {
            LIA_PARAM_INT("@IntegrationId", r->integration_id),
            LIA_PARAM_TEXT("@Job", JOB),
            r->new_pointer[0] ? LIA_PARAM_DATETIME("@LastPointer", r->new_pointer)
                              : LIA_PARAM_NULL("@LastPointer"),
            LIA_PARAM_TEXT("@WindowKey", r->window_key),
            LIA_PARAM_TEXT("@OptionsKey", r->options_key),
            LIA_PARAM_TEXT("@DefsKey", r->defs_key),
            LIA_PARAM_INT("@Full", full),
            LIA_PARAM_TEXT("@RunId", r->o->run_id ? r->o->run_id : "-"),
            LIA_PARAM_TEXT("@Outcome", "SUCCES"),
            sentinel_param("@EnteteMarq", e, e->ident),
            sentinel_param("@EnteteCount", e, e->count),
            sentinel_param("@EnteteMarqSum", e, e->marq_sum),
            sentinel_param("@LigneMarq", l, l->ident),
            sentinel_param("@LigneCount", l, l->count),
            sentinel_param("@LigneMarqSum", l, l->marq_sum),
            sentinel_param("@EnteteWinCount", e, e->win_count),
            sentinel_param("@EnteteWinMarqSum", e, e->win_marq_sum),
            sentinel_param("@LigneWinCount", l, l->win_count),
            sentinel_param("@LigneWinMarqSum", l, l->win_marq_sum),
            both ? LIA_PARAM_DATETIME("@SentinelSince", r->next_since) : LIA_PARAM_NULL("@SentinelSince"),
            both ? LIA_PARAM_DATETIME("@SentinelClock", r->clock) : LIA_PARAM_NULL("@SentinelClock")};
        rc = lia_db_exec_file(r->crm, "replicate/crm_watermark_set.sql", p, 21, &dummy, err);
    }
    lia_repl_crash_point("before_commit");
    if (rc == LIA_OK)
        rc = lia_db_commit(r->crm, err);
    if (rc != LIA_OK)
        rollback_quietly(r->crm);
    else
        lia_repl_crash_point("after_commit");
    return rc;
}

static int today_full_due(const lia_repl_opts *o, const char *last_full)
{
    if (o->full_resync_hour < 0)
        return 0;
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    if (tm.tm_hour < o->full_resync_hour)
        return 0;
    char today[11];
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    return !last_full[0] || strncmp(last_full, today, 10) < 0;
}

lia_code lia_repl_run(lia_db *gescom, lia_db *crm, const lia_repl_opts *o, lia_journal *j,
                      lia_repl_counters *c, lia_error *err)
{
    run r;
    memset(&r, 0, sizeof r);
    memset(c, 0, sizeof *c);
    r.g = gescom;
    r.crm = crm;
    r.o = o;
    r.j = j;
    r.c = c;
    char row[19][LIA_REPL_CELL];
    int found = 0, locked = 0;
    lia_code rc = lia_inst_check(crm, err);
    /* The lock comes first, named after the integration: a second replicator
     * is refused before it writes anything, even the integration's row. */
    char lockname[128];
    snprintf(lockname, sizeof lockname, "liaison/integration/%s", o->integration);
    lia_param lp[1] = {LIA_PARAM_TEXT("@LockName", lockname)};
    if (rc == LIA_OK) {
        rc = lia_repl_query_row(crm, "replicate/crm_lock.sql", lp, 1, row, 1, &found, err);
        if (rc == LIA_OK && (!found || atoi(row[0]) < 0)) {
            rc = lia_fail(err, LIA_E_BUSY, "integration %s", o->integration);
            lia_error_detail(err, "%s", lia_tr("un autre réplicateur écrit cette intégration",
                                               "another replicator is writing this integration"));
        }
        locked = rc == LIA_OK;
    }
    if (rc == LIA_OK) {
        lia_param p[3] = {LIA_PARAM_TEXT("@Name", o->integration),
                          LIA_PARAM_TEXT("@ServerName", o->server_label ? o->server_label : ""),
                          LIA_PARAM_TEXT("@DatabaseName", o->database ? o->database : "")};
        rc = lia_repl_query_row(crm, "replicate/crm_integration.sql", p, 3, row, 1, &found, err);
        r.integration_id = atoi(row[0]);
        if (rc == LIA_OK && (!found || r.integration_id <= 0))
            rc = lia_fail(err, LIA_E_INTERNAL, "liaison.Integration %s", o->integration);
    }
    if (rc == LIA_OK)
        rc = read_window(&r, err);
    snprintf(r.options_key, sizeof r.options_key, "c%d s%d p%d d%d y%d", o->customers ? 1 : 0,
             o->suppliers ? 1 : 0, o->prospects ? 1 : 0, o->include_dormant ? 1 : 0,
             o->calendar_years ? 1 : 0);
    if (rc == LIA_OK)
        rc = read_defs(&r, err);
    if (rc == LIA_OK) {
        lia_param p[2] = {LIA_PARAM_INT("@IntegrationId", r.integration_id), LIA_PARAM_TEXT("@Job", JOB)};
        rc = lia_repl_query_row(crm, "replicate/crm_watermark_get.sql", p, 2, row, 19, &found, err);
    }
    for (int t = 0; rc == LIA_OK && found && t < 2; t++) {
        char (*s)[LIA_REPL_CELL] = row + 7 + t * 3;
        char (*w)[LIA_REPL_CELL] = row + 13 + t * 2;
        r.stored[t].known = s[0][0] && s[1][0] && s[2][0] && w[0][0] && w[1][0];
        r.stored[t].ident = atoll(s[0]);
        r.stored[t].count = atoll(s[1]);
        r.stored[t].marq_sum = atoll(s[2]);
        r.stored[t].win_count = atoll(w[0]);
        r.stored[t].win_marq_sum = atoll(w[1]);
    }
    if (rc == LIA_OK && found) {
        snprintf(r.stored_since, sizeof r.stored_since, "%.19s", row[17]);
        snprintf(r.stored_clock, sizeof r.stored_clock, "%.19s", row[18]);
    }
    if (rc == LIA_OK) {
        const char *why = o->full ? "--full"
                          : !found || !row[0][0] ? "first run"
                          : strcmp(row[1], r.window_key) != 0 ? "fiscal year changed"
                          : strcmp(row[2], r.options_key) != 0 ? "options changed"
                          : today_full_due(o, row[4]) ? "daily full resync" : NULL;
        c->full = why != NULL;
        snprintf(c->full_reason, sizeof c->full_reason, "%s", why ? why : "");
        if (!c->full) {
            if (lia_repl_add_minutes(row[0], -(o->overlap_minutes > 0 ? o->overlap_minutes : 0), r.since) != 0)
                c->full = 1;
            /* New or changed definitions need every tiers' values. */
            if (strcmp(row[3], r.defs_key) != 0)
                r.values_since[0] = 0;
            else
                snprintf(r.values_since, sizeof r.values_since, "%s", r.since);
        }
    }
    if (rc == LIA_OK) {
        if (c->full)
            r.since[0] = r.values_since[0] = 0;
        rc = read_pointer(&r, err);
    }
    if (rc == LIA_OK) {
        /* Says which free-field values are read: all of them costs a full
         * read of every tiers' values, so an operator sees why a run is long. */
        int all_values = c->full || !r.values_since[0];
        char msg[500];
        snprintf(msg, sizeof msg, "%s%s%s ; N %s..%s ; N-1 %s..%s ; %s %s ; %s%s",
                 c->full ? lia_tr("complète", "full") : lia_tr("incrémentale", "incremental"),
                 c->full ? " : " : "", c->full_reason, r.w.deb_n, r.w.fin_n, r.w.deb_n1, r.w.fin_n1,
                 lia_tr("changements depuis", "changes since"), c->full ? "-" : r.since,
                 all_values ? lia_tr("informations libres : toutes", "free fields: all")
                            : lia_tr("informations libres depuis ", "free fields since "),
                 all_values ? "" : r.values_since);
        event(&r, LIA_LVL_INFO, "CA", "PULL", msg, NULL);
    }
    if (rc == LIA_OK) {
        int redo = 0;
        rc = transaction(&r, c->full, &redo, err);
        if (rc == LIA_OK && redo) {
            event(&r, LIA_LVL_INFO, "RUN", NULL,
                  lia_tr("suppression ou sortie de périmètre détectée : réplication complète",
                         "deletion or scope exit detected: full replication"), NULL);
            lia_repl_counters keep = *c;
            memset(c, 0, sizeof *c);
            c->read = keep.read;
            c->values_read = keep.values_read;
            c->full = 1;
            c->deletion_check = 1;
            snprintf(c->full_reason, sizeof c->full_reason, "deletion detected");
            r.since[0] = r.values_since[0] = 0;
            rc = transaction(&r, 1, &redo, err);
        }
    }
    if (o->progress && c->read >= 1000)
        fprintf(o->progress, "\n");
    if (locked) {
        lia_error e;
        lia_error_clear(&e);
        lia_db_exec_file(crm, "replicate/crm_unlock.sql", lp, 1, NULL, &e);
    }
    free_defs(&r);
    return rc;
}

lia_code lia_repl_gescom_query(lia_db *gescom, const lia_repl_opts *o, int what, lia_error *err)
{
    run r;
    lia_repl_counters c;
    memset(&r, 0, sizeof r);
    memset(&c, 0, sizeof c);
    r.g = gescom;
    r.o = o;
    r.c = &c;
    lia_code rc = read_window(&r, err);
    lia_param sp[16];
    size_t n = scope_params(&r, sp);
    sp[n++] = LIA_PARAM_NULL("@Since");
    if (rc == LIA_OK && what == 0) {
        rc = stage_keys(gescom, NULL, err);
        return rc == LIA_OK ? lia_db_query_file(gescom, "replicate/gescom_tiers.sql", sp, n - 1, err) : rc;
    }
    if (rc == LIA_OK)
        rc = read_defs(&r, err);
    char *tmpl = NULL;
    lia_buf sql = LIA_BUF_INIT;
    if (rc == LIA_OK)
        rc = lia_sql_load("replicate/gescom_values.sql", &tmpl, err);
    if (rc == LIA_OK) {
        lia_buf *q = calloc(r.ndefs + 1, sizeof *q);
        const char **rep = calloc(r.ndefs + 1, sizeof *rep);
        if (!q || !rep)
            rc = lia_fail(err, LIA_E_NOMEM, "gescom_values.sql");
        for (size_t i = 0; rc == LIA_OK && i < r.ndefs; i++) {
            /* The column shows under the field's label. */
            lia_repl_quote_ident(&q[i], r.defs[i].column);
            lia_buf_adds(&q[i], " AS ");
            lia_repl_quote_ident(&q[i], r.defs[i].name);
            rep[i] = lia_buf_str(&q[i]);
        }
        static const char *const tok[] = {"[__column__]"};
        if (rc == LIA_OK && lia_repl_expand_columns(tmpl, tok, 1, rep, r.ndefs, &sql) != 0)
            rc = lia_fail(err, LIA_E_SQL_FILE, "replicate/gescom_values.sql");
        for (size_t i = 0; q && i < r.ndefs; i++)
            lia_buf_free(&q[i]);
        free(q);
        free(rep);
    }
    if (rc == LIA_OK) {
        lia_db_set_query_name(gescom, "replicate/gescom_values.sql");
        rc = lia_db_query(gescom, lia_buf_str(&sql), sp, n, err);
    }
    free(tmpl);
    lia_buf_free(&sql);
    free_defs(&r);
    return rc;
}
