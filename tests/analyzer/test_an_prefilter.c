/* The literal prefilter of the catalogue (analyzer/an_prefilter.c): the
 * literal sets it derives (data: prefilter/literals.tsv), and that it never
 * changes which rule a message gets, on the shipped catalogue's samples and
 * random mutations of them, and on a catalogue of unfilterable rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "an_test_util.h"
#include <stdio.h>

static char src_dir[2048];

static int setup(void **state)
{
    (void)state;
    const char *s = getenv("LIA_SOURCE_DIR");
    snprintf(src_dir, sizeof src_dir, "%s", s ? s : ".");
    return 0;
}

/* ---- derivation ---- */

static void test_literal_sets(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/analyzer/prefilter/literals.tsv", src_dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rows = 0, bad = 0, unfilterable = 0;
    lia_buf got = LIA_BUF_INIT;
    while ((n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        assert_non_null(tab);
        *tab = '\0';
        const char *pattern = line, *want = tab + 1;
        /* Each pattern must be one PCRE2 accepts, as the catalogue's are. */
        int ec;
        PCRE2_SIZE off;
        pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_CASELESS,
                                       &ec, &off, NULL);
        if (!re)
            fail_msg("%s: does not compile", pattern);
        pcre2_code_free(re);
        lia_buf_reset(&got);
        int rc = an_pf_literals(pattern, &got);
        assert_int_equal(rc == 0, strcmp(lia_buf_str(&got), "*") != 0);
        if (strcmp(lia_buf_str(&got), want) != 0) {
            print_message("%s\n  expected %s\n  got      %s\n", pattern, want, lia_buf_str(&got));
            bad++;
        }
        unfilterable += strcmp(want, "*") == 0;
        rows++;
    }
    lia_buf_free(&got);
    free(line);
    fclose(f);
    assert_true(rows >= 100);
    assert_true(unfilterable > 20 && unfilterable < rows - 40);
    assert_int_equal(bad, 0);
}

/* The exactness argument: under PCRE2_UTF|PCRE2_CASELESS, the only non-ASCII
 * characters equal to an ASCII one are U+017F (s) and U+212A (k), which
 * an_pf_match sends to the sequential loop.  A PCRE2 (Unicode) update
 * adding one would show here. */
static void test_only_two_characters_fold_to_ascii(void **state)
{
    (void)state;
    int ec;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR) "^[\\x00-\\x7f]$", PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_CASELESS, &ec, &off, NULL);
    assert_non_null(re);
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    pcre2_match_data *md = pcre2_match_data_create(2, NULL);
    unsigned found[8];
    int nf = 0;
    for (unsigned c = 0x80; c < 0x110000; c++) {
        if (c >= 0xD800 && c < 0xE000)
            continue;
        unsigned char b[4];
        size_t n;
        if (c < 0x800) {
            b[0] = (unsigned char)(0xC0 | c >> 6), b[1] = (unsigned char)(0x80 | (c & 63)), n = 2;
        } else if (c < 0x10000) {
            b[0] = (unsigned char)(0xE0 | c >> 12), b[1] = (unsigned char)(0x80 | (c >> 6 & 63));
            b[2] = (unsigned char)(0x80 | (c & 63)), n = 3;
        } else {
            b[0] = (unsigned char)(0xF0 | c >> 18), b[1] = (unsigned char)(0x80 | (c >> 12 & 63));
            b[2] = (unsigned char)(0x80 | (c >> 6 & 63)), b[3] = (unsigned char)(0x80 | (c & 63)), n = 4;
        }
        if (pcre2_match(re, b, n, 0, 0, md, NULL) >= 0 && nf < 8)
            found[nf++] = c;
    }
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    assert_int_equal(nf, 2);
    assert_int_equal(found[0], 0x017F);
    assert_int_equal(found[1], 0x212A);
}

/* ---- equivalence ---- */

static uint64_t rng = 0x9E3779B97F4A7C15ull;   /* fixed seed: the same messages every run */
static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}
static size_t rndn(size_t n) { return n ? (size_t)(rnd() % n) : 0; }

static size_t utf8_put(unsigned c, char *o)
{
    if (c < 0x80) { o[0] = (char)c; return 1; }
    if (c < 0x800) { o[0] = (char)(0xC0 | c >> 6); o[1] = (char)(0x80 | (c & 63)); return 2; }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | c >> 12); o[1] = (char)(0x80 | (c >> 6 & 63)); o[2] = (char)(0x80 | (c & 63));
        return 3;
    }
    o[0] = (char)(0xF0 | c >> 18); o[1] = (char)(0x80 | (c >> 12 & 63));
    o[2] = (char)(0x80 | (c >> 6 & 63)); o[3] = (char)(0x80 | (c & 63));
    return 4;
}

/* A character boundary at or before i. */
static size_t boundary(const lia_buf *b, size_t i)
{
    const char *s = lia_buf_str(b);
    while (i > 0 && i < b->len && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static void splice(lia_buf *b, size_t at, size_t del, const char *ins, size_t n)
{
    lia_buf t = LIA_BUF_INIT;
    lia_buf_add(&t, lia_buf_str(b), at);
    lia_buf_add(&t, ins, n);
    lia_buf_add(&t, lia_buf_str(b) + at + del, b->len - at - del);
    lia_buf_reset(b);
    lia_buf_add(b, lia_buf_str(&t), t.len);
    lia_buf_free(&t);
}

static const char *const inserts[] = {
    "é", "É", "è", "à", "ç", "ô", "\xE2\x84\xAA", "\xC5\xBF", "K", "s", " ", "'", "’", "€", "\t", "\n",
    "compte", "account", "deadlock", "http", "time", "erreur SQL 1205", "violation of ",
};

/* One random change that keeps the text valid UTF-8. */
static void mutate(lia_buf *b, char *const *samples, size_t ns)
{
    char tmp[8];
    switch (rndn(9)) {
    case 0: /* case changes */
        for (size_t i = 0; i < b->len; i++) {
            unsigned char ch = (unsigned char)b->data[i];
            if (((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') && rndn(3) == 0)
                b->data[i] = (char)(ch ^ 0x20);
        }
        break;
    case 1: { /* a character or word inserted */
        const char *s = inserts[rndn(sizeof inserts / sizeof *inserts)];
        splice(b, boundary(b, rndn(b->len + 1)), 0, s, strlen(s));
        break;
    }
    case 2: { /* a random character of any plane */
        unsigned c;
        do
            c = (unsigned)(rndn(4) == 0 ? 0x20 + rndn(0x60) : 0x80 + rndn(0x10FF80));
        while (c >= 0xD800 && c < 0xE000);
        splice(b, boundary(b, rndn(b->len + 1)), 0, tmp, utf8_put(c, tmp));
        break;
    }
    case 3: { /* characters removed */
        if (!b->len)
            break;
        size_t at = boundary(b, rndn(b->len)), end = at;
        for (size_t k = 1 + rndn(4); k > 0 && end < b->len; k--)
            do
                end++;
            while (end < b->len && ((unsigned char)b->data[end] & 0xC0) == 0x80);
        splice(b, at, end - at, "", 0);
        break;
    }
    case 4: /* k and s as the characters caseless matching equates with them */
        for (size_t i = 0; i < b->len; i++) {
            char ch = (char)(b->data[i] | 0x20);
            if ((ch == 'k' || ch == 's') && rndn(2) == 0) {
                const char *r = ch == 'k' ? "\xE2\x84\xAA" : "\xC5\xBF";
                splice(b, i, 1, r, strlen(r));
                i += strlen(r) - 1;
            }
        }
        break;
    case 5: { /* accents added or dropped */
        static const char *const pairs[][2] = {{"e", "é"}, {"a", "à"}, {"é", "e"}, {"è", "e"}, {"o", "ô"}, {"c", "ç"}};
        size_t k = rndn(6);
        const char *from = pairs[k][0], *to = pairs[k][1];
        char *p = strstr(b->data ? b->data : "", from);
        if (p)
            splice(b, (size_t)(p - b->data), strlen(from), to, strlen(to));
        break;
    }
    case 6: { /* cut to a prefix or a suffix */
        size_t at = boundary(b, rndn(b->len + 1));
        if (rndn(2))
            splice(b, at, b->len - at, "", 0);
        else
            splice(b, 0, at, "", 0);
        break;
    }
    case 7: { /* another sample after or before */
        const char *o = samples[rndn(ns)];
        splice(b, rndn(2) ? b->len : 0, 0, o, strlen(o));
        break;
    }
    default: { /* long: noise around it, past any buffer size */
        size_t want = 3000 + rndn(6000);
        lia_buf noise = LIA_BUF_INIT;
        while (noise.len < want) {
            unsigned c = rndn(3) ? (unsigned)(0x20 + rndn(0x5F)) : (unsigned)(0xA0 + rndn(0x2000));
            lia_buf_add(&noise, tmp, utf8_put(c, tmp));
        }
        splice(b, rndn(2) ? 0 : b->len, 0, lia_buf_str(&noise), noise.len);
        lia_buf_free(&noise);
        break;
    }
    }
}

static size_t load_samples(const char *path, char ***out)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char *line = NULL;
    size_t cap = 0, n = 0, vcap = 0;
    char **v = NULL;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        char *tab = strchr(line, '\t');
        if (len == 0 || line[0] == '#' || !tab)
            continue;
        if (n == vcap) {
            vcap = vcap ? vcap * 2 : 64;
            v = realloc(v, vcap * sizeof *v);
            assert_non_null(v);
        }
        v[n++] = strdup(tab + 1);
    }
    free(line);
    fclose(f);
    *out = v;
    return n;
}

/* Classifies msg both ways from an exact-size copy (ASan sees any read
 * past it); returns 1 when a rule matched. */
static int agree(const lia_an_catalog *c, pcre2_match_data *md, const char *msg, size_t len)
{
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, msg, len);
    assert_true(an_utf8_valid((const unsigned char *)copy, len));
    const an_rule *pf = an_catalog_match(c, md, copy, len);
    const an_rule *seq = an_catalog_match_seq(c, md, copy, len);
    if (pf != seq)
        fail_msg("prefilter %s, sequential %s: [%.*s]", pf ? pf->code : "-", seq ? seq->code : "-",
                 (int)(len > 300 ? 300 : len), msg);
    free(copy);
    return seq != NULL;
}

static void equivalence(const lia_an_catalog *c, const char *tests, int per_sample, size_t *checked,
                        size_t *matched)
{
    char **s = NULL;
    size_t ns = load_samples(tests, &s);
    assert_true(ns > 0);
    pcre2_match_data *md = pcre2_match_data_create(8, NULL);
    lia_buf b = LIA_BUF_INIT;
    *checked = *matched = 0;
    *matched += (size_t)agree(c, md, "", 0);
    (*checked)++;
    for (size_t i = 0; i < ns; i++) {
        *matched += (size_t)agree(c, md, s[i], strlen(s[i]));
        (*checked)++;
        for (int m = 0; m < per_sample; m++) {
            lia_buf_reset(&b);
            lia_buf_adds(&b, s[i]);
            for (size_t k = 1 + rndn(3); k > 0; k--)
                mutate(&b, s, ns);
            *matched += (size_t)agree(c, md, lia_buf_str(&b), b.len);
            (*checked)++;
        }
    }
    /* Random text alone, short and long. */
    for (int m = 0; m < 200; m++) {
        lia_buf_reset(&b);
        size_t want = m < 150 ? rndn(40) : 5000 + rndn(5000);
        char tmp[8];
        while (b.len < want) {
            unsigned c2 = (unsigned)(rndn(2) ? 0x20 + rndn(0x5F) : 0x80 + rndn(0x10FF80));
            if (c2 >= 0xD800 && c2 < 0xE000)
                continue;
            lia_buf_add(&b, tmp, utf8_put(c2, tmp));
        }
        *matched += (size_t)agree(c, md, lia_buf_str(&b), b.len);
        (*checked)++;
    }
    lia_buf_free(&b);
    pcre2_match_data_free(md);
    for (size_t i = 0; i < ns; i++)
        free(s[i]);
    free(s);
}

static void test_catalogue_equivalence(void **state)
{
    (void)state;
    lia_an_catalog *c = t_catalog();
    assert_non_null(c);
    assert_non_null(c->pf);
    /* Not vacuous: most rules are filtered (all 61 when written). */
    size_t with_re = 0;
    for (size_t i = 0; i < c->n; i++)
        with_re += c->v[i].re != NULL;
    assert_true(an_pf_filterable(c->pf) * 10 >= with_re * 9);
    char path[4096];
    snprintf(path, sizeof path, "%s/analyzer/rules/catalogue.tests", src_dir);
    size_t checked, matched;
    equivalence(c, path, 20, &checked, &matched);
    print_message("catalogue: %zu messages, %zu classified\n", checked, matched);
    assert_true(checked > 2500);
    assert_true(matched > checked / 4 && matched < checked - checked / 10);
    lia_an_catalog_free(c);
}

static void test_unfilterable_stay_candidates(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/analyzer/prefilter/extra.rules", src_dir);
    lia_an_catalog *c = NULL;
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_an_catalog_load(path, &c, &err), LIA_OK);
    assert_non_null(c->pf);
    size_t always = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (!c->v[i].re)
            continue;
        int x = strncmp(c->v[i].code, "X-", 2) == 0 && strcmp(c->v[i].code, "X-KELVIN") != 0
             && strcmp(c->v[i].code, "X-LONGS") != 0 && strcmp(c->v[i].code, "X-GENERAL") != 0;
        assert_int_equal(an_pf_always(c->pf, i), x);
        always += (size_t)x;
    }
    assert_int_equal(always, 9);
    assert_int_equal(an_pf_filterable(c->pf), 3);
    snprintf(path, sizeof path, "%s/tests/analyzer/prefilter/extra.tests", src_dir);
    size_t checked, matched;
    equivalence(c, path, 40, &checked, &matched);
    assert_true(checked > 900 && matched > checked / 2);
    lia_an_catalog_free(c);
}

static void test_variable_turns_it_off(void **state)
{
    (void)state;
    setenv("LIAISON_AN_PREFILTER", "0", 1);
    lia_an_catalog *c = t_catalog();
    unsetenv("LIAISON_AN_PREFILTER");
    assert_non_null(c);
    assert_null(c->pf);
    pcre2_match_data *md = pcre2_match_data_create(8, NULL);
    const char *m = "Lock request time out period exceeded.";
    const an_rule *r = an_catalog_match(c, md, m, strlen(m));
    assert_non_null(r);
    assert_string_equal(r->code, "SQL-1222");
    pcre2_match_data_free(md);
    lia_an_catalog_free(c);
    c = t_catalog();
    assert_non_null(c);
    assert_non_null(c->pf);
    lia_an_catalog_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literal_sets),
        cmocka_unit_test(test_only_two_characters_fold_to_ascii),
        cmocka_unit_test(test_catalogue_equivalence),
        cmocka_unit_test(test_unfilterable_stay_candidates),
        cmocka_unit_test(test_variable_turns_it_off),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
