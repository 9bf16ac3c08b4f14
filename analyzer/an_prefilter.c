/* Literal prefilter of the classification catalogue (docs/analyzer.md,
 * "Rules").
 *
 * Calling a JIT-compiled pattern costs about 80 ns even when it cannot
 * match, so trying the 61 rules in order cost ~5 µs per message, matched or
 * not.  At load, each rule's pattern text is read by a small parser of the
 * PCRE subset the catalogue uses, which derives its required literals:
 * ASCII strings one of which every match contains (ASCII case folded).  A
 * message then costs one pass over its bytes to see which literals occur,
 * and only the rules one of whose literals occurs, plus the rules no
 * literal could be derived for, are run, in catalogue order: the first
 * match is the one the sequential loop finds.
 *
 * The derivation is conservative: whatever the parser does not understand
 * makes the rule unfilterable (always run), never a wrong literal.  The one
 * way an ASCII literal matches non-ASCII text under PCRE2_UTF|PCRE2_CASELESS
 * is through the two characters that fold to ASCII letters (U+212A KELVIN
 * SIGN ~ k, U+017F LONG S ~ s; tests/analyzer/test_an_prefilter.c checks
 * that they are the only ones): a message holding either is classified by
 * the sequential loop. */
#include "an.h"

#include <stdlib.h>
#include <string.h>

#define PF_MAX_LITS 32     /* literals of a set; more: that alternation is not filtered */
#define PF_MAX_LEN 48      /* a longer literal keeps its prefix, which is as required */
#define PF_MIN_LEN 3       /* shorter: not worth it (and the table is keyed on 3 bytes) */
#define PF_MAX_DEPTH 16    /* nested groups */
#define PF_MAX_WORDS 64    /* candidate bitmap on the stack: catalogues up to 4096 rules */
#define PF_HASH_BITS 12
#define PF_INF 0x7fffffff

/* ---- derivation ---- */

typedef struct pf_set {
    int n;
    unsigned char len[PF_MAX_LITS];
    char s[PF_MAX_LITS][PF_MAX_LEN];
} pf_set;

typedef struct pf_parser {
    const char *p;
    int fail;    /* a construct not understood: the rule is unfilterable */
    int depth;
} pf_parser;

enum { PF_LIT, PF_ANY, PF_ZERO, PF_GROUP };

static int set_minlen(const pf_set *s)
{
    int m = PF_INF;
    for (int i = 0; i < s->n; i++)
        if (s->len[i] < m)
            m = s->len[i];
    return m;
}

/* Best candidate: its shortest literal the longest, then the fewest. */
static void consider(pf_set *best, const pf_set *cand)
{
    if (cand->n == 0)
        return;
    int mb = best->n ? set_minlen(best) : -1, mc = set_minlen(cand);
    if (best->n == 0 || mc > mb || (mc == mb && cand->n < best->n))
        *best = *cand;
}

static int set_has(const pf_set *s, const char *lit, int len)
{
    for (int i = 0; i < s->n; i++)
        if (s->len[i] == len && memcmp(s->s[i], lit, (size_t)len) == 0)
            return 1;
    return 0;
}

/* -1 when the set is full. */
static int set_add(pf_set *s, const char *lit, int len)
{
    if (set_has(s, lit, len))
        return 0;
    if (s->n == PF_MAX_LITS)
        return -1;
    memcpy(s->s[s->n], lit, (size_t)len);
    s->len[s->n++] = (unsigned char)len;
    return 0;
}

static int contains(const char *h, int hn, const char *n, int nn)
{
    for (int i = 0; i + nn <= hn; i++)
        if (memcmp(h + i, n, (size_t)nn) == 0)
            return 1;
    return 0;
}

/* A literal containing another of the set adds nothing: where it occurs,
 * so does the other. */
static void set_reduce(pf_set *s)
{
    int keep = 0;
    for (int i = 0; i < s->n; i++) {
        int redundant = 0;
        for (int j = 0; j < s->n && !redundant; j++)
            redundant = j != i && s->len[j] < s->len[i] && contains(s->s[i], s->len[i], s->s[j], s->len[j]);
        if (!redundant) {
            memmove(s->s[keep], s->s[i], s->len[i]);
            s->len[keep++] = s->len[i];
        }
    }
    s->n = keep;
}

static void parse_alt(pf_parser *ps, pf_set *out);

static int is_punct(unsigned char c)
{
    return c == ' ' || (c > ' ' && c < 0x7f && !(c >= '0' && c <= '9') && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'));
}

/* A class [...]: one character, not a literal.  POSIX classes, \Q and any
 * escape but punctuation and \s \S \d \D \w \W are not understood. */
static void parse_class(pf_parser *ps)
{
    const char *p = ps->p + 1;
    if (*p == '^')
        p++;
    if (*p == ']')
        p++;
    for (;;) {
        if (!*p || *p == '[') {
            ps->fail = 1;
            return;
        }
        if (*p == ']') {
            ps->p = p + 1;
            return;
        }
        if (*p == '\\') {
            unsigned char e = (unsigned char)p[1];
            if (!is_punct(e) && !(e && strchr("sSdDwW", e))) {
                ps->fail = 1;
                return;
            }
            p += 2;
            continue;
        }
        p++;
    }
}

/* One atom; *c is the folded character of a literal, grp the set of a group. */
static int parse_atom(pf_parser *ps, char *c, pf_set *grp)
{
    const char *p = ps->p;
    unsigned char ch = (unsigned char)*p;
    switch (ch) {
    case '(': {
        int kind = PF_GROUP;
        p++;
        if (*p == '?') {
            if (p[1] == ':')
                p += 2;
            else if (p[1] == 'i' && p[2] == ':')
                p += 3;
            else if (p[1] == '=' || p[1] == '!')
                p += 2, kind = PF_ZERO;
            else if (p[1] == '<' && (p[2] == '=' || p[2] == '!'))
                p += 3, kind = PF_ZERO;
            else
                ps->fail = 1;   /* named, atomic, inline options, comments, conditionals... */
        } else if (*p == '*') {
            ps->fail = 1;       /* (*VERB) */
        }
        if (ps->fail || ++ps->depth > PF_MAX_DEPTH) {
            ps->fail = 1;
            return PF_ANY;
        }
        ps->p = p;
        parse_alt(ps, grp);
        ps->depth--;
        if (ps->fail || *ps->p != ')') {
            ps->fail = 1;
            return PF_ANY;
        }
        ps->p++;
        return kind;   /* a lookaround's content contributes nothing */
    }
    case '[':
        parse_class(ps);
        return PF_ANY;
    case '.':
        ps->p++;
        return PF_ANY;
    case '^':
    case '$':
        ps->p++;
        return PF_ZERO;
    case '\\': {
        unsigned char e = (unsigned char)p[1];
        if (!e) {
            ps->fail = 1;
            return PF_ANY;
        }
        ps->p += 2;
        if (strchr("sSdDwW", e))
            return PF_ANY;
        if (strchr("bB", e))
            return PF_ZERO;
        if (is_punct(e)) {
            *c = (char)e;
            return PF_LIT;
        }
        ps->fail = 1;   /* \Q \E \x \p \g \k \1 \N \h \t ... */
        return PF_ANY;
    }
    case '*':
    case '+':
    case '?':
    case '{':
        ps->fail = 1;   /* nothing to repeat, or a brace PCRE may read as a literal */
        return PF_ANY;
    default:
        if (ch >= 0x80) {
            /* One non-ASCII character (the pattern is valid UTF-8): never
             * part of a literal, caseless matching has other forms of it. */
            p++;
            while (((unsigned char)*p & 0xC0) == 0x80)
                p++;
            ps->p = p;
            return PF_ANY;
        }
        *c = (char)(ch >= 'A' && ch <= 'Z' ? ch | 0x20 : ch);
        ps->p++;
        return PF_LIT;
    }
}

static int parse_num(const char **pp, int *v)
{
    const char *p = *pp;
    if (*p < '0' || *p > '9')
        return -1;
    long n = 0;
    while (*p >= '0' && *p <= '9') {
        n = n * 10 + (*p++ - '0');
        if (n > 65535)
            return -1;
    }
    *v = (int)n;
    *pp = p;
    return 0;
}

/* The quantifier after an atom, if any: {1,1} when none. */
static void parse_quant(pf_parser *ps, int *min, int *max)
{
    const char *p = ps->p;
    *min = *max = 1;
    switch (*p) {
    case '?': *min = 0; p++; break;
    case '*': *min = 0; *max = PF_INF; p++; break;
    case '+': *max = PF_INF; p++; break;
    case '{':
        p++;
        if (parse_num(&p, min) < 0) {
            ps->fail = 1;
            return;
        }
        *max = *min;
        if (*p == ',') {
            p++;
            *max = PF_INF;
            if (*p != '}' && parse_num(&p, max) < 0) {
                ps->fail = 1;
                return;
            }
        }
        if (*p != '}') {
            ps->fail = 1;
            return;
        }
        p++;
        break;
    default:
        return;
    }
    if (*p == '?' || *p == '+')   /* lazy, possessive: the same characters */
        p++;
    ps->p = p;
}

static void flush_run(pf_set *best, pf_set *rs, const char *run, int *rlen)
{
    if (*rlen) {
        rs->n = 1;
        rs->len[0] = (unsigned char)*rlen;
        memcpy(rs->s[0], run, (size_t)*rlen);
        consider(best, rs);
        *rlen = 0;
    }
}

/* A sequence up to '|', ')' or the end: its best literal run or required group. */
static void parse_seq(pf_parser *ps, pf_set *best)
{
    best->n = 0;
    pf_set *grp = malloc(2 * sizeof *grp), *rs = grp + 1;
    if (!grp) {
        ps->fail = 1;
        return;
    }
    char run[PF_MAX_LEN];
    int rlen = 0;
    while (!ps->fail && *ps->p && *ps->p != '|' && *ps->p != ')') {
        char c = 0;
        grp->n = 0;
        int kind = parse_atom(ps, &c, grp);
        int min = 1, max = 1;
        if (!ps->fail)
            parse_quant(ps, &min, &max);
        if (ps->fail)
            break;
        if (kind == PF_LIT && min >= 1) {
            if (rlen < PF_MAX_LEN)
                run[rlen++] = c;
            if (max == 1)
                continue;   /* the run goes on */
        }
        /* Anything else ends the run: a literal repeated (required once, as
         * appended above), optional, or any other atom. */
        flush_run(best, rs, run, &rlen);
        if (kind == PF_GROUP && min >= 1)
            consider(best, grp);
    }
    flush_run(best, rs, run, &rlen);
    free(grp);
}

/* Branches: the union of their sets, empty as soon as one branch has none. */
static void parse_alt(pf_parser *ps, pf_set *out)
{
    out->n = 0;
    pf_set *br = malloc(sizeof *br);
    if (!br) {
        ps->fail = 1;
        return;
    }
    int empty = 0;
    for (;;) {
        parse_seq(ps, br);
        if (ps->fail)
            break;
        if (br->n == 0)
            empty = 1;
        for (int i = 0; !empty && i < br->n; i++)
            if (set_add(out, br->s[i], br->len[i]) < 0)
                empty = 1;
        if (*ps->p != '|')
            break;
        ps->p++;
    }
    free(br);
    if (empty || ps->fail)
        out->n = 0;
    else
        set_reduce(out);
}

/* The rule's required literals; n = 0: unfilterable. */
static void derive(const char *pattern, pf_set *out)
{
    pf_parser ps = {pattern, 0, 0};
    parse_alt(&ps, out);
    if (ps.fail || *ps.p || (out->n && set_minlen(out) < PF_MIN_LEN))
        out->n = 0;
}

static int lit_cmp(const void *a, const void *b)
{
    const char *x = a, *y = b;
    int lx = (unsigned char)x[PF_MAX_LEN], ly = (unsigned char)y[PF_MAX_LEN];
    int r = memcmp(x, y, (size_t)(lx < ly ? lx : ly));
    return r ? r : lx - ly;
}

int an_pf_literals(const char *pattern, lia_buf *out)
{
    pf_set *s = malloc(sizeof *s);
    if (!s) {
        lia_buf_adds(out, "*");
        return -1;
    }
    derive(pattern, s);
    if (s->n == 0) {
        free(s);
        lia_buf_adds(out, "*");
        return -1;
    }
    /* Sorted, each as a quoted string, for a stable text. */
    char (*v)[PF_MAX_LEN + 1] = calloc((size_t)s->n, sizeof *v);
    for (int i = 0; v && i < s->n; i++) {
        memcpy(v[i], s->s[i], s->len[i]);
        v[i][PF_MAX_LEN] = (char)s->len[i];
    }
    if (v)
        qsort(v, (size_t)s->n, sizeof *v, lit_cmp);
    for (int i = 0; v && i < s->n; i++) {
        lia_buf_adds(out, i ? " \"" : "\"");
        for (int j = 0; j < (unsigned char)v[i][PF_MAX_LEN]; j++) {
            unsigned char ch = (unsigned char)v[i][j];
            if (ch == '"' || ch == '\\')
                lia_buf_printf(out, "\\%c", ch);
            else if (ch < 0x20 || ch == 0x7f)
                lia_buf_printf(out, "\\x%02x", ch);
            else
                lia_buf_printf(out, "%c", ch);
        }
        lia_buf_adds(out, "\"");
    }
    free(v);
    free(s);
    return 0;
}

/* ---- matching ---- */

typedef struct pf_lit {
    uint32_t key;    /* its first three bytes */
    uint32_t rule;   /* index in the catalogue */
    uint32_t next;   /* 1-based, same hash slot */
    uint32_t len;
    char s[PF_MAX_LEN];
} pf_lit;

struct an_pf {
    size_t words, filterable;
    uint64_t always[PF_MAX_WORDS];   /* rules with a pattern but no literal */
    uint32_t head[1u << PF_HASH_BITS];   /* 1-based index in lits */
    pf_lit *lits;
    size_t n_lits;
};

static inline unsigned char fold(unsigned char b)
{
    return (unsigned char)((unsigned)b - 'A' < 26u ? b | 0x20 : b);
}

static inline uint32_t pf_hash(uint32_t key)
{
    return (key * 0x9E3779B1u) >> (32 - PF_HASH_BITS);
}

an_pf *an_pf_build(const lia_an_catalog *c)
{
    const char *env = getenv("LIAISON_AN_PREFILTER");
    if ((env && strcmp(env, "0") == 0) || c->n > PF_MAX_WORDS * 64)
        return NULL;
    an_pf *pf = calloc(1, sizeof *pf);
    pf_set *s = malloc(sizeof *s);
    size_t cap = 0;
    if (!pf || !s)
        goto fail;
    pf->words = (c->n + 63) / 64;
    for (size_t i = 0; i < c->n; i++) {
        if (!c->v[i].re)
            continue;   /* never matches: never a candidate */
        derive(lia_buf_str(&c->v[i].pattern), s);
        if (s->n == 0) {
            pf->always[i >> 6] |= 1ull << (i & 63);
            continue;
        }
        pf->filterable++;
        for (int j = 0; j < s->n; j++) {
            if (pf->n_lits == cap) {
                cap = cap ? cap * 2 : 128;
                pf_lit *nv = realloc(pf->lits, cap * sizeof *nv);
                if (!nv)
                    goto fail;
                pf->lits = nv;
            }
            pf_lit *l = &pf->lits[pf->n_lits++];
            memcpy(l->s, s->s[j], s->len[j]);
            l->len = s->len[j];
            l->rule = (uint32_t)i;
            l->key = (unsigned char)l->s[0] | (uint32_t)(unsigned char)l->s[1] << 8
                   | (uint32_t)(unsigned char)l->s[2] << 16;
            uint32_t h = pf_hash(l->key);
            l->next = pf->head[h];
            pf->head[h] = (uint32_t)pf->n_lits;
        }
    }
    free(s);
    return pf;
fail:
    free(s);
    an_pf_free(pf);
    return NULL;
}

void an_pf_free(an_pf *pf)
{
    if (!pf)
        return;
    free(pf->lits);
    free(pf);
}

size_t an_pf_filterable(const an_pf *pf) { return pf ? pf->filterable : 0; }

int an_pf_always(const an_pf *pf, size_t rule)
{
    return pf && rule < pf->words * 64 && (pf->always[rule >> 6] >> (rule & 63) & 1);
}

/* A character caseless UTF matching equates with an ASCII letter. */
static int has_trap(const unsigned char *p, size_t n)
{
    const unsigned char *e = p + n, *q;
    for (q = p; q < e && (q = memchr(q, 0xE2, (size_t)(e - q))) != NULL; q++)
        if (e - q >= 3 && q[1] == 0x84 && q[2] == 0xAA)   /* U+212A KELVIN SIGN */
            return 1;
    for (q = p; q < e && (q = memchr(q, 0xC5, (size_t)(e - q))) != NULL; q++)
        if (e - q >= 2 && q[1] == 0xBF)                   /* U+017F LATIN SMALL LETTER LONG S */
            return 1;
    return 0;
}

const an_rule *an_pf_match(const lia_an_catalog *c, pcre2_match_data *md, const char *msg, size_t len)
{
    const an_pf *pf = c->pf;
    const unsigned char *p = (const unsigned char *)msg;
    if (!pf || has_trap(p, len))
        return an_catalog_match_seq(c, md, msg, len);
    uint64_t cand[PF_MAX_WORDS];
    memcpy(cand, pf->always, pf->words * sizeof *cand);
    if (len >= PF_MIN_LEN) {
        uint32_t k = (uint32_t)fold(p[0]) << 8 | (uint32_t)fold(p[1]) << 16;
        for (size_t i = 2; i < len; i++) {
            k = k >> 8 | (uint32_t)fold(p[i]) << 16;
            for (uint32_t h = pf->head[pf_hash(k)]; h; h = pf->lits[h - 1].next) {
                const pf_lit *l = &pf->lits[h - 1];
                const unsigned char *q = p + i - 2;   /* where the literal would start */
                if (l->key != k || l->len > len - (i - 2))
                    continue;
                uint32_t j = 3;
                while (j < l->len && fold(q[j]) == (unsigned char)l->s[j])
                    j++;
                if (j == l->len)
                    cand[l->rule >> 6] |= 1ull << (l->rule & 63);
            }
        }
    }
    for (size_t w = 0; w < pf->words; w++)
        for (uint64_t b = cand[w]; b; b &= b - 1) {
            size_t i = w * 64 + (size_t)__builtin_ctzll(b);
            if (pcre2_match(c->v[i].re, (PCRE2_SPTR)msg, len, 0, PCRE2_NO_UTF_CHECK, md, NULL) >= 0)
                return &c->v[i];
        }
    return NULL;
}
