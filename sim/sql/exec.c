/* Executes translated batches: binds variables, streams rows to the sink
 * with typed metadata, maps SQLite errors to SQL Server's numbers and
 * applies SQL Server's batch/statement abort rules. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "dates.h"
#include "dec.h"
#include "engine.h"
#include "exec_admin.h"

typedef struct vval {
    int t; /* SQLITE_NULL, _INTEGER, _FLOAT, _TEXT, _BLOB */
    int64_t i;
    double d;
    char *s;
    int n;
} vval;

typedef struct X {
    sim_session *s;
    plan *pl;
    sim_sink *sink;
    vval *vals;
    int stop;        /* the sink asked to stop */
    int abort_batch; /* batch-aborting error */
    int ret, brk, cont;
    int in_try;
    int caught;
    int pending;     /* a DONE waits to know whether more follows */
    int64_t pcount;
    int phas;
} X;

static void flush(X *x, int more)
{
    if (!x->pending || x->stop)
        return;
    x->pending = 0;
    if (x->sink->done && x->sink->done(x->sink->ctx, x->pcount, x->phas, more))
        x->stop = 1;
}

static void done(X *x, int64_t count, int has)
{
    flush(x, 1);
    x->pending = 1;
    x->pcount = count;
    x->phas = has && !x->s->nocount;
}

static void report(X *x, int num, int state, int sev, int line, const char *text)
{
    sim_session *s = x->s;
    if (sev >= 11) {
        s->last_error = num;
        if (x->in_try) {
            s->catch_err = num;
            s->catch_state = state;
            s->catch_sev = sev;
            s->catch_line = line;
            snprintf(s->catch_text, sizeof s->catch_text, "%s", text);
            x->caught = 1;
            return;
        }
    }
    flush(x, 1);
    if (x->sink->message && x->sink->message(x->sink->ctx, num, state, sev, text, line))
        x->stop = 1;
}

int send_error(sim_session *s, int num, int state, int sev, int line, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (s->sink && s->sink->message)
        return s->sink->message(s->sink->ctx, num, state, sev, buf, line);
    return 0;
}

static void xerr(X *x, int num, int state, int sev, int line, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void xerr(X *x, int num, int state, int sev, int line, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    report(x, num, state, sev, line, buf);
}

/* ---- values ---- */

static void vval_clear(vval *v)
{
    free(v->s);
    memset(v, 0, sizeof *v);
    v->t = SQLITE_NULL;
}

static void vval_from_column(vval *v, sqlite3_stmt *ps, int c)
{
    vval_clear(v);
    v->t = sqlite3_column_type(ps, c);
    switch (v->t) {
    case SQLITE_INTEGER: v->i = sqlite3_column_int64(ps, c); break;
    case SQLITE_FLOAT: v->d = sqlite3_column_double(ps, c); break;
    case SQLITE_TEXT: case SQLITE_BLOB: {
        const void *p = v->t == SQLITE_TEXT ? (const void *)sqlite3_column_text(ps, c) : sqlite3_column_blob(ps, c);
        v->n = sqlite3_column_bytes(ps, c);
        v->s = malloc((size_t)v->n + 1);
        if (!v->s)
            abort();
        if (v->n)
            memcpy(v->s, p, (size_t)v->n);
        v->s[v->n] = 0;
        break;
    }
    default: break;
    }
}

static void vval_from_param(vval *v, const sim_param *p)
{
    vval_clear(v);
    const sim_value *x = &p->value;
    if (x->is_null)
        return;
    switch (p->type.kind) {
    case SIM_T_BIT: case SIM_T_TINYINT: case SIM_T_SMALLINT: case SIM_T_INT: case SIM_T_BIGINT:
        v->t = SQLITE_INTEGER;
        v->i = x->i;
        break;
    case SIM_T_FLOAT:
        v->t = SQLITE_FLOAT;
        v->d = x->f;
        break;
    case SIM_T_DECIMAL: case SIM_T_MONEY: {
        /* exact text -> integer when it has no fraction, a REAL when a
         * double holds it exactly (15 digits), else the exact text */
        dec d;
        const char *tx = x->text ? x->text : "0";
        int tn = x->text ? (int)x->len : 1;
        if (dec_parse(tx, tn, &d) != 0) {
            d.m = 0;
            d.s = 0;
        }
        dec w = d;
        if (w.m >= -(dec_int)INT64_MAX && w.m <= (dec_int)INT64_MAX) {
            int64_t m = (int64_t)w.m; /* 64-bit divisions on the load path */
            while (w.s > 0 && m % 10 == 0) {
                m /= 10;
                w.s--;
            }
            w.m = m;
        } else {
            while (w.s > 0 && w.m % 10 == 0) {
                w.m /= 10;
                w.s--;
            }
        }
        if (w.s == 0 && w.m > -(dec_int)INT64_MAX && w.m < (dec_int)INT64_MAX) {
            v->t = SQLITE_INTEGER;
            v->i = (int64_t)w.m;
        } else if (dec_ndigits(w.m) <= DEC_REAL_DIGITS) {
            v->t = SQLITE_FLOAT;
            v->d = dec_to_double(&w);
        } else {
            char out[64];
            int n = dec_text(&d, out);
            v->t = SQLITE_TEXT;
            v->n = n;
            v->s = malloc((size_t)n + 1);
            if (!v->s)
                abort();
            memcpy(v->s, out, (size_t)n + 1);
        }
        break;
    }
    case SIM_T_VARBINARY:
        v->t = SQLITE_BLOB;
        v->n = (int)x->len;
        v->s = malloc(x->len + 1);
        if (!v->s)
            abort();
        if (x->len)
            memcpy(v->s, x->blob, x->len);
        break;
    default:
        v->t = SQLITE_TEXT;
        v->n = (int)x->len;
        v->s = malloc(x->len + 1);
        if (!v->s)
            abort();
        if (x->len)
            memcpy(v->s, x->text, x->len);
        v->s[x->len] = 0;
    }
}

static void bind_all(X *x, sqlite3_stmt *ps)
{
    int n = sqlite3_bind_parameter_count(ps);
    for (int k = 1; k <= n; k++) {
        const char *nm = sqlite3_bind_parameter_name(ps, k);
        int idx = nm ? atoi(nm + 1) - 1 : k - 1;
        if (idx < 0 || idx >= x->pl->nvars) {
            sqlite3_bind_null(ps, k);
            continue;
        }
        vval *v = &x->vals[idx];
        switch (v->t) {
        case SQLITE_INTEGER: sqlite3_bind_int64(ps, k, v->i); break;
        case SQLITE_FLOAT: sqlite3_bind_double(ps, k, v->d); break;
        case SQLITE_TEXT: sqlite3_bind_text(ps, k, v->s, v->n, SQLITE_STATIC); break;
        case SQLITE_BLOB: sqlite3_bind_blob(ps, k, v->s, v->n, SQLITE_STATIC); break;
        default: sqlite3_bind_null(ps, k);
        }
    }
}

/* ---- errors ---- */

static const char *lookup_written(stmt *st, const char *sqname)
{
    static __thread char buf[512];
    if (!st->text)
        return NULL;
    const char *p = st->text;
    while (*p) {
        const char *tab = strchr(p, '\t'), *nl = strchr(p, '\n');
        if (!tab || !nl)
            break;
        if ((size_t)(tab - p) == strlen(sqname) && strncasecmp(p, sqname, (size_t)(tab - p)) == 0) {
            snprintf(buf, sizeof buf, "%.*s", (int)(nl - tab - 1), tab + 1);
            return buf;
        }
        p = nl + 1;
    }
    return NULL;
}

static void table_display(sim_session *s, const char *sqname, char *out, size_t n)
{
    char schema[256], name[256];
    catalog_split(sqname, schema, sizeof schema, name, sizeof name);
    snprintf(out, n, "%s.%s.%s", s->database, schema, name);
}

/* Formats the values of columns (cols) of the row NEW that conflicts: re-runs
 * the failed statement with a temporary trigger capturing them. */
static void capture_dupkey(X *x, stmt *st, const char *table, const char *cols, int is_update)
{
    sim_session *s = x->s;
    s->dupkey[0] = 0;
    if (!st->ps)
        return;
    sbuf tr = {0}, cond = {0}, args = {0};
    char *cl = strdup(cols);
    int k = 0;
    for (char *c = strtok(cl, ","); c; c = strtok(NULL, ","), k++) {
        while (*c == ' ')
            c++;
        sb_printf(&cond, "%sx.\"%s\" = NEW.\"%s\"", k ? " AND " : "", c, c);
        sb_printf(&args, "%sNEW.\"%s\"", k ? ", " : "", c);
    }
    free(cl);
    sb_printf(&tr,
              "CREATE TEMP TRIGGER \"__sim_dup\" BEFORE %s ON main.\"%s\" WHEN EXISTS (SELECT 1 FROM main.\"%s\" x WHERE %s%s)"
              " BEGIN SELECT t_dupkey(%s); END",
              is_update ? "UPDATE" : "INSERT", table, table, sb_str(&cond), is_update ? " AND x.rowid <> NEW.rowid" : "",
              sb_str(&args));
    if (sqlite3_exec(s->db, "SAVEPOINT \"__sim_dup\"", NULL, NULL, NULL) == SQLITE_OK) {
        if (sqlite3_exec(s->db, sb_str(&tr), NULL, NULL, NULL) == SQLITE_OK) {
            sqlite3_reset(st->ps);
            bind_all(x, st->ps);
            while (sqlite3_step(st->ps) == SQLITE_ROW)
                ;
            sqlite3_reset(st->ps);
        }
        sqlite3_exec(s->db, "ROLLBACK TO \"__sim_dup\"; RELEASE \"__sim_dup\"", NULL, NULL, NULL);
    }
    sqlite3_exec(s->db, "DROP TRIGGER IF EXISTS temp.\"__sim_dup\"", NULL, NULL, NULL);
    sb_free(&tr);
    sb_free(&cond);
    sb_free(&args);
}

static void f_dupkey(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    sim_session *s = sqlite3_user_data(ctx);
    if (!s->dupkey[0]) {
        sbuf o = {0};
        for (int i = 0; i < argc; i++) {
            if (i)
                sb_adds(&o, ", ");
            const char *t = (const char *)sqlite3_value_text(argv[i]);
            sb_adds(&o, t ? t : "<NULL>");
        }
        snprintf(s->dupkey, sizeof s->dupkey, "%s", sb_str(&o));
        sb_free(&o);
    }
    sqlite3_result_null(ctx);
}

/* Maps the SQLite error of statement st; returns 1 when it aborts the batch. */
static int map_error(X *x, stmt *st, int rc, const char *msg)
{
    sim_session *s = x->s;
    int line = st->line;
    if (s->fn_err) {
        int n = s->fn_err;
        s->fn_err = 0;
        report(x, n, s->fn_state, s->fn_sev, line, s->fn_text);
        return n == 245 || n == 8114 || n == 241 || n == 137 || n == 195;
    }
    int ext = sqlite3_extended_errcode(s->db);
    const char *verb = st->perm && strcmp(st->perm, "UPDATE") == 0 ? "UPDATE" : "INSERT";
    if ((rc & 0xff) == SQLITE_INTERRUPT) {
        x->stop = 1;
        return 1;
    }
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
        xerr(x, 1222, 45, 16, line, "Lock request time out period exceeded.");
        return 0;
    }
    if (ext == SQLITE_CONSTRAINT_NOTNULL || strncmp(msg, "NOT NULL constraint failed: ", 28) == 0) {
        const char *tc = msg + 28;
        const char *dot = strrchr(tc, '.');
        char tab[256], disp[600];
        snprintf(tab, sizeof tab, "%.*s", dot ? (int)(dot - tc) : 0, tc);
        table_display(s, tab, disp, sizeof disp);
        xerr(x, 515, 2, 16, line, "Cannot insert the value NULL into column '%s', table '%s'; column does not allow nulls. %s fails.",
             dot ? dot + 1 : tc, disp, verb);
        return 0;
    }
    if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY ||
        strncmp(msg, "UNIQUE constraint failed: ", 26) == 0) {
        const char *tc = strchr(msg, ':') + 2;
        char table[256] = "", cols[512] = "";
        /* "T.a, T.b" */
        const char *p = tc;
        size_t cl = 0;
        while (*p) {
            const char *dot = strchr(p, '.');
            const char *comma = strstr(p, ", ");
            if (!dot)
                break;
            /* table names may contain dots (schema.T): the column is after the last dot before the comma */
            const char *end = comma ? comma : p + strlen(p);
            const char *ld = NULL;
            for (const char *q = p; q < end; q++)
                if (*q == '.')
                    ld = q;
            if (!ld)
                break;
            snprintf(table, sizeof table, "%.*s", (int)(ld - p), p);
            cl += (size_t)snprintf(cols + cl, sizeof cols - cl, "%s%.*s", cl ? "," : "", (int)(end - ld - 1), ld + 1);
            if (cl >= sizeof cols)
                break;
            p = comma ? comma + 2 : end;
        }
        /* kind of key: a CREATE UNIQUE INDEX gives 2601, constraints 2627 */
        char ixname[1100] = "", kind[32] = "PRIMARY KEY";
        int is_index = 0;
        sqlite3_stmt *q;
        char sql[512];
        snprintf(sql, sizeof sql, "SELECT name, origin FROM pragma_index_list('%s') WHERE \"unique\"", table);
        if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) == SQLITE_OK) {
            while (sqlite3_step(q) == SQLITE_ROW) {
                const char *in = (const char *)sqlite3_column_text(q, 0), *org = (const char *)sqlite3_column_text(q, 1);
                /* compare the index columns */
                sqlite3_stmt *c;
                char s2[512];
                snprintf(s2, sizeof s2, "SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info('%s') ORDER BY seqno)", in);
                int match = 0;
                if (sqlite3_prepare_v2(s->db, s2, -1, &c, NULL) == SQLITE_OK) {
                    if (sqlite3_step(c) == SQLITE_ROW && sqlite3_column_text(c, 0) &&
                        strcasecmp((const char *)sqlite3_column_text(c, 0), cols) == 0)
                        match = 1;
                    sqlite3_finalize(c);
                }
                if (!match)
                    continue;
                if (strcmp(org, "c") == 0) {
                    is_index = 1;
                    const char *d = strchr(in, '$');
                    snprintf(ixname, sizeof ixname, "%s", d ? d + 1 : in);
                } else if (strcmp(org, "u") == 0) {
                    snprintf(kind, sizeof kind, "UNIQUE KEY");
                    char sc[256], nm[256];
                    catalog_split(table, sc, sizeof sc, nm, sizeof nm);
                    snprintf(ixname, sizeof ixname, "UQ_%s_%s", nm, cols);
                }
                break;
            }
            sqlite3_finalize(q);
        }
        char sc[256], nm[256];
        catalog_split(table, sc, sizeof sc, nm, sizeof nm);
        if (st->perm && strcmp(st->perm, "CREATE INDEX") == 0) {
            const char *d = st->sql ? strchr(st->sql, '$') : NULL;
            const char *qe = d ? strchr(d, '"') : NULL;
            /* the first duplicated key, as SQL Server shows it */
            s->dupkey[0] = 0;
            sbuf dq = {0};
            sb_printf(&dq, "SELECT t_dupkey(%s) FROM (SELECT %s FROM main.\"%s\" GROUP BY %s HAVING COUNT(*) > 1 LIMIT 1)",
                      cols, cols, table, cols);
            sqlite3_exec(s->db, sb_str(&dq), NULL, NULL, NULL);
            sb_free(&dq);
            xerr(x, 1505, 1, 16, line,
                 "The CREATE UNIQUE INDEX statement terminated because a duplicate key was found for the object name '%s.%s' and the index name '%.*s'. The duplicate key value is (%s).",
                 sc, nm, qe ? (int)(qe - d - 1) : 0, d ? d + 1 : "", s->dupkey);
            return 0;
        }
        if (!ixname[0])
            snprintf(ixname, sizeof ixname, "PK_%s", nm);
        capture_dupkey(x, st, table, cols, strcmp(verb, "UPDATE") == 0);
        char obj[600];
        snprintf(obj, sizeof obj, "%s.%s", sc, nm);
        if (is_index)
            xerr(x, 2601, 1, 14, line,
                 "Cannot insert duplicate key row in object '%s' with unique index '%s'. The duplicate key value is (%s).",
                 obj, ixname, s->dupkey);
        else
            xerr(x, 2627, 1, 14, line,
                 "Violation of %s constraint '%s'. Cannot insert duplicate key in object '%s'. The duplicate key value is (%s).",
                 kind, ixname, obj, s->dupkey);
        return 0;
    }
    if (ext == SQLITE_CONSTRAINT_CHECK || strncmp(msg, "CHECK constraint failed: ", 25) == 0) {
        if (strstr(msg, "__trunc")) {
            xerr(x, 8152, 14, 16, line, "String or binary data would be truncated.");
        } else {
            xerr(x, 547, 0, 16, line, "The %s statement conflicted with the CHECK constraint. The conflict occurred in database \"%s\".",
                 verb, s->database);
        }
        return 0;
    }
    if (strncmp(msg, "no such table: ", 15) == 0) {
        const char *t = msg + 15;
        if (strncmp(t, "main.", 5) == 0)
            t += 5;
        const char *dot = strchr(t, '.');
        /* "DB.T" for attached tables */
        const char *w = lookup_written(st, t);
        if (!w && dot)
            w = lookup_written(st, dot + 1);
        if (st->perm && strncmp(st->perm, "DROP ", 5) == 0) {
            xerr(x, 3701, 5, 11, line, "Cannot drop the %s '%s', because it does not exist or you do not have permission.",
                 strcmp(st->perm, "DROP VIEW") == 0 ? "view" : "table", w ? w : t);
            return 0;
        }
        xerr(x, 208, 1, 16, line, "Invalid object name '%s'.", w ? w : t);
        return 1;
    }
    if (strncmp(msg, "no such index: ", 15) == 0) {
        const char *d = strchr(msg + 15, '$');
        xerr(x, 3701, 7, 11, line, "Cannot drop the index '%s', because it does not exist or you do not have permission.",
             d ? d + 1 : msg + 15);
        return 0;
    }
    if (strncmp(msg, "no such view: ", 14) == 0) {
        xerr(x, 3701, 5, 11, line, "Cannot drop the view '%s', because it does not exist or you do not have permission.",
             msg + 14);
        return 0;
    }
    if (strncmp(msg, "no such column: ", 16) == 0) {
        const char *c = msg + 16;
        const char *dot = strrchr(c, '.');
        if (dot && strncmp(c, "__c", 3) != 0) {
            /* alias.col where the alias exists and the column does not: 207; unknown alias: 4104 */
            xerr(x, 207, 1, 16, line, "Invalid column name '%s'.", dot + 1);
        } else {
            xerr(x, 207, 1, 16, line, "Invalid column name '%s'.", c);
        }
        return 1;
    }
    if (strncmp(msg, "ambiguous column name: ", 23) == 0) {
        xerr(x, 209, 1, 16, line, "Ambiguous column name '%s'.", msg + 23);
        return 1;
    }
    if (strstr(msg, "already exists")) {
        const char *q1 = strchr(msg, ' ');
        char name[300] = "";
        if (q1) {
            const char *a = q1 + 1;
            const char *e = strstr(a, " already exists");
            if (e)
                snprintf(name, sizeof name, "%.*s", (int)(e - a), a);
        }
        if (strncmp(msg, "index", 5) == 0) {
            const char *d = strchr(name, '$');
            xerr(x, 1913, 1, 16, line, "The operation failed because an index or statistics with name '%s' already exists on table '%.*s'.",
                 d ? d + 1 : name, d ? (int)(d - name) : 0, name);
        } else {
            char sc[256], nm[256];
            if (name[0] == '"') { /* table "x" already exists */
                memmove(name, name + 1, strlen(name));
                char *q = strrchr(name, '"');
                if (q)
                    *q = 0;
            }
            catalog_split(name, sc, sizeof sc, nm, sizeof nm);
            xerr(x, 2714, 6, 16, line, "There is already an object named '%s' in the database.", nm);
        }
        return 0;
    }
    if (strncmp(msg, "no such function: ", 18) == 0) {
        xerr(x, 195, 10, 15, line, "'%s' is not a recognized built-in function name.", msg + 18);
        return 1;
    }
    if (strstr(msg, "syntax error")) {
        const char *n = strstr(msg, "near \"");
        if (n) {
            const char *e = strchr(n + 6, '"');
            xerr(x, 102, 1, 15, line, "Incorrect syntax near '%.*s'.", e ? (int)(e - n - 6) : 0, n + 6);
        } else {
            xerr(x, 102, 1, 15, line, "Incorrect syntax near ')'.");
        }
        return 1;
    }
    if (strstr(msg, "misuse of aggregate") || strstr(msg, "aggregate functions are not allowed")) {
        xerr(x, 147, 1, 15, line,
             "An aggregate may not appear in the WHERE clause unless it is in a subquery contained in a HAVING clause or a select list, and the column being aggregated is an outer reference.");
        return 1;
    }
    if (strstr(msg, "SELECTs to the left and right of UNION")) {
        xerr(x, 205, 1, 16, line,
             "All queries combined using a UNION, INTERSECT or EXCEPT operator must have an equal number of expressions in their target lists.");
        return 1;
    }
    if (strstr(msg, "table") && strstr(msg, "has") && strstr(msg, "columns but") && strstr(msg, "values were supplied")) {
        xerr(x, 213, 1, 16, line, "Column name or number of supplied values does not match table definition.");
        return 1;
    }
    if (strstr(msg, "values for") && strstr(msg, "columns") && !st->inscols) {
        xerr(x, 213, 1, 16, line, "Column name or number of supplied values does not match table definition.");
        return 1;
    }
    if (strstr(msg, "values for") && strstr(msg, "columns")) {
        xerr(x, 110, 1, 15, line,
             "There are fewer columns in the INSERT statement than values specified in the VALUES clause. The number of values in the VALUES clause must match the number of columns specified in the INSERT statement.");
        return 1;
    }
    xerr(x, 50000, 1, 16, line, "Liaison simulator: %s", msg);
    return 1;
}

/* ---- result metadata ---- */

/* T-SQL type of an identity column (SQLite sees INTEGER), from __sim_identity. */
static int identity_type(sim_session *s, sqlite3_stmt *ps, int c, char *out, size_t n)
{
    const char *db = sqlite3_column_database_name(ps, c), *tb = sqlite3_column_table_name(ps, c),
               *col = sqlite3_column_origin_name(ps, c);
    if (!db || !tb || !col || strcmp(db, "temp") == 0)
        return 0;
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT type FROM \"%s\".__sim_identity WHERE tbl = ?1 AND col = ?2", db);
    sqlite3_stmt *q;
    int ok = 0;
    if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_text(q, 1, tb, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, col, -1, SQLITE_STATIC);
        if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0)) {
            snprintf(out, n, "%s", (const char *)sqlite3_column_text(q, 0));
            ok = 1;
        }
        sqlite3_finalize(q);
    }
    return ok;
}

static void resolve_probes(X *x, stmt *st)
{
    for (int i = 0; i < st->nhints; i++) {
        col_hint *h = &st->hints[i];
        if (!(h->op >= H_SAME && h->probe))
            continue;
        const char *tail = h->tail ? h->tail : st->probe_tail;
        sbuf q = {0};
        sb_printf(&q, "SELECT %s %s", h->probe, tail ? tail : "");
        sqlite3_stmt *ps;
        h->op = h->op; /* resolved once: the hint becomes known or unknown */
        if (sqlite3_prepare_v2(x->s->db, sb_str(&q), -1, &ps, NULL) == SQLITE_OK) {
            const char *decl = sqlite3_column_decltype(ps, 0);
            char idtype[64];
            if (decl && strcmp(decl, "INTEGER") == 0 && identity_type(x->s, ps, 0, idtype, sizeof idtype))
                decl = idtype;
            sim_type t;
            if (decl && type_parse(decl, &t) == 0) {
                if (h->op == H_SUM || h->op == H_AVG) {
                    if (t.kind == SIM_T_DECIMAL) {
                        int sc = h->op == H_AVG && t.scale < 6 ? 6 : t.scale;
                        t.precision = 38;
                        t.scale = sc;
                        t.length = 17;
                    } else if (t.kind == SIM_T_BIT || t.kind == SIM_T_TINYINT || t.kind == SIM_T_SMALLINT) {
                        t.kind = SIM_T_INT;
                        t.length = 4;
                        t.precision = 10;
                    }
                }
                if (h->op == H_FLOOR && t.kind == SIM_T_DECIMAL)
                    t.scale = 0;
                t.nullable = 1;
                h->type = t;
                h->op = H_KNOWN;
            } else {
                h->op = H_UNKNOWN;
            }
            sqlite3_finalize(ps);
        } else {
            h->op = H_UNKNOWN;
        }
        sb_free(&q);
    }
}

static void fallback_type(sqlite3_stmt *ps, int c, int have_row, sim_type *t)
{
    memset(t, 0, sizeof *t);
    t->nullable = 1;
    int vt = have_row ? sqlite3_column_type(ps, c) : SQLITE_NULL;
    switch (vt) {
    case SQLITE_INTEGER: {
        int64_t v = sqlite3_column_int64(ps, c);
        if (v > INT32_MAX || v < INT32_MIN) {
            t->kind = SIM_T_BIGINT;
            t->length = 8;
            t->precision = 19;
        } else {
            t->kind = SIM_T_INT;
            t->length = 4;
            t->precision = 10;
        }
        break;
    }
    case SQLITE_FLOAT:
        t->kind = SIM_T_FLOAT;
        t->length = 8;
        t->precision = 53;
        break;
    case SQLITE_TEXT: {
        t->kind = SIM_T_VARCHAR;
        t->length = sqlite3_column_bytes(ps, c) > 8000 ? -1 : 8000;
        break;
    }
    case SQLITE_BLOB:
        t->kind = SIM_T_VARBINARY;
        t->length = sqlite3_column_bytes(ps, c) > 8000 ? -1 : 8000;
        break;
    default:
        t->kind = SIM_T_INT;
        t->length = 4;
        t->precision = 10;
    }
}

static void column_meta(X *x, stmt *st, sqlite3_stmt *ps, int have_row, sim_column *cols, int ncol)
{
    resolve_probes(x, st);
    int nh = st->nhints;
    int first_star = -1, last_star = -1;
    for (int i = 0; i < nh; i++)
        if (st->hints[i].star) {
            if (first_star < 0)
                first_star = i;
            last_star = i;
        }
    for (int c = 0; c < ncol; c++) {
        col_hint *h = NULL;
        if (nh == ncol && first_star < 0)
            h = &st->hints[c];
        else if (first_star >= 0) {
            if (c < first_star)
                h = &st->hints[c];
            else if (ncol - c <= nh - 1 - last_star)
                h = &st->hints[nh - (ncol - c)];
        }
        if (h && h->star)
            h = NULL;
        const char *nm = sqlite3_column_name(ps, c);
        if (h && h->name)
            nm = h->name;
        else if (nm && strncmp(nm, "__c", 3) == 0)
            nm = "";
        cols[c].name = nm ? nm : "";
        const char *decl = sqlite3_column_decltype(ps, c);
        char idtype[64];
        if (decl && strcmp(decl, "INTEGER") == 0 && identity_type(x->s, ps, c, idtype, sizeof idtype))
            decl = idtype;
        if (h && h->op == H_KNOWN)
            cols[c].type = h->type;
        else if (decl && type_parse(decl, &cols[c].type) == 0)
            ;
        else
            fallback_type(ps, c, have_row, &cols[c].type);
        cols[c].type.nullable = 1;
    }
}

/* Value of column c for the sink; buf holds formatted text. */
static void row_value(sqlite3_stmt *ps, int c, const sim_type *t, sim_value *v, sbuf *buf)
{
    memset(v, 0, sizeof *v);
    int vt = sqlite3_column_type(ps, c);
    if (vt == SQLITE_NULL) {
        v->is_null = 1;
        return;
    }
    sb_reset(buf);
    switch (t->kind) {
    case SIM_T_BIT: case SIM_T_TINYINT: case SIM_T_SMALLINT: case SIM_T_INT: case SIM_T_BIGINT:
        if (vt == SQLITE_TEXT) {
            const char *s = (const char *)sqlite3_column_text(ps, c);
            v->i = strtoll(s, NULL, 10);
        } else {
            v->i = sqlite3_column_int64(ps, c);
        }
        if (t->kind == SIM_T_BIT)
            v->i = v->i != 0;
        return;
    case SIM_T_FLOAT:
        v->f = sqlite3_column_double(ps, c);
        return;
    case SIM_T_DECIMAL: case SIM_T_MONEY: {
        /* exact text at the column's scale, from the integer, the REAL
         * (at most 15 digits, read back exactly) or the exact text */
        int scale = t->kind == SIM_T_MONEY ? 4 : t->scale;
        dec d;
        char out[64];
        if (vt == SQLITE_INTEGER) {
            d.m = sqlite3_column_int64(ps, c);
            d.s = 0;
        } else if (vt == SQLITE_FLOAT) {
            if (dec_from_double(sqlite3_column_double(ps, c), &d) != 0) {
                sb_printf(buf, "%.*f", scale, sqlite3_column_double(ps, c));
                v->text = buf->s;
                v->len = buf->len;
                return;
            }
        } else {
            const char *s = (const char *)sqlite3_column_text(ps, c);
            if (dec_parse(s ? s : "", sqlite3_column_bytes(ps, c), &d) != 0) {
                d.m = 0;
                d.s = 0;
            }
        }
        if (dec_rescale(&d, scale) != 0)
            d.s = scale; /* beyond 38 digits: cannot come from a checked column */
        dec_text(&d, out);
        sb_adds(buf, out);
        v->text = buf->s;
        v->len = buf->len;
        return;
    }
    case SIM_T_DATETIME: case SIM_T_SMALLDATETIME: case SIM_T_DATETIME2: case SIM_T_DATE: {
        const char *s = (const char *)sqlite3_column_text(ps, c);
        int n = sqlite3_column_bytes(ps, c);
        tsql_dt dt;
        if (vt == SQLITE_TEXT && dt_parse(s, n, &dt) == 0) {
            char out[48];
            int kind = t->kind == SIM_T_DATETIME ? 0 : t->kind == SIM_T_SMALLDATETIME ? 1 : t->kind == SIM_T_DATETIME2 ? 2 : 3;
            dt_format(&dt, kind, t->scale, out, sizeof out);
            sb_adds(buf, out);
            v->text = buf->s;
            v->len = buf->len;
        } else {
            v->text = s;
            v->len = (size_t)n;
        }
        return;
    }
    case SIM_T_VARBINARY:
        v->blob = sqlite3_column_blob(ps, c);
        v->len = (size_t)sqlite3_column_bytes(ps, c);
        return;
    default: {
        const char *s = (const char *)sqlite3_column_text(ps, c);
        int n = sqlite3_column_bytes(ps, c);
        if ((t->kind == SIM_T_CHAR || t->kind == SIM_T_NCHAR) && t->length > 0) {
            int chars = 0;
            for (int k = 0; k < n; k++)
                chars += ((unsigned char)s[k] & 0xC0) != 0x80;
            if (chars < t->length) {
                sb_add(buf, s, (size_t)n);
                for (int k = chars; k < t->length; k++)
                    sb_addc(buf, ' ');
                v->text = buf->s;
                v->len = buf->len;
                return;
            }
        }
        v->text = s;
        v->len = (size_t)n;
        return;
    }
    }
}

/* ---- statements ---- */

static int prepare(X *x, stmt *st, const char *sql, sqlite3_stmt **ps, const char **tail)
{
    int rc = sqlite3_prepare_v3(x->s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, ps, tail);
    if (rc != SQLITE_OK) {
        if (map_error(x, st, rc, sqlite3_errmsg(x->s->db)))
            x->abort_batch = 1;
        return -1;
    }
    return 0;
}

static int has_identity(sim_session *s, const char *table)
{
    sqlite3_stmt *q;
    int r = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM pragma_table_info(?1) WHERE pk = 1 AND type = 'INTEGER'", -1, &q,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_text(q, 1, table, -1, SQLITE_STATIC);
        r = sqlite3_step(q) == SQLITE_ROW;
        sqlite3_finalize(q);
    }
    return r;
}

static void after_error(X *x, int aborts)
{
    sim_session *s = x->s;
    if (s->trancount > 0 && sqlite3_get_autocommit(s->db))
        s->trancount = 0; /* SQLite rolled the transaction back */
    if (s->xact_abort && s->trancount > 0) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        s->trancount = 0;
        aborts = 1;
    }
    if (aborts)
        x->abort_batch = 1;
    done(x, 0, 0); /* the failed statement's DONE (SQL Server flags it as an error) */
}

/* Runs one SQLite statement (prepared ps) of stmt st. */
static void run_one(X *x, stmt *st, sqlite3_stmt *ps)
{
    sim_session *s = x->s;
    bind_all(x, ps);
    s->fn_err = 0;
    int ncol = sqlite3_column_count(ps);
    int rc = sqlite3_step(ps);
    if (st->kind == ST_SELVAR) {
        int64_t n = 0;
        while (rc == SQLITE_ROW) {
            for (int k = 0; k < st->nvars && k < ncol; k++)
                if (st->vars[k] >= 0)
                    vval_from_column(&x->vals[st->vars[k]], ps, k);
            n++;
            rc = sqlite3_step(ps);
        }
        if (rc != SQLITE_DONE) {
            after_error(x, map_error(x, st, rc, sqlite3_errmsg(s->db)));
        } else {
            s->rowcount = n;
        }
        sqlite3_reset(ps);
        return;
    }
    if (st->query && ncol > 0) {
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            after_error(x, map_error(x, st, rc, sqlite3_errmsg(s->db)));
            sqlite3_reset(ps);
            return;
        }
        sim_column *cols = calloc((size_t)ncol, sizeof *cols);
        sim_value *vals = calloc((size_t)ncol, sizeof *vals);
        sbuf *bufs = calloc((size_t)ncol, sizeof *bufs);
        if (!cols || !vals || !bufs)
            abort();
        column_meta(x, st, ps, rc == SQLITE_ROW, cols, ncol);
        flush(x, 1);
        if (x->sink->columns && x->sink->columns(x->sink->ctx, cols, ncol))
            x->stop = 1;
        int64_t n = 0;
        while (rc == SQLITE_ROW && !x->stop) {
            for (int c = 0; c < ncol; c++)
                row_value(ps, c, &cols[c].type, &vals[c], &bufs[c]);
            if (x->sink->row && x->sink->row(x->sink->ctx, vals, ncol)) {
                x->stop = 1;
                break;
            }
            n++;
            rc = sqlite3_step(ps);
        }
        for (int c = 0; c < ncol; c++)
            sb_free(&bufs[c]);
        free(bufs);
        free(vals);
        free(cols);
        if (x->stop) {
            sqlite3_reset(ps);
            return;
        }
        if (rc != SQLITE_DONE) {
            /* rows were sent: SQL Server reports the error, then the DONE */
            after_error(x, map_error(x, st, rc, sqlite3_errmsg(s->db)));
            sqlite3_reset(ps);
            return;
        }
        s->rowcount = n;
        done(x, n, 1);
        sqlite3_reset(ps);
        return;
    }
    while (rc == SQLITE_ROW)
        rc = sqlite3_step(ps);
    if (rc != SQLITE_DONE) {
        after_error(x, map_error(x, st, rc, sqlite3_errmsg(s->db)));
        sqlite3_reset(ps);
        return;
    }
    if (st->counts) {
        int64_t ch = sqlite3_changes64(s->db);
        s->rowcount = ch;
        if (st->ident_table && ch > 0) {
            if (st->args[2] == 0)
                st->args[2] = has_identity(s, st->ident_table) ? 1 : -1;
            if (st->args[2] == 1) {
                s->scope_identity = sqlite3_last_insert_rowid(s->db);
                s->has_identity = 1;
            }
        }
        done(x, ch, 1);
    } else {
        s->rowcount = 0;
    }
    sqlite3_reset(ps);
}

static int perm_denied(X *x, stmt *st)
{
    sim_session *s = x->s;
    if (!s->reader || !st->perm)
        return 0;
    char schema[256] = "dbo", name[256] = "";
    const char *dot = st->obj ? strchr(st->obj, '.') : NULL;
    if (dot) {
        snprintf(schema, sizeof schema, "%.*s", (int)(dot - st->obj), st->obj);
        snprintf(name, sizeof name, "%s", dot + 1);
    } else if (st->obj) {
        snprintf(name, sizeof name, "%s", st->obj);
    }
    if (name[0] == '#')
        return 0;
    if (strcmp(st->perm, "INSERT") == 0 || strcmp(st->perm, "UPDATE") == 0 || strcmp(st->perm, "DELETE") == 0)
        xerr(x, 229, 5, 14, st->line, "The %s permission was denied on the object '%s', database '%s', schema '%s'.",
             st->perm, name, s->database, schema);
    else if (strncmp(st->perm, "CREATE", 6) == 0)
        xerr(x, 262, 1, 14, st->line, "%s permission denied in database '%s'.", st->perm, s->database);
    else if (strncmp(st->perm, "DROP", 4) == 0)
        xerr(x, 3701, 14, 11, st->line, "Cannot drop the %s '%s', because it does not exist or you do not have permission.",
             strcmp(st->perm, "DROP VIEW") == 0 ? "view" : strcmp(st->perm, "DROP INDEX") == 0 ? "index" : "table", name);
    else
        xerr(x, 1088, 13, 16, st->line, "Cannot find the object \"%s\" because it does not exist or you do not have permissions.", name);
    done(x, 0, 0);
    return 1;
}

/* SQL Server's identity rules for INSERT: without a column list the values
 * go to the columns other than the identity; an explicit identity value
 * needs SET IDENTITY_INSERT ON (544). Returns -1 when the statement fails. */
static int identity_rules(X *x, stmt *st)
{
    sim_session *s = x->s;
    if (!st->identcol) {
        st->identcol = strdup("");
        sqlite3_stmt *q;
        if (sqlite3_prepare_v2(s->db, "SELECT name FROM pragma_table_info(?1) WHERE pk = 1 AND type = 'INTEGER'", -1,
                               &q, NULL) == SQLITE_OK) {
            sqlite3_bind_text(q, 1, st->ident_table, -1, SQLITE_STATIC);
            if (sqlite3_step(q) == SQLITE_ROW) {
                free(st->identcol);
                st->identcol = strdup((const char *)sqlite3_column_text(q, 0));
            }
            sqlite3_finalize(q);
        }
        if (st->identcol[0] && !st->inscols && st->ins_at > 0 && !st->ps) {
            /* add the column list without the identity */
            sbuf cl = {0};
            if (sqlite3_prepare_v2(s->db, "SELECT name FROM pragma_table_info(?1) WHERE NOT (pk = 1 AND type = 'INTEGER') ORDER BY cid",
                                   -1, &q, NULL) == SQLITE_OK) {
                sqlite3_bind_text(q, 1, st->ident_table, -1, SQLITE_STATIC);
                while (sqlite3_step(q) == SQLITE_ROW) {
                    sb_adds(&cl, cl.len ? ", \"" : " (\"");
                    sb_adds(&cl, (const char *)sqlite3_column_text(q, 0));
                    sb_addc(&cl, '"');
                }
                sqlite3_finalize(q);
            }
            if (cl.len) {
                sb_addc(&cl, ')');
                sbuf n = {0};
                sb_add(&n, st->sql, (size_t)st->ins_at);
                sb_adds(&n, sb_str(&cl));
                sb_adds(&n, st->sql + st->ins_at);
                free(st->sql);
                st->sql = sb_take(&n);
            }
            sb_free(&cl);
        }
    }
    if (st->identcol[0] && st->inscols) {
        char key[300];
        snprintf(key, sizeof key, ",%s,", st->identcol);
        for (char *z = key; *z; z++)
            *z = (char)tolower((unsigned char)*z);
        if (strstr(st->inscols, key) &&
            !(s->ident_insert_table && strcasecmp(s->ident_insert_table, st->ident_table) == 0)) {
            char sc[256], nm[256];
            catalog_split(st->ident_table, sc, sizeof sc, nm, sizeof nm);
            xerr(x, 544, 1, 16, st->line,
                 "Cannot insert explicit value for identity column in table '%s' when IDENTITY_INSERT is set to OFF.", nm);
            done(x, 0, 0);
            return -1;
        }
    }
    return 0;
}

/* Writes into a READ_ONLY database are refused (3906); temp tables live in
 * tempdb, which is never read-only. */
static int readonly_denied(X *x, stmt *st)
{
    if (!st->perm || (st->obj && strchr(st->obj, '#')))
        return 0;
    const char *db = x->s->database;
    char v[64];
    if (st->arg && strcasecmp(st->arg, db) != 0) {
        db = st->arg;
        if (dbprops_get(x->s->srv, db, "Updateability", v, sizeof v) != 0 || strcasecmp(v, "READ_ONLY") != 0)
            return 0;
    } else if (!dbprops_readonly(x->s)) {
        return 0;
    }
    xerr(x, 3906, 1, 16, st->line, "Failed to update database \"%s\" because the database is read-only.", db);
    done(x, 0, 0);
    return 1;
}

static void exec_sql(X *x, stmt *st)
{
    if (perm_denied(x, st) || readonly_denied(x, st))
        return;
    if (st->ident_table && st->perm && strcmp(st->perm, "INSERT") == 0 && identity_rules(x, st) != 0)
        return;
    if (!st->ps && st->dec_table)
        decstore_resolve(x->s->db, st);
    if (!st->ps) {
        const char *tail = NULL;
        if (prepare(x, st, st->sql, &st->ps, &tail) != 0)
            return;
        if (!st->ps)
            return; /* empty */
        if (tail && *tail) {
            /* several SQLite statements (DDL): run them one by one, not cached */
            sqlite3_stmt *first = st->ps;
            st->ps = NULL;
            run_one(x, st, first);
            sqlite3_finalize(first);
            while (tail && *tail && !x->abort_batch && !x->stop) {
                sqlite3_stmt *ps = NULL;
                const char *t2 = NULL;
                if (sqlite3_prepare_v2(x->s->db, tail, -1, &ps, &t2) != SQLITE_OK) {
                    after_error(x, map_error(x, st, SQLITE_ERROR, sqlite3_errmsg(x->s->db)));
                    return;
                }
                if (!ps)
                    break;
                run_one(x, st, ps);
                sqlite3_finalize(ps);
                tail = t2;
            }
            return;
        }
    }
    run_one(x, st, st->ps);
}

/* Evaluates "SELECT ..." of st into v (first column); 0 ok. */
static int eval_row(X *x, stmt *st, vval *out, int nout)
{
    if (!st->ps) {
        const char *tail;
        if (prepare(x, st, st->sql, &st->ps, &tail) != 0)
            return -1;
    }
    bind_all(x, st->ps);
    x->s->fn_err = 0;
    int rc = sqlite3_step(st->ps);
    if (rc == SQLITE_ROW) {
        for (int k = 0; k < nout && k < sqlite3_column_count(st->ps); k++)
            vval_from_column(&out[k], st->ps, k);
        sqlite3_reset(st->ps);
        return 0;
    }
    if (rc != SQLITE_DONE)
        after_error(x, map_error(x, st, rc, sqlite3_errmsg(x->s->db)));
    sqlite3_reset(st->ps);
    return -1;
}

static void exec_stmt(X *x, stmt *st);

static void exec_block(X *x, stmt *b)
{
    for (int i = 0; i < b->nlist && !x->stop && !x->abort_batch && !x->ret && !x->brk && !x->cont && !x->caught; i++)
        exec_stmt(x, b->list[i]);
}

static void tx_begin(X *x, stmt *st)
{
    sim_session *s = x->s;
    if (s->trancount == 0) {
        int rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            xerr(x, 1222, 45, 16, st->line, "Lock request time out period exceeded.");
            return;
        }
    }
    s->trancount++;
}

void applock_release_txn(sim_session *s);

static void tx_end(X *x, stmt *st, int commit)
{
    sim_session *s = x->s;
    if (s->trancount == 0) {
        if (commit)
            xerr(x, 3902, 1, 16, st->line, "The COMMIT TRANSACTION request has no corresponding BEGIN TRANSACTION.");
        else
            xerr(x, 3903, 1, 16, st->line, "The ROLLBACK TRANSACTION request has no corresponding BEGIN TRANSACTION.");
        return;
    }
    if (commit && s->trancount > 1) {
        s->trancount--;
        return;
    }
    s->trancount = 0;
    int rc = sqlite3_exec(s->db, commit ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
    if (rc != SQLITE_OK && !sqlite3_get_autocommit(s->db))
        xerr(x, 1222, 45, 16, st->line, "Lock request time out period exceeded.");
    applock_release_txn(s);
}

int applock_get(sim_session *s, const char *res, const char *mode, const char *owner, int timeout_ms);
int applock_release(sim_session *s, const char *res, const char *owner);

static void format_raiserror(vval *v, int n, sbuf *o)
{
    const char *f = v[0].t == SQLITE_TEXT ? v[0].s : "";
    int arg = 3;
    for (const char *p = f; *p; p++) {
        if (*p != '%') {
            sb_addc(o, *p);
            continue;
        }
        p++;
        if (*p == '%') {
            sb_addc(o, '%');
            continue;
        }
        /* flags/width: skip */
        while (*p && strchr("-+ #0123456789.*", *p))
            p++;
        if (*p == 'l' || *p == 'h' || *p == 'I')
            p++;
        if (!*p)
            break;
        vval *a = arg < n ? &v[arg++] : NULL;
        if (!a || a->t == SQLITE_NULL) {
            sb_adds(o, "(null)");
        } else if (*p == 's') {
            if (a->t == SQLITE_TEXT)
                sb_adds(o, a->s);
            else if (a->t == SQLITE_INTEGER)
                sb_printf(o, "%lld", (long long)a->i);
            else
                sb_printf(o, "%g", a->d);
        } else {
            sb_printf(o, "%lld", (long long)(a->t == SQLITE_INTEGER ? a->i : a->t == SQLITE_FLOAT ? (int64_t)a->d : 0));
        }
    }
}

static void exec_stmt(X *x, stmt *st)
{
    sim_session *s = x->s;
    if (s->cancel) {
        x->stop = 1;
        return;
    }
    switch (st->kind) {
    case ST_SQL:
    case ST_SELVAR:
        exec_sql(x, st);
        break;
    case ST_BLOCK:
        exec_block(x, st);
        break;
    case ST_IF: {
        vval c = {0};
        c.t = SQLITE_NULL;
        if (eval_row(x, st, &c, 1) == 0) {
            if (c.t == SQLITE_INTEGER && c.i)
                exec_stmt(x, st->body);
            else if (st->alt)
                exec_stmt(x, st->alt);
        }
        vval_clear(&c);
        break;
    }
    case ST_WHILE:
        for (int guard = 0; !x->stop && !x->abort_batch && !x->ret && !x->caught; guard++) {
            vval c = {0};
            c.t = SQLITE_NULL;
            if (eval_row(x, st, &c, 1) != 0 || !(c.t == SQLITE_INTEGER && c.i)) {
                vval_clear(&c);
                break;
            }
            vval_clear(&c);
            exec_stmt(x, st->body);
            x->cont = 0;
            if (x->brk) {
                x->brk = 0;
                break;
            }
        }
        break;
    case ST_TRY: {
        x->in_try++;
        exec_stmt(x, st->body);
        x->in_try--;
        if (x->caught) {
            x->caught = 0;
            x->abort_batch = 0;
            int was = s->in_catch;
            s->in_catch = 1;
            exec_stmt(x, st->alt);
            s->in_catch = was;
        }
        break;
    }
    case ST_DECLARE:
        vval_clear(&x->vals[st->var]);
        if (st->sql)
            eval_row(x, st, &x->vals[st->var], 1);
        break;
    case ST_SETVAR:
        if (st->var >= 0) {
            vval tmp = {0};
            tmp.t = SQLITE_NULL;
            if (eval_row(x, st, &tmp, 1) == 0) {
                vval_clear(&x->vals[st->var]);
                x->vals[st->var] = tmp;
                s->rowcount = 1;
            }
        }
        break;
    case ST_BEGIN:
        tx_begin(x, st);
        break;
    case ST_COMMIT:
        tx_end(x, st, 1);
        break;
    case ST_ROLLBACK:
        tx_end(x, st, 0);
        break;
    case ST_SAVE:
        break;
    case ST_NOOP:
        if (st->args[0] == 1)
            s->nocount = st->args[1];
        else if (st->args[0] == 2)
            s->xact_abort = st->args[1];
        break;
    case ST_IDENTITY_INSERT:
        free(s->ident_insert_table);
        s->ident_insert_table = st->args[1] ? strdup(st->text) : NULL;
        break;
    case ST_USE: {
        if (s->trancount > 0) {
            xerr(x, 50000, 1, 16, st->line, "Liaison simulator: USE inside an open transaction is not supported.");
            break;
        }
        if (strcasecmp(st->text, s->database) == 0)
            break;
        if (dbprops_single_user_busy(s->srv, st->text)) {
            xerr(x, 924, 1, 14, st->line, "Database '%s' is already open and can only have one user at a time.",
                 st->text);
            x->abort_batch = 1;
            break;
        }
        if (sim_server_has_database(s->srv, st->text) != 0 && strcasecmp(st->text, "master") != 0) {
            xerr(x, 911, 1, 16, st->line, "Database '%s' does not exist. Make sure that the name is entered correctly.",
                 st->text);
            x->abort_batch = 1;
            break;
        }
        /* statements of this plan were prepared on the old connection */
        extern void plan_finalize(stmt * st);
        plan_finalize(x->pl->root);
        char *old = strdup(s->database);
        char err[256];
        if (session_open_db(s, st->text, err, sizeof err) != 0) {
            xerr(x, 911, 1, 16, st->line, "Database '%s' does not exist. Make sure that the name is entered correctly.",
                 st->text);
            x->abort_batch = 1;
        } else {
            /* three-part names of this batch need their databases again */
            for (int k = 0; k < x->pl->nattach; k++)
                if (strcasecmp(x->pl->attach[k], s->database) != 0)
                    session_attach(s, x->pl->attach[k]);
            flush(x, 1);
            if (x->sink->env_database && x->sink->env_database(x->sink->ctx, old, s->database))
                x->stop = 1;
            char msg[300];
            snprintf(msg, sizeof msg, "Changed database context to '%s'.", s->database);
            report(x, 5701, 2, 0, st->line, msg);
        }
        free(old);
        break;
    }
    case ST_PRINT: {
        vval v = {0};
        v.t = SQLITE_NULL;
        if (eval_row(x, st, &v, 1) == 0) {
            char num[64];
            const char *t = v.s ? v.s : "";
            if (v.t == SQLITE_INTEGER) {
                snprintf(num, sizeof num, "%lld", (long long)v.i);
                t = num;
            } else if (v.t == SQLITE_FLOAT) {
                snprintf(num, sizeof num, "%g", v.d);
                t = num;
            }
            report(x, 0, 1, 0, st->line, t);
        }
        vval_clear(&v);
        break;
    }
    case ST_RAISERROR: case ST_THROW: {
        vval v[12];
        for (int k = 0; k < 12; k++) {
            memset(&v[k], 0, sizeof v[k]);
            v[k].t = SQLITE_NULL;
        }
        if (!st->sql) { /* THROW; rethrows */
            if (!s->in_catch) {
                xerr(x, 10704, 1, 15, st->line,
                     "To rethrow an error, a THROW statement must be used inside a CATCH block. Insert the THROW statement inside a CATCH block, or add error parameters to the THROW statement.");
            } else {
                char t[1024];
                snprintf(t, sizeof t, "%s", s->catch_text);
                report(x, s->catch_err, s->catch_state, s->catch_sev, s->catch_line, t);
            }
            x->abort_batch = 1;
            break;
        }
        if (eval_row(x, st, v, 12) == 0) {
            if (st->kind == ST_THROW) {
                int num = (int)(v[0].t == SQLITE_INTEGER ? v[0].i : 50000);
                report(x, num, (int)v[2].i, 16, st->line, v[1].s ? v[1].s : "");
                x->abort_batch = 1;
            } else {
                sbuf m = {0};
                int num = 50000;
                if (v[0].t == SQLITE_INTEGER) {
                    num = (int)v[0].i;
                    sb_printf(&m, "Error %d: user-defined message not found.", num);
                } else {
                    format_raiserror(v, 12, &m);
                }
                int sev = (int)v[1].i;
                if (sev > 18)
                    sev = 18;
                if (sev < 0)
                    sev = 0;
                report(x, num, (int)v[2].i, sev, st->line, sb_str(&m));
                sb_free(&m);
            }
        }
        for (int k = 0; k < 12; k++)
            vval_clear(&v[k]);
        break;
    }
    case ST_GETLOCK: case ST_RELLOCK: {
        vval v[4];
        for (int k = 0; k < 4; k++) {
            memset(&v[k], 0, sizeof v[k]);
            v[k].t = SQLITE_NULL;
        }
        if (eval_row(x, st, v, 4) != 0)
            break;
        int r;
        if (v[0].t != SQLITE_TEXT) {
            xerr(x, 1054, 1, 16, st->line, "Cannot find the parameter @Resource.");
            r = -999;
        } else if (st->kind == ST_GETLOCK) {
            const char *owner = v[2].t == SQLITE_TEXT ? v[2].s : "Transaction";
            if (strcasecmp(owner, "Transaction") == 0 && s->trancount == 0) {
                xerr(x, 1223, 1, 16, st->line,
                     "Cannot obtain the application lock: a transaction-owned lock needs an open transaction (use @LockOwner = 'Session').");
                r = -999;
            } else {
                r = applock_get(s, v[0].s, v[1].t == SQLITE_TEXT ? v[1].s : "Exclusive", owner,
                                v[3].t == SQLITE_INTEGER ? (int)v[3].i : -1);
            }
        } else {
            r = applock_release(s, v[0].s, v[2].t == SQLITE_TEXT ? v[2].s : "Transaction");
            if (r != 0)
                xerr(x, 1223, 1, 16, st->line,
                     "Cannot release the application lock (Database Principal: 'public', Resource: '%s') because it is not currently held.",
                     v[0].s);
        }
        if (st->var >= 0) {
            vval_clear(&x->vals[st->var]);
            x->vals[st->var].t = SQLITE_INTEGER;
            x->vals[st->var].i = r;
        }
        for (int k = 0; k < 4; k++)
            vval_clear(&v[k]);
        break;
    }
    case ST_CREATEDB:
        if (s->reader) {
            xerr(x, 262, 1, 14, st->line, "CREATE DATABASE permission denied in database 'master'.");
            break;
        }
        /* fall through */
    case ST_ALTERDB:
    case ST_BACKUP: {
        admin_out o = {0};
        if (st->kind == ST_CREATEDB)
            admin_create_database(s, st, &o);
        else if (st->kind == ST_ALTERDB)
            admin_alter_database(s, st, &o);
        else
            admin_backup(s, st, &o);
        for (int k = 0; k < o.n && !x->stop; k++)
            report(x, o.m[k].num, o.m[k].state, o.m[k].sev, st->line, o.m[k].text);
        break;
    }
    case ST_WAITFOR: {
        vval v = {0};
        v.t = SQLITE_NULL;
        if (eval_row(x, st, &v, 1) == 0) {
            long ms;
            if (v.t != SQLITE_TEXT || admin_delay_ms(v.s, &ms) != 0) {
                xerr(x, 148, 1, 15, st->line, "Incorrect time syntax in time string '%s' used with WAITFOR.",
                     v.t == SQLITE_TEXT && v.s ? v.s : "");
            } else {
                /* in slices, so that a cancel (ATTENTION) ends the wait at once */
                for (; ms > 0 && !s->cancel; ms -= 20) {
                    struct timespec ts = {0, (ms < 20 ? ms : 20) * 1000000L};
                    nanosleep(&ts, NULL);
                }
                if (s->cancel)
                    x->stop = 1;
            }
        }
        vval_clear(&v);
        break;
    }
    case ST_CREATE_SCHEMA: {
        if (perm_denied(x, st) || readonly_denied(x, st))
            break;
        sqlite3_stmt *q;
        const char *sql = st->args[0] ? "DELETE FROM main.__sim_schemas WHERE name = ?1" : "INSERT INTO main.__sim_schemas(name) VALUES (?1)";
        if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) == SQLITE_OK) {
            sqlite3_bind_text(q, 1, st->text, -1, SQLITE_STATIC);
            int rc = sqlite3_step(q);
            sqlite3_finalize(q);
            if (rc != SQLITE_DONE && !st->args[0])
                xerr(x, 2714, 6, 16, st->line, "There is already an object named '%s' in the database.", st->text);
            else if (st->args[0] && sqlite3_changes(s->db) == 0)
                xerr(x, 3701, 14, 11, st->line, "Cannot drop the schema '%s', because it does not exist or you do not have permission.", st->text);
        }
        break;
    }
    case ST_RETURN:
        x->ret = 1;
        break;
    case ST_BREAK:
        x->brk = 1;
        break;
    case ST_CONTINUE:
        x->cont = 1;
        break;
    }
}

void plan_finalize(stmt *st);
void plan_finalize(stmt *st)
{
    if (!st)
        return;
    if (st->ps) {
        sqlite3_finalize(st->ps);
        st->ps = NULL;
    }
    plan_finalize(st->body);
    plan_finalize(st->alt);
    for (int i = 0; i < st->nlist; i++)
        plan_finalize(st->list[i]);
}

/* ---- plan cache ---- */

static uint32_t hash_key(const char *sql, const sim_param *params, int nparams)
{
    uint32_t h = 2166136261u;
    for (const char *p = sql; *p; p++) {
        h ^= (unsigned char)*p;
        h *= 16777619u;
    }
    for (int i = 0; i < nparams; i++)
        for (const char *p = params[i].name; p && *p; p++) {
            h ^= (unsigned char)*p;
            h *= 16777619u;
        }
    return h;
}

static char *make_key(const char *sql, const sim_param *params, int nparams)
{
    sbuf k = {0};
    sb_adds(&k, sql);
    for (int i = 0; i < nparams; i++) {
        sb_addc(&k, '\x01');
        sb_adds(&k, params[i].name ? params[i].name : "");
        sb_printf(&k, ":%d", (int)params[i].type.kind);
    }
    return sb_take(&k);
}

/* key == make_key(sql, params) without building it (the hot path of loads) */
static int key_matches(const char *key, const char *sql, const sim_param *params, int nparams)
{
    size_t n = strlen(sql);
    if (strncmp(key, sql, n) != 0)
        return 0;
    key += n;
    for (int i = 0; i < nparams; i++) {
        if (*key++ != '\x01')
            return 0;
        const char *nm = params[i].name ? params[i].name : "";
        size_t l = strlen(nm);
        if (strncmp(key, nm, l) != 0)
            return 0;
        key += l;
        /* ":kind", the kind being 0..99 (no snprintf per parameter and row) */
        int kd = (int)params[i].type.kind;
        if (*key++ != ':')
            return 0;
        if (kd >= 10 && *key++ != (char)('0' + kd / 10))
            return 0;
        if (*key++ != (char)('0' + kd % 10))
            return 0;
    }
    return *key == 0;
}

static plan *cache_get(sim_session *s, const char *sql, const sim_param *params, int nparams)
{
    uint32_t h = hash_key(sql, params, nparams);
    for (int i = 0; i < s->ncache; i++)
        if (s->cache[i]->hash == h && key_matches(s->cache[i]->key, sql, params, nparams)) {
            plan *p = s->cache[i];
            /* move to front: recently used plans survive eviction */
            if (i > 0) {
                memmove(&s->cache[1], &s->cache[0], (size_t)i * sizeof(plan *));
                s->cache[0] = p;
            }
            return p;
        }
    char *key = make_key(sql, params, nparams);
    plan *p = plan_build(s, sql, params, nparams);
    p->key = key;
    p->hash = h;
    if (s->ncache == PLAN_CACHE) {
        plan_free(s->cache[PLAN_CACHE - 1]);
        s->ncache--;
    }
    memmove(&s->cache[1], &s->cache[0], (size_t)s->ncache * sizeof(plan *));
    s->cache[0] = p;
    s->ncache++;
    return p;
}

/* Reports the OUTPUT parameters of the batch to the sink, each converted to
 * its declared type the way a result column is (row_value), from the
 * variable's value, or from the value passed in when the batch did not run
 * (vals NULL) or never names the parameter. */
static void emit_outputs(X *x, const sim_param *params, int nparams, vval *vals)
{
    sim_session *s = x->s;
    sim_sink *sink = x->sink;
    if (!sink->output || x->stop || s->cancel)
        return;
    sqlite3_stmt *ps = NULL;
    sbuf buf = {0};
    for (int j = 0; j < nparams && !x->stop; j++) {
        if (!params[j].output)
            continue;
        int var = -1;
        for (int i = 0; vals && i < x->pl->nvars; i++)
            if (x->pl->vars[i].param == j)
                var = i;
        if (var < 0) {
            if (sink->output(sink->ctx, j, &params[j].type, &params[j].value))
                x->stop = 1;
            continue;
        }
        if (!ps && sqlite3_prepare_v2(s->db, "SELECT ?1", -1, &ps, NULL) != SQLITE_OK) {
            sqlite3_finalize(ps);
            ps = NULL;
            break;
        }
        vval *v = &vals[var];
        switch (v->t) {
        case SQLITE_INTEGER: sqlite3_bind_int64(ps, 1, v->i); break;
        case SQLITE_FLOAT: sqlite3_bind_double(ps, 1, v->d); break;
        case SQLITE_TEXT: sqlite3_bind_text(ps, 1, v->s, v->n, SQLITE_STATIC); break;
        case SQLITE_BLOB: sqlite3_bind_blob(ps, 1, v->s, v->n, SQLITE_STATIC); break;
        default: sqlite3_bind_null(ps, 1);
        }
        sim_value out;
        if (sqlite3_step(ps) == SQLITE_ROW) {
            row_value(ps, 0, &params[j].type, &out, &buf);
            if (sink->output(sink->ctx, j, &params[j].type, &out))
                x->stop = 1;
        }
        sqlite3_reset(ps);
    }
    sqlite3_finalize(ps);
    sb_free(&buf);
}

int sim_exec_batch(sim_session *s, const char *sql, const sim_param *params, int nparams, sim_sink *sink)
{
    s->cancel = 0;
    s->sink = sink;
    if (!sql)
        sql = "";
    plan *pl = cache_get(s, sql, params, nparams);
    X x;
    memset(&x, 0, sizeof x);
    x.s = s;
    x.pl = pl;
    x.sink = sink;
    if (pl->err) {
        report(&x, pl->err, pl->err_state, pl->err_sev, pl->err_line, pl->err_text);
        s->last_error = pl->err;
        if (!x.stop && sink->done && sink->done(sink->ctx, 0, 0, 0))
            x.stop = 1;
        emit_outputs(&x, params, nparams, NULL);
        s->sink = NULL;
        return x.stop ? -1 : 0;
    }
    x.vals = calloc((size_t)(pl->nvars ? pl->nvars : 1), sizeof(vval));
    if (!x.vals)
        abort();
    for (int i = 0; i < pl->nvars; i++) {
        x.vals[i].t = SQLITE_NULL;
        if (pl->vars[i].param >= 0 && pl->vars[i].param < nparams)
            vval_from_param(&x.vals[i], &params[pl->vars[i].param]);
    }
    s->last_error = 0;
    exec_stmt(&x, pl->root);
    if (x.pending)
        flush(&x, 0);
    else if (!x.stop && sink->done && sink->done(sink->ctx, 0, 0, 0))
        x.stop = 1;
    emit_outputs(&x, params, nparams, x.vals);
    for (int i = 0; i < pl->nvars; i++)
        vval_clear(&x.vals[i]);
    free(x.vals);
    if (s->cache_dirty) {
        s->cache_dirty = 0;
        for (int i = 0; i < s->ncache; i++)
            plan_free(s->cache[i]);
        s->ncache = 0;
    }
    s->sink = NULL;
    int stopped = x.stop && !s->cancel;
    s->cancel = 0;
    return stopped ? -1 : 0;
}

/* registered with the other functions: t_dupkey is ours */
int exec_register(sqlite3 *db, sim_session *s);
int exec_register(sqlite3 *db, sim_session *s)
{
    return sqlite3_create_function(db, "t_dupkey", -1, SQLITE_UTF8, s, f_dupkey, NULL, NULL);
}
