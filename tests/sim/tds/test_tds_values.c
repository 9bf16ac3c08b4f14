/* Unit tests of the value conversions of the TDS front: charsets, dates,
 * decimals, and the INSERT BULK statement parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tds_request.h"
#include "tds_text.h"
#include "tds_values.h"

static void test_cp1252(void **state)
{
    (void)state;
    lia_buf b = LIA_BUF_INIT, back = LIA_BUF_INIT;
    const char *s = "Élégant € œ “x” 日";
    tds_utf8_to_cp1252(s, strlen(s), &b);
    assert_int_equal(b.len, 17);
    assert_memory_equal(b.data, "\xC9l\xE9gant \x80 \x9C \x93x\x94 ?", 17);
    tds_cp1252_to_utf8((const uint8_t *)b.data, b.len, &back);
    assert_string_equal(back.data, "Élégant € œ “x” ?");
    lia_buf_reset(&b);
    tds_utf8_to_cp1252("a\xC3", 2, &b);   /* truncated UTF-8 */
    assert_memory_equal(b.data, "a?", 2);
    lia_buf_free(&b);
    lia_buf_free(&back);
}

static void test_utf16(void **state)
{
    (void)state;
    lia_buf b = LIA_BUF_INIT, back = LIA_BUF_INIT;
    const char *s = "é𝄞a";
    tds_utf8_to_utf16(s, strlen(s), &b);
    assert_int_equal(b.len, 8);
    assert_memory_equal(b.data, "\xE9\x00\x34\xD8\x1E\xDD" "a\x00", 8);
    assert_int_equal(tds_utf16_units(s, strlen(s)), 4);
    tds_utf16_to_utf8((const uint8_t *)b.data, b.len, &back);
    assert_string_equal(back.data, s);
    lia_buf_reset(&back);
    tds_utf16_to_utf8((const uint8_t *)"\x00\xD8" "a\x00", 4, &back);  /* lone surrogate */
    assert_string_equal(back.data, "\xEF\xBF\xBD" "a");
    lia_buf_free(&b);
    lia_buf_free(&back);
}

static void test_dates(void **state)
{
    (void)state;
    int64_t d;
    uint64_t t;
    char out[32];
    assert_int_equal(tds_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(tds_days_from_civil(1900, 1, 1), -25567);
    assert_int_equal(tds_parse_datetime("2024-02-29 13:45:30.1234567", 27, &d, &t), 0);
    assert_int_equal(d, tds_days_from_civil(2024, 2, 29));
    assert_int_equal(t, ((13 * 3600 + 45 * 60 + 30) * 10000000ull) + 1234567);
    tds_format_datetime(d, t, 3, out);
    assert_string_equal(out, "2024-02-29 13:45:30.123");
    tds_format_datetime(d, t, -1, out);
    assert_string_equal(out, "2024-02-29");
    assert_int_equal(tds_parse_datetime("2024-02-29", 10, &d, &t), 0);
    assert_int_equal(t, 0);
    assert_int_equal(tds_parse_datetime("2024-02-29T08:00", 16, &d, &t), 0);
    assert_int_equal(t, 8 * 3600 * 10000000ull);
    assert_int_equal(tds_parse_datetime("2024-13-01", 10, &d, &t), -1);
    assert_int_equal(tds_parse_datetime("hier", 4, &d, &t), -1);
    assert_int_equal(tds_parse_datetime("2024-01-01 25:00", 16, &d, &t), -1);
}

static void test_decimal(void **state)
{
    (void)state;
    int neg;
    tds_u128 m;
    char out[48];
    assert_int_equal(tds_decimal_parse("-123.45", 7, 4, &neg, &m), 0);
    assert_true(neg);
    assert_true(m == 1234500);
    tds_decimal_format(neg, m, 4, out);
    assert_string_equal(out, "-123.4500");
    assert_int_equal(tds_decimal_parse("0.00005", 7, 4, &neg, &m), 0);
    assert_true(m == 1);  /* half away from zero */
    tds_decimal_format(0, 5, 3, out);
    assert_string_equal(out, "0.005");
    assert_int_equal(tds_decimal_parse("99999999999999999999999999999999999999", 38, 0, &neg, &m), 0);
    tds_decimal_format(0, m, 0, out);
    assert_string_equal(out, "99999999999999999999999999999999999999");
    assert_int_equal(tds_decimal_parse("999999999999999999999999999999999999999", 39, 0, &neg, &m), -1);
    assert_int_equal(tds_decimal_parse("12a", 3, 0, &neg, &m), -1);
    assert_int_equal(tds_decimal_parse("-0.0", 4, 2, &neg, &m), 0);
    assert_false(neg);
    assert_int_equal(tds_decimal_bytes(9), 4);
    assert_int_equal(tds_decimal_bytes(18), 8);
    assert_int_equal(tds_decimal_bytes(38), 16);
}

static void test_insert_bulk(void **state)
{
    (void)state;
    char *t = NULL, **cols = NULL;
    int n = 0;
    assert_int_equal(tds_bulk_parse_insert("SELECT 1", &t, &cols, &n), 0);
    assert_int_equal(tds_bulk_parse_insert(
        "insert bulk dbo.[F_COMPTET] ([CT_Num] varchar(17) COLLATE French_CI_AS, [CT_Intitule] nvarchar(69), "
        "\"x\" decimal(24,6) NULL) with (TABLOCK)", &t, &cols, &n), 1);
    assert_string_equal(t, "dbo.[F_COMPTET]");
    assert_int_equal(n, 3);
    assert_string_equal(cols[0], "[CT_Num]");
    assert_string_equal(cols[1], "[CT_Intitule]");
    assert_string_equal(cols[2], "\"x\"");
    assert_int_equal(tds_bulk_parse_insert("INSERT BULK t", &t, &cols, &n), 1);
    assert_string_equal(t, "t");
    assert_int_equal(n, 0);
    free(t);
    free(cols);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cp1252), cmocka_unit_test(test_utf16), cmocka_unit_test(test_dates),
        cmocka_unit_test(test_decimal), cmocka_unit_test(test_insert_bulk)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
