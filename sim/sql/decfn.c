/* Exact decimal SQL functions of the engine: arithmetic on decimal values,
 * SUM/AVG, comparisons, the column check and the TSQL_DEC collation.
 *
 * Decimal columns hold the exact text of their values (TEXT affinity,
 * COLLATE TSQL_DEC that compares them as numbers). Outside columns a decimal
 * is a REAL when it has at most 15 significant digits (a double holds those
 * exactly) and the exact text otherwise (dec_result); a function seeing
 * numeric text computes exactly, integers stay integers and two REALs use
 * floating point, as float arithmetic does. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dec.h"
#include "engine.h"

#define SESS(ctx) ((sim_session *)sqlite3_user_data(ctx))

static void overflow(sqlite3_context *ctx)
{
    fn_error(ctx, SESS(ctx), 8115, 2, 16, "Arithmetic overflow error converting expression to data type numeric.");
}

/* Numeric text that is not a date: a decimal value. */
static int is_dec_text(sqlite3_value *v, dec *d)
{
    if (sqlite3_value_type(v) != SQLITE_TEXT)
        return 0;
    const char *t = (const char *)sqlite3_value_text(v);
    return dec_parse(t ? t : "", sqlite3_value_bytes(v), d) == 0;
}

int dec_arith(sqlite3_context *ctx, sqlite3_value **argv, int op)
{
    int ta = sqlite3_value_type(argv[0]), tb = sqlite3_value_type(argv[1]);
    if (ta != SQLITE_TEXT && tb != SQLITE_TEXT)
        return 0;
    dec a, b, r;
    if (ta == SQLITE_TEXT ? !is_dec_text(argv[0], &a) : dec_from_value(argv[0], &a) != 0)
        return 0;
    if (tb == SQLITE_TEXT ? !is_dec_text(argv[1], &b) : dec_from_value(argv[1], &b) != 0)
        return 0;
    int rc;
    switch (op) {
    case '+': rc = dec_add(&a, &b, &r); break;
    case '-': rc = dec_sub(&a, &b, &r); break;
    case '*': rc = dec_mul(&a, &b, &r); break;
    default: {
        /* SQL Server: scale max(6, s1 + p2 + 1), within 38 digits */
        /* an integer divisor has the precision of int (10) or bigint (19);
         * a decimal one the digits it has */
        int p2 = dec_ndigits(b.m) > b.s ? dec_ndigits(b.m) : b.s;
        if (tb == SQLITE_INTEGER)
            p2 = b.m >= INT32_MIN && b.m <= INT32_MAX ? 10 : 19;
        int s = a.s + p2 + 1;
        if (s < 6)
            s = 6;
        int room = DEC_MAXP - (dec_intdigits(&a) + b.s + 1);
        if (s > room)
            s = room < 6 ? 6 : room;
        rc = dec_div(&a, &b, s, &r);
        if (rc == -2) {
            fn_error(ctx, SESS(ctx), 8134, 1, 16, "Divide by zero error encountered.");
            return 1;
        }
    }
    }
    if (rc != 0) {
        overflow(ctx);
        return 1;
    }
    dec_result(ctx, &r);
    return 1;
}

static void f_neg(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    dec d;
    switch (sqlite3_value_type(argv[0])) {
    case SQLITE_NULL: sqlite3_result_null(ctx); return;
    case SQLITE_INTEGER: sqlite3_result_int64(ctx, -sqlite3_value_int64(argv[0])); return;
    case SQLITE_FLOAT: sqlite3_result_double(ctx, -sqlite3_value_double(argv[0])); return;
    default:
        if (is_dec_text(argv[0], &d)) {
            d.m = -d.m;
            dec_result(ctx, &d);
        } else {
            sqlite3_result_double(ctx, -sqlite3_value_double(argv[0]));
        }
    }
}

static void f_abs(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    dec d;
    switch (sqlite3_value_type(argv[0])) {
    case SQLITE_NULL: sqlite3_result_null(ctx); return;
    case SQLITE_INTEGER: {
        int64_t i = sqlite3_value_int64(argv[0]);
        sqlite3_result_int64(ctx, i < 0 ? -i : i);
        return;
    }
    case SQLITE_FLOAT: {
        double x = sqlite3_value_double(argv[0]);
        sqlite3_result_double(ctx, x < 0 ? -x : x);
        return;
    }
    default:
        if (is_dec_text(argv[0], &d)) {
            if (d.m < 0)
                d.m = -d.m;
            dec_result(ctx, &d);
        } else {
            double x = sqlite3_value_double(argv[0]);
            sqlite3_result_double(ctx, x < 0 ? -x : x);
        }
    }
}

/* t_cmp(a, b, numeric): -1, 0, 1 or NULL, for a comparison where neither
 * side is a column. Numbers compare as numbers (exactly when one is a
 * decimal text); a text against a number converts the text; two texts
 * compare under French_CI_AS, or as numbers when the translator knows a
 * side is numeric. */
static int cmp_values(sqlite3_value **argv, int numeric)
{
    int ta = sqlite3_value_type(argv[0]), tb = sqlite3_value_type(argv[1]);
    if (ta == SQLITE_BLOB || tb == SQLITE_BLOB) {
        int na = sqlite3_value_bytes(argv[0]), nb = sqlite3_value_bytes(argv[1]);
        const void *a = sqlite3_value_blob(argv[0]), *b = sqlite3_value_blob(argv[1]);
        int c = memcmp(a ? a : "", b ? b : "", (size_t)(na < nb ? na : nb));
        return c ? (c < 0 ? -1 : 1) : (na > nb) - (na < nb);
    }
    if (ta == SQLITE_INTEGER && tb == SQLITE_INTEGER) {
        int64_t a = sqlite3_value_int64(argv[0]), b = sqlite3_value_int64(argv[1]);
        return (a > b) - (a < b);
    }
    if (ta != SQLITE_TEXT && tb != SQLITE_TEXT) {
        double a = sqlite3_value_double(argv[0]), b = sqlite3_value_double(argv[1]);
        return (a > b) - (a < b);
    }
    if (ta == SQLITE_TEXT && tb == SQLITE_TEXT && !numeric) {
        int c = collate_french_ci((const char *)sqlite3_value_text(argv[0]), sqlite3_value_bytes(argv[0]),
                                  (const char *)sqlite3_value_text(argv[1]), sqlite3_value_bytes(argv[1]));
        return (c > 0) - (c < 0);
    }
    dec a, b;
    int ra = dec_from_value(argv[0], &a), rb = dec_from_value(argv[1], &b);
    if (ra == 0 && rb == 0) {
        return dec_cmp(&a, &b);
    }
    if (ra == -2 || rb == -2) { /* a number beyond 38 digits: as doubles */
        double x = sqlite3_value_double(argv[0]), y = sqlite3_value_double(argv[1]);
        return (x > y) - (x < y);
    }
    if (ta == SQLITE_TEXT && tb == SQLITE_TEXT) {
        int c = collate_french_ci((const char *)sqlite3_value_text(argv[0]), sqlite3_value_bytes(argv[0]),
                                  (const char *)sqlite3_value_text(argv[1]), sqlite3_value_bytes(argv[1]));
        return (c > 0) - (c < 0);
    }
    /* a text that is not a number against a number: SQLite's order */
    return ta == SQLITE_TEXT ? 1 : -1;
}

static void f_cmp(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    sqlite3_result_int(ctx, cmp_values(argv, argc > 2 && sqlite3_value_int(argv[2]) != 0));
}

/* NULLIF(a, b) with the comparison of t_cmp ('0.000000' is 0). */
static void f_nullif(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) != SQLITE_NULL && sqlite3_value_type(argv[1]) != SQLITE_NULL &&
        cmp_values(argv, 0) == 0)
        sqlite3_result_null(ctx);
    else
        sqlite3_result_value(ctx, argv[0]);
}

/* CHECK of a decimal(p,s) column: the value must fit (8115) and be a number
 * (8114). */
static int is_canonical(const unsigned char *t, int n, int s);

static void f_decchk(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    dec d;
    int p = sqlite3_value_int(argv[1]), s = sqlite3_value_int(argv[2]);
    if (sqlite3_value_type(argv[0]) == SQLITE_TEXT) {
        /* what t_dround stores: the canonical text at the scale, which fits
         * when it has at most p - s integer digits (no parsing) */
        const unsigned char *t = sqlite3_value_text(argv[0]);
        int n = sqlite3_value_bytes(argv[0]);
        if (is_canonical(t, n, s)) {
            int idig = n - (s > 0 ? s + 1 : 0) - (t[0] == '-');
            if (idig <= p - s || (idig == 1 && t[t[0] == '-'] == '0')) {
                sqlite3_result_int(ctx, 1);
                return;
            }
        }
    }
    int rc = dec_from_value(argv[0], &d);
    if (rc == 1) {
        sqlite3_result_int(ctx, 1);
        return;
    }
    if (rc == -1) {
        fn_error(ctx, SESS(ctx), 8114, 5, 16, "Error converting data type varchar to numeric.");
        return;
    }
    if (rc == -2 || dec_fit(&d, p, s) != 0) {
        fn_error(ctx, SESS(ctx), 8115, 2, 16, "Arithmetic overflow error converting numeric to data type numeric.");
        return;
    }
    sqlite3_result_int(ctx, 1);
}

/* A decimal text exactly as dec_text writes it at scale s: "-12.50",
 * "0.00" (optional minus, no leading zero, no "-0", s decimals). */
static int is_canonical(const unsigned char *t, int n, int s)
{
    int i = 0, neg = 0, nonzero = 0;
    if (i < n && t[i] == '-')
        neg = 1, i++;
    int d0 = i;
    while (i < n && t[i] >= '0' && t[i] <= '9')
        nonzero |= t[i++] != '0';
    int idig = i - d0;
    if (idig == 0 || (idig > 1 && t[d0] == '0'))
        return 0;
    if (s == 0)
        return i == n && !(neg && !nonzero);
    if (i >= n || t[i] != '.')
        return 0;
    i++;
    int f0 = i;
    while (i < n && t[i] >= '0' && t[i] <= '9')
        nonzero |= t[i++] != '0';
    return i == n && i - f0 == s && !(neg && !nonzero);
}

/* t_dround(value, s): a value stored into a decimal column of scale s, as
 * SQL Server stores it: rounded half away from zero to s decimals, kept as
 * its canonical text at that scale (so a string conversion of the column
 * prints the declared scale whatever the context).  What is not a number
 * or does not fit 38 digits passes unchanged, for the column's check to
 * refuse (8114/8115). */
static void f_dround(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    int s = sqlite3_value_int(argv[1]);
    dec d;
    switch (sqlite3_value_type(argv[0])) {
    case SQLITE_TEXT: {
        const unsigned char *t = sqlite3_value_text(argv[0]);
        int n = sqlite3_value_bytes(argv[0]);
        if (is_canonical(t, n, s)) {
            sqlite3_result_value(ctx, argv[0]);
            return;
        }
        if (dec_parse((const char *)t, n, &d) != 0) {
            sqlite3_result_value(ctx, argv[0]);
            return;
        }
        break;
    }
    case SQLITE_INTEGER:
        d.m = sqlite3_value_int64(argv[0]);
        d.s = 0;
        break;
    case SQLITE_FLOAT:
        if (dec_from_double(sqlite3_value_double(argv[0]), &d) != 0) {
            sqlite3_result_value(ctx, argv[0]);
            return;
        }
        break;
    default:
        sqlite3_result_value(ctx, argv[0]);
        return;
    }
    if (dec_rescale(&d, s) != 0) {
        sqlite3_result_value(ctx, argv[0]);
        return;
    }
    char out[64];
    int n = dec_text(&d, out);
    sqlite3_result_text(ctx, out, n, SQLITE_TRANSIENT);
}

/* ---- SUM and AVG: exact for decimals, also as window functions ---- */

typedef struct sumst {
    int64_t n;        /* values (not NULL) */
    int64_t ints;     /* sum of the integer values while it fits */
    int int_over;     /* it did not: integers go to d */
    int any_real, any_text, bad;
    double f;         /* float sum of the REAL values (used when bad) */
    dec d;            /* exact sum of the other values */
} sumst;

/* SQLite's aggregate context is 8-byte aligned; __int128 needs 16. */
static sumst *sum_state(sqlite3_context *ctx, int make)
{
    void *raw = sqlite3_aggregate_context(ctx, make ? (int)sizeof(sumst) + 16 : 0);
    if (!raw)
        return NULL;
    return (sumst *)(((uintptr_t)raw + 15) & ~(uintptr_t)15);
}

static void sum_add(sqlite3_context *ctx, sumst *st, sqlite3_value *v, int sign)
{
    int t = sqlite3_value_type(v);
    if (t == SQLITE_NULL)
        return;
    st->n += sign;
    dec x;
    if (t == SQLITE_INTEGER && !st->int_over) {
        int64_t i = sqlite3_value_int64(v), r;
        if (!__builtin_add_overflow(st->ints, sign * i, &r)) {
            st->ints = r;
            return;
        }
        st->int_over = 1;
    }
    if (t == SQLITE_FLOAT) {
        st->any_real = 1;
        st->f += sign * sqlite3_value_double(v);
    } else if (t == SQLITE_TEXT) {
        st->any_text = 1;
    }
    if (st->bad)
        return;
    int rc = dec_from_value(v, &x);
    if (rc == -1) {
        fn_error(ctx, SESS(ctx), 8117, 1, 16, "Operand data type varchar is invalid for sum operator.");
        return;
    }
    if (rc != 0) {
        st->bad = 1;
        return;
    }
    if (sign < 0)
        x.m = -x.m;
    dec r;
    if (dec_add(&st->d, &x, &r) != 0) {
        overflow(ctx);
        return;
    }
    st->d = r;
}

static void sum_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    sumst *st = sum_state(ctx, 1);
    if (st)
        sum_add(ctx, st, argv[0], 1);
}

static void sum_inverse(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    sumst *st = sum_state(ctx, 1);
    if (st)
        sum_add(ctx, st, argv[0], -1);
}

/* The total as a dec; 0 ok, 1 integers only (in *i), -1 only as float. */
static int sum_total(sumst *st, dec *tot, int64_t *i)
{
    if (!st->any_real && !st->any_text && !st->int_over) {
        *i = st->ints;
        return 1;
    }
    if (st->bad)
        return -1;
    dec in = {st->ints, 0};
    if (dec_add(&st->d, &in, tot) != 0)
        return -1;
    return 0;
}

/* The total of a finished SUM/AVG as sum_total gives it; -2 (the result
 * already set to NULL) when no non-NULL value was seen. */
static int final_total(sqlite3_context *ctx, sumst **stp, dec *tot, int64_t *i)
{
    sumst *st = *stp = sum_state(ctx, 0);
    if (!st || st->n == 0) {
        sqlite3_result_null(ctx);
        return -2;
    }
    return sum_total(st, tot, i);
}

static void sum_value(sqlite3_context *ctx)
{
    sumst *st;
    dec tot;
    int64_t i;
    int rc = final_total(ctx, &st, &tot, &i);
    if (rc == -2)
        return;
    if (rc == 1)
        sqlite3_result_int64(ctx, i);
    else if (rc == 0)
        dec_result(ctx, &tot);
    else
        sqlite3_result_double(ctx, st->f + (double)st->ints);
}

static void avg_value(sqlite3_context *ctx)
{
    sumst *st;
    dec tot;
    int64_t i;
    int rc = final_total(ctx, &st, &tot, &i);
    if (rc == -2)
        return;
    if (rc == 1) { /* AVG of integers is an integer, truncated */
        sqlite3_result_int64(ctx, i / st->n);
    } else if (rc == 0) {
        /* AVG(decimal(p,s)) has scale max(s, 6); a few more digits here,
         * the result column rounds to its own scale */
        int s = tot.s < 10 ? 10 : tot.s;
        if (s > DEC_MAXP - dec_intdigits(&tot))
            s = DEC_MAXP - dec_intdigits(&tot);
        dec n = {st->n, 0}, r;
        if (dec_div(&tot, &n, s, &r) != 0) {
            overflow(ctx);
            return;
        }
        dec_result(ctx, &r);
    } else {
        sqlite3_result_double(ctx, (st->f + (double)st->ints) / (double)st->n);
    }
}

static void sum_final(sqlite3_context *ctx) { sum_value(ctx); }
static void avg_final(sqlite3_context *ctx) { avg_value(ctx); }

/* ---- the TSQL_DEC collation of decimal columns ---- */

static int coll_dec(void *arg, int na, const void *a, int nb, const void *b)
{
    (void)arg;
    dec x, y;
    int ra = dec_parse(a, na, &x), rb = dec_parse(b, nb, &y);
    if (ra == 0 && rb == 0)
        return dec_cmp(&x, &y);
    if (ra == 0 || rb == 0) /* numbers before anything else */
        return ra == 0 ? -1 : 1;
    int c = memcmp(a, b, (size_t)(na < nb ? na : nb));
    return c ? c : na - nb;
}

int decfn_register(sqlite3 *db, sim_session *s)
{
    static const struct {
        const char *name;
        int nargs;
        void (*fn)(sqlite3_context *, int, sqlite3_value **);
    } f[] = {{"t_neg", 1, f_neg}, {"t_abs", 1, f_abs}, {"t_cmp", 2, f_cmp}, {"t_cmp", 3, f_cmp},
             {"t_decchk", 3, f_decchk}, {"t_nullif", 2, f_nullif}, {"t_dround", 2, f_dround},
             {NULL, 0, NULL}};
    int rc;
    for (int i = 0; f[i].name; i++)
        if ((rc = sqlite3_create_function(db, f[i].name, f[i].nargs, SQLITE_UTF8 | SQLITE_DETERMINISTIC, s,
                                          f[i].fn, NULL, NULL)) != SQLITE_OK)
            return rc;
    if ((rc = sqlite3_create_window_function(db, "t_sum", 1, SQLITE_UTF8, s, sum_step, sum_final, sum_value,
                                             sum_inverse, NULL)) != SQLITE_OK)
        return rc;
    if ((rc = sqlite3_create_window_function(db, "t_avg", 1, SQLITE_UTF8, s, sum_step, avg_final, avg_value,
                                             sum_inverse, NULL)) != SQLITE_OK)
        return rc;
    return sqlite3_create_collation(db, "TSQL_DEC", SQLITE_UTF8, NULL, coll_dec);
}
