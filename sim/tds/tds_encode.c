/* Tokens of server replies: LOGINACK, ENVCHANGE, INFO/ERROR, DONE*,
 * COLMETADATA, ROW/NBCROW, and the wire form of every simulator type. */
#include <stdio.h>
#include <string.h>

#include "tds_int.h"
#include "tds_text.h"
#include "tds_values.h"

/* French_CI_AS: LCID 0x040C, ignore case, kana and width (not accents),
 * version 0, sort id 0 as for every Windows collation. */
const uint8_t tds_collation[5] = {0x0C, 0x04, 0xD0, 0x00, 0x00};

/* Wire types. */
enum { T_INTN = 0x26, T_BITN = 0x68, T_DECN = 0x6A, T_FLTN = 0x6D, T_MONEYN = 0x6E,
       T_DATETIMN = 0x6F, T_DATE = 0x28, T_DATETIME2 = 0x2A, T_BIGVARBIN = 0xA5,
       T_BIGVARCHR = 0xA7, T_BIGCHAR = 0xAF, T_NVARCHAR = 0xE7, T_NCHAR = 0xEF,
       T_TEXT = 0x23, T_NTEXT = 0x63, T_IMAGE = 0x22 };

static void tok_u16(lia_buf *b, unsigned v)
{
    char x[2] = {(char)(v & 0xFF), (char)((v >> 8) & 0xFF)};
    lia_buf_add(b, x, 2);
}

static void tok_u32(lia_buf *b, uint32_t v)
{
    char x[4] = {(char)v, (char)(v >> 8), (char)(v >> 16), (char)(v >> 24)};
    lia_buf_add(b, x, 4);
}

/* UTF-16 text with a 1-byte (B_VARCHAR) or 2-byte (US_VARCHAR) length in
 * characters, appended to b. */
static void tok_varchar(tds_conn *c, lia_buf *b, const char *s, int wide)
{
    lia_buf_reset(&c->scratch);
    tds_utf8_to_utf16(s ? s : "", s ? strlen(s) : 0, &c->scratch);
    size_t units = c->scratch.len / 2;
    size_t max = wide ? 0xFFFF : 0xFF;
    if (units > max) units = max;
    if (wide) tok_u16(b, (unsigned)units);
    else lia_buf_addc(b, (char)units);
    lia_buf_add(b, c->scratch.data, units * 2);
}

void tds_put_bvarchar(tds_conn *c, const char *utf8)
{
    lia_buf_reset(&c->tok);
    tok_varchar(c, &c->tok, utf8, 0);
    tds_tx_put(c, c->tok.data, c->tok.len);
}

void tds_put_usvarchar(tds_conn *c, const char *utf8)
{
    lia_buf_reset(&c->tok);
    tok_varchar(c, &c->tok, utf8, 1);
    tds_tx_put(c, c->tok.data, c->tok.len);
}

/* Emits the token built in c->tok with its 2-byte length. */
static void put_tok(tds_conn *c, uint8_t token)
{
    tds_tx_u8(c, token);
    tds_tx_u16(c, (uint16_t)c->tok.len);
    tds_tx_put(c, c->tok.data, c->tok.len);
}

void tds_put_env(tds_conn *c, uint8_t type, const char *newv, const char *oldv)
{
    lia_buf_reset(&c->tok);
    lia_buf_addc(&c->tok, (char)type);
    tok_varchar(c, &c->tok, newv, 0);
    tok_varchar(c, &c->tok, oldv, 0);
    put_tok(c, 0xE3);
}

void tds_put_env_collation(tds_conn *c)
{
    lia_buf_reset(&c->tok);
    lia_buf_addc(&c->tok, 7);
    lia_buf_addc(&c->tok, 5);
    lia_buf_add(&c->tok, tds_collation, 5);
    lia_buf_addc(&c->tok, 0);
    put_tok(c, 0xE3);
}

void tds_put_message(tds_conn *c, int number, int state, int severity, const char *text, int line)
{
    lia_buf_reset(&c->tok);
    tok_u32(&c->tok, (uint32_t)number);
    lia_buf_addc(&c->tok, (char)state);
    lia_buf_addc(&c->tok, (char)severity);
    tok_varchar(c, &c->tok, text, 1);
    tok_varchar(c, &c->tok, TDS_SERVER_NAME, 0);
    tok_varchar(c, &c->tok, "", 0);
    if (c->ver >= 72) tok_u32(&c->tok, (uint32_t)line);
    else tok_u16(&c->tok, (unsigned)line);
    put_tok(c, severity > 10 ? 0xAA : 0xAB);
}

void tds_put_done(tds_conn *c, uint8_t token, uint16_t status, int64_t count)
{
    tds_tx_u8(c, token);
    tds_tx_u16(c, status);
    tds_tx_u16(c, (status & TDS_DONE_COUNT) ? 0xC1 : 0);
    if (c->ver >= 72) tds_tx_u64(c, (uint64_t)count);
    else tds_tx_u32(c, (uint32_t)count);
}

void tds_put_loginack(tds_conn *c)
{
    lia_buf_reset(&c->tok);
    lia_buf_addc(&c->tok, 1);  /* SQL_TSQL */
    uint8_t v[4] = {(uint8_t)(c->ver_wire >> 24), (uint8_t)(c->ver_wire >> 16),
                    (uint8_t)(c->ver_wire >> 8), (uint8_t)c->ver_wire};
    lia_buf_add(&c->tok, v, 4);
    tok_varchar(c, &c->tok, TDS_PROG_NAME, 0);
    /* 11.0.7001: SQL Server 2012, the oldest version Liaison supports. */
    uint8_t pv[4] = {11, 0, 0x1B, 0x59};
    lia_buf_add(&c->tok, pv, 4);
    put_tok(c, 0xAD);
}

/* Precision and scale as clients accept them: 1..38, 0..precision. */
static void dec_ps(const sim_type *t, int *p, int *s)
{
    *p = t->precision > 0 && t->precision <= 38 ? t->precision : 38;
    *s = t->scale < 0 ? 0 : t->scale > *p ? *p : t->scale;
}

/* How a simulator type travels to this client. */
typedef struct wire {
    uint8_t type;
    int maxlen;       /* bytes; -1 = max (PLP or text) */
    int as_text;      /* 7.1/7.2 client: date/datetime2 go as nvarchar */
    int legacy_long;  /* 7.1 client: max types go as text/ntext/image */
} wire;

static int str_max(const sim_type *t, int limit)
{
    return t->length <= 0 || t->length > limit;
}

static wire wire_of(const tds_conn *c, const sim_type *t)
{
    wire w = {0, 0, 0, 0};
    switch (t->kind) {
    case SIM_T_BIT: w.type = T_BITN; w.maxlen = 1; break;
    case SIM_T_TINYINT: w.type = T_INTN; w.maxlen = 1; break;
    case SIM_T_SMALLINT: w.type = T_INTN; w.maxlen = 2; break;
    case SIM_T_INT: w.type = T_INTN; w.maxlen = 4; break;
    case SIM_T_BIGINT: w.type = T_INTN; w.maxlen = 8; break;
    case SIM_T_DECIMAL: {
        int p, s;
        dec_ps(t, &p, &s);
        w.type = T_DECN; w.maxlen = 1 + tds_decimal_bytes(p);
        break;
    }
    case SIM_T_MONEY: w.type = T_MONEYN; w.maxlen = 8; break;
    case SIM_T_FLOAT: w.type = T_FLTN; w.maxlen = 8; break;
    case SIM_T_DATETIME: w.type = T_DATETIMN; w.maxlen = 8; break;
    case SIM_T_SMALLDATETIME: w.type = T_DATETIMN; w.maxlen = 4; break;
    case SIM_T_DATE:
        if (c->ver >= 73) { w.type = T_DATE; w.maxlen = 3; }
        else { w.type = T_NVARCHAR; w.maxlen = 20; w.as_text = 1; }
        break;
    case SIM_T_DATETIME2: {
        int s = t->scale >= 0 && t->scale <= 7 ? t->scale : 7;
        if (c->ver >= 73) { w.type = T_DATETIME2; w.maxlen = 3 + (s <= 2 ? 3 : s <= 4 ? 4 : 5); }
        else { w.type = T_NVARCHAR; w.maxlen = 2 * (19 + (s ? s + 1 : 0)); w.as_text = 1; }
        break;
    }
    case SIM_T_CHAR:
    case SIM_T_VARCHAR:
        if (str_max(t, 8000)) { w.type = T_BIGVARCHR; w.maxlen = -1; }
        else { w.type = t->kind == SIM_T_CHAR ? T_BIGCHAR : T_BIGVARCHR; w.maxlen = t->length; }
        break;
    case SIM_T_NCHAR:
    case SIM_T_NVARCHAR:
        if (str_max(t, 4000)) { w.type = T_NVARCHAR; w.maxlen = -1; }
        else { w.type = t->kind == SIM_T_NCHAR ? T_NCHAR : T_NVARCHAR; w.maxlen = 2 * t->length; }
        break;
    case SIM_T_VARBINARY:
        w.type = T_BIGVARBIN;
        w.maxlen = str_max(t, 8000) ? -1 : t->length;
        break;
    }
    if (w.maxlen < 0 && c->ver < 72) {
        w.legacy_long = 1;
        w.type = w.type == T_BIGVARCHR ? T_TEXT : w.type == T_NVARCHAR ? T_NTEXT : T_IMAGE;
    }
    return w;
}

/* TYPE_INFO of a simulator type as this client gets it (after the flags
 * of a column or of a return value). */
static void put_typeinfo(tds_conn *c, const sim_type *t)
{
    wire w = wire_of(c, t);
    tds_tx_u8(c, w.type);
    switch (w.type) {
    case T_INTN: case T_BITN: case T_FLTN: case T_MONEYN: case T_DATETIMN:
        tds_tx_u8(c, (uint8_t)w.maxlen);
        break;
    case T_DECN: {
        int p, s;
        dec_ps(t, &p, &s);
        tds_tx_u8(c, (uint8_t)w.maxlen);
        tds_tx_u8(c, (uint8_t)p);
        tds_tx_u8(c, (uint8_t)s);
        break;
    }
    case T_DATE:
        break;
    case T_DATETIME2:
        tds_tx_u8(c, (uint8_t)(t->scale >= 0 && t->scale <= 7 ? t->scale : 7));
        break;
    case T_BIGVARCHR: case T_BIGCHAR: case T_NVARCHAR: case T_NCHAR:
        tds_tx_u16(c, w.maxlen < 0 ? 0xFFFF : (uint16_t)w.maxlen);
        tds_tx_put(c, tds_collation, 5);
        break;
    case T_BIGVARBIN:
        tds_tx_u16(c, w.maxlen < 0 ? 0xFFFF : (uint16_t)w.maxlen);
        break;
    case T_TEXT: case T_NTEXT: case T_IMAGE:
        tds_tx_u32(c, w.type == T_NTEXT ? 0x7FFFFFFE : 0x7FFFFFFF);
        if (w.type != T_IMAGE) tds_tx_put(c, tds_collation, 5);
        tds_tx_u16(c, 0);  /* table name (US_VARCHAR before 7.2): unknown */
        break;
    }
}

void tds_put_colmetadata(tds_conn *c, const sim_column *cols, int ncols)
{
    tds_tx_u8(c, 0x81);
    tds_tx_u16(c, (uint16_t)ncols);
    for (int i = 0; i < ncols; i++) {
        const sim_type *t = &cols[i].type;
        if (c->ver >= 72) tds_tx_u32(c, 0);
        else tds_tx_u16(c, 0);
        tds_tx_u16(c, t->nullable ? 0x0001 : 0x0000);
        put_typeinfo(c, t);
        tds_put_bvarchar(c, cols[i].name ? cols[i].name : "");
    }
}

static void put_int_le(tds_conn *c, int64_t v, int n)
{
    uint8_t b[8];
    for (int k = 0; k < n; k++) b[k] = (uint8_t)((uint64_t)v >> (8 * k));
    tds_tx_put(c, b, (size_t)n);
}

/* Bytes of a string value for this wire type, converted and truncated to
 * the declared length, char/nchar padded; result in c->scratch. */
static void string_bytes(tds_conn *c, const sim_type *t, const wire *w, const sim_value *v)
{
    const char *s = v->text ? v->text : "";
    size_t n = v->text ? v->len : 0;
    lia_buf_reset(&c->scratch);
    int unicode = w->type == T_NVARCHAR || w->type == T_NCHAR || w->type == T_NTEXT;
    if (t->kind == SIM_T_VARBINARY) {
        const void *b = v->blob ? v->blob : v->text;
        if (b) lia_buf_add(&c->scratch, b, v->len);
    } else if (unicode) {
        tds_utf8_to_utf16(s, n, &c->scratch);
    } else {
        tds_utf8_to_cp1252(s, n, &c->scratch);
    }
    if (w->maxlen >= 0 && c->scratch.len > (size_t)w->maxlen) c->scratch.len = (size_t)w->maxlen;
    if (w->type == T_BIGCHAR || w->type == T_NCHAR) {
        while (c->scratch.len < (size_t)w->maxlen) {
            lia_buf_addc(&c->scratch, ' ');
            if (unicode) lia_buf_addc(&c->scratch, 0);
        }
    }
}

static void put_datetime(tds_conn *c, const sim_type *t, const wire *w, const sim_value *v)
{
    int64_t days;
    uint64_t ticks;
    if (!v->text || tds_parse_datetime(v->text, v->len, &days, &ticks) != 0) {
        tds_tx_u8(c, 0);  /* not a date: sent as NULL rather than garbage */
        return;
    }
    if (w->type == T_DATETIMN && w->maxlen == 8) {
        uint64_t t300 = (ticks * 3 + 50000) / 100000;
        if (t300 >= 25920000ull) { t300 -= 25920000ull; days++; }
        tds_tx_u8(c, 8);
        tds_tx_u32(c, (uint32_t)(int32_t)(days - tds_days_from_civil(1900, 1, 1)));
        tds_tx_u32(c, (uint32_t)t300);
    } else if (w->type == T_DATETIMN) {
        uint64_t mins = (ticks + 300000000ull) / 600000000ull;
        if (mins >= 1440) { mins -= 1440; days++; }
        tds_tx_u8(c, 4);
        tds_tx_u16(c, (uint16_t)(days - tds_days_from_civil(1900, 1, 1)));
        tds_tx_u16(c, (uint16_t)mins);
    } else {
        int s = t->scale >= 0 && t->scale <= 7 ? t->scale : 7;
        int tb = 0;
        if (w->type == T_DATETIME2) {
            uint64_t div = 1;
            for (int k = s; k < 7; k++) div *= 10;
            ticks = (ticks + div / 2) / div;
            uint64_t perday = 864000000000ull / div;
            if (ticks >= perday) { ticks -= perday; days++; }
            tb = s <= 2 ? 3 : s <= 4 ? 4 : 5;
        }
        tds_tx_u8(c, (uint8_t)(3 + tb));
        if (tb) put_int_le(c, (int64_t)ticks, tb);
        put_int_le(c, days - tds_days_from_civil(1, 1, 1), 3);
    }
}

/* A date or datetime2 for a client before 7.3: text as SQL Server sends it. */
static void put_date_text(tds_conn *c, const sim_type *t, const sim_value *v)
{
    int64_t days;
    uint64_t ticks;
    char txt[32];
    if (!v->text || tds_parse_datetime(v->text, v->len, &days, &ticks) != 0) {
        tds_tx_u16(c, 0xFFFF);
        return;
    }
    if (t->kind == SIM_T_DATE) {
        tds_format_datetime(days, 0, -1, txt);
    } else {
        int s = t->scale >= 0 && t->scale <= 7 ? t->scale : 7;
        tds_format_datetime(days, ticks, s, txt);
    }
    lia_buf_reset(&c->scratch);
    tds_utf8_to_utf16(txt, strlen(txt), &c->scratch);
    tds_tx_u16(c, (uint16_t)c->scratch.len);
    tds_tx_put(c, c->scratch.data, c->scratch.len);
}

static void put_value(tds_conn *c, const sim_type *t, const sim_value *v)
{
    wire w = wire_of(c, t);
    if (v->is_null) {
        if (w.legacy_long) tds_tx_u8(c, 0);
        else if (w.maxlen < 0) tds_tx_u64(c, UINT64_MAX);
        else if (w.type == T_BIGVARCHR || w.type == T_BIGCHAR || w.type == T_NVARCHAR
                 || w.type == T_NCHAR || w.type == T_BIGVARBIN)
            tds_tx_u16(c, 0xFFFF);
        else tds_tx_u8(c, 0);
        return;
    }
    if (w.as_text) { put_date_text(c, t, v); return; }
    switch (t->kind) {
    case SIM_T_BIT:
        tds_tx_u8(c, 1);
        tds_tx_u8(c, v->i != 0);
        return;
    case SIM_T_TINYINT: case SIM_T_SMALLINT: case SIM_T_INT: case SIM_T_BIGINT:
        tds_tx_u8(c, (uint8_t)w.maxlen);
        put_int_le(c, v->i, w.maxlen);
        return;
    case SIM_T_FLOAT: {
        uint64_t bits;
        memcpy(&bits, &v->f, 8);
        tds_tx_u8(c, 8);
        tds_tx_u64(c, bits);
        return;
    }
    case SIM_T_DECIMAL: case SIM_T_MONEY: {
        int neg;
        tds_u128 mag;
        int prec, scale = 4;
        if (t->kind == SIM_T_DECIMAL) dec_ps(t, &prec, &scale);
        if (!v->text || tds_decimal_parse(v->text, v->len, scale, &neg, &mag) != 0) {
            tds_tx_u8(c, 0);
            return;
        }
        if (t->kind == SIM_T_MONEY) {
            int64_t m = (int64_t)(mag > (tds_u128)INT64_MAX ? (tds_u128)INT64_MAX : mag);
            if (neg) m = -m;
            tds_tx_u8(c, 8);
            tds_tx_u32(c, (uint32_t)((uint64_t)m >> 32));
            tds_tx_u32(c, (uint32_t)(uint64_t)m);
            return;
        }
        int nb = w.maxlen - 1;
        if (nb < 16 && (mag >> (8 * nb)) != 0) {
            /* More digits than the declared precision holds: NULL rather
             * than a silently wrong number. */
            tds_tx_u8(c, 0);
            return;
        }
        tds_tx_u8(c, (uint8_t)w.maxlen);
        tds_tx_u8(c, neg ? 0 : 1);
        for (int k = 0; k < nb; k++) tds_tx_u8(c, (uint8_t)(mag >> (8 * k)));
        return;
    }
    case SIM_T_DATETIME: case SIM_T_SMALLDATETIME: case SIM_T_DATETIME2: case SIM_T_DATE:
        put_datetime(c, t, &w, v);
        return;
    default:
        break;
    }
    string_bytes(c, t, &w, v);
    if (w.legacy_long) {
        static const uint8_t ptr[16] = {0};
        static const uint8_t ts[8] = {0};
        tds_tx_u8(c, 16);
        tds_tx_put(c, ptr, 16);
        tds_tx_put(c, ts, 8);
        tds_tx_u32(c, (uint32_t)c->scratch.len);
        tds_tx_put(c, c->scratch.data, c->scratch.len);
    } else if (w.maxlen < 0) {
        tds_tx_u64(c, c->scratch.len);
        if (c->scratch.len) {
            tds_tx_u32(c, (uint32_t)c->scratch.len);
            tds_tx_put(c, c->scratch.data, c->scratch.len);
        }
        tds_tx_u32(c, 0);
    } else {
        tds_tx_u16(c, (uint16_t)c->scratch.len);
        tds_tx_put(c, c->scratch.data, c->scratch.len);
    }
}

void tds_put_row(tds_conn *c, const sim_type *types, const sim_value *vals, int ncols)
{
    int nulls = 0;
    for (int i = 0; i < ncols; i++) nulls += vals[i].is_null != 0;
    /* NBCROW (7.3B and later) saves the bytes of NULL values. */
    if (nulls > 0 && (c->ver >= 74 || c->ver_wire == 0x730B0003)) {
        uint8_t bm[128];
        size_t nb = ((size_t)ncols + 7) / 8;
        tds_tx_u8(c, 0xD2);
        for (size_t off = 0; off < nb; off += sizeof bm) {
            size_t k = nb - off > sizeof bm ? sizeof bm : nb - off;
            memset(bm, 0, k);
            for (size_t i = off * 8; i < (off + k) * 8 && i < (size_t)ncols; i++)
                if (vals[i].is_null) bm[i / 8 - off] |= (uint8_t)(1u << (i % 8));
            tds_tx_put(c, bm, k);
        }
        for (int i = 0; i < ncols; i++)
            if (!vals[i].is_null) put_value(c, &types[i], &vals[i]);
        return;
    }
    tds_tx_u8(c, 0xD1);
    for (int i = 0; i < ncols; i++) put_value(c, &types[i], &vals[i]);
}

/* RETURNVALUE of an OUTPUT parameter: ordinal, name, status 1 (output
 * parameter), user type, flags (nullable), TYPE_INFO, then the value. */
void tds_put_returnvalue(tds_conn *c, int ordinal, const char *name, const sim_type *t,
                         const sim_value *v)
{
    tds_tx_u8(c, 0xAC);
    tds_tx_u16(c, (uint16_t)ordinal);
    tds_put_bvarchar(c, name ? name : "");
    tds_tx_u8(c, 0x01);
    if (c->ver >= 72) tds_tx_u32(c, 0);
    else tds_tx_u16(c, 0);
    tds_tx_u16(c, 0x0001);
    put_typeinfo(c, t);
    put_value(c, t, v);
}
