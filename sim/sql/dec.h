/* Exact decimals for the engine: decimal(p,s)/numeric/money values are a
 * 128-bit integer m and a scale s (value = m / 10^s), up to 38 digits as in
 * SQL Server. SQLite has no such type: columns keep the exact text, and the
 * registered functions (decfn.c) compute on dec values. */
#ifndef SIM_DEC_H
#define SIM_DEC_H

#include <sqlite3.h>
#include <stddef.h>

typedef __int128 dec_int;

typedef struct dec {
    dec_int m;
    int s;       /* 0..38 */
} dec;

#define DEC_MAXP 38
/* Significant digits a double keeps exactly (SQLite's REAL <-> text too). */
#define DEC_REAL_DIGITS 15

/* Text "[ws][+-]digits[.digits][e[+-]n][ws]" -> 0; -1 not a number,
 * -2 more than 38 significant digits. */
int dec_parse(const char *s, int n, dec *d);
/* The shortest decimal that reads back as x (x from a decimal value
 * of at most 17 digits); -2 when it needs more than 38 digits. */
int dec_from_double(double x, dec *d);
/* SQLite value -> dec: 0 ok, 1 NULL, -1 text that is not a number, -2 too big. */
int dec_from_value(sqlite3_value *v, dec *d);
/* Round half away from zero (or extend) to scale s; -1 when the result
 * would need more than 38 digits. */
int dec_rescale(dec *d, int s);
/* ROUND/FLOOR/CEILING: rounds d to k decimals (k < 0: tens, hundreds…)
 * keeping its scale (never below 0): mode 0 half away from zero, 1 toward
 * zero (ROUND's truncation), 2 toward minus infinity, 3 toward plus
 * infinity.  -1 when the result needs more than 38 digits. */
int dec_round(dec *d, int k, int mode);
/* Digits of |m| (1 for 0). */
int dec_ndigits(dec_int m);
/* Integer digits needed: ndigits(m) - s, at least 0. */
int dec_intdigits(const dec *d);
/* 0 when d rounded to scale s fits decimal(p,s), -1 otherwise (d is rounded). */
int dec_fit(dec *d, int p, int s);
int dec_cmp(const dec *a, const dec *b);
/* -1 on overflow of 38 digits. */
int dec_add(const dec *a, const dec *b, dec *r);
int dec_sub(const dec *a, const dec *b, dec *r);
/* Product, the scale lowered (rounding) to fit 38 digits but not below
 * min(scale, 6) as SQL Server does; -1 on overflow. */
int dec_mul(const dec *a, const dec *b, dec *r);
/* Quotient at scale s (rounded half away from zero); -1 overflow, -2 by zero. */
int dec_div(const dec *a, const dec *b, int s, dec *r);
/* Canonical text at d's scale: "-12.50", "0.00" (never "-0"); out >= 48 bytes. */
int dec_text(const dec *d, char *out);
double dec_to_double(const dec *d);
/* The value as SQLite holds decimals outside columns: a REAL when it has at
 * most 15 significant digits (exact both ways), otherwise the exact text. */
void dec_result(sqlite3_context *ctx, const dec *d);

#endif
