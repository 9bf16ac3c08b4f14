/* Exact decimal arithmetic on 128-bit integers (see dec.h). */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dec.h"

/* Powers of ten 10^0 .. 10^38, computed once (loads call these per value:
 * no loop of 128-bit multiplications or divisions on the hot path). */
static dec_int pow10t[DEC_MAXP + 1];
static double p10d[23];   /* exact doubles 10^0 .. 10^22 */

__attribute__((constructor)) static void p10_init(void)
{
    pow10t[0] = 1;
    for (int k = 1; k <= DEC_MAXP; k++)
        pow10t[k] = pow10t[k - 1] * 10;
    double d = 1;
    for (int k = 0; k < 23; k++, d *= 10)
        p10d[k] = d;
}

static dec_int pow10i(int k)
{
    return pow10t[k < 0 ? 0 : k > DEC_MAXP ? DEC_MAXP : k];
}

/* 10^38: the first value of 39 digits. */
#define DEC_LIMIT (pow10t[DEC_MAXP])

static dec_int dabs(dec_int m) { return m < 0 ? -m : m; }

int dec_ndigits(dec_int m)
{
    m = dabs(m);
    int n = 1;
    while (n <= DEC_MAXP && m >= pow10t[n])
        n++;
    return n;
}

int dec_intdigits(const dec *d)
{
    if (d->m == 0)
        return 0;
    int n = dec_ndigits(d->m) - d->s;
    return n < 0 ? 0 : n;
}

int dec_parse(const char *s, int n, dec *d)
{
    int i = 0;
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    int neg = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    dec_int m = 0;
    uint64_t m64 = 0;   /* the first 18 significant digits, in 64 bits */
    int digits = 0, sig = 0, scale = 0, dot = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            digits++;
            if (dot)
                scale++;
            if (sig || c != '0')
                sig++;
            if (sig <= 18) {
                m64 = m64 * 10 + (uint64_t)(c - '0');
                continue;
            }
            if (sig == 19)
                m = (dec_int)m64;
            if (sig > DEC_MAXP + 1)
                return -2;
            m = m * 10 + (c - '0');
        } else if (c == '.' && !dot) {
            dot = 1;
        } else {
            break;
        }
    }
    if (sig <= 18)
        m = (dec_int)m64;
    if (!digits)
        return -1;
    int ex = 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int eneg = 0, ed = 0;
        if (i < n && (s[i] == '-' || s[i] == '+'))
            eneg = s[i++] == '-';
        while (i < n && isdigit((unsigned char)s[i])) {
            if (ex < 10000)
                ex = ex * 10 + (s[i] - '0');
            i++;
            ed++;
        }
        if (!ed)
            return -1;
        if (eneg)
            ex = -ex;
    }
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    if (i != n)
        return -1;
    scale -= ex;
    if (scale < 0) {
        if (sig - scale > DEC_MAXP)
            return -2;
        m *= pow10i(-scale);
        scale = 0;
    }
    /* more decimals than 38: round them off */
    d->m = neg ? -m : m;
    d->s = scale;
    if (scale > DEC_MAXP && dec_rescale(d, DEC_MAXP) != 0)
        return -2;
    if (sig > DEC_MAXP && dec_rescale(d, d->s - (sig - DEC_MAXP)) != 0)
        return -2;
    if (dabs(d->m) >= DEC_LIMIT)
        return -2;
    return 0;
}

int dec_from_double(double x, dec *d)
{
    if (!isfinite(x))
        return -2;
    /* fast path: the shortest scale at which x * 10^s is a whole number
     * that reads back as x */
    double p = 1;
    for (int s = 0; s <= 17; s++, p *= 10) {
        double y = x * p;
        if (fabs(y) >= 9.0e15)
            break;
        double r = nearbyint(y);
        if (r / p == x) {
            d->m = (dec_int)(long long)r;
            d->s = s;
            return 0;
        }
    }
    char buf[64];
    for (int prec = DEC_REAL_DIGITS; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, x);
        double back = strtod(buf, NULL);
        if (back == x || prec == 17)
            return dec_parse(buf, (int)strlen(buf), d);
    }
    return -2;
}

int dec_from_value(sqlite3_value *v, dec *d)
{
    switch (sqlite3_value_type(v)) {
    case SQLITE_NULL:
        return 1;
    case SQLITE_INTEGER:
        d->m = sqlite3_value_int64(v);
        d->s = 0;
        return 0;
    case SQLITE_FLOAT:
        return dec_from_double(sqlite3_value_double(v), d);
    default: {
        const char *t = (const char *)sqlite3_value_text(v);
        return dec_parse(t ? t : "", sqlite3_value_bytes(v), d);
    }
    }
}

int dec_rescale(dec *d, int s)
{
    if (s < 0)
        s = 0;
    if (s > DEC_MAXP)
        s = DEC_MAXP;
    if (s == d->s)
        return 0;
    if (s > d->s) {
        int k = s - d->s;
        if (dec_ndigits(d->m) + k > DEC_MAXP && d->m != 0)
            return -1;
        d->m *= pow10i(k);
        d->s = s;
        return 0;
    }
    int k = d->s - s;
    dec_int q, r;
    if (k > DEC_MAXP) {
        q = 0;
        r = 0;
    } else {
        dec_int p = pow10i(k);
        q = d->m / p;
        r = d->m % p;
        /* half away from zero */
        if (dabs(r) * 2 >= p)
            q += d->m < 0 ? -1 : 1;
    }
    d->m = q;
    d->s = s;
    return dabs(q) >= DEC_LIMIT ? -1 : 0;
}

int dec_round(dec *d, int k, int mode)
{
    if (k >= d->s)
        return 0;
    int drop = d->s - k;
    if (drop > DEC_MAXP) {
        /* everything goes: 0, or one unit of 10^-k away from it (floor/ceiling) */
        if (drop > DEC_MAXP + 1 || d->m == 0 || mode <= 1 || (mode == 2) != (d->m < 0)) {
            d->m = 0;
            return 0;
        }
        return -1;
    }
    dec_int p = pow10i(drop), q = d->m / p, r = d->m % p;
    if (r != 0) {
        if (mode == 0 && dabs(r) * 2 >= p)
            q += d->m < 0 ? -1 : 1;
        else if (mode == 2 && d->m < 0)
            q -= 1;
        else if (mode == 3 && d->m > 0)
            q += 1;
    }
    /* back to the scale d had (at least 0): q * 10^(drop) when k >= 0 … */
    int keep = d->s < 0 ? 0 : d->s;
    int up = keep - k;
    if (dec_ndigits(q) + up > DEC_MAXP && q != 0)
        return -1;
    d->m = q * pow10i(up);
    d->s = keep;
    return 0;
}

int dec_fit(dec *d, int p, int s)
{
    if (dec_rescale(d, s) != 0)
        return -1;
    return dabs(d->m) < pow10i(p) ? 0 : -1;
}

int dec_cmp(const dec *a, const dec *b)
{
    int sa = a->m < 0 ? -1 : a->m > 0, sb = b->m < 0 ? -1 : b->m > 0;
    if (sa != sb)
        return sa < sb ? -1 : 1;
    if (sa == 0)
        return 0;
    dec_int x = a->m, y = b->m;
    int k = a->s - b->s;
    /* scale the one with fewer decimals up; if it overflows, it is the
     * larger in magnitude */
    if (k > 0) {
        if (dec_ndigits(y) + k > DEC_MAXP)
            return sa > 0 ? -1 : 1;
        y *= pow10i(k);
    } else if (k < 0) {
        if (dec_ndigits(x) - k > DEC_MAXP)
            return sa > 0 ? 1 : -1;
        x *= pow10i(-k);
    }
    return x < y ? -1 : x > y;
}

static int align(const dec *a, const dec *b, dec_int *x, dec_int *y, int *s)
{
    *s = a->s > b->s ? a->s : b->s;
    dec p = *a, q = *b;
    if (dec_rescale(&p, *s) != 0 || dec_rescale(&q, *s) != 0)
        return -1;
    *x = p.m;
    *y = q.m;
    return 0;
}

int dec_add(const dec *a, const dec *b, dec *r)
{
    dec_int x, y;
    int s;
    if (align(a, b, &x, &y, &s) != 0)
        return -1;
    r->m = x + y; /* |x|,|y| < 10^38: no 128-bit overflow */
    r->s = s;
    if (dabs(r->m) >= DEC_LIMIT) {
        if (s == 0)
            return -1;
        return dec_rescale(r, s - 1);
    }
    return 0;
}

int dec_sub(const dec *a, const dec *b, dec *r)
{
    dec nb = *b;
    nb.m = -nb.m;
    return dec_add(a, &nb, r);
}

/* Multiplies two magnitudes below 10^38 into 256 bits (hi, lo). */
typedef unsigned __int128 u128;
static void mul256(u128 a, u128 b, u128 *hi, u128 *lo)
{
    u128 mask = ((u128)1 << 64) - 1;
    u128 a0 = a & mask, a1 = a >> 64, b0 = b & mask, b1 = b >> 64;
    u128 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    u128 mid = (p00 >> 64) + (p01 & mask) + (p10 & mask);
    *lo = (p00 & mask) | (mid << 64);
    *hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
}

/* (hi, lo) / 10 in place, returns the remainder. */
static unsigned div10(u128 *hi, u128 *lo)
{
    u128 qh = *hi / 10, rh = *hi % 10;
    /* (rh * 2^128 + lo) / 10 with rh < 10: split lo in two 64-bit halves */
    u128 mask = ((u128)1 << 64) - 1;
    u128 x1 = (rh << 64) | (*lo >> 64);
    u128 q1 = x1 / 10, r1 = x1 % 10;
    u128 x0 = (r1 << 64) | (*lo & mask);
    u128 q0 = x0 / 10, r0 = x0 % 10;
    *hi = qh;
    *lo = (q1 << 64) | q0;
    return (unsigned)r0;
}

int dec_mul(const dec *a, const dec *b, dec *r)
{
    int neg = (a->m < 0) != (b->m < 0);
    u128 hi, lo;
    mul256((u128)dabs(a->m), (u128)dabs(b->m), &hi, &lo);
    int s = a->s + b->s;
    int floor_s = s < 6 ? s : 6;
    /* drop decimals while the product has more than 38 digits (or a scale
     * beyond 38), rounding the last one dropped */
    unsigned last = 0;
    int sticky = 0;
    u128 lim = (u128)DEC_LIMIT;
    while ((hi != 0 || lo >= lim || s > DEC_MAXP) && s > floor_s) {
        if (last)
            sticky = 1;
        last = div10(&hi, &lo);
        s--;
    }
    (void)sticky;
    if (last >= 5)
        lo++;
    if (hi != 0 || lo >= lim)
        return -1;
    r->m = neg ? -(dec_int)lo : (dec_int)lo;
    r->s = s;
    return 0;
}

int dec_div(const dec *a, const dec *b, int s, dec *r)
{
    if (b->m == 0)
        return -2;
    if (s > DEC_MAXP)
        s = DEC_MAXP;
    int neg = (a->m < 0) != (b->m < 0);
    u128 x = (u128)dabs(a->m), y = (u128)dabs(b->m);
    /* a/b at scale s = x * 10^(s + b.s - a.s) / y */
    int k = s + b->s - a->s;
    while (k < 0) { /* too many decimals in a: drop them, rounding */
        u128 q = x / 10;
        if (x % 10 >= 5)
            q++;
        x = q;
        k++;
    }
    u128 lim = (u128)DEC_LIMIT;
    if (k <= DEC_MAXP && (x == 0 || dec_ndigits((dec_int)x) + k <= DEC_MAXP)) {
        /* x * 10^k fits: one division (64-bit when it can) */
        u128 num = x * (u128)pow10t[k], q, rem;
        if (num <= UINT64_MAX && y <= UINT64_MAX) {
            q = (uint64_t)num / (uint64_t)y;
            rem = (uint64_t)num % (uint64_t)y;
        } else {
            q = num / y;
            rem = num % y;
        }
        if (rem * 2 >= y)
            q++;
        if (q >= lim)
            return -1;
        r->m = neg ? -(dec_int)q : (dec_int)q;
        r->s = s;
        return 0;
    }
    /* long division: integer part, then k more digits one by one */
    while (y >= ((u128)1 << 120)) { /* keep remainder * 10 within 128 bits */
        u128 q = y / 10;
        if (y % 10 >= 5)
            q++;
        y = q;
        if (k > 0)
            k--;
        else
            x /= 10;
    }
    u128 q = x / y, rem = x % y;
    if (q >= lim)
        return -1;
    for (int i = 0; i < k; i++) {
        rem *= 10;
        u128 dgt = rem / y;
        rem %= y;
        if (q > (lim - 1 - dgt) / 10)
            return -1;
        q = q * 10 + dgt;
    }
    if (rem * 2 >= y)
        q++;
    if (q >= lim)
        return -1;
    r->m = neg ? -(dec_int)q : (dec_int)q;
    r->s = s;
    return 0;
}

int dec_text(const dec *d, char *out)
{
    char dig[48];
    int n = 0;
    dec_int m = dabs(d->m);
    if (m <= (dec_int)UINT64_MAX) {
        /* 64-bit digits: the division by 10 becomes a multiplication */
        uint64_t v = (uint64_t)m;
        do {
            dig[n++] = (char)('0' + (int)(v % 10));
            v /= 10;
        } while (v);
    } else {
        do {
            dig[n++] = (char)('0' + (int)(m % 10));
            m /= 10;
        } while (m);
    }
    while (n <= d->s)
        dig[n++] = '0';
    int o = 0;
    if (d->m < 0)
        out[o++] = '-';
    for (int i = n - 1; i >= 0; i--) {
        out[o++] = dig[i];
        if (i == d->s && d->s > 0)
            out[o++] = '.';
    }
    out[o] = 0;
    return o;
}

double dec_to_double(const dec *d)
{
    /* m and 10^s exact as doubles: one division rounds correctly, as strtod
     * of the text would */
    if (d->m > -((dec_int)1 << 53) && d->m < ((dec_int)1 << 53) && d->s >= 0 && d->s <= 22)
        return (double)(int64_t)d->m / p10d[d->s];
    char buf[64];
    dec_text(d, buf);
    return strtod(buf, NULL);
}

void dec_result(sqlite3_context *ctx, const dec *d)
{
    /* trailing zeros of the fraction do not count */
    dec t = *d;
    if (dabs(t.m) <= (dec_int)INT64_MAX) {
        int64_t m = (int64_t)t.m;
        while (t.s > 0 && m % 10 == 0) {
            m /= 10;
            t.s--;
        }
        t.m = m;
    } else {
        while (t.s > 0 && t.m % 10 == 0) {
            t.m /= 10;
            t.s--;
        }
    }
    if (dec_ndigits(t.m) <= DEC_REAL_DIGITS) {
        sqlite3_result_double(ctx, dec_to_double(&t));
        return;
    }
    char buf[64];
    int n = dec_text(d, buf);
    sqlite3_result_text(ctx, buf, n, SQLITE_TRANSIENT);
}
