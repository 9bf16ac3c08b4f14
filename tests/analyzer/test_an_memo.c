/* The classification memo (analyzer/an_memo.c) gives what the catalogue
 * gives: the shipped catalogue's sample messages and mutations of them, in
 * a random order with repeats (so texts meet in the same slot of the table
 * and are seen again), classified through the memo and directly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "an_mutate.h"

static void test_memo_same(void **state)
{
    (void)state;
    lia_an_catalog *c = t_catalog();
    lia_an_formats *f = t_formats();
    assert_non_null(c);
    assert_non_null(f);
    const char *src = getenv("LIA_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/analyzer/rules/catalogue.tests", src ? src : ".");
    size_t len = 0;
    char *tests = slurp(path, &len);
    assert_non_null(tests);
    /* the messages: the text after the tab of each sample line */
    char *msgs[1024];
    size_t n = 0;
    for (char *line = strtok(tests, "\n"); line && n < 1024; line = strtok(NULL, "\n")) {
        char *tab = strchr(line, '\t');
        if (line[0] != '#' && tab)
            msgs[n++] = tab + 1;
    }
    assert_true(n > 100);
    lia_an_options opt = {0};
    lia_an_analysis *a = NULL;
    lia_error err;
    assert_int_equal(lia_an_analysis_new(c, f, &opt, &a, &err), LIA_OK);
    pcre2_match_data *md = pcre2_match_data_create(16, NULL);
    uint8_t buf[256];
    long matched = 0;
    for (int i = 0; i < 20000; i++) {
        const char *m = msgs[next() % n];
        size_t ml = strlen(m);
        if (ml > 200)
            ml = 200;
        memcpy(buf, m, ml);
        if (next() % 3 == 0)   /* a third mutated, so texts differ by a byte or two */
            ml = mutate(buf, ml, sizeof buf);
        const an_rule *want = an_catalog_match(c, md, (const char *)buf, ml);
        const an_rule *got = an_memo_match(a, (const char *)buf, ml);
        if (want != got)
            fail_msg("memo gives %s, catalogue %s: %.*s", got ? got->code : "-", want ? want->code : "-", (int)ml,
                     (const char *)buf);
        matched += want != NULL;
    }
    /* and it was used: most texts were seen before */
    printf("memo: %ld of 20000 texts matched a rule, %llu answered from the table\n", matched,
           (unsigned long long)a->memo_hits);
    assert_true(a->memo_hits > 5000);
    assert_true(matched > 1000);
    pcre2_match_data_free(md);
    lia_an_analysis_free(a);
    free(tests);
    lia_an_catalog_free(c);
    lia_an_formats_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_memo_same)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
