/* Decoding of client-sent TYPE_INFO and values: RPC parameters and bulk
 * load rows.  Every length is checked against what the type allows, so a
 * hostile request ends in a protocol error, never in an overrun. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tds_int.h"
#include "tds_text.h"
#include "tds_values.h"

#define MAX_VALUE (64u << 20)

void tds_owned_free(tds_owned *o)
{
    for (size_t i = 0; i < o->n; i++) free(o->p[i]);
    free(o->p);
    o->p = NULL;
    o->n = o->cap = 0;
}

static void *own(tds_owned *o, void *p)
{
    if (!p) return NULL;
    if (o->n == o->cap) {
        size_t nc = o->cap ? o->cap * 2 : 16;
        void **np = realloc(o->p, nc * sizeof *np);
        if (!np) { free(p); return NULL; }
        o->p = np;
        o->cap = nc;
    }
    o->p[o->n++] = p;
    return p;
}

/* Keeps a copy of a lia_buf's bytes (NUL-terminated) in owned. */
static char *own_copy(tds_owned *o, const void *p, size_t n)
{
    char *s = malloc(n + 1);
    if (!s) return NULL;
    if (n) memcpy(s, p, n);
    s[n] = '\0';
    return own(o, s);
}

int tds_read_bvarchar(tds_conn *c, char **utf8)
{
    uint8_t n, raw[510];
    lia_buf b = LIA_BUF_INIT;
    *utf8 = NULL;
    if (tds_rx_u8(c, &n) || tds_rx_get(c, raw, (size_t)n * 2)) return -1;
    if (tds_utf16_to_utf8(raw, (size_t)n * 2, &b) != 0) return tds_fail(c, "out of memory");
    *utf8 = strdup(lia_buf_str(&b));
    lia_buf_free(&b);
    return *utf8 ? 0 : tds_fail(c, "out of memory");
}

int tds_read_typeinfo(tds_conn *c, tds_typeinfo *ti)
{
    uint8_t t, b;
    uint16_t u16;
    uint32_t u32;
    memset(ti, 0, sizeof *ti);
    if (tds_rx_u8(c, &t)) return -1;
    ti->type = t;
    switch (t) {
    case 0x1F: ti->fixed = 1; ti->maxlen = 0; return 0;             /* NULL */
    case 0x30: case 0x32: ti->fixed = 1; ti->maxlen = 1; return 0;  /* INT1, BIT */
    case 0x34: ti->fixed = 1; ti->maxlen = 2; return 0;             /* INT2 */
    case 0x38: case 0x3A: case 0x3B: case 0x7A:                     /* INT4, DATETIM4, FLT4, MONEY4 */
        ti->fixed = 1; ti->maxlen = 4; return 0;
    case 0x7F: case 0x3C: case 0x3D: case 0x3E:                     /* INT8, MONEY, DATETIME, FLT8 */
        ti->fixed = 1; ti->maxlen = 8; return 0;
    case 0x26: case 0x68: case 0x6D: case 0x6E: case 0x6F: case 0x24: /* INTN BITN FLTN MONEYN DATETIMN GUID */
        if (tds_rx_u8(c, &b)) return -1;
        ti->maxlen = b;
        ti->lenbytes = 1;
        if ((t == 0x24 && b != 16) || (t != 0x24 && b != 1 && b != 2 && b != 4 && b != 8)
            || (t == 0x68 && b != 1))
            return tds_fail(c, "bad length %u for type 0x%02X", b, t);
        return 0;
    case 0x6A: case 0x6C: case 0x37: case 0x3F: {                   /* DECIMALN NUMERICN (legacy too) */
        uint8_t p, s;
        if (tds_rx_u8(c, &b) || tds_rx_u8(c, &p) || tds_rx_u8(c, &s)) return -1;
        if (b < 1 || b > 17 || p < 1 || p > 38 || s > p)
            return tds_fail(c, "bad decimal type (%u, %u, %u)", b, p, s);
        ti->maxlen = b; ti->precision = p; ti->scale = s; ti->lenbytes = 1;
        return 0;
    }
    case 0x28:                                                      /* DATE */
        ti->maxlen = 3; ti->lenbytes = 1; return 0;
    case 0x29: case 0x2A: case 0x2B:                                /* TIME DATETIME2 DATETIMEOFFSET */
        if (tds_rx_u8(c, &b)) return -1;
        if (b > 7) return tds_fail(c, "bad time scale %u", b);
        ti->scale = b; ti->maxlen = 10; ti->lenbytes = 1;
        return 0;
    case 0xA7: case 0xAF: case 0xE7: case 0xEF:                     /* (N)(VAR)CHAR */
        if (tds_rx_u16(c, &u16) || tds_rx_skip(c, 5)) return -1;
        ti->maxlen = u16;
        ti->plp = u16 == 0xFFFF;
        ti->lenbytes = 2;
        ti->unicode = t == 0xE7 || t == 0xEF;
        ti->charset = !ti->unicode;
        if (!ti->plp && (u16 > 8000 || (ti->unicode && (u16 & 1))))
            return tds_fail(c, "bad string length %u", u16);
        return 0;
    case 0xA5: case 0xAD:                                           /* BIG(VAR)BINARY */
        if (tds_rx_u16(c, &u16)) return -1;
        ti->maxlen = u16; ti->plp = u16 == 0xFFFF; ti->lenbytes = 2; ti->binary = 1;
        if (!ti->plp && u16 > 8000) return tds_fail(c, "bad binary length %u", u16);
        return 0;
    case 0x27: case 0x2F: case 0x25: case 0x2D:                     /* legacy short strings */
        if (tds_rx_u8(c, &b)) return -1;
        ti->maxlen = b; ti->lenbytes = 1;
        ti->binary = t == 0x25 || t == 0x2D;
        ti->charset = !ti->binary;
        return 0;
    case 0x23: case 0x63: case 0x22:                                /* TEXT NTEXT IMAGE */
        if (tds_rx_u32(c, &u32)) return -1;
        if (t != 0x22 && tds_rx_skip(c, 5)) return -1;
        ti->maxlen = u32; ti->longlen = 1; ti->lenbytes = 4;
        ti->unicode = t == 0x63; ti->charset = t == 0x23; ti->binary = t == 0x22;
        return 0;
    default:
        return tds_fail(c, "unsupported data type 0x%02X", t);
    }
}

static int64_t le_int(const uint8_t *b, int n, int is_signed)
{
    uint64_t v = 0;
    for (int k = n - 1; k >= 0; k--) v = (v << 8) | b[k];
    if (is_signed && n < 8 && (b[n - 1] & 0x80)) v |= ~(uint64_t)0 << (8 * n);
    return (int64_t)v;
}

/* Reads a PLP value into b (bounded). */
static int read_plp(tds_conn *c, lia_buf *b, int *is_null)
{
    uint64_t total;
    uint32_t chunk;
    if (tds_rx_u64(c, &total)) return -1;
    if (total == UINT64_MAX) { *is_null = 1; return 0; }
    for (;;) {
        if (tds_rx_u32(c, &chunk)) return -1;
        if (chunk == 0) return 0;
        if (b->len + chunk > MAX_VALUE) return tds_fail(c, "value larger than %u bytes", MAX_VALUE);
        if (lia_buf_reserve(b, chunk) != 0) return tds_fail(c, "out of memory");
        if (tds_rx_get(c, b->data + b->len, chunk)) return -1;
        b->len += chunk;
        b->data[b->len] = '\0';
    }
}

static int set_text(tds_conn *c, sim_value *val, tds_owned *owned, const char *s, size_t n)
{
    val->text = own_copy(owned, s, n);
    val->len = n;
    return val->text ? 0 : tds_fail(c, "out of memory");
}

int tds_read_value(tds_conn *c, const tds_typeinfo *ti, int bulk, sim_type *type, sim_value *val,
                   tds_owned *owned)
{
    uint8_t raw[32];
    size_t len = 0;
    memset(val, 0, sizeof *val);
    memset(type, 0, sizeof *type);
    type->nullable = 1;

    /* Strings and binaries: length-prefixed or PLP, possibly large. */
    if (ti->charset || ti->unicode || ti->binary) {
        lia_buf b = LIA_BUF_INIT;
        int is_null = 0, rc = 0;
        if (ti->plp) {
            rc = read_plp(c, &b, &is_null);
        } else {
            uint32_t n = 0;
            if (ti->longlen && bulk) {
                uint8_t plen;
                if (tds_rx_u8(c, &plen)) return -1;
                if (plen == 0) is_null = 1;
                else if (tds_rx_skip(c, (size_t)plen + 8)) return -1;
            }
            if (!is_null) {
                if (ti->lenbytes == 1) { uint8_t x; rc = tds_rx_u8(c, &x); n = x; is_null = !bulk && x == 0xFF; }
                else if (ti->lenbytes == 2) { uint16_t x; rc = tds_rx_u16(c, &x); n = x; is_null = x == 0xFFFF; }
                else { rc = tds_rx_u32(c, &n); is_null = n == 0xFFFFFFFF; }
                if (rc) return -1;
                if (!is_null) {
                    if (n > MAX_VALUE || (!ti->longlen && n > ti->maxlen && ti->maxlen != 0xFFFF))
                        return tds_fail(c, "value length %u above its type's %u", n, ti->maxlen);
                    if (lia_buf_reserve(&b, n) != 0) return tds_fail(c, "out of memory");
                    if (tds_rx_get(c, b.data, n)) { lia_buf_free(&b); return -1; }
                    b.len = n;
                }
            }
        }
        if (rc) { lia_buf_free(&b); return -1; }
        int max = ti->plp || ti->longlen;
        if (ti->binary) {
            type->kind = SIM_T_VARBINARY;
            type->length = max ? -1 : (int)ti->maxlen;
        } else if (ti->unicode) {
            type->kind = ti->type == 0xEF ? SIM_T_NCHAR : SIM_T_NVARCHAR;
            type->length = max ? -1 : (int)ti->maxlen / 2;
        } else {
            type->kind = ti->type == 0xAF || ti->type == 0x2F ? SIM_T_CHAR : SIM_T_VARCHAR;
            type->length = max ? -1 : (int)ti->maxlen;
        }
        val->is_null = is_null;
        if (!is_null) {
            if (ti->binary) {
                val->blob = own_copy(owned, b.len ? b.data : "", b.len);
                val->len = b.len;
                if (!val->blob) rc = tds_fail(c, "out of memory");
            } else {
                lia_buf u = LIA_BUF_INIT;
                if (ti->unicode) tds_utf16_to_utf8((const uint8_t *)b.data, b.len, &u);
                else tds_cp1252_to_utf8((const uint8_t *)b.data, b.len, &u);
                rc = u.oom ? tds_fail(c, "out of memory") : set_text(c, val, owned, lia_buf_str(&u), u.len);
                lia_buf_free(&u);
            }
        }
        lia_buf_free(&b);
        return rc;
    }

    if (ti->fixed) {
        len = ti->maxlen;
    } else {
        uint8_t n;
        if (tds_rx_u8(c, &n)) return -1;
        len = n;
    }
    if (len > sizeof raw) return tds_fail(c, "value length %zu too large", len);
    if (tds_rx_get(c, raw, len)) return -1;
    if (len == 0) {
        val->is_null = 1;
    } else if (!ti->fixed && ti->type != 0x28 && ti->type != 0x29 && ti->type != 0x2A
               && ti->type != 0x2B && len > ti->maxlen) {
        return tds_fail(c, "value length %zu above its type's %u", len, ti->maxlen);
    }

    char txt[64];
    switch (ti->type) {
    case 0x1F:
        type->kind = SIM_T_INT;
        val->is_null = 1;
        return 0;
    case 0x30: case 0x34: case 0x38: case 0x7F: case 0x26:
        type->kind = len == 1 || ti->maxlen == 1 ? SIM_T_TINYINT : (len == 2 || ti->maxlen == 2) ? SIM_T_SMALLINT
                   : (len == 4 || ti->maxlen == 4) ? SIM_T_INT : SIM_T_BIGINT;
        if (!val->is_null) {
            if (len != 1 && len != 2 && len != 4 && len != 8) return tds_fail(c, "bad integer length %zu", len);
            val->i = le_int(raw, (int)len, len != 1);
        }
        return 0;
    case 0x32: case 0x68:
        type->kind = SIM_T_BIT;
        if (!val->is_null) val->i = raw[0] != 0;
        return 0;
    case 0x3B: case 0x3E: case 0x6D:
        type->kind = SIM_T_FLOAT;
        if (!val->is_null) {
            if (len == 4) { float f; memcpy(&f, raw, 4); val->f = f; }
            else if (len == 8) memcpy(&val->f, raw, 8);
            else return tds_fail(c, "bad float length %zu", len);
        }
        return 0;
    case 0x3C: case 0x7A: case 0x6E: {
        type->kind = SIM_T_MONEY;
        type->precision = 19;
        type->scale = 4;
        if (val->is_null) return 0;
        int64_t m;
        if (len == 8) m = (int64_t)(((uint64_t)(uint32_t)le_int(raw, 4, 0) << 32) | (uint32_t)le_int(raw + 4, 4, 0));
        else if (len == 4) m = le_int(raw, 4, 1);
        else return tds_fail(c, "bad money length %zu", len);
        tds_u128 mag = m < 0 ? (tds_u128)(-(m + 1)) + 1 : (tds_u128)m;
        tds_decimal_format(m < 0, mag, 4, txt);
        return set_text(c, val, owned, txt, strlen(txt));
    }
    case 0x6A: case 0x6C: case 0x37: case 0x3F: {
        type->kind = SIM_T_DECIMAL;
        type->precision = ti->precision;
        type->scale = ti->scale;
        if (val->is_null) return 0;
        tds_u128 mag = 0;
        for (size_t k = len; k > 1; k--) mag = (mag << 8) | raw[k - 1];
        tds_decimal_format(raw[0] == 0 && mag != 0, mag, ti->scale, txt);
        return set_text(c, val, owned, txt, strlen(txt));
    }
    case 0x3A: case 0x3D: case 0x6F: {
        type->kind = (len == 4 || ti->maxlen == 4) ? SIM_T_SMALLDATETIME : SIM_T_DATETIME;
        if (val->is_null) return 0;
        int64_t base = tds_days_from_civil(1900, 1, 1);
        uint64_t ticks;
        int64_t days;
        if (len == 8) {
            days = base + le_int(raw, 4, 1);
            uint64_t t300 = (uint64_t)(uint32_t)le_int(raw + 4, 4, 0);
            if (t300 >= 25920000ull) return tds_fail(c, "bad datetime time");
            ticks = (t300 * 100000 + 1) / 3;
            /* 1/300 s shown as SQL Server does: milliseconds, 3 digits. */
            ticks = (ticks + 5000) / 10000 * 10000;
        } else if (len == 4) {
            days = base + (int64_t)le_int(raw, 2, 0);
            uint64_t mins = (uint64_t)le_int(raw + 2, 2, 0);
            if (mins >= 1440) return tds_fail(c, "bad smalldatetime time");
            ticks = mins * 600000000ull;
        } else {
            return tds_fail(c, "bad datetime length %zu", len);
        }
        tds_format_datetime(days, ticks, len == 8 ? 3 : 0, txt);
        return set_text(c, val, owned, txt, strlen(txt));
    }
    case 0x28: case 0x29: case 0x2A: case 0x2B: {
        int s = ti->scale;
        size_t tb = ti->type == 0x28 ? 0 : (s <= 2 ? 3 : s <= 4 ? 4 : 5);
        size_t need = ti->type == 0x29 ? tb : ti->type == 0x2B ? tb + 5 : tb + 3;
        type->kind = ti->type == 0x28 ? SIM_T_DATE : ti->type == 0x2A ? SIM_T_DATETIME2 : SIM_T_NVARCHAR;
        type->scale = s;
        type->length = ti->type == 0x2A || ti->type == 0x28 ? 0 : 40;
        if (val->is_null) return 0;
        if (len != need) return tds_fail(c, "bad date/time length %zu", len);
        uint64_t ticks = 0;
        if (tb) {
            ticks = (uint64_t)le_int(raw, (int)tb, 0);
            for (int k = s; k < 7; k++) ticks *= 10;
            if (ticks >= 864000000000ull) return tds_fail(c, "bad time value");
        }
        int64_t days = 0;
        if (ti->type != 0x29) days = le_int(raw + tb, 3, 0) + tds_days_from_civil(1, 1, 1);
        if (ti->type == 0x28) tds_format_datetime(days, 0, -1, txt);
        else if (ti->type == 0x29) { tds_format_datetime(0, ticks, s, txt); memmove(txt, txt + 11, strlen(txt + 11) + 1); }
        else tds_format_datetime(days, ticks, s, txt);
        if (ti->type == 0x2B) {
            int off = (int)le_int(raw + tb + 3, 2, 1);
            size_t l = strlen(txt);
            snprintf(txt + l, sizeof txt - l, " %c%02d:%02d", off < 0 ? '-' : '+', abs(off) / 60, abs(off) % 60);
        }
        return set_text(c, val, owned, txt, strlen(txt));
    }
    case 0x24: {
        type->kind = SIM_T_VARCHAR;
        type->length = 36;
        if (val->is_null) return 0;
        if (len != 16) return tds_fail(c, "bad uniqueidentifier length");
        snprintf(txt, sizeof txt,
                 "%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X",
                 raw[3], raw[2], raw[1], raw[0], raw[5], raw[4], raw[7], raw[6], raw[8], raw[9],
                 raw[10], raw[11], raw[12], raw[13], raw[14], raw[15]);
        return set_text(c, val, owned, txt, strlen(txt));
    }
    default:
        return tds_fail(c, "unsupported data type 0x%02X", ti->type);
    }
}
