/* Requests: SQL batches and RPC calls run through the engine, with its
 * results streamed back as tokens by a sim_sink. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tds_int.h"
#include "tds_request.h"
#include "tds_text.h"

/* ---- The sink: engine results to tokens. ---- */

/* A DONE is held back until we know whether more results follow (DONE_MORE). */
static void flush_pending(tds_conn *c)
{
    if (!c->have_pending) return;
    tds_put_done(c, c->in_rpc ? TDS_TOK_DONEINPROC : TDS_TOK_DONE,
                 (uint16_t)(c->pending_status | TDS_DONE_MORE), c->pending_count);
    c->have_pending = 0;
}

static int stopped(tds_conn *c)
{
    return c->dead || tds_check_attention(c) || (c->stop && *c->stop);
}

static int sink_columns(void *ctx, const sim_column *cols, int ncols)
{
    tds_conn *c = ctx;
    if (stopped(c)) return 1;
    flush_pending(c);
    if (ncols < 0 || ncols > 4096) return 1;
    sim_type *t = realloc(c->coltypes, (size_t)(ncols ? ncols : 1) * sizeof *t);
    if (!t) return 1;
    c->coltypes = t;
    c->ncols = ncols;
    for (int i = 0; i < ncols; i++) t[i] = cols[i].type;
    if (ncols > 0) tds_put_colmetadata(c, cols, ncols);
    return 0;
}

static int sink_row(void *ctx, const sim_value *vals, int ncols)
{
    tds_conn *c = ctx;
    if (c->fmtonly) return 1;   /* metadata only: stop at the first row */
    if (c->dead || c->attn) return 1;
    if (ncols != c->ncols) return 1;
    tds_put_row(c, c->coltypes, vals, ncols);
    return c->dead || c->attn;
}

static int sink_done(void *ctx, int64_t count, int has_count, int more)
{
    tds_conn *c = ctx;
    (void)more;  /* known for sure only when the next result or the end comes */
    if (stopped(c)) return 1;
    if (c->fmtonly) return 0;
    flush_pending(c);
    c->have_pending = 1;
    c->pending_count = has_count ? count : 0;
    c->pending_status = (uint16_t)((has_count ? TDS_DONE_COUNT : 0) | (c->stmt_error ? TDS_DONE_ERROR : 0));
    c->stmt_error = 0;
    return 0;
}

static int sink_message(void *ctx, int number, int state, int severity, const char *text, int line)
{
    tds_conn *c = ctx;
    if (c->dead || c->attn) return 1;
    flush_pending(c);
    tds_put_message(c, number, state, severity, text, line);
    if (severity > 10) c->stmt_error = c->req_error = 1;
    return 0;
}

static int sink_env_database(void *ctx, const char *old_db, const char *new_db)
{
    tds_conn *c = ctx;
    char info[300];
    if (c->dead || c->attn) return 1;
    flush_pending(c);
    tds_put_env(c, 1, new_db, old_db);
    snprintf(info, sizeof info, "Changed database context to '%s'.", new_db);
    tds_put_message(c, 5701, 1, 0, info, 1);
    snprintf(c->stats->database, sizeof c->stats->database, "%s", new_db);
    return 0;
}

/* An OUTPUT parameter's final value: kept (copied) until the RETURNSTATUS
 * of the RPC has been sent. */
static int sink_output(void *ctx, int param, const sim_type *type, const sim_value *value)
{
    tds_conn *c = ctx;
    if (c->dead || c->attn || !c->rv_params) return 1;
    if (c->nrv == c->caprv) {
        int cap = c->caprv ? c->caprv * 2 : 4;
        tds_retval *nr = realloc(c->rv, (size_t)cap * sizeof *nr);
        if (!nr) return 1;
        c->rv = nr;
        c->caprv = cap;
    }
    tds_retval *r = &c->rv[c->nrv];
    memset(r, 0, sizeof *r);
    r->ordinal = c->rv_base + param;
    r->name = strdup(c->rv_params[param].name ? c->rv_params[param].name : "");
    r->type = *type;
    r->value = *value;
    const void *src = type->kind == SIM_T_VARBINARY && value->blob ? value->blob : (const void *)value->text;
    if (!value->is_null && src) {
        r->data = malloc(value->len + 1);
        if (!r->data) { free(r->name); return 1; }
        memcpy(r->data, src, value->len);
        ((char *)r->data)[value->len] = '\0';
        r->value.text = r->data;
        r->value.blob = r->data;
    } else {
        r->value.text = NULL;
        r->value.blob = NULL;
    }
    if (!r->name) { free(r->data); return 1; }
    c->nrv++;
    return 0;
}

void tds_retvals_free(tds_conn *c)
{
    for (int i = 0; i < c->nrv; i++) {
        free(c->rv[i].name);
        free(c->rv[i].data);
    }
    c->nrv = 0;
}

/* RETURNVALUE tokens of the kept OUTPUT parameters, after RETURNSTATUS. */
static void put_retvals(tds_conn *c)
{
    for (int i = 0; i < c->nrv && !c->dead; i++)
        tds_put_returnvalue(c, c->rv[i].ordinal, c->rv[i].name, &c->rv[i].type, &c->rv[i].value);
    tds_retvals_free(c);
}

/* Runs sql through the engine; results go to the client. */
static void run(tds_conn *c, const char *sql, const sim_param *params, int nparams)
{
    sim_sink sink = {c, sink_columns, sink_row, sink_done, sink_message, sink_env_database, sink_output};
    c->have_pending = 0;
    c->stmt_error = 0;
    c->poll_attn = 1;
    tds_watch_begin(c);
    sim_exec_batch(c->sess, sql, params, nparams, &sink);
    tds_watch_end(c);
    c->poll_attn = 0;
    c->fmtonly = 0;
}

/* Ends a SQL batch reply: the last DONE without DONE_MORE, or DONE_ATTN. */
static void finish_batch(tds_conn *c)
{
    if (c->attn) {
        tds_put_attention_ack(c);
        c->attn = 0;
        c->have_pending = 0;
        return;
    } else if (c->have_pending) {
        tds_put_done(c, TDS_TOK_DONE, c->pending_status, c->pending_count);
        c->have_pending = 0;
    } else {
        tds_put_done(c, TDS_TOK_DONE, c->stmt_error ? TDS_DONE_ERROR : 0, 0);
    }
    tds_tx_end(c);
}

/* ---- SQL batch ---- */

static int skip_all_headers(tds_conn *c)
{
    uint32_t total;
    if (c->ver < 72) return 0;
    if (tds_rx_u32(c, &total)) return -1;
    if (total < 4 || total > 65536) return tds_fail(c, "bad ALL_HEADERS length %u", total);
    return tds_rx_skip(c, total - 4);
}

/* "SET FMTONLY ON <query> SET FMTONLY OFF" (what FreeTDS's bcp sends to learn
 * a table's columns): returns the inner query in place, or NULL. */
static char *fmtonly_inner(char *sql)
{
    const char *on = "set fmtonly on", *off = "set fmtonly off";
    char *p = sql;
    while (isspace((unsigned char)*p)) p++;
    if (strncasecmp(p, on, strlen(on)) != 0) return NULL;
    p += strlen(on);
    size_t n = strlen(p);
    while (n > 0 && (isspace((unsigned char)p[n - 1]) || p[n - 1] == ';')) n--;
    if (n < strlen(off) || strncasecmp(p + n - strlen(off), off, strlen(off)) != 0) return NULL;
    p[n - strlen(off)] = '\0';
    return p;
}

int tds_handle_batch(tds_conn *c)
{
    lia_buf raw = LIA_BUF_INIT, sql = LIA_BUF_INIT;
    if (skip_all_headers(c) || tds_rx_rest(c, &raw, TDS_MAX_MESSAGE)) goto fail;
    if (raw.len % 2) { tds_fail(c, "odd length of a UTF-16 batch"); goto fail; }
    if (tds_utf16_to_utf8((const uint8_t *)raw.data, raw.len, &sql) != 0) { tds_fail(c, "out of memory"); goto fail; }
    lia_buf_free(&raw);
    char *text = sql.data ? sql.data : (char *)"";
    int r = tds_bulk_parse_insert(text, &c->bulk_table, &c->bulk_cols, &c->bulk_ncols);
    if (r == 1) {
        tds_put_done(c, TDS_TOK_DONE, 0, 0);
        tds_tx_end(c);
    } else {
        char *inner = fmtonly_inner(text);
        if (inner) { c->fmtonly = 1; text = inner; }
        c->req_error = 0;
        run(c, text, NULL, 0);
        finish_batch(c);
    }
    lia_buf_free(&sql);
    return c->dead ? -1 : 0;
fail:
    lia_buf_free(&raw);
    lia_buf_free(&sql);
    return -1;
}

/* ---- RPC ---- */

typedef struct rpc_param {
    char *name;
    int status;
    sim_type type;
    sim_value value;
} rpc_param;

static const char *proc_name_of(int id)
{
    switch (id) {
    case 1: return "sp_cursor";
    case 10: return "sp_executesql";
    case 11: return "sp_prepare";
    case 12: return "sp_execute";
    case 13: return "sp_prepexec";
    case 15: return "sp_unprepare";
    default: return NULL;
    }
}

/* "[sys].[sp_executesql]" -> "sp_executesql" */
static void proc_base(const char *name, char *out, size_t cap)
{
    const char *last = strrchr(name, '.');
    const char *s = last ? last + 1 : name;
    size_t o = 0;
    for (; *s && o + 1 < cap; s++)
        if (*s != '[' && *s != ']') out[o++] = (char)tolower((unsigned char)*s);
    out[o] = '\0';
}

/* Names of the parameters declared in "@a int, @b nvarchar(10)", for
 * callers that send the values without names. */
static void declared_name(const char *decl, int index, char *out, size_t cap)
{
    int k = 0, depth = 0;
    const char *p = decl;
    snprintf(out, cap, "@p%d", index + 1);
    if (!decl) return;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
        if (*p == '@' && k == index) {
            size_t o = 0;
            while (*p && (isalnum((unsigned char)*p) || *p == '@' || *p == '_' || (unsigned char)*p >= 0x80) && o + 1 < cap)
                out[o++] = *p++;
            out[o] = '\0';
            return;
        }
        for (; *p; p++) {
            if (*p == '(') depth++;
            else if (*p == ')') depth--;
            else if (*p == ',' && depth == 0) { p++; k++; break; }
        }
    }
}

static void put_returnvalue_int(tds_conn *c, int ordinal, const char *name, int32_t v)
{
    tds_tx_u8(c, 0xAC);
    tds_tx_u16(c, (uint16_t)ordinal);
    tds_put_bvarchar(c, name);
    tds_tx_u8(c, 0x01);
    if (c->ver >= 72) tds_tx_u32(c, 0);
    else tds_tx_u16(c, 0);
    tds_tx_u16(c, 0x0001);
    tds_tx_u8(c, 0x26);
    tds_tx_u8(c, 4);
    tds_tx_u8(c, 4);
    tds_tx_u32(c, (uint32_t)v);
}

static const char *param_text(const rpc_param *p)
{
    return p->value.is_null || !p->value.text ? NULL : p->value.text;
}

/* Executes sql with the values params[from..n), named from decl if needed. */
static void exec_with(tds_conn *c, const char *sql, const char *decl, rpc_param *ps, int from, int n)
{
    int np = n - from;
    sim_param *sp = calloc((size_t)(np > 0 ? np : 1), sizeof *sp);
    char (*names)[130] = calloc((size_t)(np > 0 ? np : 1), sizeof *names);
    if (!sp || !names) { free(sp); free(names); c->dead = 1; tds_fail(c, "out of memory"); return; }
    for (int i = 0; i < np; i++) {
        rpc_param *p = &ps[from + i];
        if (p->name && p->name[0]) snprintf(names[i], sizeof names[i], "%s", p->name);
        else declared_name(decl, i, names[i], sizeof names[i]);
        sp[i].name = names[i];
        sp[i].type = p->type;
        sp[i].value = p->value;
        sp[i].output = p->status & 1;
    }
    c->rv_base = from;
    c->rv_params = sp;
    run(c, sql, sp, np);
    c->rv_params = NULL;
    free(sp);
    free(names);
}

static void rpc_error(tds_conn *c, int number, int state, int sev, const char *text)
{
    tds_put_message(c, number, state, sev, text, 1);
    c->req_error = c->stmt_error = 1;
}

static void call_proc(tds_conn *c, const char *proc, rpc_param *ps, int n)
{
    char msg[300];
    int status = 0;
    if (strcmp(proc, "sp_executesql") == 0) {
        if (n < 1 || !param_text(&ps[0])) {
            rpc_error(c, 214, 2, 16, "Procedure expects parameter '@statement' of type 'ntext/nchar/nvarchar'.");
        } else {
            exec_with(c, param_text(&ps[0]), n > 1 ? param_text(&ps[1]) : NULL, ps, n > 1 ? 2 : 1, n);
        }
    } else if (strcmp(proc, "sp_prepare") == 0 || strcmp(proc, "sp_prepexec") == 0) {
        /* @handle OUTPUT, @params, @stmt [, values...] */
        if (n < 3 || !param_text(&ps[2])) {
            rpc_error(c, 8144, 2, 16, "Procedure or function sp_prepare has too many arguments specified.");
        } else {
            char **np = realloc(c->prep_sql, (size_t)(c->nprep + 1) * 2 * sizeof *np);
            if (!np) { c->dead = 1; return; }
            c->prep_sql = np;
            np[2 * c->nprep] = strdup(param_text(&ps[2]));
            np[2 * c->nprep + 1] = param_text(&ps[1]) ? strdup(param_text(&ps[1])) : NULL;
            int handle = ++c->nprep;
            if (strcmp(proc, "sp_prepexec") == 0) exec_with(c, np[2 * (handle - 1)], np[2 * (handle - 1) + 1], ps, 3, n);
            flush_pending(c);
            tds_tx_u8(c, 0x79);
            tds_tx_u32(c, 0);
            put_returnvalue_int(c, 0, ps[0].name ? ps[0].name : "", handle);
            put_retvals(c);
            status = -1;  /* RETURNSTATUS already sent */
        }
    } else if (strcmp(proc, "sp_execute") == 0) {
        int h = n >= 1 && !ps[0].value.is_null ? (int)ps[0].value.i : 0;
        if (h < 1 || h > c->nprep || !c->prep_sql[2 * (h - 1)]) {
            snprintf(msg, sizeof msg, "Could not find prepared statement with handle %d.", h);
            rpc_error(c, 8179, 4, 16, msg);
        } else {
            exec_with(c, c->prep_sql[2 * (h - 1)], c->prep_sql[2 * (h - 1) + 1], ps, 1, n);
        }
    } else if (strcmp(proc, "sp_unprepare") == 0) {
        int h = n >= 1 && !ps[0].value.is_null ? (int)ps[0].value.i : 0;
        if (h >= 1 && h <= c->nprep) {
            free(c->prep_sql[2 * (h - 1)]);
            free(c->prep_sql[2 * (h - 1) + 1]);
            c->prep_sql[2 * (h - 1)] = c->prep_sql[2 * (h - 1) + 1] = NULL;
        }
    } else {
        snprintf(msg, sizeof msg, "Could not find stored procedure '%s'.", proc);
        rpc_error(c, 2812, 62, 16, msg);
    }
    if (c->attn || c->dead) {
        tds_retvals_free(c);
        return;
    }
    if (status == 0) {
        flush_pending(c);
        tds_tx_u8(c, 0x79);
        tds_tx_u32(c, (uint32_t)(c->req_error ? -6 : 0));
        put_retvals(c);
    }
}

static void free_params(rpc_param *ps, int n)
{
    for (int i = 0; i < n; i++) free(ps[i].name);
    free(ps);
}

int tds_handle_rpc(tds_conn *c)
{
    if (skip_all_headers(c)) return -1;
    for (;;) {
        uint16_t namelen, flags;
        char proc[260] = "";
        if (tds_rx_u16(c, &namelen)) return -1;
        if (namelen == 0xFFFF) {
            uint16_t id;
            if (tds_rx_u16(c, &id)) return -1;
            const char *nm = proc_name_of(id);
            snprintf(proc, sizeof proc, "%s", nm ? nm : "");
            if (!nm) snprintf(proc, sizeof proc, "#%u", id);
        } else {
            uint8_t raw[512];
            lia_buf u = LIA_BUF_INIT;
            if (namelen > 256) return tds_fail(c, "procedure name of %u characters", namelen);
            if (tds_rx_get(c, raw, (size_t)namelen * 2)) return -1;
            tds_utf16_to_utf8(raw, (size_t)namelen * 2, &u);
            proc_base(lia_buf_str(&u), proc, sizeof proc);
            lia_buf_free(&u);
        }
        if (tds_rx_u16(c, &flags)) return -1;

        rpc_param *ps = NULL;
        int n = 0, cap = 0, more = 0;
        tds_owned owned = {0};
        while (!tds_rx_at_end(c)) {
            uint8_t next;
            if (tds_rx_peek(c, &next)) goto fail;
            if (next == 0x80 || next == 0xFF || next == 0xFE) {
                if (tds_rx_skip(c, 1)) goto fail;
                more = !tds_rx_at_end(c);
                break;
            }
            if (n == cap) {
                if (cap >= 2100) { tds_fail(c, "more than 2100 parameters"); goto fail; }
                cap = cap ? cap * 2 : 8;
                rpc_param *np = realloc(ps, (size_t)cap * sizeof *np);
                if (!np) { tds_fail(c, "out of memory"); goto fail; }
                ps = np;
            }
            rpc_param *p = &ps[n];
            memset(p, 0, sizeof *p);
            n++;
            uint8_t st;
            tds_typeinfo ti;
            if (tds_read_bvarchar(c, &p->name) || tds_rx_u8(c, &st) || tds_read_typeinfo(c, &ti)
                || tds_read_value(c, &ti, 0, &p->type, &p->value, &owned))
                goto fail;
            p->status = st;
        }
        c->in_rpc = 1;
        c->req_error = c->stmt_error = 0;
        c->have_pending = 0;
        call_proc(c, proc, ps, n);
        c->in_rpc = 0;
        free_params(ps, n);
        tds_owned_free(&owned);
        if (c->dead) return -1;
        if (c->attn) {
            /* Cancelled: the rest of the request is dropped. */
            if (more && tds_rx_drain(c)) return -1;
            tds_put_attention_ack(c);
            c->attn = 0;
            return 0;
        }
        if (c->have_pending) {
            tds_put_done(c, TDS_TOK_DONEINPROC, (uint16_t)(c->pending_status | TDS_DONE_MORE), c->pending_count);
            c->have_pending = 0;
        }
        tds_put_done(c, TDS_TOK_DONEPROC,
                     (uint16_t)((more ? TDS_DONE_MORE : 0) | (c->req_error ? TDS_DONE_ERROR : 0)), 0);
        if (!more) {
            tds_tx_end(c);
            return c->dead ? -1 : 0;
        }
        continue;
    fail:
        free_params(ps, n);
        tds_owned_free(&owned);
        return -1;
    }
}
