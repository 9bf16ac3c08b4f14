/* The catalogue file: the real one loads with every contract id, SQL files
 * exist and are read-only SELECTs; malformed catalogues fail with file:line;
 * skip lists and the history file behave. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "liaison/diag.h"

static const char *src(void) { return getenv("LIA_SOURCE_DIR"); }

static void load_real(lia_diag_catalog *cat)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/diagnostics/catalog.ini", src());
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_diag_catalog_load(path, cat, &err), LIA_OK);
}

/* The ids of the shared contract (project notes, contracts-diag). */
static const char *const contract_ids[] = {
    "D001", "D002", "D003", "D004", "D005", "D006", "D007", "D008", "D010", "D011", "D012",
    "D013", "D020", "D021", "D022", "D023", "D030", "D031", "D032", "D033", "D034", "D035",
    "D036", "D037", "D038", "D039", "D040", "D041", "D042", "D043", "D044", "D050", "D051",
    "D052", "D053", "D060", "D061", "D062", "D063", "D070", "D080", "D081", "D082"};

static void test_real_catalog(void **state)
{
    (void)state;
    lia_diag_catalog cat;
    load_real(&cat);
    assert_true(cat.n >= 30);
    assert_int_equal(cat.n, sizeof contract_ids / sizeof contract_ids[0]);
    for (size_t i = 0; i < cat.n; i++) {
        const lia_diag_check *c = lia_diag_catalog_find(&cat, contract_ids[i]);
        assert_non_null(c);
        assert_true(c->priority == 1 || c->priority == 10 || c->priority == 50 ||
                    c->priority == 100 || c->priority == 250);
        const char *files[2] = {c->sql, c->sql_each};
        for (int k = 0; k < 2; k++) {
            if (!files[k])
                continue;
            char path[1024];
            snprintf(path, sizeof path, "%s/sql/%s", src(), files[k]);
            FILE *f = fopen(path, "r");
            if (!f)
                fail_msg("%s: missing %s", c->id, path);
            char buf[8192];
            size_t n = fread(buf, 1, sizeof buf - 1, f);
            buf[n] = '\0';
            fclose(f);
            /* Read-only: no statement that writes (words in comments aside). */
            for (char *p = buf; *p; p++)
                *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
            const char *bad[] = {"INSERT ", "UPDATE ", "DELETE ", "MERGE ", "DROP ", "ALTER ",
                                 "CREATE ", "EXEC", "TRUNCATE ", "GRANT ", "INTO "};
            for (size_t b = 0; b < sizeof bad / sizeof bad[0]; b++)
                if (strstr(buf, bad[b]))
                    fail_msg("%s: %s contains %s", c->id, files[k], bad[b]);
            assert_non_null(strstr(buf, "SELECT"));
            assert_non_null(strstr(buf, "FINDING_KEY"));
        }
    }
    lia_diag_catalog_free(&cat);
}

static char *tmpfile_with(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/lia-diag-test-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void test_bad_catalogs(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *subject_end;
    } cases[] = {
        {"[D001]\npriority = 1\n", ":1"},                       /* missing keys */
        {"priority = 1\n", ":1"},                               /* key outside a section */
        {"[X1]\n", ":1"},                                       /* bad id */
        {"[D001]\npriority = zero\n", ":2"},                    /* bad priority */
        {"[D001]\nbogus = 1\n", ":2"},                          /* unknown key */
        {"", ""},                                               /* empty */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *p = tmpfile_with(cases[i].text);
        lia_diag_catalog cat;
        lia_error err;
        lia_error_clear(&err);
        assert_int_equal(lia_diag_catalog_load(p, &cat, &err), LIA_E_DIAG_CATALOG);
        assert_int_equal(lia_code_exit(err.code), 3);
        assert_non_null(strstr(err.subject, p));
        size_t ls = strlen(err.subject), le = strlen(cases[i].subject_end);
        assert_true(ls >= le && strcmp(err.subject + ls - le, cases[i].subject_end) == 0);
        assert_null(cat.checks);
        unlink(p);
    }
    lia_diag_catalog cat;
    lia_error err;
    assert_int_equal(lia_diag_catalog_load("/nonexistent/catalog.ini", &cat, &err), LIA_E_IO);
}

static void test_skiplist(void **state)
{
    (void)state;
    lia_diag_catalog cat;
    load_real(&cat);
    char *p = tmpfile_with("# site decisions\nD081\nd043 BIJOU   # duplicates are known\n\n");
    lia_diag_skiplist s;
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_diag_skip_load(p, &cat, &s, &err), LIA_OK);
    assert_true(lia_diag_skip_match(&s, "D081", "ANY"));
    assert_true(lia_diag_skip_match(&s, "D043", "bijou"));
    assert_false(lia_diag_skip_match(&s, "D043", "OTHER"));
    assert_false(lia_diag_skip_match(&s, "D001", "BIJOU"));
    lia_diag_skip_free(&s);
    unlink(p);
    p = tmpfile_with("D999\n");
    assert_int_equal(lia_diag_skip_load(p, &cat, &s, &err), LIA_E_DIAG_UNKNOWN_CHECK);
    assert_int_equal(lia_code_exit(err.code), 2);
    unlink(p);
    p = tmpfile_with("D001 BIJOU extra\n");
    assert_int_equal(lia_diag_skip_load(p, &cat, &s, &err), LIA_E_USAGE);
    unlink(p);
    lia_diag_catalog_free(&cat);
}

static void run_with(lia_diag_catalog *cat, lia_diag_report *r, const char *const *found_ids,
                     const char *const *keys, const char *const *clean_ids)
{
    memset(r, 0, sizeof *r);
    snprintf(r->database, sizeof r->database, "BIJOU");
    r->results = calloc(16, sizeof *r->results);
    for (size_t i = 0; found_ids[i]; i++) {
        lia_diag_result *res = &r->results[r->n++];
        res->check = lia_diag_catalog_find(cat, found_ids[i]);
        res->status = LIA_DIAG_FOUND;
        for (size_t k = 0; keys[k]; k++)
            lia_diag_result_add(res, keys[k], NULL, 0);
    }
    for (size_t i = 0; clean_ids[i]; i++) {
        lia_diag_result *res = &r->results[r->n++];
        res->check = lia_diag_catalog_find(cat, clean_ids[i]);
        res->status = LIA_DIAG_CLEAN;
    }
}

static void test_history(void **state)
{
    (void)state;
    lia_diag_catalog cat;
    load_real(&cat);
    char path[] = "/tmp/lia-diag-hist-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    unlink(path);   /* first run: no file yet */
    lia_error err;
    lia_error_clear(&err);
    lia_diag_report r;
    const char *const f1[] = {"D001", "D004", NULL}, *const k1[] = {"A\tB", "C", NULL},
                      *const c1[] = {"D002", NULL};
    run_with(&cat, &r, f1, k1, c1);
    assert_int_equal(lia_diag_history_apply(path, &r, &err), LIA_OK);
    assert_int_equal(r.results[0].hist, LIA_DIAG_H_NEW);
    assert_int_equal(lia_diag_history_save(path, &r, &err), LIA_OK);
    lia_diag_report_free(&r);
    /* Second run: D001 still there with one new key, D004 fixed, D002 new. */
    const char *const f2[] = {"D001", "D002", NULL}, *const k2[] = {"A\tB", "Z", NULL},
                      *const c2[] = {"D004", NULL};
    run_with(&cat, &r, f2, k2, c2);
    assert_int_equal(lia_diag_history_apply(path, &r, &err), LIA_OK);
    assert_int_equal(r.results[0].hist, LIA_DIAG_H_KNOWN);
    assert_int_equal(r.results[0].prev_count, 2);
    assert_int_equal(r.results[0].new_keys, 1);
    assert_int_equal(r.results[1].hist, LIA_DIAG_H_NEW);
    assert_int_equal(r.results[2].hist, LIA_DIAG_H_FIXED);
    assert_int_equal(r.results[2].prev_count, 2);
    assert_int_equal(lia_diag_history_save(path, &r, &err), LIA_OK);
    lia_diag_report_free(&r);
    /* Third run evaluates only D002 (skipped others): D001 stays known. */
    const char *const f3[] = {NULL}, *const k3[] = {NULL}, *const c3[] = {"D002", NULL};
    run_with(&cat, &r, f3, k3, c3);
    assert_int_equal(lia_diag_history_apply(path, &r, &err), LIA_OK);
    assert_int_equal(r.results[0].hist, LIA_DIAG_H_FIXED);
    assert_int_equal(lia_diag_history_save(path, &r, &err), LIA_OK);
    lia_diag_report_free(&r);
    const char *const f4[] = {"D001", NULL}, *const k4[] = {"A\tB", NULL}, *const c4[] = {NULL};
    run_with(&cat, &r, f4, k4, c4);
    assert_int_equal(lia_diag_history_apply(path, &r, &err), LIA_OK);
    assert_int_equal(r.results[0].hist, LIA_DIAG_H_KNOWN);
    assert_int_equal(r.results[0].new_keys, 0);
    lia_diag_report_free(&r);
    unlink(path);
    /* Not a history file: refused, not overwritten. */
    char *p = tmpfile_with("precious data\n");
    run_with(&cat, &r, f4, k4, c4);
    assert_int_equal(lia_diag_history_apply(p, &r, &err), LIA_E_IO);
    assert_int_equal(lia_diag_history_save(p, &r, &err), LIA_E_IO);
    lia_diag_report_free(&r);
    unlink(p);
    lia_diag_catalog_free(&cat);
}

static void test_sql_column(void **state)
{
    (void)state;
    char *s = lia_diag_sql_column("SELECT t.[__COLUMN__] FROM t WHERE t.[__COLUMN__] <> ''", "Secteur");
    assert_string_equal(s, "SELECT t.[Secteur] FROM t WHERE t.[Secteur] <> ''");
    free(s);
    /* A hostile field name stays one identifier. */
    s = lia_diag_sql_column("SELECT [__COLUMN__]", "x]; DROP TABLE F_COMPTET; --");
    assert_string_equal(s, "SELECT [x]]; DROP TABLE F_COMPTET; --]");
    free(s);
    s = lia_diag_sql_column("SELECT [__COLUMN__]", "Date création société");
    assert_string_equal(s, "SELECT [Date création société]");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_catalog),
        cmocka_unit_test(test_bad_catalogs),
        cmocka_unit_test(test_skiplist),
        cmocka_unit_test(test_history),
        cmocka_unit_test(test_sql_column),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
