/* Every code of the library's error table (liaison/error_codes.h) is known to
 * the analyzer: a journal line carrying it is classified, with the table's
 * message as title and the severity of its exit class. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "an_test_util.h"
#include <stdio.h>
#include <unistd.h>

/* Expected severity of an exit class, written here independently of
 * an_libcodes.c so that a change of either shows. */
static int class_severity(int exit_code)
{
    switch (exit_code) {
    case LIA_EXIT_OK: return LIA_AN_INFO;
    case LIA_EXIT_FINDINGS: return LIA_AN_WARNING;
    case LIA_EXIT_CONNECT: case LIA_EXIT_BUSY: return LIA_AN_TRANSIENT;
    case LIA_EXIT_AUTH: case LIA_EXIT_INTERNAL: return LIA_AN_FATAL;
    default: return LIA_AN_ERROR;
    }
}

static int setup(void **state)
{
    lia_set_lang(LIA_LANG_FR);
    *state = t_catalog();
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    lia_an_catalog_free(*state);
    lia_set_lang(LIA_LANG_FR);
    return 0;
}

static void test_every_code_has_a_rule(void **state)
{
    const lia_an_catalog *c = *state;
    assert_int_equal(an_libcode_count(), LIA_CODE__COUNT);
    for (int i = 0; i < LIA_CODE__COUNT; i++) {
        const char *name = lia_code_name((lia_code)i);
        const an_rule *r = an_catalog_code(c, name);
        if (!r)
            fail_msg("%s: no rule", name);
        assert_true(r->severity >= 0 && r->severity < LIA_AN_SEV_COUNT);
        assert_true(r->fix_fr && r->fix_fr[0] && r->fix_en && r->fix_en[0]);
        assert_true(r->cause_fr && r->cause_fr[0] && r->cause_en && r->cause_en[0]);
        assert_true(r->library);
        lia_set_lang(LIA_LANG_FR);
        assert_string_equal(r->title_fr, lia_code_message((lia_code)i));
        lia_set_lang(LIA_LANG_EN);
        assert_string_equal(r->title_en, lia_code_message((lia_code)i));
        lia_set_lang(LIA_LANG_FR);
        /* code-only: a library rule never captures a line by its text */
        assert_null(r->re);
    }
}

static void test_severity_follows_exit_class(void **state)
{
    const lia_an_catalog *c = *state;
    for (int i = 0; i < LIA_CODE__COUNT; i++) {
        const char *name = lia_code_name((lia_code)i);
        int want = class_severity(lia_code_exit((lia_code)i)), sev;
        for (size_t k = 0; an_libcode_override(k, &sev); k++)
            if (strcmp(an_libcode_override(k, &sev), name) == 0)
                want = sev;
        if (an_catalog_code(c, name)->severity != want)
            fail_msg("%s: severity %s, want %s", name, an_sev_id(an_catalog_code(c, name)->severity), an_sev_id(want));
    }
    /* every override names a code of the table (a renamed code would leave it dead) */
    int sev;
    for (size_t k = 0; an_libcode_override(k, &sev); k++) {
        int found = 0;
        for (int i = 0; i < LIA_CODE__COUNT; i++)
            found |= strcmp(lia_code_name((lia_code)i), an_libcode_override(k, &sev)) == 0;
        assert_true(found);
    }
    /* the anchors of the design (docs/analyzer.md) */
    assert_int_equal(an_catalog_code(c, "LIA_E_CONNECT")->severity, LIA_AN_TRANSIENT);
    assert_int_equal(an_catalog_code(c, "LIA_E_TIMEOUT")->severity, LIA_AN_TRANSIENT);
    assert_int_equal(an_catalog_code(c, "LIA_E_LOGIN")->severity, LIA_AN_FATAL);
    assert_int_equal(an_catalog_code(c, "LIA_E_CONFIG")->severity, LIA_AN_ERROR);
    assert_int_equal(an_catalog_code(c, "LIA_E_SCHEMA_VERSION")->severity, LIA_AN_ERROR);
    assert_int_equal(an_catalog_code(c, "LIA_E_PERMISSION")->severity, LIA_AN_ERROR);
    assert_int_equal(an_catalog_code(c, "LIA_E_DEADLOCK")->severity, LIA_AN_TRANSIENT);
    assert_int_equal(an_catalog_code(c, "LIA_E_TLS")->severity, LIA_AN_ERROR);
    assert_int_equal(an_catalog_code(c, "LIA_E_DRIFT")->severity, LIA_AN_WARNING);
}

/* A journal with one failed line per code, as `liaison replicate` writes
 * them: every line is classified, none is unknown. */
static void test_journal_lines_classified(void **state)
{
    const lia_an_catalog *c = *state;
    lia_buf j = LIA_BUF_INIT;
    lia_buf_adds(&j, "2026-03-01T08:00:00.000+01:00\tINFO\tR1\t1\t-\tRUN\tSTART\t-\t-\t-\tEN_COURS\treplicate\n");
    for (int i = 0; i < LIA_CODE__COUNT; i++)
        lia_buf_printf(&j, "2026-03-01T08:00:01.000+01:00\tERROR\tR1\t%d\tERP>CRM\tRUN\t-\t-\t-\t%s\tECHEC\t%s '127.0.0.1:1433'\n",
                       i + 2, lia_code_name((lia_code)i), lia_code_message((lia_code)i));
    lia_buf_adds(&j, "2026-03-01T08:00:02.000+01:00\tINFO\tR1\t99\t-\tRUN\tEND\t-\t-\t-\tECHEC\téchec\n");
    assert_false(j.oom);
    lia_an_formats *f = t_formats();
    assert_non_null(f);
    lia_an_analysis *a = NULL;
    lia_error err;
    lia_an_options opt = {0};
    assert_int_equal(lia_an_analysis_new(c, f, &opt, &a, &err), LIA_OK);
    lia_an_analysis_buffer(a, "replicate.log", lia_buf_str(&j), j.len);
    lia_an_analysis_finish(a);
    assert_int_equal(a->unknown, 0);
    assert_int_equal(a->classified, LIA_CODE__COUNT);
    size_t n;
    an_count **v = an_sorted_counts(&a->by_code, &n);
    assert_int_equal(n, LIA_CODE__COUNT);
    for (size_t i = 0; i < n; i++) {
        assert_non_null(v[i]->rule);
        assert_string_equal(v[i]->rule->code, v[i]->name);
    }
    free(v);
    assert_int_equal(lia_an_analysis_exit(a), LIA_EXIT_FAILED);
    lia_an_analysis_free(a);
    lia_an_formats_free(f);
    lia_buf_free(&j);
}

/* A stanza of the rules file for a table code replaces the generated rule;
 * the other codes are still added. */
static void test_file_stanza_wins(void **state)
{
    (void)state;
    char path[] = "/tmp/test_an_libcodes_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    assert_non_null(fp);
    fputs("[LIA_E_LOGIN]\nseverity = warning\ntitle.fr = t\ntitle.en = t\ncause.fr = c\ncause.en = c\n"
          "fix.fr = f\nfix.en = f\npattern = mot de passe refusé\n", fp);
    fclose(fp);
    lia_an_catalog *c = NULL;
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_an_catalog_load(path, &c, &err), LIA_OK);
    unlink(path);
    assert_int_equal(lia_an_catalog_count(c), LIA_CODE__COUNT);
    const an_rule *r = an_catalog_code(c, "LIA_E_LOGIN");
    assert_non_null(r);
    assert_false(r->library);
    assert_int_equal(r->severity, LIA_AN_WARNING);
    assert_true(an_catalog_code(c, "LIA_E_CONNECT")->library);
    lia_an_catalog_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_code_has_a_rule),
        cmocka_unit_test(test_severity_follows_exit_class),
        cmocka_unit_test(test_journal_lines_classified),
        cmocka_unit_test(test_file_stanza_wins),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
