/* Pure helpers of the replication jobs: fiscal-year window, timestamps,
 * free-field types, identifier quoting, template expansion.  No I/O, so
 * they are unit-tested directly (tests/sqlext/test_repl_util.c). */
#include "liaison/replicate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* "YYYY-MM-DD..." to days since 1970-01-01; -1 when unparsable. */
static long to_days(const char *s, int *year)
{
    int y, m, d;
    if (!s || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    if (year)
        *year = y;
    /* Days from civil (proleptic Gregorian). */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void from_days(long z, char out[11])
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(y % 10000), (unsigned)(m % 100), (unsigned)(d % 100));
}

static void set_window(lia_repl_window *w, long dn, long fn, long dn1, long fn1)
{
    from_days(dn, w->deb_n);
    from_days(fn, w->fin_n);
    from_days(fn + 1, w->fin_n_x);
    from_days(dn1, w->deb_n1);
    from_days(fn1, w->fin_n1);
    from_days(fn1 + 1, w->fin_n1_x);
}

lia_code lia_repl_fiscal_window(const char *const deb[5], const char *const fin[5], const char *ref,
                                int calendar, lia_repl_window *w, lia_error *err)
{
    int ry;
    long r = to_days(ref, &ry);
    if (r < 0)
        return lia_fail(err, LIA_E_FISCAL_YEAR, "%s", ref ? ref : "(null)");
    if (calendar) {
        char a[16], b[16], c[16], d[16];
        int yy = ry % 10000;
        snprintf(a, sizeof a, "%04d-01-01", yy);
        snprintf(b, sizeof b, "%04d-12-31", yy);
        snprintf(c, sizeof c, "%04d-01-01", yy - 1);
        snprintf(d, sizeof d, "%04d-12-31", yy - 1);
        set_window(w, to_days(a, NULL), to_days(b, NULL), to_days(c, NULL), to_days(d, NULL));
        return LIA_OK;
    }
    long ds[5], fs[5];
    int used[5];
    int cur = -1;
    for (int i = 0; i < 5; i++) {
        int y1 = 0, y2 = 0;
        ds[i] = to_days(deb[i], &y1);
        fs[i] = to_days(fin[i], &y2);
        used[i] = ds[i] >= 0 && fs[i] >= ds[i] && y1 > 1900 && y2 > 1900;
        if (used[i] && ds[i] <= r && r <= fs[i])
            cur = i;
    }
    if (cur < 0) {
        lia_fail(err, LIA_E_FISCAL_YEAR, "P_DOSSIER");
        lia_error_detail(err, lia_tr("aucun exercice ne contient la date de référence %s (option calendar_years)",
                                     "no fiscal year contains the reference date %s (option calendar_years)"),
                         ref);
        return LIA_E_FISCAL_YEAR;
    }
    /* N-1: the exercise ending right before N, else the latest ending before it. */
    int prev = -1;
    for (int i = 0; i < 5; i++)
        if (used[i] && i != cur && fs[i] < ds[cur] && (prev < 0 || fs[i] > fs[prev]))
            prev = i;
    if (prev >= 0) {
        set_window(w, ds[cur], fs[cur], ds[prev], fs[prev]);
    } else {
        /* Not declared (first exercise of the file): the same span one year before. */
        long len = fs[cur] - ds[cur] + 1;
        set_window(w, ds[cur], fs[cur], ds[cur] - len, ds[cur] - 1);
    }
    return LIA_OK;
}

int lia_repl_add_minutes(const char *ts, int minutes, char out[20])
{
    int y, mo, d, h = 0, mi = 0, s = 0;
    if (!ts || sscanf(ts, "%4d-%2d-%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) < 3)
        return -1;
    char day[11];
    snprintf(day, sizeof day, "%04d-%02d-%02d", y, mo, d);
    long days = to_days(day, NULL);
    if (days < 0)
        return -1;
    long long t = (long long)days * 86400 + h * 3600 + mi * 60 + s + (long long)minutes * 60;
    long nd = (long)(t >= 0 ? t / 86400 : (t - 86399) / 86400);
    long rem = (long)(t - (long long)nd * 86400);
    from_days(nd, day);
    snprintf(out, 20, "%.10s %02u:%02u:%02u", day, (unsigned)(rem / 3600 % 24), (unsigned)(rem / 60 % 60),
             (unsigned)(rem % 60));
    return 0;
}

const char *lia_repl_value_kind(int cb_type)
{
    switch (cb_type) {
    case 9: case 22: return "text";
    case 7: case 20: return "number";
    case 3: case 14: return "date";
    default: return NULL;
    }
}

void lia_repl_quote_ident(lia_buf *b, const char *name)
{
    lia_buf_addc(b, '[');
    for (const char *p = name; *p; p++) {
        lia_buf_addc(b, *p);
        if (*p == ']')
            lia_buf_addc(b, ']');
    }
    lia_buf_addc(b, ']');
}

int lia_repl_date_sentinel(const char *s)
{
    return s && (strncmp(s, "1753-01-01", 10) == 0 || strncmp(s, "1900-01-01", 10) == 0);
}

int lia_repl_expand_columns(const char *tmpl, const char *const *tok, size_t ntok,
                            const char *const *rep, size_t n, lia_buf *out)
{
    static const char begin[] = "-- liaison:columns-begin";
    static const char end[] = "-- liaison:columns-end";
    const char *b = strstr(tmpl, begin);
    const char *e = b ? strstr(b, end) : NULL;
    if (!b || !e)
        return -1;
    const char *form = strchr(b, '\n');
    if (!form || form > e)
        return -1;
    form++;
    /* The form ends at the start of the end marker's line. */
    const char *form_end = e;
    while (form_end > form && form_end[-1] != '\n')
        form_end--;
    const char *after = strchr(e, '\n');
    after = after ? after + 1 : e + strlen(e);
    lia_buf_add(out, tmpl, (size_t)(b - tmpl));
    for (size_t i = 0; i < n; i++) {
        const char *p = form;
        while (p < form_end) {
            size_t k, best = ntok;
            const char *hit = NULL;
            for (k = 0; k < ntok; k++) {
                const char *h = strstr(p, tok[k]);
                if (h && h < form_end && (!hit || h < hit)) {
                    hit = h;
                    best = k;
                }
            }
            if (!hit) {
                lia_buf_add(out, p, (size_t)(form_end - p));
                break;
            }
            lia_buf_add(out, p, (size_t)(hit - p));
            lia_buf_adds(out, rep[i * ntok + best]);
            p = hit + strlen(tok[best]);
        }
    }
    lia_buf_adds(out, after);
    return out->oom ? -1 : 0;
}
