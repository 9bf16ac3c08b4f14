/* Pure parts of install and replication: checksum, batch splitting,
 * fiscal-year window, timestamps, quoting, template expansion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "liaison/replicate.h"

static void checksum_known_vectors(void **state)
{
    (void)state;
    char hex[65];
    lia_inst_checksum("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    lia_inst_checksum("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *l = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    lia_inst_checksum(l, strlen(l), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void checksum_ignores_crlf_only(void **state)
{
    (void)state;
    char a[65], b[65], c[65];
    lia_inst_checksum("SELECT 1;\nGO\n", 13, a);
    lia_inst_checksum("SELECT 1;\r\nGO\r\n", 15, b);
    lia_inst_checksum("SELECT 2;\nGO\n", 13, c);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
}

struct batches {
    int n;
    char text[8][128];
};

static int collect(void *ctx, const char *batch)
{
    struct batches *b = ctx;
    snprintf(b->text[b->n++], 128, "%s", batch);
    return 0;
}

static void split_on_go_lines(void **state)
{
    (void)state;
    struct batches b = {0};
    lia_inst_split_batches("CREATE SCHEMA x\nGO\n  go  \nSELECT 'GO';\nSELECT 1 -- go\ngo;\n\n", collect, &b);
    assert_int_equal(b.n, 2);
    assert_string_equal(b.text[0], "CREATE SCHEMA x\n");
    assert_string_equal(b.text[1], "SELECT 'GO';\nSELECT 1 -- go\n");
}

static void fiscal_window_offset_years(void **state)
{
    (void)state;
    const char *deb[5] = {"2024-07-01 00:00:00", "2025-07-01 00:00:00", "1900-01-01 00:00:00", NULL,
                          "2023-07-01"};
    const char *fin[5] = {"2025-06-30 00:00:00", "2026-06-30 00:00:00", "1900-01-01 00:00:00", NULL,
                          "2024-06-30"};
    lia_repl_window w;
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_repl_fiscal_window(deb, fin, "2026-03-04", 0, &w, &err), LIA_OK);
    assert_string_equal(w.deb_n, "2025-07-01");
    assert_string_equal(w.fin_n, "2026-06-30");
    assert_string_equal(w.fin_n_x, "2026-07-01");
    assert_string_equal(w.deb_n1, "2024-07-01");
    assert_string_equal(w.fin_n1, "2025-06-30");
    assert_string_equal(w.fin_n1_x, "2025-07-01");
    /* Reference date in the first slot: N-1 is the slot before it. */
    assert_int_equal(lia_repl_fiscal_window(deb, fin, "2024-12-31", 0, &w, &err), LIA_OK);
    assert_string_equal(w.deb_n, "2024-07-01");
    assert_string_equal(w.deb_n1, "2023-07-01");
}

static void fiscal_window_missing_and_calendar(void **state)
{
    (void)state;
    const char *deb[5] = {"2026-01-01", NULL, NULL, NULL, NULL};
    const char *fin[5] = {"2026-12-31", NULL, NULL, NULL, NULL};
    lia_repl_window w;
    lia_error err;
    lia_error_clear(&err);
    /* No N-1 declared: the same span just before N (leap year 2024 not involved). */
    assert_int_equal(lia_repl_fiscal_window(deb, fin, "2026-05-01", 0, &w, &err), LIA_OK);
    assert_string_equal(w.deb_n1, "2025-01-01");
    assert_string_equal(w.fin_n1, "2025-12-31");
    /* No slot contains the date: a clear error. */
    assert_int_equal(lia_repl_fiscal_window(deb, fin, "2027-01-01", 0, &w, &err), LIA_E_FISCAL_YEAR);
    assert_int_equal(lia_repl_fiscal_window(deb, fin, "2028-02-29", 1, &w, &err), LIA_OK);
    assert_string_equal(w.deb_n, "2028-01-01");
    assert_string_equal(w.fin_n_x, "2029-01-01");
    assert_string_equal(w.deb_n1, "2027-01-01");
    assert_string_equal(w.fin_n1_x, "2028-01-01");
}

static void minutes_arithmetic(void **state)
{
    (void)state;
    char out[20];
    assert_int_equal(lia_repl_add_minutes("2026-03-01 00:01:00", -2, out), 0);
    assert_string_equal(out, "2026-02-28 23:59:00");
    assert_int_equal(lia_repl_add_minutes("2024-02-29 23:59:30.500", 1, out), 0);
    assert_string_equal(out, "2024-03-01 00:00:30");
    assert_int_equal(lia_repl_add_minutes("2026-01-01", 0, out), 0);
    assert_string_equal(out, "2026-01-01 00:00:00");
    assert_int_equal(lia_repl_add_minutes("garbage", 1, out), -1);
}

static void kinds_quoting_sentinels(void **state)
{
    (void)state;
    assert_string_equal(lia_repl_value_kind(9), "text");
    assert_string_equal(lia_repl_value_kind(22), "text");
    assert_string_equal(lia_repl_value_kind(7), "number");
    assert_string_equal(lia_repl_value_kind(20), "number");
    assert_string_equal(lia_repl_value_kind(3), "date");
    assert_string_equal(lia_repl_value_kind(14), "date");
    assert_null(lia_repl_value_kind(0));
    lia_buf b = LIA_BUF_INIT;
    lia_repl_quote_ident(&b, "Capital [social]] l'été");
    assert_string_equal(lia_buf_str(&b), "[Capital [social]]]] l'été]");
    lia_buf_free(&b);
    assert_true(lia_repl_date_sentinel("1753-01-01 00:00:00"));
    assert_true(lia_repl_date_sentinel("1900-01-01"));
    assert_false(lia_repl_date_sentinel("2026-01-01"));
}

static void expand_template_columns(void **state)
{
    (void)state;
    const char *tmpl = "SELECT\n    t.a\n    -- liaison:columns-begin\n    , v.ValText AS [__name__] -- 999999\n"
                       "    -- liaison:columns-end\nFROM t;\n";
    const char *tok[] = {"ValText", "999999", "[__name__]"};
    const char *rep[] = {"ValNumber", "3", "[Capital]", "ValText", "7", "[ValText 999999]"};
    lia_buf out = LIA_BUF_INIT;
    assert_int_equal(lia_repl_expand_columns(tmpl, tok, 3, rep, 2, &out), 0);
    assert_string_equal(lia_buf_str(&out), "SELECT\n    t.a\n        , v.ValNumber AS [Capital] -- 3\n"
                                           "    , v.ValText AS [ValText 999999] -- 7\nFROM t;\n");
    lia_buf_reset(&out);
    assert_int_equal(lia_repl_expand_columns(tmpl, tok, 3, rep, 0, &out), 0);
    assert_string_equal(lia_buf_str(&out), "SELECT\n    t.a\n    FROM t;\n");
    assert_int_equal(lia_repl_expand_columns("SELECT 1", tok, 3, rep, 1, &out), -1);
    lia_buf_free(&out);
}

static void excel_numbers(void **state)
{
    (void)state;
    lia_buf b = LIA_BUF_INIT;
    lia_feed_excel_number(&b, "-1234.500000");
    assert_string_equal(lia_buf_str(&b), "-1234,500000");
    lia_buf_reset(&b);
    lia_feed_excel_number(&b, "Société; \"A\"");
    assert_string_equal(lia_buf_str(&b), "\"Société; \"\"A\"\"\"");
    lia_buf_free(&b);
}

static void migrations_are_ordered(void **state)
{
    (void)state;
    size_t n;
    const lia_inst_migration *m = lia_inst_migrations(&n);
    assert_true(n >= 3);
    for (size_t i = 1; i < n; i++)
        assert_true(m[i].version > m[i - 1].version);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(checksum_known_vectors),
        cmocka_unit_test(checksum_ignores_crlf_only),
        cmocka_unit_test(split_on_go_lines),
        cmocka_unit_test(fiscal_window_offset_years),
        cmocka_unit_test(fiscal_window_missing_and_calendar),
        cmocka_unit_test(minutes_arithmetic),
        cmocka_unit_test(kinds_quoting_sentinels),
        cmocka_unit_test(expand_template_columns),
        cmocka_unit_test(excel_numbers),
        cmocka_unit_test(migrations_are_ordered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
