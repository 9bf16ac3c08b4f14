/* Exact decimals: text to scaled integers and back, no float anywhere;
 * db-lib's own conversion of money and numeric gives exact text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include <sybfront.h>
#include <sybdb.h>

#include "liaison/db.h"

static void parses_exactly(void **state)
{
    (void)state;
    static const struct { const char *text; int scale; int64_t want; } cases[] = {
        {"1234.50", 2, 123450}, {"-0.01", 2, -1}, {"0.1", 2, 10}, {"+7", 3, 7000},
        {"1234.500000", 2, 123450}, {"0.005", 2, 1}, {"-0.005", 2, -1}, {"0.004", 2, 0},
        {"2.675", 2, 268}, /* a double would say 2.67499999... */
        {"92233720368547758.07", 2, INT64_MAX}, {"-92233720368547758.08", 2, INT64_MIN},
        {"9223372036854775807", 0, INT64_MAX}, {" 12.3 ", 1, 123}, {".5", 1, 5},
        {"19.99", 4, 199900},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t v = 42;
        assert_int_equal(lia_decimal_parse(cases[i].text, cases[i].scale, &v), 0);
        assert_true(v == cases[i].want);
    }
}

static void refuses_garbage_and_overflow(void **state)
{
    (void)state;
    const char *bad[] = {"", "-", "1e3", "1,5", "12a", "0x1F", "92233720368547758.08",
                         "9223372036854775808", "NaN", "1.2.3", "--1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t v;
        assert_int_equal(lia_decimal_parse(bad[i], 2, &v), -1);
    }
    int64_t v;
    assert_int_equal(lia_decimal_parse(NULL, 2, &v), -1);
    assert_int_equal(lia_decimal_parse("1", 19, &v), -1);
}

static void formats_back(void **state)
{
    (void)state;
    char buf[48];
    assert_string_equal(lia_decimal_format(123450, 2, buf, sizeof buf), "1234.50");
    assert_string_equal(lia_decimal_format(-1, 2, buf, sizeof buf), "-0.01");
    assert_string_equal(lia_decimal_format(5, 0, buf, sizeof buf), "5");
    assert_string_equal(lia_decimal_format(INT64_MIN, 2, buf, sizeof buf), "-92233720368547758.08");
    assert_string_equal(lia_decimal_format(0, 4, buf, sizeof buf), "0.0000");
    /* Sum of many cents stays exact. */
    int64_t sum = 0, cent;
    for (int i = 0; i < 1000; i++) {
        assert_int_equal(lia_decimal_parse("0.10", 2, &cent), 0);
        sum += cent;
    }
    assert_string_equal(lia_decimal_format(sum, 2, buf, sizeof buf), "100.00");
}

static void dblib_money_and_numeric_text_is_exact(void **state)
{
    (void)state;
    assert_int_equal(dbinit(), SUCCEED);
    /* A money value as the server sends it: 8-byte integer scaled by 10^4. */
    BYTE out[64];
    DBMONEY m;
    int64_t raw = 123456789012345LL; /* 12345678901.2345 */
    m.mnyhigh = (DBINT)(raw >> 32);
    m.mnylow = (DBUINT)(raw & 0xFFFFFFFF);
    DBINT n = dbconvert(NULL, SYBMONEY, (BYTE *)&m, sizeof m, SYBCHAR, out, -1);
    assert_true(n > 0);
    int64_t scaled;
    assert_int_equal(lia_decimal_parse((char *)out, 4, &scaled), 0);
    assert_true(scaled == raw);
    /* A numeric(24,6) built from text converts back to the same digits. */
    DBNUMERIC num;
    memset(&num, 0, sizeof num);
    num.precision = 24;
    num.scale = 6;
    DBTYPEINFO ti = {24, 6};
    n = dbconvert_ps(NULL, SYBCHAR, (const BYTE *)"987654321.123456", -1, SYBNUMERIC, (BYTE *)&num,
                     sizeof num, &ti);
    assert_true(n > 0);
    memset(out, 0, sizeof out);
    n = dbconvert(NULL, SYBNUMERIC, (BYTE *)&num, sizeof num, SYBCHAR, out, -1);
    assert_true(n > 0);
    assert_int_equal(lia_decimal_parse((char *)out, 6, &scaled), 0);
    assert_true(scaled == 987654321123456LL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_exactly),
        cmocka_unit_test(refuses_garbage_and_overflow),
        cmocka_unit_test(formats_back),
        cmocka_unit_test(dblib_money_and_numeric_text_is_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
