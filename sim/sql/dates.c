#include "dates.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Howard Hinnant's days-from-civil algorithm (proleptic Gregorian). */
int64_t sim_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void sim_civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

int dt_month_days(int y, int m)
{
    static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return md[(m - 1) % 12];
}

int dt_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= dt_month_days(y, m);
}

static int num(const char *s, int n, int *i, int digits, int *out)
{
    int v = 0, k = 0;
    while (*i < n && k < digits && isdigit((unsigned char)s[*i])) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        k++;
    }
    *out = v;
    return k;
}

int dt_parse(const char *s, int n, tsql_dt *dt)
{
    memset(dt, 0, sizeof *dt);
    int i = 0;
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    while (n > i && isspace((unsigned char)s[n - 1]))
        n--;
    dt->y = 1900;
    dt->mo = 1;
    dt->d = 1;
    int k, v;
    int start = i;
    k = num(s, n, &i, 8, &v);
    if (k == 8) {
        dt->y = v / 10000;
        dt->mo = v / 100 % 100;
        dt->d = v % 100;
    } else if (k == 4 && i < n && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
        char sep = s[i];
        dt->y = v;
        i++;
        if (!num(s, n, &i, 2, &dt->mo) || i >= n || s[i] != sep)
            return -1;
        i++;
        if (!num(s, n, &i, 2, &dt->d))
            return -1;
    } else if ((k == 1 || k == 2) && i < n && (s[i] == '/' || s[i] == '.' || s[i] == '-')) {
        /* dd/mm/yyyy (French dateformat dmy) */
        char sep = s[i];
        dt->d = v;
        i++;
        if (!num(s, n, &i, 2, &dt->mo) || i >= n || s[i] != sep)
            return -1;
        i++;
        if (num(s, n, &i, 4, &dt->y) != 4)
            return -1;
    } else if ((k == 1 || k == 2) && i < n && s[i] == ':') {
        i = start; /* time only */
    } else {
        return -1;
    }
    if (!dt_valid(dt->y, dt->mo, dt->d))
        return -1;
    if (i < n && (s[i] == ' ' || s[i] == 'T'))
        i++;
    while (i < n && s[i] == ' ')
        i++;
    if (i < n) {
        if (!num(s, n, &i, 2, &dt->h) || i >= n || s[i] != ':')
            return -1;
        i++;
        if (!num(s, n, &i, 2, &dt->mi))
            return -1;
        if (i < n && s[i] == ':') {
            i++;
            if (!num(s, n, &i, 2, &dt->s))
                return -1;
            if (i < n && s[i] == '.') {
                i++;
                long f = 0;
                int digits = 0;
                while (i < n && isdigit((unsigned char)s[i])) {
                    if (digits < 9) {
                        f = f * 10 + (s[i] - '0');
                        digits++;
                    }
                    i++;
                }
                while (digits++ < 9)
                    f *= 10;
                dt->ns = f;
            }
        }
        while (i < n && s[i] == ' ')
            i++;
        if (i + 1 < n + 1 && i < n && (s[i] == 'A' || s[i] == 'a' || s[i] == 'P' || s[i] == 'p')) {
            int pm = s[i] == 'P' || s[i] == 'p';
            if (dt->h == 12)
                dt->h = 0;
            if (pm)
                dt->h += 12;
            i += 2;
        }
        if (i < n || dt->h > 23 || dt->mi > 59 || dt->s > 59)
            return -1;
        dt->has_time = 1;
    }
    return 0;
}

void dt_format(const tsql_dt *dt, int kind, int scale, char *out, int outlen)
{
    tsql_dt t = *dt;
    if (kind == 3) {
        snprintf(out, (size_t)outlen, "%04d-%02d-%02d", t.y, t.mo, t.d);
        return;
    }
    int64_t secs = sim_days_from_civil(t.y, t.mo, t.d) * 86400 + t.h * 3600 + t.mi * 60 + t.s;
    long frac = 0;
    if (kind == 1) { /* smalldatetime: to the minute */
        if (t.s >= 30 || (t.s == 29 && t.ns >= 999000000))
            secs += 60;
        secs -= secs % 60 < 0 ? 0 : 0;
        secs = secs - ((secs % 60) + 60) % 60;
    } else if (kind == 0) { /* datetime: 1/300 s, shown as .fff */
        long ms = (t.ns + 500000) / 1000000;
        long ticks = (ms * 300 + 500) / 1000;
        ms = (ticks * 1000 + 150) / 300;
        if (ms >= 1000) {
            secs++;
            ms -= 1000;
        }
        frac = ms;
        scale = 3;
    } else {
        long div = 1;
        for (int k = scale; k < 9; k++)
            div *= 10;
        frac = (t.ns + div / 2) / div;
        long lim = 1;
        for (int k = 0; k < scale; k++)
            lim *= 10;
        if (frac >= lim) {
            frac -= lim;
            secs++;
        }
    }
    int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    int64_t rem = secs - days * 86400;
    int y, m, d;
    sim_civil_from_days(days, &y, &m, &d);
    int n = snprintf(out, (size_t)outlen, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, (int)(rem / 3600),
                     (int)(rem / 60 % 60), (int)(rem % 60));
    if (kind != 1 && scale > 0 && n > 0 && n < outlen)
        snprintf(out + n, (size_t)(outlen - n), ".%0*ld", scale, frac);
}

int dt_compare(const tsql_dt *a, const tsql_dt *b)
{
    int64_t x = sim_days_from_civil(a->y, a->mo, a->d), y = sim_days_from_civil(b->y, b->mo, b->d);
    if (x != y)
        return x < y ? -1 : 1;
    long sa = a->h * 3600 + a->mi * 60 + a->s, sb = b->h * 3600 + b->mi * 60 + b->s;
    if (sa != sb)
        return sa < sb ? -1 : 1;
    if (a->ns != b->ns)
        return a->ns < b->ns ? -1 : 1;
    return 0;
}
