/* See tds_test_util.h. */
#include "tds_test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tds_text.h"
#include "tds_values.h"

void tt_packets(lia_buf *in, int type, const void *payload, size_t n, size_t pkt)
{
    const uint8_t *p = payload;
    size_t room = pkt - 8;
    uint8_t id = 1;
    do {
        size_t k = n > room ? room : n;
        uint8_t h[8] = {(uint8_t)type, (uint8_t)(k == n ? 1 : 0), (uint8_t)((k + 8) >> 8), (uint8_t)(k + 8), 0, 0, id++, 0};
        lia_buf_add(in, h, 8);
        lia_buf_add(in, p, k);
        p += k;
        n -= k;
    } while (n > 0);
}

void tt_utf16(lia_buf *b, const char *utf8) { tds_utf8_to_utf16(utf8, strlen(utf8), b); }

void tt_prelogin(lia_buf *in, int encryption)
{
    uint8_t m[] = {0x00, 0x00, 0x0B, 0x00, 0x06, 0x01, 0x00, 0x11, 0x00, 0x01, 0xFF,
                   0x0B, 0x00, 0x00, 0x00, 0x00, 0x00, (uint8_t)encryption};
    tt_packets(in, 18, m, sizeof m, 4096);
}

static void u16le(uint8_t *p, unsigned v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void u32le(uint8_t *p, uint32_t v) { for (int k = 0; k < 4; k++) p[k] = (uint8_t)(v >> (8 * k)); }

void tt_login7(lia_buf *in, uint32_t version, const char *user, const char *pass, const char *db, uint32_t psize)
{
    uint8_t fixed[94];
    lia_buf var = LIA_BUF_INIT;
    const char *strs[9] = {"testhost", user, pass, "tds-test", "server", "", "tds-test-lib", "", db};
    const size_t pos[9] = {36, 40, 44, 48, 52, 56, 60, 64, 68};
    memset(fixed, 0, sizeof fixed);
    for (int i = 0; i < 9; i++) {
        size_t off = 94 + var.len;
        lia_buf tmp = LIA_BUF_INIT;
        tt_utf16(&tmp, strs[i] ? strs[i] : "");
        if (i == 2)
            for (size_t k = 0; k < tmp.len; k++) {
                uint8_t b = (uint8_t)tmp.data[k];
                tmp.data[k] = (char)((uint8_t)((b << 4) | (b >> 4)) ^ 0xA5);
            }
        if (tmp.len) lia_buf_add(&var, tmp.data, tmp.len);
        u16le(fixed + pos[i], (unsigned)off);
        u16le(fixed + pos[i] + 2, (unsigned)(tmp.len / 2));
        lia_buf_free(&tmp);
    }
    u32le(fixed, (uint32_t)(94 + var.len));
    u32le(fixed + 4, version);
    u32le(fixed + 8, psize);
    lia_buf msg = LIA_BUF_INIT;
    lia_buf_add(&msg, fixed, sizeof fixed);
    if (var.len) lia_buf_add(&msg, var.data, var.len);
    tt_packets(in, 16, msg.data, msg.len, 4096);
    lia_buf_free(&msg);
    lia_buf_free(&var);
}

static void all_headers(lia_buf *b)
{
    /* Transaction descriptor header, as clients send on 7.2+. */
    uint8_t h[22] = {22, 0, 0, 0, 18, 0, 0, 0, 2, 0};
    h[18] = 1;
    lia_buf_add(b, h, sizeof h);
}

void tt_batch(lia_buf *in, int ver, const char *sql, size_t pkt)
{
    lia_buf m = LIA_BUF_INIT;
    if (ver >= 72) all_headers(&m);
    tt_utf16(&m, sql);
    tt_packets(in, 1, m.data ? m.data : "", m.len, pkt);
    lia_buf_free(&m);
}

void tt_rpc(lia_buf *in, int ver, const char *name, int procid, const lia_buf *params, size_t pkt)
{
    lia_buf m = LIA_BUF_INIT;
    uint8_t b[4];
    if (ver >= 72) all_headers(&m);
    if (name) {
        lia_buf nm = LIA_BUF_INIT;
        tt_utf16(&nm, name);
        u16le(b, (unsigned)(nm.len / 2));
        lia_buf_add(&m, b, 2);
        lia_buf_add(&m, nm.data, nm.len);
        lia_buf_free(&nm);
    } else {
        u16le(b, 0xFFFF);
        u16le(b + 2, (unsigned)procid);
        lia_buf_add(&m, b, 4);
    }
    u16le(b, 0);
    lia_buf_add(&m, b, 2);
    if (params && params->len) lia_buf_add(&m, params->data, params->len);
    tt_packets(in, 3, m.data, m.len, pkt);
    lia_buf_free(&m);
}

void tt_param(lia_buf *p, const char *name, const void *typeval, size_t n)
{
    tt_param_status(p, name, 0, typeval, n);
}

void tt_param_status(lia_buf *p, const char *name, int status, const void *typeval, size_t n)
{
    lia_buf nm = LIA_BUF_INIT;
    tt_utf16(&nm, name);
    lia_buf_addc(p, (char)(nm.len / 2));
    if (nm.len) lia_buf_add(p, nm.data, nm.len);
    lia_buf_addc(p, (char)status);
    lia_buf_add(p, typeval, n);
    lia_buf_free(&nm);
}

void tt_param_nvarchar(lia_buf *p, const char *name, const char *utf8)
{
    lia_buf v = LIA_BUF_INIT, tv = LIA_BUF_INIT;
    tt_utf16(&v, utf8);
    uint8_t h[10] = {0xE7, 0xFF, 0xFF, 0x0C, 0x04, 0xD0, 0x00, 0x00};
    lia_buf_add(&tv, h, 8);
    /* PLP: total length, one chunk, terminator. */
    uint8_t l8[8] = {0};
    for (int k = 0; k < 8; k++) l8[k] = (uint8_t)((uint64_t)v.len >> (8 * k));
    lia_buf_add(&tv, l8, 8);
    uint8_t l4[4];
    u32le(l4, (uint32_t)v.len);
    if (v.len) { lia_buf_add(&tv, l4, 4); lia_buf_add(&tv, v.data, v.len); }
    u32le(l4, 0);
    lia_buf_add(&tv, l4, 4);
    tt_param(p, name, tv.data, tv.len);
    lia_buf_free(&v);
    lia_buf_free(&tv);
}

typedef struct mem_io { const uint8_t *p; size_t n, pos; lia_buf *out; } mem_io;

static ssize_t mem_read(void *ctx, void *buf, size_t n)
{
    mem_io *m = ctx;
    size_t k = m->n - m->pos;
    if (k > n) k = n;
    memcpy(buf, m->p + m->pos, k);
    m->pos += k;
    return (ssize_t)k;
}

static int mem_write(void *ctx, const void *buf, size_t n)
{
    mem_io *m = ctx;
    return lia_buf_add(m->out, buf, n);
}

/* Tests queue their requests ahead; only a queued ATTENTION packet counts
 * as input arriving during a request, as with a real client. */
static int mem_readable(void *ctx)
{
    mem_io *m = ctx;
    return m->pos < m->n && m->p[m->pos] == 6;
}

int tt_run(const lia_buf *in, lia_buf *out, tds_conn_stats *st)
{
    static sim_server *srv;
    char err[64];
    if (!srv) srv = sim_server_open("", err, sizeof err);
    mem_io m = {(const uint8_t *)in->data, in->len, 0, out};
    tds_io io = {&m, mem_read, mem_write, mem_readable, NULL, NULL};
    memset(st, 0, sizeof *st);
    return tds_conn_run(srv, &io, 51, NULL, st);
}

/* ---- reply decoder ---- */

typedef struct rd { const uint8_t *p; size_t n, pos; int bad; } rd;

static int get(rd *r, void *dst, size_t n)
{
    if (r->bad || r->pos + n > r->n) { r->bad = 1; if (dst) memset(dst, 0, n); return -1; }
    if (dst) memcpy(dst, r->p + r->pos, n);
    r->pos += n;
    return 0;
}
static unsigned g8(rd *r) { uint8_t v = 0; get(r, &v, 1); return v; }
static unsigned g16(rd *r) { uint8_t b[2] = {0}; get(r, b, 2); return b[0] | ((unsigned)b[1] << 8); }
static uint32_t g32(rd *r) { uint8_t b[4] = {0}; get(r, b, 4); return b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24); }
static uint64_t g64(rd *r) { uint64_t lo = g32(r); return lo | ((uint64_t)g32(r) << 32); }

static void gstr(rd *r, size_t units, lia_buf *out)
{
    if (r->pos + units * 2 > r->n) { r->bad = 1; return; }
    tds_utf16_to_utf8(r->p + r->pos, units * 2, out);
    r->pos += units * 2;
}

typedef struct col { uint8_t type; unsigned len; int prec, scale; } col;

static void value(rd *r, const col *c, lia_buf *o)
{
    char t[64];
    switch (c->type) {
    case 0x26: case 0x68: case 0x6D: case 0x6E: case 0x6F: case 0x6A: case 0x28: case 0x2A: {
        unsigned n = g8(r);
        uint8_t b[32] = {0};
        if (n == 0) { lia_buf_adds(o, "NULL"); return; }
        if (n > 17) { r->bad = 1; return; }
        get(r, b, n);
        int64_t v = 0;
        if (c->type == 0x26) {
            for (int k = (int)n - 1; k >= 0; k--) v = (v << 8) | b[k];
            if (n < 8 && n > 1 && (b[n - 1] & 0x80)) v -= (int64_t)1 << (8 * n);
            lia_buf_printf(o, "%lld", (long long)v);
        } else if (c->type == 0x68) {
            lia_buf_printf(o, "%u", b[0]);
        } else if (c->type == 0x6D) {
            double d; memcpy(&d, b, 8); lia_buf_printf(o, "%g", d);
        } else if (c->type == 0x6E) {
            int64_t m = (int64_t)(((uint64_t)(b[0] | (b[1] << 8) | (b[2] << 16) | ((uint32_t)b[3] << 24)) << 32)
                                  | (uint32_t)(b[4] | (b[5] << 8) | (b[6] << 16) | ((uint32_t)b[7] << 24)));
            tds_decimal_format(m < 0, (tds_u128)(m < 0 ? -m : m), 4, t);
            lia_buf_adds(o, t);
        } else if (c->type == 0x6A) {
            tds_u128 mag = 0;
            for (int k = (int)n - 1; k >= 1; k--) mag = (mag << 8) | b[k];
            tds_decimal_format(b[0] == 0, mag, c->scale, t);
            lia_buf_adds(o, t);
        } else if (c->type == 0x6F && n == 8) {
            int32_t d = (int32_t)(b[0] | (b[1] << 8) | (b[2] << 16) | ((uint32_t)b[3] << 24));
            uint32_t t300 = b[4] | (b[5] << 8) | (b[6] << 16) | ((uint32_t)b[7] << 24);
            tds_format_datetime(tds_days_from_civil(1900, 1, 1) + d, (uint64_t)t300 * 100000 / 3, 3, t);
            lia_buf_adds(o, t);
        } else if (c->type == 0x6F) {
            tds_format_datetime(tds_days_from_civil(1900, 1, 1) + (b[0] | (b[1] << 8)),
                                (uint64_t)(b[2] | (b[3] << 8)) * 600000000ull, 0, t);
            lia_buf_adds(o, t);
        } else if (c->type == 0x28) {
            tds_format_datetime(tds_days_from_civil(1, 1, 1) + (b[0] | (b[1] << 8) | (b[2] << 16)), 0, -1, t);
            lia_buf_adds(o, t);
        } else {
            unsigned tb = n - 3;
            uint64_t ticks = 0;
            for (int k = (int)tb - 1; k >= 0; k--) ticks = (ticks << 8) | b[k];
            for (int k = c->scale; k < 7; k++) ticks *= 10;
            tds_format_datetime(tds_days_from_civil(1, 1, 1) + (b[tb] | (b[tb + 1] << 8) | (b[tb + 2] << 16)), ticks, c->scale, t);
            lia_buf_adds(o, t);
        }
        return;
    }
    default: break;
    }
    /* Strings and binaries. */
    lia_buf raw = LIA_BUF_INIT;
    int is_null = 0;
    if (c->type == 0x23 || c->type == 0x63 || c->type == 0x22) {
        unsigned pl = g8(r);
        if (pl == 0) is_null = 1;
        else {
            get(r, NULL, pl + 8);
            uint32_t n = g32(r);
            if (r->pos + n > r->n) { r->bad = 1; return; }
            lia_buf_add(&raw, r->p + r->pos, n);
            r->pos += n;
        }
    } else if (c->len == 0xFFFF) {
        uint64_t total = g64(r);
        if (total == UINT64_MAX) is_null = 1;
        else for (;;) {
            uint32_t n = g32(r);
            if (n == 0 || r->bad) break;
            if (r->pos + n > r->n) { r->bad = 1; break; }
            lia_buf_add(&raw, r->p + r->pos, n);
            r->pos += n;
        }
    } else {
        unsigned n = g16(r);
        if (n == 0xFFFF) is_null = 1;
        else {
            if (r->pos + n > r->n) { r->bad = 1; return; }
            lia_buf_add(&raw, r->p + r->pos, n);
            r->pos += n;
        }
    }
    if (is_null) lia_buf_adds(o, "NULL");
    else if (c->type == 0xE7 || c->type == 0xEF || c->type == 0x63) tds_utf16_to_utf8((const uint8_t *)raw.data, raw.len, o);
    else if (c->type == 0xA5 || c->type == 0x22) {
        lia_buf_adds(o, "0x");
        for (size_t k = 0; k < raw.len; k++) lia_buf_printf(o, "%02X", (uint8_t)raw.data[k]);
    } else {
        tds_cp1252_to_utf8((const uint8_t *)raw.data, raw.len, o);
    }
    lia_buf_free(&raw);
}

static const char *tname(uint8_t t)
{
    switch (t) {
    case 0x26: return "intn"; case 0x68: return "bitn"; case 0x6A: return "decimaln";
    case 0x6D: return "floatn"; case 0x6E: return "moneyn"; case 0x6F: return "datetimen";
    case 0x28: return "date"; case 0x2A: return "datetime2"; case 0xA5: return "varbinary";
    case 0xA7: return "varchar"; case 0xAF: return "char"; case 0xE7: return "nvarchar";
    case 0xEF: return "nchar"; case 0x23: return "text"; case 0x63: return "ntext"; case 0x22: return "image";
    default: return "?";
    }
}

/* The rest of a TYPE_INFO after its type byte. */
static void typeinfo(rd *r, col *c, int ver)
{
    switch (c->type) {
    case 0x26: case 0x68: case 0x6D: case 0x6E: case 0x6F: c->len = g8(r); break;
    case 0x6A: c->len = g8(r); c->prec = (int)g8(r); c->scale = (int)g8(r); break;
    case 0x28: break;
    case 0x2A: c->scale = (int)g8(r); break;
    case 0xA7: case 0xAF: case 0xE7: case 0xEF: c->len = g16(r); get(r, NULL, 5); break;
    case 0xA5: c->len = g16(r); break;
    case 0x23: case 0x63: case 0x22:
        c->len = g32(r);
        if (c->type != 0x22) get(r, NULL, 5);
        if (ver >= 72) { unsigned np = g8(r); for (unsigned k = 0; k < np; k++) get(r, NULL, g16(r) * 2u); }
        else get(r, NULL, g16(r) * 2u);
        break;
    default: r->bad = 1; break;
    }
}

/* ":decimaln(38,10)" */
static void type_text(const col *c, lia_buf *lines)
{
    lia_buf_printf(lines, ":%s", tname(c->type));
    if (c->type == 0x6A) lia_buf_printf(lines, "(%d,%d)", c->prec, c->scale);
    else if (c->type == 0x2A) lia_buf_printf(lines, "(%d)", c->scale);
    else if (c->len == 0xFFFF) lia_buf_adds(lines, "(max)");
    else if (c->type != 0x28) lia_buf_printf(lines, "(%u)", c->len);
}

int tt_decode(const lia_buf *raw, int ver, lia_buf *lines)
{
    /* Strip packet headers; remember message ends. */
    lia_buf pay = LIA_BUF_INIT;
    size_t ends[4096];
    int nends = 0;
    for (size_t i = 0; i + 8 <= raw->len;) {
        const uint8_t *h = (const uint8_t *)raw->data + i;
        size_t len = ((size_t)h[2] << 8) | h[3];
        if (len < 8 || i + len > raw->len || h[0] != 4) { lia_buf_adds(lines, "BAD packet\n"); lia_buf_free(&pay); return -1; }
        lia_buf_add(&pay, h + 8, len - 8);
        if ((h[1] & 1) && nends < 4096) ends[nends++] = pay.len;
        i += len;
    }
    rd r = {(const uint8_t *)pay.data, pay.len, 0, 0};
    col cols[64];
    int ncols = 0, e = 0;
    while (r.pos < r.n && !r.bad) {
        unsigned tok = g8(&r);
        if (tok == 0x00 && r.pos == 1 && nends > 0) {  /* PRELOGIN reply: options */
            lia_buf_printf(lines, "PRELOGIN enc=%u\n", ends[0] > 32 ? r.p[32] : 255u);
            r.pos = ends[0];
        } else if (tok == 0xAA || tok == 0xAB) {
            g16(&r);
            uint32_t num = g32(&r);
            unsigned st = g8(&r), sev = g8(&r);
            lia_buf_printf(lines, "%s %u %u %u ", tok == 0xAA ? "ERROR" : "INFO", num, st, sev);
            gstr(&r, g16(&r), lines);
            lia_buf free1 = LIA_BUF_INIT;
            gstr(&r, g8(&r), &free1);
            gstr(&r, g8(&r), &free1);
            lia_buf_free(&free1);
            if (ver >= 72) g32(&r); else g16(&r);
            lia_buf_addc(lines, '\n');
        } else if (tok == 0xE3) {
            unsigned len = g16(&r);
            size_t end = r.pos + len;
            unsigned type = g8(&r);
            lia_buf_printf(lines, "ENV %u ", type);
            if (type == 7) {
                unsigned n = g8(&r);
                for (unsigned k = 0; k < n; k++) lia_buf_printf(lines, "%02X", g8(&r));
                g8(&r);
            } else {
                gstr(&r, g8(&r), lines);
                lia_buf_addc(lines, ' ');
                gstr(&r, g8(&r), lines);
            }
            if (r.pos != end) r.bad = 1;
            lia_buf_addc(lines, '\n');
        } else if (tok == 0xAD) {
            unsigned len = g16(&r);
            size_t end = r.pos + len;
            g8(&r);
            uint8_t v[4];
            get(&r, v, 4);
            lia_buf_printf(lines, "LOGINACK %02X%02X%02X%02X ", v[0], v[1], v[2], v[3]);
            gstr(&r, g8(&r), lines);
            r.pos = end;
            lia_buf_addc(lines, '\n');
        } else if (tok == 0xFD || tok == 0xFE || tok == 0xFF) {
            unsigned st = g16(&r);
            g16(&r);
            uint64_t cnt = ver >= 72 ? g64(&r) : g32(&r);
            lia_buf_printf(lines, "%s 0x%x %llu\n", tok == 0xFD ? "DONE" : tok == 0xFE ? "DONEPROC" : "DONEINPROC",
                           st, (unsigned long long)cnt);
        } else if (tok == 0x79) {
            lia_buf_printf(lines, "RETURNSTATUS %d\n", (int)g32(&r));
        } else if (tok == 0xAC) {
            /* "RETURNVALUE ordinal status name:type? value" */
            lia_buf_printf(lines, "RETURNVALUE %u ", g16(&r));
            lia_buf nm = LIA_BUF_INIT;
            gstr(&r, g8(&r), &nm);
            lia_buf_printf(lines, "%u ", g8(&r));
            if (ver >= 72) g32(&r); else g16(&r);
            unsigned fl = g16(&r);
            col c;
            memset(&c, 0, sizeof c);
            c.type = (uint8_t)g8(&r);
            typeinfo(&r, &c, ver);
            lia_buf_adds(lines, lia_buf_str(&nm));
            lia_buf_free(&nm);
            type_text(&c, lines);
            if (fl & 1) lia_buf_addc(lines, '?');
            lia_buf_addc(lines, ' ');
            value(&r, &c, lines);
            lia_buf_addc(lines, '\n');
        } else if (tok == 0x81) {
            ncols = (int)g16(&r);
            if (ncols > 64) { r.bad = 1; break; }
            lia_buf_adds(lines, "COLS ");
            for (int i = 0; i < ncols; i++) {
                col *c = &cols[i];
                memset(c, 0, sizeof *c);
                if (ver >= 72) g32(&r); else g16(&r);
                unsigned fl = g16(&r);
                c->type = (uint8_t)g8(&r);
                typeinfo(&r, c, ver);
                if (i) lia_buf_addc(lines, ',');
                gstr(&r, g8(&r), lines);
                type_text(c, lines);
                if (fl & 1) lia_buf_addc(lines, '?');
            }
            lia_buf_addc(lines, '\n');
        } else if (tok == 0xD1 || tok == 0xD2) {
            uint8_t bm[8] = {0};
            if (tok == 0xD2) get(&r, bm, ((size_t)ncols + 7) / 8);
            lia_buf_adds(lines, tok == 0xD2 ? "NBCROW " : "ROW ");
            for (int i = 0; i < ncols; i++) {
                if (i) lia_buf_addc(lines, '|');
                if (bm[i / 8] & (1u << (i % 8))) lia_buf_adds(lines, "NULL");
                else value(&r, &cols[i], lines);
            }
            lia_buf_addc(lines, '\n');
        } else {
            lia_buf_printf(lines, "BAD token 0x%02X\n", tok);
            r.bad = 1;
        }
        while (e < nends && r.pos >= ends[e]) {
            if (r.pos > ends[e]) r.bad = 1;
            lia_buf_adds(lines, "EOM\n");
            e++;
        }
    }
    if (r.bad) lia_buf_adds(lines, "BAD truncated\n");
    lia_buf_free(&pay);
    return r.bad ? -1 : 0;
}
