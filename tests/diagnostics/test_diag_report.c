/* Report writers over hand-made results: every format against a golden file
 * (tests/diagnostics/expected/, regenerate with LIA_UPDATE_GOLDEN=1), plus
 * the properties that matter: key limit, CSV BOM and separator, colour only
 * when asked, escaping, skipped checks never dropped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liaison/diag.h"

static lia_diag_catalog cat;

static int setup(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/diagnostics/catalog.ini", getenv("LIA_SOURCE_DIR"));
    lia_error err;
    lia_error_clear(&err);
    return lia_diag_catalog_load(path, &cat, &err) == LIA_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    lia_diag_catalog_free(&cat);
    return 0;
}

/* A report: D001 found 3, D010 found 2 with values (one with HTML/CSV
 * specials), D081 skipped, D082 failed, D004 clean (fixed), D002 clean. */
static void make_report(lia_diag_report *r)
{
    memset(r, 0, sizeof *r);
    snprintf(r->server, sizeof r->server, "127.0.0.1:1433");
    snprintf(r->database, sizeof r->database, "BIJOU");
    snprintf(r->started, sizeof r->started, "2026-03-04 10:15:00");
    r->elapsed_ms = 1234;
    const char *ids[] = {"D001", "D002", "D004", "D010", "D081", "D082"};
    r->n = 6;
    r->results = calloc(r->n, sizeof *r->results);
    for (size_t i = 0; i < r->n; i++) {
        r->results[i].check = lia_diag_catalog_find(&cat, ids[i]);
        assert_non_null(r->results[i].check);
    }
    lia_diag_result *d001 = &r->results[0], *d010 = &r->results[3];
    d001->status = LIA_DIAG_FOUND;
    lia_diag_result_add(d001, "CLI001", NULL, 0);
    lia_diag_result_add(d001, "CLI002", NULL, 0);
    lia_diag_result_add(d001, "CLI003", NULL, 0);
    d010->status = LIA_DIAG_FOUND;
    lia_diag_result_add(d010, "CARAT/1", "Siège <Paris>", 0);
    lia_diag_result_add(d010, "CARAT/2", "siège; \"Paris\"", 0);
    r->results[4].status = LIA_DIAG_SKIPPED;
    lia_diag_result_set_reason(&r->results[4], "permission refusée 'msdb.dbo.backupset'");
    r->results[5].status = LIA_DIAG_FAILED;
    lia_diag_result_set_reason(&r->results[5], "délai dépassé (30 s)");
    r->results[2].status = LIA_DIAG_CLEAN;
    r->results[2].hist = LIA_DIAG_H_FIXED;
    r->results[2].prev_count = 4;
    d001->hist = LIA_DIAG_H_NEW;
    d010->hist = LIA_DIAG_H_KNOWN;
    d010->prev_count = 2;
    r->history = 1;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    size_t got = fread(s, 1, (size_t)n, f);
    s[got] = '\0';
    fclose(f);
    return s;
}

static void golden(const char *name, const char *got)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/diagnostics/expected/%s", getenv("LIA_SOURCE_DIR"), name);
    if (getenv("LIA_UPDATE_GOLDEN")) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fputs(got, f);
        fclose(f);
    }
    char *want = slurp(path);
    assert_non_null(want);
    if (strcmp(want, got) != 0)
        fprintf(stderr, "golden %s differs; got:\n%s\n", name, got);
    assert_string_equal(want, got);
    free(want);
}

static void write_fmt(lia_diag_format f, const lia_diag_write_opts *o, lia_buf *b)
{
    lia_diag_report r;
    make_report(&r);
    assert_int_equal(lia_diag_report_write(&r, f, o, b), 0);
    lia_diag_report_free(&r);
}

static void test_golden_all(void **state)
{
    (void)state;
    static const struct {
        lia_diag_format f;
        const char *name;
        lia_lang lang;
    } cases[] = {
        {LIA_DIAG_TEXT, "report.fr.txt", LIA_LANG_FR}, {LIA_DIAG_TEXT, "report.en.txt", LIA_LANG_EN},
        {LIA_DIAG_JSON, "report.json", LIA_LANG_FR},   {LIA_DIAG_CSV, "report.csv", LIA_LANG_FR},
        {LIA_DIAG_MARKDOWN, "report.md", LIA_LANG_FR}, {LIA_DIAG_HTML, "report.html", LIA_LANG_EN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lia_set_lang(cases[i].lang);
        lia_buf b = LIA_BUF_INIT;
        lia_diag_write_opts o = {0, 0, 0, ';'};
        write_fmt(cases[i].f, &o, &b);
        golden(cases[i].name, lia_buf_str(&b));
        lia_buf_free(&b);
    }
    lia_set_lang(LIA_LANG_FR);
}

static void test_max_keys(void **state)
{
    (void)state;
    lia_buf b = LIA_BUF_INIT;
    lia_diag_write_opts o = {1, 0, 0, ';'};
    write_fmt(LIA_DIAG_JSON, &o, &b);
    assert_non_null(strstr(lia_buf_str(&b), "\"count\": 3, \"keys\": [\"CLI001\"]"));
    lia_buf_reset(&b);
    write_fmt(LIA_DIAG_TEXT, &o, &b);
    assert_non_null(strstr(lia_buf_str(&b), "CLI001 … (+2)"));
    assert_null(strstr(lia_buf_str(&b), "CLI002"));
    lia_buf_free(&b);
}

static void test_csv_bom_sep(void **state)
{
    (void)state;
    lia_buf b = LIA_BUF_INIT;
    lia_diag_write_opts o = {0, 0, 1, ';'};
    write_fmt(LIA_DIAG_CSV, &o, &b);
    const char *s = lia_buf_str(&b);
    assert_memory_equal(s, "\xEF\xBB\xBF" "check;priority;group;", 24);
    /* A value with the separator and quotes is quoted, quotes doubled. */
    assert_non_null(strstr(s, "\"\"Paris\"\""));
    lia_buf_free(&b);
}

static void test_color_only_when_asked(void **state)
{
    (void)state;
    lia_buf b = LIA_BUF_INIT;
    lia_diag_write_opts o = {0, 0, 0, ';'};
    write_fmt(LIA_DIAG_TEXT, &o, &b);
    assert_null(strchr(lia_buf_str(&b), '\033'));
    lia_buf_reset(&b);
    o.color = 1;
    write_fmt(LIA_DIAG_TEXT, &o, &b);
    assert_non_null(strstr(lia_buf_str(&b), "\033[1;31m"));
    lia_buf_free(&b);
}

static void test_html_escaped_and_complete(void **state)
{
    (void)state;
    lia_buf b = LIA_BUF_INIT;
    write_fmt(LIA_DIAG_HTML, NULL, &b);
    const char *s = lia_buf_str(&b);
    assert_null(strstr(s, "<Paris>"));
    assert_non_null(strstr(s, "&lt;Paris&gt;"));
    assert_non_null(strstr(s, "D081"));   /* skipped, still listed */
    assert_non_null(strstr(s, "D082"));   /* failed, still listed */
    assert_null(strstr(s, "<script"));
    assert_null(strstr(s, "http"));       /* self-contained: no external resource */
    lia_buf_free(&b);
}

static void test_counts(void **state)
{
    (void)state;
    lia_diag_report r;
    make_report(&r);
    size_t f, s, x, c;
    lia_diag_report_counts(&r, &f, &s, &x, &c);
    assert_int_equal(f, 2);
    assert_int_equal(s, 1);
    assert_int_equal(x, 1);
    assert_int_equal(c, 2);
    lia_diag_report_free(&r);
}

/* An empty account number (D003) or a padded one must stay visible in text. */
static void test_blank_keys_quoted(void **state)
{
    (void)state;
    lia_diag_report r;
    memset(&r, 0, sizeof r);
    snprintf(r.database, sizeof r.database, "BIJOU");
    r.n = 1;
    r.results = calloc(1, sizeof *r.results);
    r.results[0].check = lia_diag_catalog_find(&cat, "D003");
    assert_non_null(r.results[0].check);
    r.results[0].status = LIA_DIAG_FOUND;
    lia_diag_result_add(&r.results[0], "", NULL, 0);
    lia_diag_result_add(&r.results[0], " CL9", NULL, 0);
    lia_diag_result_add(&r.results[0], "CL8", NULL, 0);
    lia_buf b = LIA_BUF_INIT;
    lia_diag_write_opts o = {0, 0, 0, ';'};
    assert_int_equal(lia_diag_report_write(&r, LIA_DIAG_TEXT, &o, &b), 0);
    assert_non_null(strstr(lia_buf_str(&b), "'', ' CL9', CL8"));
    lia_buf_free(&b);
    lia_diag_report_free(&r);
}

static void test_key_cap(void **state)
{
    (void)state;
    lia_diag_result r;
    memset(&r, 0, sizeof r);
    for (int i = 0; i < 100; i++) {
        char k[16];
        snprintf(k, sizeof k, "K%d", i);
        assert_int_equal(lia_diag_result_add(&r, k, NULL, 10), 0);
    }
    assert_int_equal(r.count, 100);
    assert_int_equal(r.nkeys, 10);
    lia_diag_result_clear(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_all),
        cmocka_unit_test(test_max_keys),
        cmocka_unit_test(test_csv_bom_sep),
        cmocka_unit_test(test_color_only_when_asked),
        cmocka_unit_test(test_html_escaped_and_complete),
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_key_cap),
        cmocka_unit_test(test_blank_keys_quoted),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
