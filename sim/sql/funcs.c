/* T-SQL built-ins as SQLite functions (t_*), registered on every session
 * connection with the session as user data. Errors use SQL Server's
 * numbers through fn_error(). */
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

#define SESS(ctx) ((sim_session *)sqlite3_user_data(ctx))

void fn_error(sqlite3_context *ctx, sim_session *s, int num, int state, int sev, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->fn_text, sizeof s->fn_text, fmt, ap);
    va_end(ap);
    s->fn_err = num;
    s->fn_state = state;
    s->fn_sev = sev;
    sqlite3_result_error(ctx, s->fn_text, -1);
}

uint32_t object_id_of(const char *name)
{
    uint32_t h = 2166136261u;
    for (const char *p = name; *p; p++) {
        h ^= (uint32_t)tolower((unsigned char)*p);
        h *= 16777619u;
    }
    return (h & 0x3fffffffu) + 1000;
}

/* ---- UTF-8 helpers ---- */

static int u8_len(const unsigned char *s, int n)
{
    int c = 0;
    for (int i = 0; i < n; i++)
        c += (s[i] & 0xC0) != 0x80;
    return c;
}

/* byte offset of char index ci */
static int u8_off(const unsigned char *s, int n, int ci)
{
    int i = 0, c = 0;
    while (i < n && c < ci) {
        i++;
        while (i < n && (s[i] & 0xC0) == 0x80)
            i++;
        c++;
    }
    return i;
}

static int u8_dec(const unsigned char *s, int n, int *i)
{
    unsigned c = s[*i];
    int need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (!need || *i + need >= n + 0 || 0) {
        if (!need || *i + need > n - 1) {
            (*i)++;
            return (int)c;
        }
    }
    unsigned cp = c & (0x3Fu >> need);
    for (int k = 1; k <= need; k++)
        cp = (cp << 6) | (s[*i + k] & 0x3F);
    *i += need + 1;
    return (int)cp;
}

static void u8_enc(sbuf *o, int cp)
{
    char b[4];
    if (cp < 0x80) {
        b[0] = (char)cp;
        sb_add(o, b, 1);
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        sb_add(o, b, 2);
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        sb_add(o, b, 3);
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        sb_add(o, b, 4);
    }
}

/* Latin Extended-A (Ł, Ź, Ő...): case pairs alternate */
static int ext_a_upper(int c, int up)
{
    int odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    if (!((c >= 0x100 && c <= 0x137) || (c >= 0x139 && c <= 0x148) || (c >= 0x14A && c <= 0x177) ||
          (c >= 0x179 && c <= 0x17E)))
        return c;
    int is_upper = odd_upper ? (c & 1) : !(c & 1);
    if (up && !is_upper)
        return odd_upper ? c - 1 : c - 1;
    if (!up && is_upper)
        return c + 1;
    return c;
}

static int cp_upper(int c)
{
    if (c >= 0x100 && c <= 0x17E && c != 0x152 && c != 0x153)
        return ext_a_upper(c, 1);
    if (c >= 'a' && c <= 'z')
        return c - 32;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
        return c - 32;
    if (c == 0xFF)
        return 0x178;
    if (c == 0x153)
        return 0x152;
    return c;
}

static int cp_lower(int c)
{
    if (c >= 0x100 && c <= 0x17E && c != 0x152 && c != 0x153)
        return ext_a_upper(c, 0);
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32;
    if (c == 0x178)
        return 0xFF;
    if (c == 0x152)
        return 0x153;
    return c;
}

/* accent-sensitive, case-insensitive character equality */
static int ci_eq(int a, int b) { return a == b || cp_lower(a) == cp_lower(b); }

static const unsigned char *text_arg(sqlite3_value *v, int *n)
{
    const unsigned char *s = sqlite3_value_text(v);
    *n = sqlite3_value_bytes(v);
    return s ? s : (const unsigned char *)"";
}

/* T-SQL functions return NULL when any of their first argc arguments is NULL:
 * sets that result and returns 1 so the caller just returns. */
static int null_result_if_any_null(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    for (int i = 0; i < argc; i++)
        if (sqlite3_value_type(argv[i]) == SQLITE_NULL) {
            sqlite3_result_null(ctx);
            return 1;
        }
    return 0;
}

/* ---- conversion of text to numbers ---- */

static int parse_int(const char *s, int n, int64_t *out)
{
    int i = 0;
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    int neg = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    if (i >= n || !isdigit((unsigned char)s[i]))
        return -1;
    int64_t v = 0;
    while (i < n && isdigit((unsigned char)s[i])) {
        if (v > (INT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (s[i++] - '0');
    }
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    if (i != n)
        return -1;
    *out = neg ? -v : v;
    return 0;
}

static int parse_num(const char *s, int n, double *out)
{
    char buf[128];
    if (n <= 0 || n >= (int)sizeof buf)
        return -1;
    memcpy(buf, s, (size_t)n);
    buf[n] = 0;
    char *e;
    char *b = buf;
    while (isspace((unsigned char)*b))
        b++;
    if (!*b)
        return -1;
    double d = strtod(b, &e);
    while (isspace((unsigned char)*e))
        e++;
    if (*e || e == b)
        return -1;
    if (strpbrk(b, "xXpPnNiI"))
        return -1;
    *out = d;
    return 0;
}

static void conv_fail(sqlite3_context *ctx, sqlite3_value *v, const char *target)
{
    int n;
    const unsigned char *s = text_arg(v, &n);
    fn_error(ctx, SESS(ctx), 245, 1, 16, "Conversion failed when converting the %s value '%.*s' to data type %s.",
             "varchar", n, s, target);
}

/* Value as a number: int or real; text converted like SQL Server would to int. */
static int to_number(sqlite3_context *ctx, sqlite3_value *v, sqlite3_value *other, int *is_int, int64_t *i,
                     double *d)
{
    int t = sqlite3_value_type(v);
    if (t == SQLITE_INTEGER) {
        *is_int = 1;
        *i = sqlite3_value_int64(v);
        return 0;
    }
    if (t == SQLITE_FLOAT) {
        *is_int = 0;
        *d = sqlite3_value_double(v);
        return 0;
    }
    int n;
    const unsigned char *s = text_arg(v, &n);
    int other_real = other && sqlite3_value_type(other) == SQLITE_FLOAT;
    if (parse_int((const char *)s, n, i) == 0) {
        *is_int = 1;
        return 0;
    }
    if (other_real && parse_num((const char *)s, n, d) == 0) {
        *is_int = 0;
        return 0;
    }
    conv_fail(ctx, v, other_real ? "numeric" : "int");
    return -1;
}

static void arith(sqlite3_context *ctx, sqlite3_value **argv, int op);

static void f_add(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 2, argv))
        return;
    int ta = sqlite3_value_type(argv[0]), tb = sqlite3_value_type(argv[1]);
    /* the translator's view: 1 strings, 2 numbers, 0 unknown; two texts
     * that are decimals (a decimal point) add up when it does not know */
    int kind = argc > 2 ? sqlite3_value_int(argv[2]) : 0;
    if (ta == SQLITE_TEXT && tb == SQLITE_TEXT && kind != 1) {
        const char *a = (const char *)sqlite3_value_text(argv[0]), *b = (const char *)sqlite3_value_text(argv[1]);
        if (kind == 2 || (a && b && (strpbrk(a, ".eE") || strpbrk(b, ".eE")) && strspn(a, "0123456789.-+eE ") == strlen(a) &&
                          strspn(b, "0123456789.-+eE ") == strlen(b))) {
            if (dec_arith(ctx, argv, '+'))
                return;
        }
    }
    if ((ta == SQLITE_TEXT && tb == SQLITE_TEXT) || (ta == SQLITE_BLOB && tb == SQLITE_BLOB)) {
        int na, nb;
        const unsigned char *a = ta == SQLITE_TEXT ? sqlite3_value_text(argv[0]) : sqlite3_value_blob(argv[0]);
        na = sqlite3_value_bytes(argv[0]);
        const unsigned char *b = tb == SQLITE_TEXT ? sqlite3_value_text(argv[1]) : sqlite3_value_blob(argv[1]);
        nb = sqlite3_value_bytes(argv[1]);
        char *r = sqlite3_malloc(na + nb + 1);
        if (!r) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
        if (na)
            memcpy(r, a, (size_t)na);
        if (nb)
            memcpy(r + na, b, (size_t)nb);
        r[na + nb] = 0;
        if (ta == SQLITE_TEXT)
            sqlite3_result_text(ctx, r, na + nb, sqlite3_free);
        else
            sqlite3_result_blob(ctx, r, na + nb, sqlite3_free);
        return;
    }
    /* datetime + number of days */
    if (ta == SQLITE_TEXT && tb != SQLITE_TEXT) {
        int n;
        const unsigned char *s = text_arg(argv[0], &n);
        tsql_dt dt;
        if (n >= 8 && dt_parse((const char *)s, n, &dt) == 0 && (s[4] == '-' || n == 8)) {
            double days = sqlite3_value_double(argv[1]);
            int64_t whole = (int64_t)floor(days);
            int64_t z = sim_days_from_civil(dt.y, dt.mo, dt.d) + whole;
            sim_civil_from_days(z, &dt.y, &dt.mo, &dt.d);
            char out[40];
            dt_format(&dt, 0, 3, out, sizeof out);
            sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
            return;
        }
    }
    arith(ctx, argv, '+');
}

/* Numbers: integers stay integers, a decimal text computes exactly
 * (dec_arith), other values in floating point. */
static void arith(sqlite3_context *ctx, sqlite3_value **argv, int op)
{
    if (dec_arith(ctx, argv, op))
        return;
    int ia, ib;
    int64_t xa = 0, xb = 0;
    double da = 0, db = 0;
    if (to_number(ctx, argv[0], argv[1], &ia, &xa, &da) || to_number(ctx, argv[1], argv[0], &ib, &xb, &db))
        return;
    if (op == '/' && ((ib && xb == 0) || (!ib && db == 0.0))) {
        fn_error(ctx, SESS(ctx), 8134, 1, 16, "Divide by zero error encountered.");
        return;
    }
    if (ia && ib) {
        int64_t r = 0;
        int over = 0;
        switch (op) {
        case '+': over = __builtin_add_overflow(xa, xb, &r); break;
        case '-': over = __builtin_sub_overflow(xa, xb, &r); break;
        case '*': over = __builtin_mul_overflow(xa, xb, &r); break;
        default: over = xa == INT64_MIN && xb == -1; r = over ? 0 : xa / xb;
        }
        if (over) {
            fn_error(ctx, SESS(ctx), 8115, 2, 16, "Arithmetic overflow error converting expression to data type bigint.");
            return;
        }
        sqlite3_result_int64(ctx, r);
        return;
    }
    double x = ia ? (double)xa : da, y = ib ? (double)xb : db;
    sqlite3_result_double(ctx, op == '+' ? x + y : op == '-' ? x - y : op == '*' ? x * y : x / y);
}

static void f_sub(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 2, argv))
        return;
    arith(ctx, argv, '-');
}

static void f_mul(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 2, argv))
        return;
    arith(ctx, argv, '*');
}

static void f_div(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 2, argv))
        return;
    arith(ctx, argv, '/');
}

/* ---- CAST / CONVERT ---- */

static double round_half_away(double x, int scale)
{
    double m = pow(10.0, scale);
    double r = x * m;
    /* nudge to absorb binary noise (2.675 -> 267.49999...) */
    r = r >= 0 ? floor(r + 0.5 + 1e-9) : -floor(-r + 0.5 + 1e-9);
    return r / m;
}

static void fmt_real(double d, char *out, size_t n)
{
    snprintf(out, n, "%.15g", d);
}

static void conv(sqlite3_context *ctx, int argc, sqlite3_value **argv, int try)
{
    sim_session *s = SESS(ctx);
    const char *tname = (const char *)sqlite3_value_text(argv[0]);
    sqlite3_value *v = argv[1];
    int style = argc > 2 && sqlite3_value_type(argv[2]) != SQLITE_NULL ? sqlite3_value_int(argv[2]) : 0;
    sim_type t;
    /* the target type is a constant of the statement: parsed once */
    const sim_type *cached = sqlite3_get_auxdata(ctx, 0);
    if (cached) {
        t = *cached;
    } else {
        if (type_parse(tname, &t) != 0) {
            fn_error(ctx, s, 243, 1, 16, "Type %s is not a defined system type.", tname ? tname : "?");
            return;
        }
        sim_type *keep = malloc(sizeof *keep);
        if (keep) {
            *keep = t;
            sqlite3_set_auxdata(ctx, 0, keep, free);
        }
    }
    int vt = sqlite3_value_type(v);
    if (vt == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    int n;
    const unsigned char *txt;
    switch (t.kind) {
    case SIM_T_BIT: case SIM_T_TINYINT: case SIM_T_SMALLINT: case SIM_T_INT: case SIM_T_BIGINT: {
        int64_t x;
        if (vt == SQLITE_INTEGER) {
            x = sqlite3_value_int64(v);
        } else if (vt == SQLITE_FLOAT) {
            x = (int64_t)sqlite3_value_double(v);
        } else {
            txt = text_arg(v, &n);
            if (parse_int((const char *)txt, n, &x) != 0) {
                if (t.kind == SIM_T_BIT && (strcasecmp((const char *)txt, "true") == 0 ||
                                            strcasecmp((const char *)txt, "false") == 0)) {
                    sqlite3_result_int(ctx, strcasecmp((const char *)txt, "true") == 0);
                    return;
                }
                if (try) {
                    sqlite3_result_null(ctx);
                    return;
                }
                fn_error(ctx, s, 245, 1, 16, "Conversion failed when converting the varchar value '%.*s' to data type %s.",
                         n, txt, type_name(t.kind));
                return;
            }
        }
        if (t.kind == SIM_T_BIT) {
            sqlite3_result_int(ctx, x != 0);
            return;
        }
        int64_t lo = t.kind == SIM_T_TINYINT ? 0 : t.kind == SIM_T_SMALLINT ? -32768 : t.kind == SIM_T_INT ? INT32_MIN : INT64_MIN;
        int64_t hi = t.kind == SIM_T_TINYINT ? 255 : t.kind == SIM_T_SMALLINT ? 32767 : t.kind == SIM_T_INT ? INT32_MAX : INT64_MAX;
        if (x < lo || x > hi) {
            if (try) {
                sqlite3_result_null(ctx);
                return;
            }
            fn_error(ctx, s, 8115, 2, 16, "Arithmetic overflow error converting expression to data type %s.",
                     type_name(t.kind));
            return;
        }
        sqlite3_result_int64(ctx, x);
        return;
    }
    case SIM_T_FLOAT: {
        double d;
        if (vt == SQLITE_INTEGER) {
            d = (double)sqlite3_value_int64(v);
        } else if (vt == SQLITE_FLOAT) {
            d = sqlite3_value_double(v);
        } else {
            txt = text_arg(v, &n);
            if (parse_num((const char *)txt, n, &d) != 0) {
                if (try) {
                    sqlite3_result_null(ctx);
                    return;
                }
                fn_error(ctx, s, 8114, 5, 16, "Error converting data type varchar to float.");
                return;
            }
        }
        sqlite3_result_double(ctx, d);
        return;
    }
    case SIM_T_DECIMAL: case SIM_T_MONEY: {
        /* exact: text and integers as they are, a REAL as the shortest
         * decimal that reads back as it */
        dec d;
        int rc = dec_from_value(v, &d);
        if (rc == -1) {
            if (try) {
                sqlite3_result_null(ctx);
                return;
            }
            fn_error(ctx, s, 8114, 5, 16, "Error converting data type varchar to numeric.");
            return;
        }
        int prec = t.kind == SIM_T_MONEY ? t.precision : t.precision, scale = t.scale;
        if (rc != 0 || dec_fit(&d, prec, scale) != 0) {
            if (try) {
                sqlite3_result_null(ctx);
                return;
            }
            if (t.kind == SIM_T_MONEY)
                fn_error(ctx, s, 8115, 2, 16, "Arithmetic overflow error converting %s to data type money.",
                         vt == SQLITE_INTEGER ? "int" : vt == SQLITE_FLOAT ? "numeric" : "varchar");
            else
                fn_error(ctx, s, 8115, 2, 16, "Arithmetic overflow error converting %s to data type numeric.",
                         vt == SQLITE_INTEGER ? "int" : vt == SQLITE_FLOAT ? "numeric" : "varchar");
            return;
        }
        if (scale == 0 && d.m > -(dec_int)9000000000000000000LL && d.m < (dec_int)9000000000000000000LL) {
            sqlite3_result_int64(ctx, (int64_t)d.m);
        } else {
            /* the canonical text at the target scale, as a decimal column
             * stores it: the same value compares equal in EXCEPT, UNION… */
            char out[64];
            int len = dec_text(&d, out);
            sqlite3_result_text(ctx, out, len, SQLITE_TRANSIENT);
        }
        return;
    }
    case SIM_T_DATETIME: case SIM_T_SMALLDATETIME: case SIM_T_DATETIME2: case SIM_T_DATE: {
        tsql_dt dt;
        char out[48];
        if (vt == SQLITE_INTEGER || vt == SQLITE_FLOAT) {
            double days = sqlite3_value_double(v);
            memset(&dt, 0, sizeof dt);
            int64_t z = sim_days_from_civil(1900, 1, 1) + (int64_t)floor(days);
            sim_civil_from_days(z, &dt.y, &dt.mo, &dt.d);
            double fr = days - floor(days);
            long long ms = llround(fr * 86400000.0);
            dt.h = (int)(ms / 3600000);
            dt.mi = (int)(ms / 60000 % 60);
            dt.s = (int)(ms / 1000 % 60);
            dt.ns = (long)(ms % 1000) * 1000000;
        } else {
            txt = text_arg(v, &n);
            int ok = dt_parse((const char *)txt, n, &dt) == 0;
            if (ok && (style == 101) && n >= 10) {
                /* mm/dd/yyyy */
                int tmp = dt.d;
                dt.d = dt.mo;
                dt.mo = tmp;
                ok = dt_valid(dt.y, dt.mo, dt.d);
            }
            if (!ok) {
                if (try) {
                    sqlite3_result_null(ctx);
                    return;
                }
                fn_error(ctx, s, 241, 1, 16, "Conversion failed when converting date and/or time from character string.");
                return;
            }
        }
        int kind = t.kind == SIM_T_DATETIME ? 0 : t.kind == SIM_T_SMALLDATETIME ? 1 : t.kind == SIM_T_DATETIME2 ? 2 : 3;
        dt_format(&dt, kind, t.scale, out, sizeof out);
        sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
        return;
    }
    case SIM_T_VARBINARY:
        if (vt == SQLITE_BLOB) {
            sqlite3_result_value(ctx, v);
        } else {
            txt = text_arg(v, &n);
            sqlite3_result_blob(ctx, txt, n, SQLITE_TRANSIENT);
        }
        return;
    default: { /* strings */
        char buf[64];
        const char *src;
        int len;
        char datebuf[48];
        if (vt == SQLITE_INTEGER) {
            if (argc > 3 && sqlite3_value_type(argv[3]) == SQLITE_INTEGER && sqlite3_value_int(argv[3]) > 0)
                snprintf(buf, sizeof buf, "%lld.%0*d", (long long)sqlite3_value_int64(v), sqlite3_value_int(argv[3]), 0);
            else
                snprintf(buf, sizeof buf, "%lld", (long long)sqlite3_value_int64(v));
            src = buf;
            len = (int)strlen(buf);
        } else if (vt == SQLITE_FLOAT || (vt == SQLITE_TEXT && argc > 3 && sqlite3_value_type(argv[3]) == SQLITE_INTEGER)) {
            dec d;
            if (argc > 3 && sqlite3_value_type(argv[3]) == SQLITE_INTEGER && dec_from_value(v, &d) == 0 &&
                dec_rescale(&d, sqlite3_value_int(argv[3])) == 0) {
                dec_text(&d, buf);
                if (strspn(buf, "-0.") == strlen(buf) && buf[0] == '-') /* "-0.00" -> "0.00" */
                    memmove(buf, buf + 1, strlen(buf));
            } else if (vt == SQLITE_FLOAT) {
                fmt_real(sqlite3_value_double(v), buf, sizeof buf);
            } else {
                txt = text_arg(v, &n);
                snprintf(buf, sizeof buf, "%.*s", n, (const char *)txt);
            }
            src = buf;
            len = (int)strlen(buf);
        } else {
            txt = text_arg(v, &n);
            src = (const char *)txt;
            len = n;
            tsql_dt dt;
            if (style && len >= 10 && dt_parse(src, len, &dt) == 0) {
                switch (style) {
                case 103: snprintf(datebuf, sizeof datebuf, "%02d/%02d/%04d", dt.d, dt.mo, dt.y); break;
                case 101: snprintf(datebuf, sizeof datebuf, "%02d/%02d/%04d", dt.mo, dt.d, dt.y); break;
                case 104: snprintf(datebuf, sizeof datebuf, "%02d.%02d.%04d", dt.d, dt.mo, dt.y); break;
                case 112: snprintf(datebuf, sizeof datebuf, "%04d%02d%02d", dt.y, dt.mo, dt.d); break;
                case 23: snprintf(datebuf, sizeof datebuf, "%04d-%02d-%02d", dt.y, dt.mo, dt.d); break;
                case 108: snprintf(datebuf, sizeof datebuf, "%02d:%02d:%02d", dt.h, dt.mi, dt.s); break;
                case 120: snprintf(datebuf, sizeof datebuf, "%04d-%02d-%02d %02d:%02d:%02d", dt.y, dt.mo, dt.d, dt.h, dt.mi, dt.s); break;
                case 121: case 126: dt_format(&dt, 0, 3, datebuf, sizeof datebuf); if (style == 126) datebuf[10] = 'T'; break;
                default: dt_format(&dt, 0, 3, datebuf, sizeof datebuf);
                }
                src = datebuf;
                len = (int)strlen(datebuf);
            }
        }
        if (t.length > 0) {
            int chars = u8_len((const unsigned char *)src, len);
            if (chars > t.length)
                len = u8_off((const unsigned char *)src, len, t.length);
        }
        if (t.kind == SIM_T_CHAR || t.kind == SIM_T_NCHAR) {
            int chars = u8_len((const unsigned char *)src, len);
            if (t.length > chars) {
                sbuf o = {0};
                sb_add(&o, src, (size_t)len);
                for (int k = chars; k < t.length; k++)
                    sb_addc(&o, ' ');
                sqlite3_result_text(ctx, sb_str(&o), (int)o.len, SQLITE_TRANSIENT);
                sb_free(&o);
                return;
            }
        }
        sqlite3_result_text(ctx, src, len, SQLITE_TRANSIENT);
        return;
    }
    }
}

static void f_conv(sqlite3_context *c, int n, sqlite3_value **v) { conv(c, n, v, 0); }
static void f_tryconv(sqlite3_context *c, int n, sqlite3_value **v) { conv(c, n, v, 1); }

/* ---- strings ---- */

static void f_len(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 1, argv))
        return;
    int n;
    const unsigned char *s = text_arg(argv[0], &n);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    sqlite3_result_int(ctx, u8_len(s, n));
}

static void f_datalength(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 1, argv))
        return;
    if (sqlite3_value_type(argv[0]) == SQLITE_BLOB) {
        sqlite3_result_int(ctx, sqlite3_value_bytes(argv[0]));
        return;
    }
    if (sqlite3_value_type(argv[0]) == SQLITE_INTEGER) {
        sqlite3_result_int(ctx, 4);
        return;
    }
    int n;
    const unsigned char *s = text_arg(argv[0], &n);
    sqlite3_result_int(ctx, u8_len(s, n));
}

static void trim_impl(sqlite3_context *ctx, sqlite3_value **argv, int left, int right)
{
    if (null_result_if_any_null(ctx, 1, argv))
        return;
    int n;
    const unsigned char *s = text_arg(argv[0], &n);
    int a = 0;
    if (left)
        while (a < n && s[a] == ' ')
            a++;
    if (right)
        while (n > a && s[n - 1] == ' ')
            n--;
    sqlite3_result_text(ctx, (const char *)s + a, n - a, SQLITE_TRANSIENT);
}

static void f_ltrim(sqlite3_context *c, int n, sqlite3_value **v) { (void)n; trim_impl(c, v, 1, 0); }
static void f_rtrim(sqlite3_context *c, int n, sqlite3_value **v) { (void)n; trim_impl(c, v, 0, 1); }

static void case_impl(sqlite3_context *ctx, sqlite3_value **argv, int up)
{
    if (null_result_if_any_null(ctx, 1, argv))
        return;
    int n;
    const unsigned char *s = text_arg(argv[0], &n);
    sbuf o = {0};
    sb_add(&o, "", 0);
    for (int i = 0; i < n;) {
        int c = u8_dec(s, n, &i);
        u8_enc(&o, up ? cp_upper(c) : cp_lower(c));
    }
    sqlite3_result_text(ctx, sb_str(&o), (int)o.len, SQLITE_TRANSIENT);
    sb_free(&o);
}

static void f_upper(sqlite3_context *c, int n, sqlite3_value **v) { (void)n; case_impl(c, v, 1); }
static void f_lower(sqlite3_context *c, int n, sqlite3_value **v) { (void)n; case_impl(c, v, 0); }

static void f_substring(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    if (null_result_if_any_null(ctx, argc, argv))
        return;
    int n;
    const unsigned char *s = text_arg(argv[0], &n);
    int64_t start = sqlite3_value_int64(argv[1]);
    int64_t len = argc > 2 ? sqlite3_value_int64(argv[2]) : INT32_MAX;
    if (len < 0) {
        fn_error(ctx, SESS(ctx), 537, 3, 16, "Invalid length parameter passed to the LEFT or SUBSTRING function.");
        return;
    }
    int64_t end = start + len; /* exclusive, 1-based */
    if (start < 1)
        start = 1;
    int chars = u8_len(s, n);
    if (end > chars + 1)
        end = chars + 1;
    if (end <= start) {
        sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
        return;
    }
    int a = u8_off(s, n, (int)start - 1), b = u8_off(s, n, (int)end - 1);
    sqlite3_result_text(ctx, (const char *)s + a, b - a, SQLITE_TRANSIENT);
}

/* LEFT and RIGHT: the first or last k characters (code points) of a text. */
static void left_right(sqlite3_context *ctx, sqlite3_value **argv, int right)
{
    if (null_result_if_any_null(ctx, 2, argv))
        return;
    int n;
    const unsigned char *s = text_arg(argv[0], &n);
    int64_t k = sqlite3_value_int64(argv[1]);
    if (k < 0) {
        fn_error(ctx, SESS(ctx), 537, 2, 16,
                 right ? "Invalid length parameter passed to the right function."
                       : "Invalid length parameter passed to the left function.");
        return;
    }
    if (!right) {
        int b = u8_off(s, n, (int)(k > n ? n : k));
        sqlite3_result_text(ctx, (const char *)s, b, SQLITE_TRANSIENT);
        return;
    }
    int chars = u8_len(s, n);
    int from = chars - (int)(k > chars ? chars : k);
    int a = u8_off(s, n, from);
    sqlite3_result_text(ctx, (const char *)s + a, n - a, SQLITE_TRANSIENT);
}

static void f_left(sqlite3_context *c, int n, sqlite3_value **v) { (void)n; left_right(c, v, 0); }
static void f_right(sqlite3_context *c, int n, sqlite3_value **v) { (void)n; left_right(c, v, 1); }

/* decoded code points of a text */
static int *cps(const unsigned char *s, int n, int *count)
{
    int *r = malloc(sizeof(int) * (size_t)(n + 1));
    if (!r)
        abort();
    int c = 0;
    for (int i = 0; i < n;)
        r[c++] = u8_dec(s, n, &i);
    *count = c;
    return r;
}

static int find_ci(const int *h, int nh, const int *nd, int nn, int from)
{
    for (int i = from; i + nn <= nh; i++) {
        int k = 0;
        while (k < nn && ci_eq(h[i + k], nd[k]))
            k++;
        if (k == nn)
            return i;
    }
    return -1;
}

static void f_charindex(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    if (null_result_if_any_null(ctx, 2, argv))
        return;
    int n1, n2, c1, c2;
    const unsigned char *a = text_arg(argv[0], &n1), *b = text_arg(argv[1], &n2);
    int *nd = cps(a, n1, &c1), *h = cps(b, n2, &c2);
    int from = argc > 2 && sqlite3_value_type(argv[2]) != SQLITE_NULL ? sqlite3_value_int(argv[2]) - 1 : 0;
    if (from < 0)
        from = 0;
    int r = c1 == 0 ? -1 : find_ci(h, c2, nd, c1, from);
    sqlite3_result_int(ctx, r + 1);
    free(nd);
    free(h);
}

static void f_replace(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 3, argv))
        return;
    int n1, n2, n3, c1, c2;
    const unsigned char *s = text_arg(argv[0], &n1), *f = text_arg(argv[1], &n2), *r = text_arg(argv[2], &n3);
    int *h = cps(s, n1, &c1), *nd = cps(f, n2, &c2);
    sbuf o = {0};
    sb_add(&o, "", 0);
    int i = 0;
    while (i < c1) {
        int k = c2 ? find_ci(h, c1, nd, c2, i) : -1;
        if (k < 0) {
            for (; i < c1; i++)
                u8_enc(&o, h[i]);
            break;
        }
        for (; i < k; i++)
            u8_enc(&o, h[i]);
        sb_add(&o, (const char *)r, (size_t)n3);
        i = k + c2;
    }
    sqlite3_result_text(ctx, sb_str(&o), (int)o.len, SQLITE_TRANSIENT);
    sb_free(&o);
    free(h);
    free(nd);
}

static void f_patindex(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 2, argv))
        return;
    int np, ns;
    const unsigned char *pat = text_arg(argv[0], &np), *s = text_arg(argv[1], &ns);
    int lead = np > 0 && pat[0] == '%';
    const char *pp = (const char *)pat + lead;
    int pn = np - lead;
    /* the match may end anywhere: append % unless present */
    sbuf pb = {0};
    sb_add(&pb, pp, (size_t)pn);
    if (!pn || pp[pn - 1] != '%')
        sb_addc(&pb, '%');
    int ci = 0;
    for (int i = 0; i <= ns; ci++) {
        if (tsql_like(pb.s, (int)pb.len, (const char *)s + i, ns - i, -1, 1)) {
            sqlite3_result_int(ctx, ci + 1 > u8_len(s, ns) ? 0 : ci + 1);
            sb_free(&pb);
            return;
        }
        if (!lead || i >= ns)
            break;
        i++;
        while (i < ns && (s[i] & 0xC0) == 0x80)
            i++;
    }
    sb_free(&pb);
    sqlite3_result_int(ctx, 0);
}

static void f_like(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    if (null_result_if_any_null(ctx, 2, argv))
        return;
    int np, ns;
    const unsigned char *pat = text_arg(argv[0], &np), *s = text_arg(argv[1], &ns);
    int esc = -1;
    if (argc > 2 && sqlite3_value_type(argv[2]) != SQLITE_NULL) {
        int ne;
        const unsigned char *e = text_arg(argv[2], &ne);
        int i = 0;
        if (ne > 0)
            esc = u8_dec(e, ne, &i);
    }
    /* trailing spaces of the value are ignored like in = comparisons */
    sqlite3_result_int(ctx, tsql_like((const char *)pat, np, (const char *)s, ns, esc, 1));
}

static void f_concat(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    sbuf o = {0};
    sb_add(&o, "", 0);
    for (int i = 0; i < argc; i++) {
        if (sqlite3_value_type(argv[i]) == SQLITE_NULL)
            continue;
        if (sqlite3_value_type(argv[i]) == SQLITE_FLOAT) {
            char b[64];
            fmt_real(sqlite3_value_double(argv[i]), b, sizeof b);
            sb_adds(&o, b);
            continue;
        }
        int n;
        const unsigned char *s = text_arg(argv[i], &n);
        sb_add(&o, (const char *)s, (size_t)n);
    }
    sqlite3_result_text(ctx, sb_str(&o), (int)o.len, SQLITE_TRANSIENT);
    sb_free(&o);
}

static void f_replicate(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 2, argv))
        return;
    int n;
    const unsigned char *s = text_arg(argv[0], &n);
    int64_t k = sqlite3_value_int64(argv[1]);
    if (k < 0) {
        sqlite3_result_null(ctx);
        return;
    }
    if (k * n > 8000)
        k = n ? 8000 / n : 0;
    sbuf o = {0};
    sb_add(&o, "", 0);
    for (int64_t i = 0; i < k; i++)
        sb_add(&o, (const char *)s, (size_t)n);
    sqlite3_result_text(ctx, sb_str(&o), (int)o.len, SQLITE_TRANSIENT);
    sb_free(&o);
}

static void f_space(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 1, argv))
        return;
    int64_t k = sqlite3_value_int64(argv[0]);
    if (k < 0) {
        sqlite3_result_null(ctx);
        return;
    }
    if (k > 8000)
        k = 8000;
    char *b = sqlite3_malloc((int)k + 1);
    if (!b) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    memset(b, ' ', (size_t)k);
    b[k] = 0;
    sqlite3_result_text(ctx, b, (int)k, sqlite3_free);
}

static void f_reverse(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 1, argv))
        return;
    int n, c;
    const unsigned char *s = text_arg(argv[0], &n);
    int *v = cps(s, n, &c);
    sbuf o = {0};
    sb_add(&o, "", 0);
    for (int i = c - 1; i >= 0; i--)
        u8_enc(&o, v[i]);
    sqlite3_result_text(ctx, sb_str(&o), (int)o.len, SQLITE_TRANSIENT);
    sb_free(&o);
    free(v);
}

static void f_stuff(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 3, argv))
        return;
    int n, nr = 0, c;
    const unsigned char *s = text_arg(argv[0], &n);
    const unsigned char *r = sqlite3_value_type(argv[3]) == SQLITE_NULL ? (const unsigned char *)"" : text_arg(argv[3], &nr);
    int *v = cps(s, n, &c);
    int start = sqlite3_value_int(argv[1]), len = sqlite3_value_int(argv[2]);
    if (start < 1 || start > c || len < 0) {
        free(v);
        sqlite3_result_null(ctx);
        return;
    }
    sbuf o = {0};
    sb_add(&o, "", 0);
    for (int i = 0; i < start - 1; i++)
        u8_enc(&o, v[i]);
    sb_add(&o, (const char *)r, (size_t)nr);
    for (int i = start - 1 + len; i < c; i++)
        u8_enc(&o, v[i]);
    sqlite3_result_text(ctx, sb_str(&o), (int)o.len, SQLITE_TRANSIENT);
    sb_free(&o);
    free(v);
}

static void f_quotename(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    if (null_result_if_any_null(ctx, 1, argv))
        return;
    int n;
    const unsigned char *s = text_arg(argv[0], &n);
    char q = '[';
    if (argc > 1 && sqlite3_value_type(argv[1]) == SQLITE_TEXT)
        q = (char)sqlite3_value_text(argv[1])[0];
    char close = q == '[' ? ']' : q;
    sbuf o = {0};
    sb_addc(&o, q);
    for (int i = 0; i < n; i++) {
        if (s[i] == (unsigned char)close)
            sb_addc(&o, close);
        sb_addc(&o, (char)s[i]);
    }
    sb_addc(&o, close);
    sqlite3_result_text(ctx, sb_str(&o), (int)o.len, SQLITE_TRANSIENT);
    sb_free(&o);
}

static void f_str(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    if (null_result_if_any_null(ctx, 1, argv))
        return;
    int len = argc > 1 ? sqlite3_value_int(argv[1]) : 10, ndec = argc > 2 ? sqlite3_value_int(argv[2]) : 0;
    char b[128];
    snprintf(b, sizeof b, "%*.*f", len, ndec, sqlite3_value_double(argv[0]));
    if ((int)strlen(b) > len) {
        memset(b, '*', (size_t)len);
        b[len] = 0;
    }
    sqlite3_result_text(ctx, b, -1, SQLITE_TRANSIENT);
}

static void f_isnumeric(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    int t = sqlite3_value_type(argv[0]);
    if (t == SQLITE_INTEGER || t == SQLITE_FLOAT) {
        sqlite3_result_int(ctx, 1);
        return;
    }
    if (t == SQLITE_NULL) {
        sqlite3_result_int(ctx, 0);
        return;
    }
    int n;
    double d;
    const unsigned char *s = text_arg(argv[0], &n);
    sqlite3_result_int(ctx, parse_num((const char *)s, n, &d) == 0);
}

static void f_isdate(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) != SQLITE_TEXT) {
        sqlite3_result_int(ctx, 0);
        return;
    }
    int n;
    tsql_dt dt;
    const unsigned char *s = text_arg(argv[0], &n);
    sqlite3_result_int(ctx, dt_parse((const char *)s, n, &dt) == 0);
}

/* ---- numbers ---- */

/* A decimal argument of ROUND/FLOOR/CEILING: its exact text, or a REAL
 * (a decimal of at most 15 digits, or a float) read as the shortest decimal
 * that gives it back. 0 ok. */
static int dec_arg(sqlite3_value *v, dec *d)
{
    int t = sqlite3_value_type(v);
    return (t == SQLITE_TEXT || t == SQLITE_FLOAT) && dec_from_value(v, d) == 0 ? 0 : -1;
}

/* ROUND(x, k[, truncate]), FLOOR(x), CEILING(x) on a decimal: exact, the
 * result keeps x's scale (ROUND) or has none (FLOOR/CEILING), 8115 when it
 * no longer fits 38 digits. */
static int dec_round_result(sqlite3_context *ctx, sqlite3_value *v, int k, int mode)
{
    dec d;
    if (dec_arg(v, &d) != 0)
        return 0;
    if (dec_round(&d, k, mode) != 0) {
        fn_error(ctx, SESS(ctx), 8115, 2, 16, "Arithmetic overflow error converting expression to data type numeric.");
        return 1;
    }
    if (mode >= 2 && dec_rescale(&d, 0) != 0)
        return 0;
    dec_result(ctx, &d);
    return 1;
}

static void f_round(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    if (null_result_if_any_null(ctx, 2, argv))
        return;
    int k = sqlite3_value_int(argv[1]);
    int trunc = argc > 2 && sqlite3_value_int(argv[2]) != 0;
    if (sqlite3_value_type(argv[0]) == SQLITE_INTEGER) {
        int64_t x = sqlite3_value_int64(argv[0]);
        if (k >= 0) {
            sqlite3_result_int64(ctx, x);
            return;
        }
        int64_t m = 1;
        for (int i = 0; i < -k && i < 18; i++)
            m *= 10;
        int64_t r = x / m * m;
        if (!trunc && llabs(x % m) * 2 >= m)
            r += x < 0 ? -m : m;
        sqlite3_result_int64(ctx, r);
        return;
    }
    if (dec_round_result(ctx, argv[0], k, trunc ? 1 : 0))
        return;
    double x = sqlite3_value_double(argv[0]);
    if (trunc) {
        double m = pow(10.0, k);
        sqlite3_result_double(ctx, (x >= 0 ? floor(x * m + 1e-9) : ceil(x * m - 1e-9)) / m);
        return;
    }
    sqlite3_result_double(ctx, round_half_away(x, k));
}

static void f_floor(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
    } else if (sqlite3_value_type(argv[0]) == SQLITE_INTEGER) {
        sqlite3_result_int64(ctx, sqlite3_value_int64(argv[0]));
    } else if (!dec_round_result(ctx, argv[0], 0, 2)) {
        sqlite3_result_double(ctx, floor(sqlite3_value_double(argv[0])));
    }
}

static void f_ceiling(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
    } else if (sqlite3_value_type(argv[0]) == SQLITE_INTEGER) {
        sqlite3_result_int64(ctx, sqlite3_value_int64(argv[0]));
    } else if (!dec_round_result(ctx, argv[0], 0, 3)) {
        sqlite3_result_double(ctx, ceil(sqlite3_value_double(argv[0])));
    }
}

static void f_power(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 2, argv))
        return;
    double r = pow(sqlite3_value_double(argv[0]), sqlite3_value_double(argv[1]));
    if (sqlite3_value_type(argv[0]) == SQLITE_INTEGER && fabs(r) < 9e18)
        sqlite3_result_int64(ctx, (int64_t)r);
    else
        sqlite3_result_double(ctx, r);
}

static void f_sqrt(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (!null_result_if_any_null(ctx, 1, argv))
        sqlite3_result_double(ctx, sqrt(sqlite3_value_double(argv[0])));
}

static void f_sign(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 1, argv))
        return;
    double d = sqlite3_value_double(argv[0]);
    sqlite3_result_int(ctx, d > 0 ? 1 : d < 0 ? -1 : 0);
}

/* ---- dates ---- */

static int arg_dt(sqlite3_context *ctx, sqlite3_value *v, tsql_dt *dt)
{
    int t = sqlite3_value_type(v);
    if (t == SQLITE_INTEGER || t == SQLITE_FLOAT) {
        double days = sqlite3_value_double(v);
        memset(dt, 0, sizeof *dt);
        sim_civil_from_days(sim_days_from_civil(1900, 1, 1) + (int64_t)floor(days), &dt->y, &dt->mo, &dt->d);
        return 0;
    }
    int n;
    const unsigned char *s = text_arg(v, &n);
    if (dt_parse((const char *)s, n, dt) != 0) {
        fn_error(ctx, SESS(ctx), 241, 1, 16, "Conversion failed when converting date and/or time from character string.");
        return -1;
    }
    return 0;
}

static void f_ymd(sqlite3_context *ctx, sqlite3_value **argv, int which)
{
    if (null_result_if_any_null(ctx, 1, argv))
        return;
    tsql_dt dt;
    if (arg_dt(ctx, argv[0], &dt))
        return;
    sqlite3_result_int(ctx, which == 0 ? dt.y : which == 1 ? dt.mo : dt.d);
}

static void f_year(sqlite3_context *c, int n, sqlite3_value **v) { (void)n; f_ymd(c, v, 0); }
static void f_month(sqlite3_context *c, int n, sqlite3_value **v) { (void)n; f_ymd(c, v, 1); }
static void f_day(sqlite3_context *c, int n, sqlite3_value **v) { (void)n; f_ymd(c, v, 2); }

static void now_text(sqlite3_context *ctx, int utc, int kind)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    if (utc)
        gmtime_r(&ts.tv_sec, &tm);
    else
        localtime_r(&ts.tv_sec, &tm);
    tsql_dt dt = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec, 1};
    char out[48];
    dt_format(&dt, kind, 7, out, sizeof out);
    sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

static void f_getdate(sqlite3_context *c, int n, sqlite3_value **v) { (void)n; (void)v; now_text(c, 0, 0); }
static void f_getutcdate(sqlite3_context *c, int n, sqlite3_value **v) { (void)n; (void)v; now_text(c, 1, 0); }
static void f_sysdatetime(sqlite3_context *c, int n, sqlite3_value **v) { (void)n; (void)v; now_text(c, 0, 2); }
static void f_sysutcdatetime(sqlite3_context *c, int n, sqlite3_value **v) { (void)n; (void)v; now_text(c, 1, 2); }

static void f_datefromparts(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    if (null_result_if_any_null(ctx, argc, argv))
        return;
    int y = sqlite3_value_int(argv[0]), m = sqlite3_value_int(argv[1]), d = sqlite3_value_int(argv[2]);
    if (!dt_valid(y, m, d)) {
        fn_error(ctx, SESS(ctx), 289, 1, 16,
                 "Cannot construct data type date, some of the arguments have values which are not valid.");
        return;
    }
    char out[48];
    snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
    sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

static void f_eomonth(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    if (null_result_if_any_null(ctx, 1, argv))
        return;
    tsql_dt dt;
    if (arg_dt(ctx, argv[0], &dt))
        return;
    int add = argc > 1 ? sqlite3_value_int(argv[1]) : 0;
    int m = dt.y * 12 + (dt.mo - 1) + add;
    int y = m / 12, mo = m % 12 + 1;
    char out[48];
    snprintf(out, sizeof out, "%04d-%02d-%02d", y, mo, dt_month_days(y, mo));
    sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

enum { P_YEAR, P_QUARTER, P_MONTH, P_DAYOFYEAR, P_DAY, P_WEEK, P_WEEKDAY, P_HOUR, P_MINUTE, P_SECOND, P_MS,
       P_ISOWEEK, P_BAD };

static int datepart_code(const char *p)
{
    static const struct { const char *n; int c; } m[] = {
        {"year", P_YEAR}, {"yy", P_YEAR}, {"yyyy", P_YEAR}, {"quarter", P_QUARTER}, {"qq", P_QUARTER},
        {"q", P_QUARTER}, {"month", P_MONTH}, {"mm", P_MONTH}, {"m", P_MONTH}, {"dayofyear", P_DAYOFYEAR},
        {"dy", P_DAYOFYEAR}, {"y", P_DAYOFYEAR}, {"day", P_DAY}, {"dd", P_DAY}, {"d", P_DAY},
        {"week", P_WEEK}, {"wk", P_WEEK}, {"ww", P_WEEK}, {"weekday", P_WEEKDAY}, {"dw", P_WEEKDAY},
        {"w", P_WEEKDAY}, {"hour", P_HOUR}, {"hh", P_HOUR}, {"minute", P_MINUTE}, {"mi", P_MINUTE},
        {"n", P_MINUTE}, {"second", P_SECOND}, {"ss", P_SECOND}, {"s", P_SECOND}, {"millisecond", P_MS},
        {"ms", P_MS}, {"iso_week", P_ISOWEEK}, {"isowk", P_ISOWEEK}, {"isoww", P_ISOWEEK}, {NULL, 0}};
    for (int i = 0; m[i].n; i++)
        if (p && strcasecmp(p, m[i].n) == 0)
            return m[i].c;
    return P_BAD;
}

static int64_t secs_of(const tsql_dt *d)
{
    return sim_days_from_civil(d->y, d->mo, d->d) * 86400 + d->h * 3600 + d->mi * 60 + d->s;
}

static void f_dateadd(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 3, argv))
        return;
    int part = datepart_code((const char *)sqlite3_value_text(argv[0]));
    if (part == P_BAD) {
        fn_error(ctx, SESS(ctx), 155, 1, 15, "'%s' is not a recognized dateadd option.", sqlite3_value_text(argv[0]));
        return;
    }
    int64_t n = sqlite3_value_int64(argv[1]);
    tsql_dt dt;
    if (arg_dt(ctx, argv[2], &dt))
        return;
    int date_only = sqlite3_value_type(argv[2]) == SQLITE_TEXT && sqlite3_value_bytes(argv[2]) == 10;
    if (part == P_YEAR || part == P_QUARTER || part == P_MONTH) {
        int64_t months = part == P_YEAR ? n * 12 : part == P_QUARTER ? n * 3 : n;
        int64_t m = (int64_t)dt.y * 12 + (dt.mo - 1) + months;
        dt.y = (int)(m / 12);
        dt.mo = (int)(m % 12) + 1;
        if (dt.d > dt_month_days(dt.y, dt.mo))
            dt.d = dt_month_days(dt.y, dt.mo);
    } else {
        int64_t add = part == P_DAY || part == P_DAYOFYEAR || part == P_WEEKDAY ? n * 86400
                      : part == P_WEEK                                        ? n * 7 * 86400
                      : part == P_HOUR                                        ? n * 3600
                      : part == P_MINUTE                                      ? n * 60
                      : part == P_SECOND                                      ? n
                                                                              : 0;
        if (part == P_MS) {
            int64_t ns = dt.ns + (n % 1000) * 1000000;
            add = n / 1000;
            if (ns < 0) {
                ns += 1000000000;
                add--;
            } else if (ns >= 1000000000) {
                ns -= 1000000000;
                add++;
            }
            dt.ns = (long)ns;
        }
        int64_t s = secs_of(&dt) + add;
        int64_t days = s >= 0 ? s / 86400 : (s - 86399) / 86400;
        int64_t rem = s - days * 86400;
        sim_civil_from_days(days, &dt.y, &dt.mo, &dt.d);
        dt.h = (int)(rem / 3600);
        dt.mi = (int)(rem / 60 % 60);
        dt.s = (int)(rem % 60);
        if (part >= P_HOUR)
            date_only = 0;
    }
    char out[48];
    dt_format(&dt, date_only ? 3 : 0, 3, out, sizeof out);
    sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

static int64_t floordiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

static void f_datediff(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 3, argv))
        return;
    int part = datepart_code((const char *)sqlite3_value_text(argv[0]));
    if (part == P_BAD) {
        fn_error(ctx, SESS(ctx), 155, 1, 15, "'%s' is not a recognized datediff option.", sqlite3_value_text(argv[0]));
        return;
    }
    tsql_dt a, b;
    if (arg_dt(ctx, argv[1], &a) || arg_dt(ctx, argv[2], &b))
        return;
    int64_t r = 0;
    int64_t da = sim_days_from_civil(a.y, a.mo, a.d), db = sim_days_from_civil(b.y, b.mo, b.d);
    switch (part) {
    case P_YEAR: r = b.y - a.y; break;
    case P_QUARTER: r = (b.y * 4 + (b.mo - 1) / 3) - (a.y * 4 + (a.mo - 1) / 3); break;
    case P_MONTH: r = (b.y * 12 + b.mo) - (a.y * 12 + a.mo); break;
    case P_DAY: case P_DAYOFYEAR: case P_WEEKDAY: r = db - da; break;
    case P_WEEK: case P_ISOWEEK: /* Sunday boundaries; 1970-01-04 was a Sunday */
        r = floordiv(db - 3, 7) - floordiv(da - 3, 7);
        break;
    case P_HOUR: r = floordiv(secs_of(&b), 3600) - floordiv(secs_of(&a), 3600); break;
    case P_MINUTE: r = floordiv(secs_of(&b), 60) - floordiv(secs_of(&a), 60); break;
    case P_SECOND: r = secs_of(&b) - secs_of(&a); break;
    case P_MS: r = (secs_of(&b) - secs_of(&a)) * 1000 + (b.ns / 1000000 - a.ns / 1000000); break;
    }
    if (r > INT32_MAX || r < INT32_MIN) {
        fn_error(ctx, SESS(ctx), 535, 0, 16,
                 "The datediff function resulted in an overflow. The number of dateparts separating two date/time instances is too large. Try to use datediff with a less precise datepart.");
        return;
    }
    sqlite3_result_int64(ctx, r);
}

static int datepart_value(int part, const tsql_dt *dt)
{
    int64_t days = sim_days_from_civil(dt->y, dt->mo, dt->d);
    int dow = (int)(((days + 4) % 7 + 7) % 7); /* 0 = Sunday */
    int doy = (int)(days - sim_days_from_civil(dt->y, 1, 1)) + 1;
    switch (part) {
    case P_YEAR: return dt->y;
    case P_QUARTER: return (dt->mo - 1) / 3 + 1;
    case P_MONTH: return dt->mo;
    case P_DAYOFYEAR: return doy;
    case P_DAY: return dt->d;
    case P_WEEK: {
        int jan1 = (int)(((sim_days_from_civil(dt->y, 1, 1) + 4) % 7 + 7) % 7);
        return (doy + jan1 - 1) / 7 + 1;
    }
    case P_WEEKDAY: return dow + 1;
    case P_HOUR: return dt->h;
    case P_MINUTE: return dt->mi;
    case P_SECOND: return dt->s;
    case P_MS: return (int)(dt->ns / 1000000);
    case P_ISOWEEK: {
        int wd = dow == 0 ? 7 : dow;
        int64_t thursday = days - wd + 4;
        int y, m, d;
        sim_civil_from_days(thursday, &y, &m, &d);
        return (int)((thursday - sim_days_from_civil(y, 1, 1)) / 7) + 1;
    }
    }
    return 0;
}

static void f_datepart(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 2, argv))
        return;
    int part = datepart_code((const char *)sqlite3_value_text(argv[0]));
    if (part == P_BAD) {
        fn_error(ctx, SESS(ctx), 155, 1, 15, "'%s' is not a recognized datepart option.", sqlite3_value_text(argv[0]));
        return;
    }
    tsql_dt dt;
    if (arg_dt(ctx, argv[1], &dt))
        return;
    sqlite3_result_int(ctx, datepart_value(part, &dt));
}

static void f_datename(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 2, argv))
        return;
    int part = datepart_code((const char *)sqlite3_value_text(argv[0]));
    tsql_dt dt;
    if (part == P_BAD || arg_dt(ctx, argv[1], &dt))
        return;
    static const char *months[] = {"January", "February", "March", "April", "May", "June", "July", "August",
                                   "September", "October", "November", "December"};
    static const char *days[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    char b[32];
    if (part == P_MONTH)
        snprintf(b, sizeof b, "%s", months[dt.mo - 1]);
    else if (part == P_WEEKDAY)
        snprintf(b, sizeof b, "%s", days[datepart_value(P_WEEKDAY, &dt) - 1]);
    else
        snprintf(b, sizeof b, "%d", datepart_value(part, &dt));
    sqlite3_result_text(ctx, b, -1, SQLITE_TRANSIENT);
}

static void f_newid(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    unsigned char r[16];
    sqlite3_randomness(16, r);
    char b[40];
    snprintf(b, sizeof b, "%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X", r[0], r[1], r[2],
             r[3], r[4], r[5], (r[6] & 0x0F) | 0x40, r[7], (r[8] & 0x3F) | 0x80, r[9], r[10], r[11], r[12], r[13],
             r[14], r[15]);
    sqlite3_result_text(ctx, b, -1, SQLITE_TRANSIENT);
}

/* ---- metadata ---- */

static int object_exists(sqlite3 *db, const char *sqlite_name, const char *type)
{
    int temp = sqlite_name[0] == '#';
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT 1 FROM %s WHERE name = ?1 COLLATE NOCASE AND type IN (%s)",
             temp ? "temp.sqlite_schema" : "main.sqlite_schema", type);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_text(st, 1, sqlite_name, -1, SQLITE_STATIC);
    int r = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return r;
}

static void f_object_id(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    if (null_result_if_any_null(ctx, 1, argv))
        return;
    const char *name = (const char *)sqlite3_value_text(argv[0]);
    /* strip a database part equal to the current one, and tempdb.. */
    sim_session *s = SESS(ctx);
    const char *p = name;
    if (strncasecmp(p, "tempdb.", 7) == 0) {
        p += 7;
        while (*p && *p != '#')
            p++;
    } else {
        size_t dl = strlen(s->database);
        if (strncasecmp(p, s->database, dl) == 0 && p[dl] == '.')
            p += dl + 1;
        else if (p[0] == '[' && strncasecmp(p + 1, s->database, dl) == 0 && p[dl + 1] == ']' && p[dl + 2] == '.')
            p += dl + 3;
    }
    char *sq = catalog_sqlite_name(p);
    const char *types = "'table','view'";
    if (argc > 1 && sqlite3_value_type(argv[1]) == SQLITE_TEXT) {
        const char *t = (const char *)sqlite3_value_text(argv[1]);
        if (strcasecmp(t, "U") == 0)
            types = "'table'";
        else if (strcasecmp(t, "V") == 0)
            types = "'view'";
        else
            types = "'none'";
    }
    if (object_exists(sqlite3_context_db_handle(ctx), sq, types))
        sqlite3_result_int64(ctx, sq[0] == '#' ? -(int64_t)object_id_of(sq) : object_id_of(sq));
    else
        sqlite3_result_null(ctx);
    free(sq);
}

static void f_objid(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *n = (const char *)sqlite3_value_text(argv[0]);
    sqlite3_result_int64(ctx, n ? object_id_of(n) : 0);
}

static void f_objpart(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *n = (const char *)sqlite3_value_text(argv[0]);
    const char *w = (const char *)sqlite3_value_text(argv[1]);
    if (!n || !w) {
        sqlite3_result_null(ctx);
        return;
    }
    char schema[256], name[256];
    catalog_split(n, schema, sizeof schema, name, sizeof name);
    sqlite3_result_text(ctx, strcmp(w, "schema") == 0 ? schema : name, -1, SQLITE_TRANSIENT);
}

static void f_object_name(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 1, argv))
        return;
    int64_t id = sqlite3_value_int64(argv[0]);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(sqlite3_context_db_handle(ctx),
                           "SELECT name FROM main.sqlite_schema WHERE type IN ('table','view')", -1, &st,
                           NULL) != SQLITE_OK) {
        sqlite3_result_null(ctx);
        return;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *n = (const char *)sqlite3_column_text(st, 0);
        if (n && object_id_of(n) == (uint32_t)id) {
            char schema[256], name[256];
            catalog_split(n, schema, sizeof schema, name, sizeof name);
            sqlite3_result_text(ctx, name, -1, SQLITE_TRANSIENT);
            sqlite3_finalize(st);
            return;
        }
    }
    sqlite3_finalize(st);
    sqlite3_result_null(ctx);
}

static void f_db_name(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    sqlite3_result_text(ctx, SESS(ctx)->database, -1, SQLITE_TRANSIENT);
}

static void f_db_id(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    sqlite3_result_int(ctx, 5);
}

/* The schemas every database has, with ids 1 to 4; others are numbered after them. */
static const char *const fixed_schemas[] = {"dbo", "guest", "INFORMATION_SCHEMA", "sys"};

static int schema_id_of(sqlite3 *db, const char *name)
{
    for (int i = 0; i < 4; i++)
        if (strcasecmp(name, fixed_schemas[i]) == 0)
            return i + 1;
    sqlite3_stmt *st;
    int r = -1;
    if (sqlite3_prepare_v2(db, "SELECT rowid FROM main.__sim_schemas WHERE name = ?1", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            r = 4 + sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    return r;
}

static void f_schema_id(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const char *n = argc > 0 ? (const char *)sqlite3_value_text(argv[0]) : "dbo";
    if (!n) {
        sqlite3_result_null(ctx);
        return;
    }
    int id = schema_id_of(sqlite3_context_db_handle(ctx), n);
    if (id < 0) /* a schema known only through its tables' names */
        id = (int)(object_id_of(n) % 100000) + 100;
    sqlite3_result_int(ctx, id);
}

static void f_schema_name(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    if (argc == 0 || sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_text(ctx, "dbo", -1, SQLITE_STATIC);
        return;
    }
    int id = sqlite3_value_int(argv[0]);
    if (id >= 1 && id <= 4) {
        sqlite3_result_text(ctx, fixed_schemas[id - 1], -1, SQLITE_STATIC);
        return;
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(sqlite3_context_db_handle(ctx), "SELECT name FROM main.__sim_schemas WHERE rowid = ?1", -1,
                           &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int(st, 1, id - 4);
        if (sqlite3_step(st) == SQLITE_ROW) {
            sqlite3_result_text(ctx, (const char *)sqlite3_column_text(st, 0), -1, SQLITE_TRANSIENT);
            sqlite3_finalize(st);
            return;
        }
        sqlite3_finalize(st);
    }
    sqlite3_result_null(ctx);
}

/* t_typeinfo(decl, what): catalog columns from a declared type */
static void f_typeinfo(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *decl = (const char *)sqlite3_value_text(argv[0]);
    const char *w = (const char *)sqlite3_value_text(argv[1]);
    sim_type t;
    if (!decl || !w || type_parse(decl, &t) != 0) {
        sqlite3_result_null(ctx);
        return;
    }
    int is_identity = strcasecmp(decl, "INTEGER") == 0;
    (void)is_identity;
    static const struct { sim_type_kind k; int id; } ids[] = {
        {SIM_T_BIT, 104}, {SIM_T_TINYINT, 48}, {SIM_T_SMALLINT, 52}, {SIM_T_INT, 56}, {SIM_T_BIGINT, 127},
        {SIM_T_DECIMAL, 106}, {SIM_T_MONEY, 60}, {SIM_T_FLOAT, 62}, {SIM_T_DATETIME, 61},
        {SIM_T_SMALLDATETIME, 58}, {SIM_T_DATETIME2, 42}, {SIM_T_DATE, 40}, {SIM_T_CHAR, 175},
        {SIM_T_VARCHAR, 167}, {SIM_T_NCHAR, 239}, {SIM_T_NVARCHAR, 231}, {SIM_T_VARBINARY, 165}};
    int id = 0;
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        if (ids[i].k == t.kind)
            id = ids[i].id;
    int is_str = type_is_string(&t);
    int nchar = t.kind == SIM_T_NCHAR || t.kind == SIM_T_NVARCHAR;
    if (strcmp(w, "system_type_id") == 0) {
        sqlite3_result_int(ctx, id);
    } else if (strcmp(w, "max_length") == 0) {
        int ml;
        if (is_str || t.kind == SIM_T_VARBINARY)
            ml = t.length < 0 ? -1 : nchar ? t.length * 2 : t.length;
        else if (t.kind == SIM_T_DECIMAL)
            ml = t.length;
        else if (t.kind == SIM_T_DATETIME2)
            ml = 8;
        else
            ml = t.length;
        sqlite3_result_int(ctx, ml);
    } else if (strcmp(w, "precision") == 0) {
        sqlite3_result_int(ctx, is_str || t.kind == SIM_T_VARBINARY ? 0 : t.precision);
    } else if (strcmp(w, "scale") == 0) {
        sqlite3_result_int(ctx, is_str || t.kind == SIM_T_VARBINARY ? 0 : t.scale);
    } else if (strcmp(w, "collation") == 0) {
        if (is_str)
            sqlite3_result_text(ctx, "French_CI_AS", -1, SQLITE_STATIC);
        else
            sqlite3_result_null(ctx);
    } else if (strcmp(w, "name") == 0) {
        const char *nm = type_name(t.kind);
        const char *d = decl;
        if (strncasecmp(d, "tsqltext ", 9) == 0)
            d += 9;
        if (strncasecmp(d, "numeric", 7) == 0)
            nm = "numeric";
        else if (strncasecmp(d, "smallmoney", 10) == 0)
            nm = "smallmoney";
        else if (strncasecmp(d, "real", 4) == 0)
            nm = "real";
        else if (strncasecmp(d, "binary", 6) == 0)
            nm = "binary";
        else if (strncasecmp(d, "text", 4) == 0 && !d[4])
            nm = "text";
        sqlite3_result_text(ctx, nm, -1, SQLITE_STATIC);
    } else if (strcmp(w, "char_length") == 0) {
        if (is_str || t.kind == SIM_T_VARBINARY)
            sqlite3_result_int(ctx, t.length);
        else
            sqlite3_result_null(ctx);
    } else if (strcmp(w, "num_precision") == 0) {
        if (type_is_numeric(&t))
            sqlite3_result_int(ctx, t.precision);
        else
            sqlite3_result_null(ctx);
    } else if (strcmp(w, "num_scale") == 0) {
        if (type_is_numeric(&t) && t.kind != SIM_T_FLOAT)
            sqlite3_result_int(ctx, t.scale);
        else
            sqlite3_result_null(ctx);
    } else {
        sqlite3_result_null(ctx);
    }
}

/* Sets the result to the integer first column of the one-row query sql, whose ?1 is
 * the SQLite name of T-SQL object name and ?2 (when given) extra; NULL when no row. */
static void table_int_result(sqlite3_context *ctx, const char *sql, const char *name, sqlite3_value *extra)
{
    char *sq = catalog_sqlite_name(name);
    sqlite3_stmt *st;
    int done = 0;
    if (sqlite3_prepare_v2(sqlite3_context_db_handle(ctx), sql, -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, sq, -1, SQLITE_STATIC);
        if (extra)
            sqlite3_bind_value(st, 2, extra);
        if (sqlite3_step(st) == SQLITE_ROW) {
            sqlite3_result_int64(ctx, sqlite3_column_int64(st, 0));
            done = 1;
        }
        sqlite3_finalize(st);
    }
    if (!done)
        sqlite3_result_null(ctx);
    free(sq);
}

static void f_col_length(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 2, argv))
        return;
    table_int_result(ctx,
                     "SELECT t_typeinfo(type, 'max_length') FROM pragma_table_info(?1) WHERE name = ?2 COLLATE NOCASE",
                     (const char *)sqlite3_value_text(argv[0]), argv[1]);
}

/* A property answered from a table: text, or an integer when text is NULL. */
typedef struct {
    const char *name;
    const char *text;
    int value;
} sim_property;

static const sim_property server_props[] = {
    {"ProductVersion", "11.0.7001.0", 0},
    {"ProductLevel", "SP4", 0},
    {"Edition", "Liaison Simulator Edition (64-bit)", 0},
    {"EngineEdition", NULL, 3},
    {"Collation", "French_CI_AS", 0},
    {"ServerName", "LIAISON-SIM", 0},
    {"MachineName", "LIAISON-SIM", 0},
    {"IsSingleUser", NULL, 0},
    {"IsClustered", NULL, 0},
    {"IsIntegratedSecurityOnly", NULL, 0},
    {"ProductMajorVersion", "11", 0},
};

/* Sets the result to property p of the table (case-insensitive), NULL when unknown. */
static void property_result(sqlite3_context *ctx, const sim_property *props, size_t n, const char *p)
{
    for (size_t i = 0; p && i < n; i++) {
        if (strcasecmp(p, props[i].name) != 0)
            continue;
        if (props[i].text)
            sqlite3_result_text(ctx, props[i].text, -1, SQLITE_STATIC);
        else
            sqlite3_result_int(ctx, props[i].value);
        return;
    }
    sqlite3_result_null(ctx);
}

static void f_serverproperty(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    property_result(ctx, server_props, sizeof server_props / sizeof server_props[0],
                    (const char *)sqlite3_value_text(argv[0]));
}

static void f_databasepropertyex(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 2, argv))
        return;
    sim_session *s = SESS(ctx);
    const char *db = (const char *)sqlite3_value_text(argv[0]);
    char v[128];
    if (dbprops_get(s->srv, db, (const char *)sqlite3_value_text(argv[1]), v, sizeof v) != 0)
        sqlite3_result_null(ctx);
    else
        sqlite3_result_text(ctx, v, -1, SQLITE_TRANSIENT);
}

static void f_suser_sname(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    sqlite3_result_text(ctx, SESS(ctx)->user, -1, SQLITE_TRANSIENT);
}

static void f_user_name(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    sim_session *s = SESS(ctx);
    sqlite3_result_text(ctx, s->reader ? s->user : "dbo", -1, SQLITE_TRANSIENT);
}

static void f_has_perms_by_name(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    sim_session *s = SESS(ctx);
    const char *perm = argc > 2 ? (const char *)sqlite3_value_text(argv[2]) : NULL;
    if (!perm) {
        sqlite3_result_null(ctx);
        return;
    }
    int ok = !s->reader || strcasecmp(perm, "SELECT") == 0 || strcasecmp(perm, "CONNECT") == 0 ||
             strcasecmp(perm, "VIEW DEFINITION") == 0 || strcasecmp(perm, "ANY") == 0;
    sqlite3_result_int(ctx, ok);
}

static void f_is_member(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    sim_session *s = SESS(ctx);
    const char *role = (const char *)sqlite3_value_text(argv[0]);
    if (!role) {
        sqlite3_result_null(ctx);
        return;
    }
    int r;
    if (strcasecmp(role, "db_owner") == 0 || strcasecmp(role, "db_datawriter") == 0 ||
        strcasecmp(role, "db_ddladmin") == 0)
        r = !s->reader;
    else if (strcasecmp(role, "db_datareader") == 0 || strcasecmp(role, "public") == 0)
        r = 1;
    else
        r = 0;
    sqlite3_result_int(ctx, r);
}

static void f_is_srvrolemember(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    sqlite3_result_int(ctx, 0);
}

static void f_scope_identity(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    sim_session *s = SESS(ctx);
    if (s->has_identity)
        sqlite3_result_int64(ctx, s->scope_identity);
    else
        sqlite3_result_null(ctx);
}

static void f_ident_current(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (null_result_if_any_null(ctx, 1, argv))
        return;
    table_int_result(ctx, "SELECT seq FROM sqlite_sequence WHERE name = ?1", (const char *)sqlite3_value_text(argv[0]),
                     NULL);
}

static void f_reset_identity(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(sqlite3_context_db_handle(ctx), "DELETE FROM sqlite_sequence WHERE name = ?1", -1, &st,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_value(st, 1, argv[0]);
        sqlite3_step(st);
        sqlite3_finalize(st);
    }
    sqlite3_result_null(ctx);
}

static void f_type_name(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    static const struct { int id; const char *n; } m[] = {
        {104, "bit"}, {48, "tinyint"}, {52, "smallint"}, {56, "int"}, {127, "bigint"}, {106, "decimal"},
        {108, "numeric"}, {60, "money"}, {62, "float"}, {61, "datetime"}, {58, "smalldatetime"},
        {42, "datetime2"}, {40, "date"}, {175, "char"}, {167, "varchar"}, {239, "nchar"}, {231, "nvarchar"},
        {165, "varbinary"}, {0, NULL}};
    int id = sqlite3_value_int(argv[0]);
    for (int i = 0; m[i].n; i++)
        if (m[i].id == id) {
            sqlite3_result_text(ctx, m[i].n, -1, SQLITE_STATIC);
            return;
        }
    sqlite3_result_null(ctx);
}

static void f_objectproperty(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *p = (const char *)sqlite3_value_text(argv[1]);
    if (p && (strcasecmp(p, "IsUserTable") == 0 || strcasecmp(p, "IsTable") == 0))
        sqlite3_result_int(ctx, 1);
    else if (p && strcasecmp(p, "IsMSShipped") == 0)
        sqlite3_result_int(ctx, 0);
    else
        sqlite3_result_null(ctx);
}

static void f_error_info(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    sim_session *s = SESS(ctx);
    const char *w = (const char *)sqlite3_value_text(argv[0]);
    if (!s->in_catch || !w) {
        sqlite3_result_null(ctx);
        return;
    }
    if (strcmp(w, "message") == 0)
        sqlite3_result_text(ctx, s->catch_text, -1, SQLITE_TRANSIENT);
    else if (strcmp(w, "number") == 0)
        sqlite3_result_int(ctx, s->catch_err);
    else if (strcmp(w, "severity") == 0)
        sqlite3_result_int(ctx, s->catch_sev);
    else if (strcmp(w, "state") == 0)
        sqlite3_result_int(ctx, s->catch_state);
    else
        sqlite3_result_int(ctx, s->catch_line);
}

static void error_fn(sqlite3_context *ctx, const char *w)
{
    sim_session *s = SESS(ctx);
    if (!s->in_catch) {
        sqlite3_result_null(ctx);
        return;
    }
    if (strcmp(w, "message") == 0)
        sqlite3_result_text(ctx, s->catch_text, -1, SQLITE_TRANSIENT);
    else
        sqlite3_result_int(ctx, strcmp(w, "number") == 0 ? s->catch_err : strcmp(w, "severity") == 0 ? s->catch_sev
                                : strcmp(w, "state") == 0 ? s->catch_state : s->catch_line);
}
static void f_err_msg(sqlite3_context *c, int n, sqlite3_value **v) { (void)n; (void)v; error_fn(c, "message"); }
static void f_err_num(sqlite3_context *c, int n, sqlite3_value **v) { (void)n; (void)v; error_fn(c, "number"); }
static void f_err_sev(sqlite3_context *c, int n, sqlite3_value **v) { (void)n; (void)v; error_fn(c, "severity"); }
static void f_err_state(sqlite3_context *c, int n, sqlite3_value **v) { (void)n; (void)v; error_fn(c, "state"); }
static void f_err_line(sqlite3_context *c, int n, sqlite3_value **v) { (void)n; (void)v; error_fn(c, "line"); }

static void f_xact_state(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    sqlite3_result_int(ctx, SESS(ctx)->trancount > 0 ? 1 : 0);
}

static void f_sysvar(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    sim_session *s = SESS(ctx);
    const char *n = (const char *)sqlite3_value_text(argv[0]);
    if (!n) {
        sqlite3_result_null(ctx);
    } else if (strcmp(n, "ROWCOUNT") == 0) {
        sqlite3_result_int64(ctx, s->rowcount);
    } else if (strcmp(n, "TRANCOUNT") == 0) {
        sqlite3_result_int(ctx, s->trancount);
    } else if (strcmp(n, "VERSION") == 0) {
        sqlite3_result_text(ctx,
                            "Microsoft SQL Server 2012 (SP4) - 11.0.7001.0 (X64) (Liaison simulator: emulates SQL Server 2012 (11.0.x) or later on SQLite " SQLITE_VERSION ")",
                            -1, SQLITE_STATIC);
    } else if (strcmp(n, "IDENTITY") == 0) {
        if (s->has_identity)
            sqlite3_result_int64(ctx, s->scope_identity);
        else
            sqlite3_result_null(ctx);
    } else if (strcmp(n, "ERROR") == 0) {
        sqlite3_result_int(ctx, s->last_error);
    } else if (strcmp(n, "SPID") == 0) {
        sqlite3_result_int(ctx, s->spid);
    } else if (strcmp(n, "SERVERNAME") == 0) {
        sqlite3_result_text(ctx, "LIAISON-SIM", -1, SQLITE_STATIC);
    } else if (strcmp(n, "LANGUAGE") == 0) {
        sqlite3_result_text(ctx, "Français", -1, SQLITE_STATIC);
    } else if (strcmp(n, "DATEFIRST") == 0) {
        sqlite3_result_int(ctx, 7);
    } else if (strcmp(n, "MAX_PRECISION") == 0) {
        sqlite3_result_int(ctx, 38);
    } else if (strcmp(n, "NESTLEVEL") == 0) {
        sqlite3_result_int(ctx, 0);
    } else if (strcmp(n, "OPTIONS") == 0) {
        sqlite3_result_int(ctx, 5496);
    } else {
        fn_error(ctx, s, 137, 1, 15, "Must declare the scalar variable \"@@%s\".", n);
    }
}

int funcs_register(sqlite3 *db, sim_session *s)
{
    static const struct {
        const char *name;
        int nargs;
        void (*fn)(sqlite3_context *, int, sqlite3_value **);
        int det;
    } f[] = {
        {"t_add", 2, f_add, 1}, {"t_add", 3, f_add, 1}, {"t_div", 2, f_div, 1}, {"t_sub", 2, f_sub, 1}, {"t_mul", 2, f_mul, 1}, {"t_conv", 3, f_conv, 1}, {"t_tryconv", 3, f_tryconv, 1},
        {"t_conv", 4, f_conv, 1}, {"t_tryconv", 4, f_tryconv, 1},
        {"t_len", 1, f_len, 1}, {"t_datalength", 1, f_datalength, 1}, {"t_ltrim", 1, f_ltrim, 1},
        {"t_rtrim", 1, f_rtrim, 1}, {"t_upper", 1, f_upper, 1}, {"t_lower", 1, f_lower, 1},
        {"t_substring", 3, f_substring, 1}, {"t_substring", 2, f_substring, 1}, {"t_left", 2, f_left, 1},
        {"t_right", 2, f_right, 1}, {"t_charindex", 2, f_charindex, 1}, {"t_charindex", 3, f_charindex, 1},
        {"t_replace", 3, f_replace, 1}, {"t_patindex", 2, f_patindex, 1}, {"like", 2, f_like, 1},
        {"like", 3, f_like, 1}, {"t_concat", -1, f_concat, 1}, {"t_replicate", 2, f_replicate, 1},
        {"t_space", 1, f_space, 1}, {"t_reverse", 1, f_reverse, 1}, {"t_stuff", 4, f_stuff, 1},
        {"t_quotename", 1, f_quotename, 1}, {"t_quotename", 2, f_quotename, 1}, {"t_str", 1, f_str, 1},
        {"t_str", 2, f_str, 1}, {"t_str", 3, f_str, 1}, {"t_isnumeric", 1, f_isnumeric, 1},
        {"t_isdate", 1, f_isdate, 1}, {"t_round", 2, f_round, 1}, {"t_round", 3, f_round, 1},
        {"t_floor", 1, f_floor, 1}, {"t_ceiling", 1, f_ceiling, 1}, {"t_power", 2, f_power, 1},
        {"t_sqrt", 1, f_sqrt, 1}, {"t_sign", 1, f_sign, 1}, {"t_year", 1, f_year, 1},
        {"t_month", 1, f_month, 1}, {"t_day", 1, f_day, 1}, {"t_getdate", 0, f_getdate, 0},
        {"t_getutcdate", 0, f_getutcdate, 0}, {"t_sysdatetime", 0, f_sysdatetime, 0},
        {"t_sysutcdatetime", 0, f_sysutcdatetime, 0}, {"t_datefromparts", 3, f_datefromparts, 1},
        {"t_eomonth", 1, f_eomonth, 1}, {"t_eomonth", 2, f_eomonth, 1}, {"t_dateadd", 3, f_dateadd, 1},
        {"t_datediff", 3, f_datediff, 1}, {"t_datepart", 2, f_datepart, 1}, {"t_datename", 2, f_datename, 1},
        {"t_newid", 0, f_newid, 0}, {"t_object_id", 1, f_object_id, 0}, {"t_object_id", 2, f_object_id, 0},
        {"t_objid", 1, f_objid, 1}, {"t_objpart", 2, f_objpart, 1}, {"t_object_name", 1, f_object_name, 0},
        {"t_object_name", 2, f_object_name, 0}, {"t_db_name", 0, f_db_name, 0}, {"t_db_name", 1, f_db_name, 0},
        {"t_db_id", 0, f_db_id, 0}, {"t_db_id", 1, f_db_id, 0}, {"t_schema_id", 0, f_schema_id, 0},
        {"t_schema_id", 1, f_schema_id, 0}, {"t_schema_name", 0, f_schema_name, 0},
        {"t_schema_name", 1, f_schema_name, 0}, {"t_typeinfo", 2, f_typeinfo, 1},
        {"t_col_length", 2, f_col_length, 0}, {"t_serverproperty", 1, f_serverproperty, 1},
        {"t_databasepropertyex", 2, f_databasepropertyex, 0}, {"t_suser_sname", 0, f_suser_sname, 0},
        {"t_suser_sname", 1, f_suser_sname, 0}, {"t_user_name", 0, f_user_name, 0},
        {"t_user_name", 1, f_user_name, 0}, {"t_has_perms_by_name", 3, f_has_perms_by_name, 0},
        {"t_has_perms_by_name", 2, f_has_perms_by_name, 0}, {"t_has_perms_by_name", 4, f_has_perms_by_name, 0},
        {"t_is_member", 1, f_is_member, 0}, {"t_is_member", 2, f_is_member, 0},
        {"t_is_srvrolemember", 1, f_is_srvrolemember, 0}, {"t_is_srvrolemember", 2, f_is_srvrolemember, 0},
        {"t_scope_identity", 0, f_scope_identity, 0}, {"t_ident_current", 1, f_ident_current, 0},
        {"t_reset_identity", 1, f_reset_identity, 0}, {"t_type_name", 1, f_type_name, 1},
        {"t_objectproperty", 2, f_objectproperty, 0}, {"t_error_info", 1, f_error_info, 0},
        {"t_error_message", 0, f_err_msg, 0}, {"t_error_number", 0, f_err_num, 0},
        {"t_error_severity", 0, f_err_sev, 0}, {"t_error_state", 0, f_err_state, 0},
        {"t_error_line", 0, f_err_line, 0},
        {"t_xact_state", 0, f_xact_state, 0}, {"t_sysvar", 1, f_sysvar, 0}, {NULL, 0, NULL, 0}};
    for (int i = 0; f[i].name; i++) {
        int flags = SQLITE_UTF8 | (f[i].det ? SQLITE_DETERMINISTIC : 0);
        int rc = sqlite3_create_function(db, f[i].name, f[i].nargs, flags, s, f[i].fn, NULL, NULL);
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}
