/* Bulk copy in: "INSERT BULK t (...)" then a BULK LOAD message (COLMETADATA
 * and ROW tokens).  Rows are decoded one at a time as packets arrive and
 * inserted through the engine with a parameterized INSERT, all in one
 * transaction as SQL Server does for a bulk load without batch size. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tds_int.h"
#include "tds_request.h"

static const char *skip_ws(const char *p)
{
    while (isspace((unsigned char)*p)) p++;
    return p;
}

/* One name, bracketed ([a]]b]), quoted or bare, possibly dotted: copies the
 * whole (dotted) text into out and returns the position after it. */
static const char *scan_name(const char *p, lia_buf *out, int dotted)
{
    for (;;) {
        if (*p == '[') {
            const char *s = p++;
            while (*p && !(*p == ']' && p[1] != ']')) p += (*p == ']') ? 2 : 1;
            if (*p == ']') p++;
            lia_buf_add(out, s, (size_t)(p - s));
        } else if (*p == '"') {
            const char *s = p++;
            while (*p && *p != '"') p++;
            if (*p == '"') p++;
            lia_buf_add(out, s, (size_t)(p - s));
        } else {
            const char *s = p;
            while (*p && (isalnum((unsigned char)*p) || *p == '_' || *p == '#' || *p == '@' || *p == '$'
                          || (unsigned char)*p >= 0x80))
                p++;
            lia_buf_add(out, s, (size_t)(p - s));
        }
        if (dotted && *p == '.') { lia_buf_addc(out, '.'); p++; continue; }
        return p;
    }
}

static void free_cols(char **cols, int n)
{
    for (int i = 0; i < n; i++) free(cols[i]);
    free(cols);
}

int tds_bulk_parse_insert(const char *sql, char **table, char ***cols, int *ncols)
{
    const char *p = skip_ws(sql);
    if (strncasecmp(p, "insert", 6) != 0 || !isspace((unsigned char)p[6])) return 0;
    p = skip_ws(p + 6);
    if (strncasecmp(p, "bulk", 4) != 0 || !isspace((unsigned char)p[4])) return 0;
    p = skip_ws(p + 4);
    lia_buf t = LIA_BUF_INIT;
    p = scan_name(p, &t, 1);
    if (t.len == 0) { lia_buf_free(&t); return 0; }
    char **cs = NULL;
    int n = 0;
    p = skip_ws(p);
    if (*p == '(') {
        p++;
        for (;;) {
            p = skip_ws(p);
            if (*p == ')' || !*p) break;
            lia_buf nm = LIA_BUF_INIT;
            p = scan_name(p, &nm, 0);
            char **ncs = nm.oom ? NULL : realloc(cs, (size_t)(n + 1) * sizeof *ncs);
            if (!ncs) { lia_buf_free(&nm); free_cols(cs, n); lia_buf_free(&t); return -1; }
            cs = ncs;
            cs[n++] = strdup(lia_buf_str(&nm));
            lia_buf_free(&nm);
            if (!cs[n - 1]) { free_cols(cs, n); lia_buf_free(&t); return -1; }
            /* Skip the type up to the next top-level comma. */
            int depth = 0;
            for (; *p; p++) {
                if (*p == '(') depth++;
                else if (*p == ')') { if (depth == 0) break; depth--; }
                else if (*p == ',' && depth == 0) { p++; break; }
            }
        }
    }
    free(*table);
    free_cols(*cols, *ncols);
    *table = strdup(lia_buf_str(&t));
    lia_buf_free(&t);
    *cols = cs;
    *ncols = n;
    return *table ? 1 : -1;
}

void tds_bulk_reset(tds_conn *c)
{
    free(c->bulk_table);
    free_cols(c->bulk_cols, c->bulk_ncols);
    c->bulk_table = NULL;
    c->bulk_cols = NULL;
    c->bulk_ncols = 0;
}

/* The engine's answer to one INSERT: the first error is kept. */
typedef struct bulk_sink {
    int number, state, severity, line;
    char text[512];
    int64_t rows;
} bulk_sink;

static int bs_columns(void *ctx, const sim_column *cols, int n) { (void)ctx; (void)cols; (void)n; return 0; }
static int bs_row(void *ctx, const sim_value *v, int n) { (void)ctx; (void)v; (void)n; return 0; }
static int bs_done(void *ctx, int64_t count, int has_count, int more)
{
    (void)more;
    bulk_sink *b = ctx;
    if (has_count) b->rows += count;
    return 0;
}
static int bs_message(void *ctx, int number, int state, int severity, const char *text, int line)
{
    bulk_sink *b = ctx;
    if (severity > 10 && b->number == 0) {
        b->number = number;
        b->state = state;
        b->severity = severity;
        b->line = line;
        snprintf(b->text, sizeof b->text, "%s", text ? text : "");
        return 1;
    }
    return 0;
}
static int bs_env(void *ctx, const char *o, const char *n) { (void)ctx; (void)o; (void)n; return 0; }

static void append_ident(lia_buf *b, const char *name)
{
    if (name[0] == '[') { lia_buf_adds(b, name); return; }
    lia_buf_addc(b, '[');
    for (const char *p = name; *p; p++) {
        if (*p == ']') lia_buf_addc(b, ']');
        lia_buf_addc(b, *p);
    }
    lia_buf_addc(b, ']');
}

int tds_handle_bulk(tds_conn *c)
{
    int rc = -1, ncols = 0, began = 0;
    tds_typeinfo *ti = NULL;
    char **names = NULL;
    sim_param *ps = NULL;
    char (*pnames)[16] = NULL;
    lia_buf sql = LIA_BUF_INIT;
    bulk_sink bs;
    memset(&bs, 0, sizeof bs);
    sim_sink sink = {&bs, bs_columns, bs_row, bs_done, bs_message, bs_env, NULL};

    if (!c->bulk_table) { tds_fail(c, "BULK LOAD without a preceding INSERT BULK"); goto out; }
    uint8_t tok;
    uint16_t n16;
    if (tds_rx_u8(c, &tok) || tok != 0x81) { tds_fail(c, "BULK LOAD does not start with COLMETADATA"); goto out; }
    if (tds_rx_u16(c, &n16)) goto out;
    if (n16 == 0 || n16 > 4096) { tds_fail(c, "BULK LOAD with %u columns", n16); goto out; }
    ncols = n16;
    ti = calloc((size_t)ncols, sizeof *ti);
    names = calloc((size_t)ncols, sizeof *names);
    ps = calloc((size_t)ncols, sizeof *ps);
    pnames = calloc((size_t)ncols, sizeof *pnames);
    if (!ti || !names || !ps || !pnames) { tds_fail(c, "out of memory"); goto out; }
    for (int i = 0; i < ncols; i++) {
        uint32_t ut;
        uint16_t fl, u16;
        if ((c->ver >= 72 ? tds_rx_u32(c, &ut) : tds_rx_u16(c, &u16)) || tds_rx_u16(c, &fl)
            || tds_read_typeinfo(c, &ti[i]))
            goto out;
        if (ti[i].longlen) {   /* text/ntext/image carry a table name */
            uint8_t parts = 1;
            if (c->ver >= 72 && tds_rx_u8(c, &parts)) goto out;
            for (int k = 0; k < parts; k++)
                if (tds_rx_u16(c, &u16) || tds_rx_skip(c, (size_t)u16 * 2)) goto out;
        }
        if (tds_read_bvarchar(c, &names[i])) goto out;
    }

    /* INSERT INTO t ([a], [b]) VALUES (@p1, @p2) */
    lia_buf_adds(&sql, "INSERT INTO ");
    lia_buf_adds(&sql, c->bulk_table);
    lia_buf_adds(&sql, " (");
    for (int i = 0; i < ncols; i++) {
        const char *nm = names[i][0] ? names[i] : i < c->bulk_ncols ? c->bulk_cols[i] : "";
        if (!nm[0]) { tds_fail(c, "BULK LOAD column %d has no name", i + 1); goto out; }
        if (i) lia_buf_adds(&sql, ", ");
        append_ident(&sql, nm);
        snprintf(pnames[i], sizeof pnames[i], "@p%d", i + 1);
    }
    lia_buf_adds(&sql, ") VALUES (");
    for (int i = 0; i < ncols; i++) {
        if (i) lia_buf_adds(&sql, ", ");
        lia_buf_adds(&sql, pnames[i]);
    }
    lia_buf_addc(&sql, ')');
    if (sql.oom) { tds_fail(c, "out of memory"); goto out; }

    sim_exec_batch(c->sess, "BEGIN TRANSACTION", NULL, 0, &sink);
    began = 1;
    for (;;) {
        if (tds_rx_at_end(c)) break;
        if (tds_rx_u8(c, &tok)) goto out;
        if (tok == 0xFD) {
            if (tds_rx_skip(c, c->ver >= 72 ? 12 : 8)) goto out;
            continue;
        }
        if (tok != 0xD1 && tok != 0xD2) { tds_fail(c, "unexpected token 0x%02X in BULK LOAD", tok); goto out; }
        uint8_t bm[512];
        size_t nb = ((size_t)ncols + 7) / 8;
        memset(bm, 0, sizeof bm);
        if (tok == 0xD2 && tds_rx_get(c, bm, nb)) goto out;
        tds_owned owned = {0};
        for (int i = 0; i < ncols; i++) {
            ps[i].name = pnames[i];
            if (bm[i / 8] & (1u << (i % 8))) {
                memset(&ps[i].type, 0, sizeof ps[i].type);
                memset(&ps[i].value, 0, sizeof ps[i].value);
                ps[i].type.kind = SIM_T_VARCHAR;
                ps[i].value.is_null = 1;
            } else if (tds_read_value(c, &ti[i], 1, &ps[i].type, &ps[i].value, &owned)) {
                tds_owned_free(&owned);
                goto out;
            }
        }
        if (bs.number == 0) sim_exec_batch(c->sess, lia_buf_str(&sql), ps, ncols, &sink);
        tds_owned_free(&owned);
    }
    if (bs.number) {
        sim_exec_batch(c->sess, "ROLLBACK TRANSACTION", NULL, 0, &sink);
        tds_put_message(c, bs.number, bs.state, bs.severity, bs.text, bs.line);
        tds_put_done(c, TDS_TOK_DONE, TDS_DONE_ERROR, 0);
    } else {
        int64_t rows = bs.rows;
        sim_exec_batch(c->sess, "COMMIT TRANSACTION", NULL, 0, &sink);
        tds_put_done(c, TDS_TOK_DONE, TDS_DONE_COUNT, rows);
    }
    began = 0;
    tds_tx_end(c);
    rc = c->dead ? -1 : 0;
out:
    if (began) sim_exec_batch(c->sess, "ROLLBACK TRANSACTION", NULL, 0, &sink);
    if (names)
        for (int i = 0; i < ncols; i++) free(names[i]);
    free(names);
    free(ti);
    free(ps);
    free(pnames);
    lia_buf_free(&sql);
    tds_bulk_reset(c);
    return rc;
}
