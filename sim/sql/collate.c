/* French_CI_AS for SQLite: case-insensitive, accent-sensitive, trailing
 * spaces ignored (as SQL Server compares char data), accented letters right
 * after their base letter (e < é < f). Also a case-sensitive variant for
 * *_CS_* collations and T-SQL LIKE with [...] classes. */
#include <string.h>

#include "dates.h"
#include "engine.h"

/* Decodes one UTF-8 code point; invalid bytes stand for themselves. */
static int utf8_next(const unsigned char *s, int n, int *i)
{
    unsigned c = s[*i];
    int need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (need == 0 || *i + need >= n) {
        (*i)++;
        return (int)c;
    }
    unsigned cp = c & (0x3Fu >> need);
    for (int k = 1; k <= need; k++) {
        if ((s[*i + k] & 0xC0) != 0x80) {
            (*i)++;
            return (int)c;
        }
        cp = (cp << 6) | (s[*i + k] & 0x3F);
    }
    *i += need + 1;
    return (int)cp;
}

typedef struct fold {
    int base;   /* primary weight: lower-case base letter or code point */
    int accent; /* 0 none, else an accent class */
    int upper;  /* case, for the case-sensitive variant */
    int base2;  /* second primary unit for ligatures (œ = oe), or 0 */
} fold;

/* Latin-1 supplement + œ/Œ: base letter and accent class. */
static fold fold_cp(int c)
{
    fold f = {c, 0, 0, 0};
    if (c >= 'A' && c <= 'Z') {
        f.base = c + 32;
        f.upper = 1;
        return f;
    }
    if (c < 0xC0) {
        if (c == 0x152 || c == 0x153)
            goto lig;
        return f;
    }
    static const char *map = /* 0xC0..0xFF */
        "aaaaaaaceeeeiiii" /* C0-CF: À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï */
        "dnooooo*ouuuuyts" /* D0-DF: Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß */
        "aaaaaaaceeeeiiii" /* E0-EF */
        "dnooooo/ouuuuyty";/* F0-FF */
    static const unsigned char acc[] = {
        2, 1, 3, 5, 4, 6, 0, 7, 2, 1, 3, 4, 2, 1, 3, 4,
        8, 5, 2, 1, 3, 5, 4, 0, 9, 2, 1, 3, 4, 1, 8, 0,
        2, 1, 3, 5, 4, 6, 0, 7, 2, 1, 3, 4, 2, 1, 3, 4,
        8, 5, 2, 1, 3, 5, 4, 0, 9, 2, 1, 3, 4, 1, 8, 4};
    if (c <= 0xFF) {
        char m = map[c - 0xC0];
        if (m == '*' || m == '/')
            return f;
        f.base = m;
        f.accent = acc[c - 0xC0];
        f.upper = c < 0xE0 && c != 0xDF;
        if (c == 0xC6 || c == 0xE6) { /* æ = ae */
            f.base = 'a';
            f.base2 = 'e';
        } else if (c == 0xDF) {       /* ß = ss */
            f.base = 's';
            f.base2 = 's';
        }
        return f;
    }
lig:
    if (c == 0x152 || c == 0x153) {
        f.base = 'o';
        f.base2 = 'e';
        f.upper = c == 0x152;
    }
    return f;
}

static int trim_len(const char *s, int n)
{
    while (n > 0 && s[n - 1] == ' ')
        n--;
    return n;
}

/* Unit stream: yields primary units, expanding ligatures. */
typedef struct ustream {
    const unsigned char *s;
    int n, i;
    int pending;
    fold cur;
} ustream;

static int us_next(ustream *u, fold *out)
{
    if (u->pending) {
        out->base = u->pending;
        out->accent = 0;
        out->upper = u->cur.upper;
        out->base2 = 0;
        u->pending = 0;
        return 1;
    }
    if (u->i >= u->n)
        return 0;
    int c = utf8_next(u->s, u->n, &u->i);
    u->cur = fold_cp(c);
    *out = u->cur;
    if (u->cur.base2) {
        u->pending = u->cur.base2;
        out->accent = 0;
    }
    return 1;
}

static int compare(const char *a, int na, const char *b, int nb, int cs)
{
    ustream x = {(const unsigned char *)a, trim_len(a, na), 0, 0, {0, 0, 0, 0}};
    ustream y = {(const unsigned char *)b, trim_len(b, nb), 0, 0, {0, 0, 0, 0}};
    int acc_diff = 0, case_diff = 0;
    for (;;) {
        fold fa, fb;
        int ha = us_next(&x, &fa), hb = us_next(&y, &fb);
        if (!ha || !hb) {
            if (ha != hb)
                return ha ? 1 : -1;
            break;
        }
        if (fa.base != fb.base)
            return fa.base < fb.base ? -1 : 1;
        if (!acc_diff && fa.accent != fb.accent)
            acc_diff = fa.accent < fb.accent ? -1 : 1;
        if (!case_diff && fa.upper != fb.upper)
            case_diff = fa.upper ? 1 : -1; /* lower case first */
    }
    if (acc_diff)
        return acc_diff;
    return cs ? case_diff : 0;
}

int collate_french_ci(const char *a, int na, const char *b, int nb) { return compare(a, na, b, nb, 0); }
int collate_cs(const char *a, int na, const char *b, int nb) { return compare(a, na, b, nb, 1); }

static int x_ci(void *u, int na, const void *a, int nb, const void *b)
{
    (void)u;
    return compare(a, na, b, nb, 0);
}

static int x_cs(void *u, int na, const void *a, int nb, const void *b)
{
    (void)u;
    return compare(a, na, b, nb, 1);
}

/* BINARY that still ignores trailing spaces, like SQL Server's _BIN. */
static int x_bin(void *u, int na, const void *a, int nb, const void *b)
{
    (void)u;
    na = trim_len(a, na);
    nb = trim_len(b, nb);
    int r = memcmp(a, b, (size_t)(na < nb ? na : nb));
    return r ? r : na - nb;
}

/* Date columns: compare as dates, so '20240105' equals '2024-01-05 00:00:00.000'. */
static int x_date(void *u, int na, const void *a, int nb, const void *b)
{
    (void)u;
    tsql_dt x, y;
    if (dt_parse(a, na, &x) == 0 && dt_parse(b, nb, &y) == 0)
        return dt_compare(&x, &y);
    return x_bin(u, na, a, nb, b);
}

int collate_register(sqlite3 *db)
{
    int rc = sqlite3_create_collation(db, "FRENCH_CI_AS", SQLITE_UTF8, NULL, x_ci);

    if (rc == SQLITE_OK)
        rc = sqlite3_create_collation(db, "TSQL_CS", SQLITE_UTF8, NULL, x_cs);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_collation(db, "TSQL_BIN", SQLITE_UTF8, NULL, x_bin);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_collation(db, "TSQL_DATE", SQLITE_UTF8, NULL, x_date);
    return rc;
}

/* ---- LIKE ---- */

static int char_eq(int a, int b, int ci)
{
    if (a == b)
        return 1;
    if (!ci)
        return 0;
    fold fa = fold_cp(a), fb = fold_cp(b);
    return fa.base == fb.base && fa.accent == fb.accent && !fa.base2 && !fb.base2;
}

static int lower_cp(int c)
{
    fold f = fold_cp(c);
    if (f.base2 || !f.upper)
        return c;
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0xC0 && c <= 0xDE)
        return c + 32;
    return c;
}

static int like_rec(const unsigned char *p, int np, int pi, const unsigned char *s, int ns, int si, int esc,
                    int ci, int depth)
{
    if (depth > 2000)
        return 0;
    while (pi < np) {
        int pj = pi;
        int pc = utf8_next(p, np, &pj);
        if (esc >= 0 && pc == esc) {
            if (pj >= np)
                return 0;
            int lit = utf8_next(p, np, &pj);
            if (si >= ns)
                return 0;
            int sc = utf8_next(s, ns, &si);
            if (!char_eq(lit, sc, ci))
                return 0;
            pi = pj;
            continue;
        }
        if (pc == '%') {
            while (pj < np && p[pj] == '%')
                pj++;
            if (pj >= np)
                return 1;
            for (int k = si; k <= ns;) {
                if (like_rec(p, np, pj, s, ns, k, esc, ci, depth + 1))
                    return 1;
                if (k >= ns)
                    break;
                utf8_next(s, ns, &k);
            }
            return 0;
        }
        if (si >= ns)
            return 0;
        int sc = utf8_next(s, ns, &si);
        if (pc == '_') {
            pi = pj;
            continue;
        }
        if (pc == '[') {
            int k = pj, neg = 0, matched = 0, first = 1;
            if (k < np && p[k] == '^') {
                neg = 1;
                k++;
            }
            int closed = 0;
            while (k < np) {
                int c = utf8_next(p, np, &k);
                if (c == ']' && !first) {
                    closed = 1;
                    break;
                }
                first = 0;
                if (k < np && p[k] == '-' && k + 1 < np && p[k + 1] != ']') {
                    k++;
                    int hi = utf8_next(p, np, &k);
                    int lo = c;
                    int x = ci ? lower_cp(sc) : sc;
                    int l2 = ci ? lower_cp(lo) : lo, h2 = ci ? lower_cp(hi) : hi;
                    fold fx = fold_cp(x);
                    if ((x >= l2 && x <= h2) || (ci && fx.base >= l2 && fx.base <= h2 && fx.base < 128))
                        matched = 1;
                } else if (char_eq(c, sc, ci)) {
                    matched = 1;
                }
            }
            if (!closed) { /* an unclosed [ matches itself */
                if (!char_eq('[', sc, ci))
                    return 0;
                pi = pj;
                continue;
            }
            if (matched == neg)
                return 0;
            pi = k;
            continue;
        }
        if (!char_eq(pc, sc, ci))
            return 0;
        pi = pj;
    }
    return si >= ns;
}

int tsql_like(const char *pat, int np, const char *s, int ns, int esc, int ci)
{
    return like_rec((const unsigned char *)pat, np, 0, (const unsigned char *)s, ns, 0, esc, ci, 0);
}
