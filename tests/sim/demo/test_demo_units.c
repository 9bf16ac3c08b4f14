/* Pieces of the demo generator: calendar arithmetic, slugs, option
 * checks, name quoting, the schema description. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo_data.h"
#include "demo_gen.h"
#include "demo_internal.h"
#include "demo_rng.h"

static void calendar_round_trips(void **state)
{
    (void)state;
    assert_int_equal(demo_days(1970, 1, 1), 0);
    assert_int_equal(demo_days(2000, 3, 1) - demo_days(2000, 2, 28), 2); /* leap year */
    assert_int_equal(demo_days(1900, 3, 1) - demo_days(1900, 2, 28), 1); /* not leap */
    for (int d = demo_days(1753, 1, 1); d < demo_days(2080, 1, 1); d += 17) {
        int y, m, dd;
        demo_civil(d, &y, &m, &dd);
        assert_int_equal(demo_days(y, m, dd), d);
    }
    char s[24];
    demo_fmt_date(s, demo_days(2026, 2, 3), 9 * 60 + 5);
    assert_string_equal(s, "2026-02-03 09:05:00");
}

static void slugs_are_ascii(void **state)
{
    (void)state;
    char s[40];
    demo_slug("Lefèvre & Fils", s, sizeof s);
    assert_string_equal(s, "lefevre-fils");
    demo_slug("L'Écrin Bœuf", s, sizeof s);
    assert_string_equal(s, "l-ecrin-boeuf");
    for (char *p = s; *p; p++)
        assert_true((*p >= 'a' && *p <= 'z') || *p == '-');
    demo_slug("Très long nom de société à raccourcir", s, 10);
    assert_true(strlen(s) <= 9);
}

static void options_are_checked(void **state)
{
    (void)state;
    sim_demo_options o;
    demo_cfg c;
    char err[200];
    memset(&o, 0, sizeof o);
    assert_int_equal(demo_cfg_resolve(&o, &c, err, sizeof err), 0);
    assert_string_equal(c.database, "BIJOU");
    assert_string_equal(c.crm_database, "LIAISON_CRM");
    assert_int_equal(c.large, 0);
    o.scale = "medium";
    assert_int_equal(demo_cfg_resolve(&o, &c, err, sizeof err), -1);
    assert_non_null(strstr(err, "'medium'"));
    o.scale = "large";
    o.reference_date = "2024-02-29";
    assert_int_equal(demo_cfg_resolve(&o, &c, err, sizeof err), 0);
    assert_string_equal(c.ref_date, "2024-02-29");
    o.reference_date = "2023-02-29";
    assert_int_equal(demo_cfg_resolve(&o, &c, err, sizeof err), -1);
    o.reference_date = "2023-1-01";
    assert_int_equal(demo_cfg_resolve(&o, &c, err, sizeof err), -1);
    o.reference_date = NULL;
    o.database = "BIJOU]; DROP";
    assert_int_equal(demo_cfg_resolve(&o, &c, err, sizeof err), -1);
}

static void names_are_bracket_quoted(void **state)
{
    (void)state;
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    demo_quote_name(f, "Canal [web]");
    fputc(' ', f);
    demo_quote_name(f, "Capital social");
    fputc(' ', f);
    demo_quote_name(f, "a]\"b");
    fclose(f);
    assert_string_equal(s, "\"Canal [web]\" [Capital social] \"a]\"\"b\"");
    free(s);
}

static void schema_has_the_tables_liaison_reads(void **state)
{
    (void)state;
    static const char *const want[] = {
        "F_COMPTET", "cbSysLibre", "F_ENUMLIBRECIAL", "P_STATISTIQUE", "F_ENUMSTAT",
        "F_CONTACTT", "F_LIVRAISON", "F_COLLABORATEUR", "F_COMPTEG", "F_REGLEMENTT",
        "P_REGLEMENT", "P_CRISQUE", "P_CATTARIF", "P_CATCOMPTA", "P_DEVISE", "P_DOSSIER",
        "P_PARAMETRECIAL", "F_DOCENTETE", "F_DOCLIGNE"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_non_null(demo_schema_find(0, want[i]));
    const demo_table *clean = demo_schema_find(0, "F_COMPTET");
    const demo_table *dirty = demo_schema_find(1, "F_COMPTET");
    assert_int_equal(dirty->ncols, clean->ncols + 1); /* D051's column */
    const demo_table *cat = demo_schema_find(0, "P_CATCOMPTA");
    assert_int_equal(cat->ncols, 150 + 6);
    assert_string_equal(cat->cols[49].name, "CA_ComptaVen50");
    char *sql = demo_create_table_sql(demo_schema_find(0, "F_DOCLIGNE"));
    assert_non_null(strstr(sql, "[DL_MontantHT] decimal(24,6) NOT NULL"));
    assert_non_null(strstr(sql, "[cbMarq] int IDENTITY(1, 1) NOT NULL"));
    assert_non_null(strstr(sql, "[DO_Piece] varchar(13) COLLATE French_CI_AS NOT NULL"));
    free(sql);
}

static void rng_streams_are_independent(void **state)
{
    (void)state;
    demo_rng a, b, c;
    demo_rng_init(&a, 1, 2, 3);
    demo_rng_init(&b, 1, 2, 3);
    demo_rng_init(&c, 1, 2, 4);
    uint64_t x = demo_rng_next(&a);
    assert_true(x == demo_rng_next(&b));
    assert_true(x != demo_rng_next(&c));
    for (int i = 0; i < 1000; i++) {
        int v = demo_rng_below(&a, 7);
        assert_true(v >= 0 && v < 7);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(calendar_round_trips),
        cmocka_unit_test(slugs_are_ascii),
        cmocka_unit_test(options_are_checked),
        cmocka_unit_test(names_are_bracket_quoted),
        cmocka_unit_test(schema_has_the_tables_liaison_reads),
        cmocka_unit_test(rng_streams_are_independent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
