/* The exact decimal module (sim/sql/dec.c): parsing across the 64-bit
 * boundary, the one-division and long-division paths of dec_div agreeing,
 * dec_to_double matching strtod, and the rounding modes of dec_round. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dec.h"

static dec D(const char *s)
{
    dec d;
    assert_int_equal(dec_parse(s, (int)strlen(s), &d), 0);
    return d;
}

static void expect_text(const dec *d, const char *want)
{
    char out[64];
    dec_text(d, out);
    assert_string_equal(out, want);
}

static void parse_across_64_bits(void **st)
{
    (void)st;
    static const char *v[] = {"123456789012345678", "1234567890123456789", "12345678901234567890",
                              "-99999999999999999999999999999999999999", "0.00000000000000000000000000000000000001",
                              "18446744073709551615", "18446744073709551616.5", "-0.000"};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        dec d = D(v[i]);
        expect_text(&d, strcmp(v[i], "-0.000") == 0 ? "0.000" : v[i]);
    }
    dec d;
    assert_int_equal(dec_parse("123456789012345678901234567890123456789", 39, &d), -2);
}

/* a / b at scale s by long division: digit by digit, the reference */
static dec slow_div(dec a, dec b, int s)
{
    unsigned __int128 x = a.m < 0 ? -a.m : a.m, y = b.m < 0 ? -b.m : b.m;
    int k = s + b.s - a.s;
    assert_true(k >= 0);
    unsigned __int128 q = x / y, r = x % y;
    for (int i = 0; i < k; i++) {
        r *= 10;
        q = q * 10 + r / y;
        r %= y;
    }
    if (r * 2 >= y)
        q++;
    dec out = {(a.m < 0) != (b.m < 0) ? -(dec_int)q : (dec_int)q, s};
    return out;
}

static void division_paths_agree(void **st)
{
    (void)st;
    srand(7);
    for (int i = 0; i < 20000; i++) {
        dec a = {((dec_int)rand() << 20) ^ rand(), rand() % 7}, b = {rand() % 100000 + 1, rand() % 5};
        if (i % 3 == 0)
            a.m = -a.m;
        int s = 6 + rand() % 12;
        dec r, want = slow_div(a, b, s);
        assert_int_equal(dec_div(&a, &b, s, &r), 0);
        assert_true(r.m == want.m && r.s == want.s);
    }
    dec a = D("1"), b = D("3"), r;
    assert_int_equal(dec_div(&a, &b, 38, &r), 0);
    expect_text(&r, "0.33333333333333333333333333333333333333");
    a = D("2");
    assert_int_equal(dec_div(&a, &b, 37, &r), 0);
    expect_text(&r, "0.6666666666666666666666666666666666667");
}

static void to_double_as_strtod(void **st)
{
    (void)st;
    srand(11);
    for (int i = 0; i < 20000; i++) {
        dec d = {(((dec_int)rand() << 31) ^ rand()) % 1000000000000000LL, rand() % 16};
        if (i % 2)
            d.m = -d.m;
        char txt[64];
        dec_text(&d, txt);
        assert_true(dec_to_double(&d) == strtod(txt, NULL));
    }
}

static void rounding_modes(void **st)
{
    (void)st;
    static const struct { const char *x; int k, mode; const char *want; } c[] = {
        {"2.675", 2, 0, "2.680"}, {"-2.675", 2, 0, "-2.680"}, {"2.675", 2, 1, "2.670"}, {"-2.675", 2, 1, "-2.670"},
        {"-2.5", 0, 2, "-3.0"}, {"2.5", 0, 2, "2.0"}, {"-2.5", 0, 3, "-2.0"}, {"2.001", 0, 3, "3.000"},
        {"1234.5678", -2, 0, "1200.0000"}, {"1250", -2, 0, "1300"}, {"-1250", -2, 0, "-1300"},
        {"0.5", 0, 0, "1.0"}, {"12.34", 5, 0, "12.34"},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        dec d = D(c[i].x);
        assert_int_equal(dec_round(&d, c[i].k, c[i].mode), 0);
        expect_text(&d, c[i].want);
    }
    dec d = D("99999999999999999999999999999999999999");
    assert_int_equal(dec_round(&d, -1, 0), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(parse_across_64_bits), cmocka_unit_test(division_paths_agree),
                                       cmocka_unit_test(to_double_as_strtod), cmocka_unit_test(rounding_modes)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
