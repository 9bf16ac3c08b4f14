/* Date, decimal and money conversions (see tds_values.h). */
#include "tds_values.h"

#include <stdio.h>
#include <string.h>

int64_t tds_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void tds_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static int digits(const char *s, size_t n, size_t *i, int count, unsigned *v)
{
    *v = 0;
    for (int k = 0; k < count; k++, (*i)++) {
        if (*i >= n || s[*i] < '0' || s[*i] > '9') return -1;
        *v = *v * 10 + (unsigned)(s[*i] - '0');
    }
    return 0;
}

int tds_parse_datetime(const char *s, size_t n, int64_t *days, uint64_t *ticks)
{
    size_t i = 0;
    unsigned y, mo, d, h = 0, mi = 0, se = 0;
    uint64_t frac = 0;
    while (i < n && s[i] == ' ') i++;
    if (digits(s, n, &i, 4, &y) || i >= n || s[i++] != '-' || digits(s, n, &i, 2, &mo)
        || i >= n || s[i++] != '-' || digits(s, n, &i, 2, &d))
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1) return -1;
    if (i < n && (s[i] == ' ' || s[i] == 'T')) {
        i++;
        if (digits(s, n, &i, 2, &h) || i >= n || s[i++] != ':' || digits(s, n, &i, 2, &mi))
            return -1;
        if (i < n && s[i] == ':') {
            i++;
            if (digits(s, n, &i, 2, &se)) return -1;
            if (i < n && s[i] == '.') {
                int nd = 0;
                i++;
                while (i < n && s[i] >= '0' && s[i] <= '9') {
                    if (nd < 7) { frac = frac * 10 + (uint64_t)(s[i] - '0'); nd++; }
                    i++;
                }
                for (; nd < 7; nd++) frac *= 10;
            }
        }
        if (h > 23 || mi > 59 || se > 59) return -1;
    }
    while (i < n && s[i] == ' ') i++;
    if (i != n) return -1;
    *days = tds_days_from_civil(y, mo, d);
    *ticks = ((uint64_t)h * 3600 + mi * 60 + se) * 10000000ull + frac;
    return 0;
}

void tds_format_datetime(int64_t days, uint64_t ticks, int ndig, char *out)
{
    int64_t y;
    unsigned m, d;
    tds_civil_from_days(days, &y, &m, &d);
    if (ndig < 0) {
        snprintf(out, 32, "%04lld-%02u-%02u", (long long)y, m, d);
        return;
    }
    uint64_t secs = ticks / 10000000ull, frac = ticks % 10000000ull;
    int n = snprintf(out, 32, "%04lld-%02u-%02u %02u:%02u:%02u", (long long)y, m, d,
                     (unsigned)(secs / 3600), (unsigned)(secs / 60 % 60), (unsigned)(secs % 60));
    if (ndig > 0 && n > 0) {
        char f[8];
        snprintf(f, sizeof f, "%07llu", (unsigned long long)frac);
        out[n] = '.';
        memcpy(out + n + 1, f, (size_t)(ndig > 7 ? 7 : ndig));
        out[n + 1 + (ndig > 7 ? 7 : ndig)] = '\0';
    }
}

int tds_decimal_parse(const char *s, size_t n, int scale, int *neg, tds_u128 *mag)
{
    size_t i = 0;
    int nd = 0, fd = 0, any = 0, round_up = 0;
    tds_u128 v = 0;
    *neg = 0;
    while (i < n && s[i] == ' ') i++;
    if (i < n && (s[i] == '-' || s[i] == '+')) *neg = s[i++] == '-';
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, any = 1) {
        if (v == 0 && s[i] == '0') continue;
        if (++nd > 38) return -1;
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    if (i < n && s[i] == '.') {
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, any = 1) {
            if (fd < scale) {
                v = v * 10 + (unsigned)(s[i] - '0');
                fd++;
            } else if (fd == scale) {
                round_up = s[i] >= '5';
                fd++;
            }
        }
    }
    while (i < n && s[i] == ' ') i++;
    if (!any || i != n) return -1;
    for (int k = fd > scale ? scale : fd; k < scale; k++) v *= 10;
    if (round_up) v += 1;
    /* 10^38 is the largest magnitude a decimal(38) holds. */
    tds_u128 lim = 1;
    for (int k = 0; k < 38; k++) lim *= 10;
    if (v >= lim) return -1;
    if (v == 0) *neg = 0;
    *mag = v;
    return 0;
}

void tds_decimal_format(int neg, tds_u128 mag, int scale, char *out)
{
    char tmp[48];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + (int)(mag % 10));
        mag /= 10;
    } while (mag && n < 40);
    while (n <= scale) tmp[n++] = '0';
    int o = 0;
    if (neg) out[o++] = '-';
    for (int k = n - 1; k >= 0; k--) {
        out[o++] = tmp[k];
        if (k == scale && scale > 0) out[o++] = '.';
    }
    out[o] = '\0';
}

int tds_decimal_bytes(int precision)
{
    return precision <= 9 ? 4 : precision <= 19 ? 8 : precision <= 28 ? 12 : 16;
}
