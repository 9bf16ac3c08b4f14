/* Unknown-line templates: masking and Drain-style grouping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "an.h"
#include <stdio.h>
#include <string.h>

static void test_mask(void **state)
{
    (void)state;
    lia_buf b = LIA_BUF_INIT;
    const char *m = "Échec sur CLI0042 : valeur 'abc def' refusée par x@y.fr (12 ms) « guillemets »";
    an_drain_mask(m, strlen(m), &b);
    assert_string_equal(lia_buf_str(&b), "Échec sur <*> : valeur <*> refusée par <*> <*> ms) <*>");
    lia_buf_free(&b);
}

static void test_group(void **state)
{
    (void)state;
    an_drain *d = an_drain_new(3);
    char msg[128];
    for (int i = 0; i < 10; i++) {
        snprintf(msg, sizeof msg, "Widget %d failed on shard %d", i, i * 7);
        an_drain_add(d, msg, strlen(msg), LIA_AN_ERROR, "f:1");
    }
    /* same shape, one word differs: merged with that word masked */
    for (int i = 0; i < 4; i++) {
        snprintf(msg, sizeof msg, "Queue %s is full now", i % 2 ? "alpha" : "beta");
        an_drain_add(d, msg, strlen(msg), LIA_AN_WARNING, "f:2");
    }
    an_drain_add(d, "Totally different", 17, LIA_AN_ERROR, "f:3");
    an_drain_add(d, "Fourth kind of line here", 24, LIA_AN_ERROR, "f:4");   /* over the cap */
    an_template **t;
    size_t n = an_drain_list(d, &t);
    assert_int_equal(n, 3);
    assert_string_equal(t[0]->text, "Widget <*> failed on shard <*>");
    assert_int_equal(t[0]->count, 10);
    assert_string_equal(t[0]->example, "Widget 0 failed on shard 0");
    assert_string_equal(t[1]->text, "Queue <*> is full now");
    assert_int_equal(t[1]->count, 4);
    assert_int_equal(an_drain_overflow(d), 1);
    an_drain_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_mask), cmocka_unit_test(test_group)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
