/* Blocked records: the last state of each record across runs, whatever the
 * order the journals are read in; run statuses and exit codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "an_test_util.h"
#include <stdio.h>

#define RUN(day, n) "2026-03-0" #day "T08:00:00.000+01:00\tINFO\tR2026030" #day "-080000-000" #n "\t1\t-\tRUN\tSTART\t-\t-\t-\tEN_COURS\tstart\n"
#define END(day, n, st) "2026-03-0" #day "T09:00:00.000+01:00\tINFO\tR2026030" #day "-080000-000" #n "\t9\t-\tRUN\tEND\t-\t-\t-\t" st "\tend\n"
#define EV(day, n, lvl, key, code, msg) "2026-03-0" #day "T08:30:00.000+01:00\t" lvl "\tR2026030" #day "-080000-000" #n "\t2\tCRM>ERP\tTIERS\tUPDATE\t-\tCT_Num:" key "\t" code "\t-\t" msg "\n"

static const char *j1 = RUN(1, 1) EV(1, 1, "ERROR", "A", "ERP-TIERS-0101", "bad") EV(1, 1, "ERROR", "B", "-", "Numéro de compte invalide")
    EV(1, 1, "ERROR", "C", "-", "Devise inconnue : USD") EV(1, 1, "INFO", "C", "-", "ok") EV(1, 1, "TRANSIENT", "D", "ERP-LOCK-0001", "locked")
    END(1, 1, "ECHEC");
static const char *j2 = RUN(2, 2) EV(2, 2, "INFO", "A", "-", "ok") EV(2, 2, "ERROR", "E", "-", "Delivery failed badly") END(2, 2, "ECHEC");
static const char *j3 = RUN(3, 3) EV(3, 3, "WARN", "F", "-", "Valeur tronquée");   /* no END */

struct env {
    lia_an_catalog *c;
    lia_an_formats *f;
};

static lia_an_analysis *analyse(struct env *e, const char **bufs, int n)
{
    lia_an_analysis *a = NULL;
    lia_error err;
    lia_an_options opt = {0};
    assert_int_equal(lia_an_analysis_new(e->c, e->f, &opt, &a, &err), LIA_OK);
    for (int i = 0; i < n; i++) {
        char name[16];
        snprintf(name, sizeof name, "j%d", i);
        lia_an_analysis_buffer(a, name, bufs[i], strlen(bufs[i]));
    }
    lia_an_analysis_finish(a);
    return a;
}

static char *blocked_keys(lia_an_analysis *a, char *out, size_t size)
{
    size_t n;
    an_record **v = an_blocked(a, &n);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        strncat(out, v[i]->key, size - strlen(out) - 2);
        strncat(out, " ", size - strlen(out) - 1);
    }
    free(v);
    return out;
}

static void test_order(void **state)
{
    struct env *e = *state;
    char keys[256];
    const char *fwd[] = {j1, j2};
    lia_an_analysis *a = analyse(e, fwd, 2);
    /* A cleared by run 2; B by pattern; C recovered in its run; D transient. */
    assert_string_equal(blocked_keys(a, keys, sizeof keys), "CT_Num:B CT_Num:E ");
    assert_int_equal(lia_an_analysis_exit(a), LIA_EXIT_FAILED);
    lia_an_analysis_free(a);
    /* Read in the other order (rotated files listed newest first): same result. */
    const char *rev[] = {j2, j1};
    a = analyse(e, rev, 2);
    assert_string_equal(blocked_keys(a, keys, sizeof keys), "CT_Num:B CT_Num:E ");
    lia_an_analysis_free(a);
}

static void test_status(void **state)
{
    struct env *e = *state;
    const char *w[] = {RUN(4, 4) EV(4, 4, "WARN", "F", "-", "Valeur tronquée") END(4, 4, "AVERTISSEMENT")};
    lia_an_analysis *a = analyse(e, w, 1);
    assert_int_equal(a->n_runs, 1);
    assert_int_equal(a->runs[0]->status, LIA_AN_WARNINGS);
    assert_int_equal(lia_an_analysis_exit(a), LIA_EXIT_FINDINGS);
    lia_an_analysis_free(a);
    const char *i[] = {j3};
    a = analyse(e, i, 1);
    assert_int_equal(a->runs[0]->status, LIA_AN_FAILED);
    assert_int_equal(a->runs[0]->interrupted, 1);
    assert_int_equal(lia_an_analysis_exit(a), LIA_EXIT_FAILED);
    lia_an_analysis_free(a);
    const char *ok[] = {RUN(5, 5) EV(5, 5, "INFO", "G", "-", "ok") END(5, 5, "SUCCES")};
    a = analyse(e, ok, 1);
    assert_int_equal(lia_an_analysis_exit(a), LIA_EXIT_OK);
    assert_int_equal(a->runs[0]->end_ms - a->runs[0]->start_ms, 3600000);
    lia_an_analysis_free(a);
}

static int setup(void **state)
{
    static struct env e;
    e.c = t_catalog();
    e.f = t_formats();
    *state = &e;
    return e.c && e.f ? 0 : -1;
}

static int teardown(void **state)
{
    struct env *e = *state;
    lia_an_catalog_free(e->c);
    lia_an_formats_free(e->f);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_order), cmocka_unit_test(test_status)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
