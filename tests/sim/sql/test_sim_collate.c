/* French_CI_AS collation, its case-sensitive variant and T-SQL LIKE. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "engine.h"

static int ci(const char *a, const char *b) { return collate_french_ci(a, (int)strlen(a), b, (int)strlen(b)); }
static int cs(const char *a, const char *b) { return collate_cs(a, (int)strlen(a), b, (int)strlen(b)); }
static int like(const char *s, const char *p) { return tsql_like(p, (int)strlen(p), s, (int)strlen(s), -1, 1); }

static void case_insensitive(void **st)
{
    (void)st;
    assert_int_equal(ci("abc", "ABC"), 0);
    assert_int_equal(ci("Élève", "élève"), 0);
    assert_true(ci("abc", "abd") < 0);
    assert_true(ci("B", "a") > 0);
}

static void accent_sensitive(void **st)
{
    (void)st;
    assert_true(ci("e", "é") != 0);
    assert_true(ci("élan", "elan") != 0);
    /* accents sort right after the base letter: e < é < f */
    assert_true(ci("e", "é") < 0);
    assert_true(ci("é", "f") < 0);
    assert_true(ci("cote", "côte") < 0);
    assert_true(ci("côte", "coter") < 0);
}

static void trailing_spaces_ignored(void **st)
{
    (void)st;
    assert_int_equal(ci("abc", "abc   "), 0);
    assert_true(ci(" abc", "abc") != 0);
    assert_int_equal(cs("abc  ", "abc"), 0);
}

static void ligatures_and_cedilla(void **st)
{
    (void)st;
    assert_int_equal(ci("cœur", "coeur"), 0);
    assert_true(ci("ç", "c") != 0);
    assert_true(ci("ça", "cb") < 0);
}

static void case_sensitive_variant(void **st)
{
    (void)st;
    assert_true(cs("abc", "ABC") != 0);
    assert_true(cs("abc", "ABC") < 0); /* lower case first */
    assert_int_equal(cs("Été", "Été"), 0);
    assert_true(cs("a", "B") < 0);
}

static void like_patterns(void **st)
{
    (void)st;
    assert_true(like("Bijouterie", "bij%"));
    assert_true(like("Bijouterie", "%TERIE"));
    assert_false(like("Bijouterie", "bij"));
    assert_true(like("C001", "C[0-9][0-9][0-9]"));
    assert_false(like("CA01", "C[0-9][0-9][0-9]"));
    assert_true(like("CA01", "C[^0-9]%"));
    assert_true(like("a_b", "a[_]b"));
    assert_true(like("axb", "a_b"));
    assert_true(like("Élodie", "élo%"));
    assert_false(like("Elodie", "élo%"));
    assert_true(tsql_like("10!%", 4, "10%", 3, '!', 1));
    assert_false(tsql_like("10!%", 4, "105", 3, '!', 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(case_insensitive),    cmocka_unit_test(accent_sensitive),
        cmocka_unit_test(trailing_spaces_ignored), cmocka_unit_test(ligatures_and_cedilla),
        cmocka_unit_test(case_sensitive_variant), cmocka_unit_test(like_patterns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
