/* Parameter binding: every value becomes a literal that cannot end its
 * string, open a comment or add a statement; @names inside strings,
 * quoted names and comments are left alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "liaison/db.h"

/* Binds and returns the text (static buffer), or NULL with *code set. */
static const char *bind(const char *sql, const lia_param *p, size_t n, lia_code *code)
{
    static char out[4096];
    lia_buf b = LIA_BUF_INIT;
    lia_error err;
    lia_error_clear(&err);
    lia_code rc = lia_db_bind_sql(sql, p, n, &b, &err);
    if (code)
        *code = rc;
    if (rc != LIA_OK) {
        lia_buf_free(&b);
        return NULL;
    }
    snprintf(out, sizeof out, "%s", lia_buf_str(&b));
    lia_buf_free(&b);
    return out;
}

static void text_is_quoted_with_quotes_doubled(void **state)
{
    (void)state;
    lia_param p[] = {LIA_PARAM_TEXT("@n", "L'Étoile d'or")};
    assert_string_equal(bind("SELECT 1 WHERE CT_Intitule = @n", p, 1, NULL),
                        "SELECT 1 WHERE CT_Intitule = N'L''Étoile d''or'");
}

static void injection_attempts_stay_inside_the_literal(void **state)
{
    (void)state;
    /* Each payload must come out as exactly one N'...' literal whose
     * content, un-doubled, is the payload itself. */
    const char *payloads[] = {
        "'; DROP TABLE F_COMPTET; --",
        "x' OR '1'='1",
        "''''",
        "\\'; SELECT 1 --",
        "a'/*",
        "N'abc'",
        "]; DROP TABLE x; --",
        "\xca\xbc; SELECT 1", /* U+02BC modifier apostrophe */
        "\xe2\x80\x99 OR 1=1", /* U+2019 right quote */
    };
    for (size_t i = 0; i < sizeof payloads / sizeof payloads[0]; i++) {
        lia_param p[] = {LIA_PARAM_TEXT("@v", payloads[i])};
        const char *out = bind("SELECT @v", p, 1, NULL);
        assert_non_null(out);
        assert_true(strncmp(out, "SELECT N'", 9) == 0);
        /* Walk the literal as SQL Server would: '' is a quote, ' ends it. */
        const char *q = out + 9;
        char content[256];
        size_t n = 0;
        for (;;) {
            assert_true(*q != '\0');
            if (*q == '\'') {
                if (q[1] == '\'') {
                    content[n++] = '\'';
                    q += 2;
                    continue;
                }
                q++;
                break;
            }
            content[n++] = *q++;
        }
        content[n] = '\0';
        assert_string_equal(content, payloads[i]);
        assert_string_equal(q, ""); /* nothing after the literal */
    }
}

static void unicode_passes_unchanged(void **state)
{
    (void)state;
    lia_param p[] = {LIA_PARAM_TEXT("@v", "Œuvre – 東京 – 😀")};
    assert_string_equal(bind("SELECT @v", p, 1, NULL), "SELECT N'Œuvre – 東京 – 😀'");
}

static void nul_and_invalid_utf8_are_refused(void **state)
{
    (void)state;
    lia_buf b = LIA_BUF_INIT;
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_db_quote_text(&b, "ab\0'; DROP", 10, &err), LIA_E_PARAM);
    assert_int_equal(lia_db_quote_text(&b, "\xe9t\xe9", 3, &err), LIA_E_ENCODING); /* Latin-1 */
    assert_int_equal(lia_db_quote_text(&b, "\xc0\xa7", 2, &err), LIA_E_ENCODING);  /* overlong quote */
    assert_int_equal(lia_db_quote_text(&b, "\xed\xa0\x80", 3, &err), LIA_E_ENCODING); /* surrogate */
    assert_int_equal(lia_db_quote_text(&b, "ok", 2, &err), LIA_OK);
    assert_string_equal(lia_buf_str(&b), "N'ok'");
    lia_buf_free(&b);
    lia_param p[] = {LIA_PARAM_TEXT("@v", "\xff")};
    lia_code rc;
    assert_null(bind("SELECT @v", p, 1, &rc));
    assert_int_equal(rc, LIA_E_ENCODING);
}

static void numbers_are_parenthesised(void **state)
{
    (void)state;
    lia_param p[] = {LIA_PARAM_INT("@a", -1), LIA_PARAM_BIGINT("@b", INT64_MIN),
                     LIA_PARAM_DECIMAL("@c", "-1234.50"), LIA_PARAM_BIT("@d", 7)};
    /* "-@a" must not become the comment "--1". */
    assert_string_equal(bind("SELECT 1-@a, @b, @c, @d", p, 4, NULL),
                        "SELECT 1-(-1), (-9223372036854775808), (-1234.50), CAST(1 AS bit)");
}

static void bad_numbers_and_dates_are_refused(void **state)
{
    (void)state;
    const char *decimals[] = {"1e5", "1.", ".5", "1,5", "1.5; DROP TABLE x", "--1", "", "0x10",
                              "123456789012345678901234567890123456789"};
    for (size_t i = 0; i < sizeof decimals / sizeof decimals[0]; i++) {
        lia_param p[] = {LIA_PARAM_DECIMAL("@v", decimals[i])};
        lia_code rc;
        assert_null(bind("SELECT @v", p, 1, &rc));
        assert_int_equal(rc, LIA_E_PARAM);
    }
    const char *dates[] = {"2026-02-30", "2025-02-29", "1700-01-01", "2026-13-01", "2026-01-01 24:00",
                           "2026-01-01'", "01/02/2026", "2026-01-01 10:00:00.1234", ""};
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        lia_param p[] = {LIA_PARAM_DATETIME("@v", dates[i])};
        lia_code rc;
        assert_null(bind("SELECT @v", p, 1, &rc));
        assert_int_equal(rc, LIA_E_PARAM);
    }
    lia_param big[] = {LIA_PARAM_INT("@v", 3000000000LL)};
    lia_code rc;
    assert_null(bind("SELECT @v", big, 1, &rc));
    assert_int_equal(rc, LIA_E_PARAM);
}

static void dates_become_language_independent_iso(void **state)
{
    (void)state;
    lia_param p[] = {LIA_PARAM_DATETIME("@d", "2024-02-29"), LIA_PARAM_DATETIME("@e", "2026-03-04 10:15:01.5")};
    assert_string_equal(bind("SELECT @d, @e", p, 2, NULL),
                        "SELECT CAST('2024-02-29T00:00:00.000' AS datetime), "
                        "CAST('2026-03-04T10:15:01.500' AS datetime)");
}

static void names_in_strings_comments_and_brackets_are_untouched(void **state)
{
    (void)state;
    lia_param p[] = {LIA_PARAM_TEXT("@x", "v"), LIA_PARAM_NULL("@y")};
    const char *sql = "SELECT '@x', N'it''s @x', [@x], \"@x\" -- @x\n"
                      "/* @x /* nested @x */ @x */ , @x, @X, @@ROWCOUNT, @xy, @y";
    assert_string_equal(bind(sql, p, 2, NULL),
                        "SELECT '@x', N'it''s @x', [@x], \"@x\" -- @x\n"
                        "/* @x /* nested @x */ @x */ , N'v', N'v', @@ROWCOUNT, @xy, NULL");
}

static void null_values_and_bad_names(void **state)
{
    (void)state;
    lia_param p[] = {LIA_PARAM_TEXT("@t", NULL), LIA_PARAM_DECIMAL("d", NULL)};
    assert_string_equal(bind("SELECT @t, @d", p, 2, NULL), "SELECT NULL, NULL");
    lia_param bad[] = {LIA_PARAM_TEXT("@a;b", "x")};
    lia_code rc;
    assert_null(bind("SELECT 1", bad, 1, &rc));
    assert_int_equal(rc, LIA_E_PARAM);
    lia_param dup[] = {LIA_PARAM_TEXT("@a", "x"), LIA_PARAM_INT("@A", 1)};
    assert_null(bind("SELECT @a", dup, 2, &rc));
    assert_int_equal(rc, LIA_E_PARAM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_is_quoted_with_quotes_doubled),
        cmocka_unit_test(injection_attempts_stay_inside_the_literal),
        cmocka_unit_test(unicode_passes_unchanged),
        cmocka_unit_test(nul_and_invalid_utf8_are_refused),
        cmocka_unit_test(numbers_are_parenthesised),
        cmocka_unit_test(bad_numbers_and_dates_are_refused),
        cmocka_unit_test(dates_become_language_independent_iso),
        cmocka_unit_test(names_in_strings_comments_and_brackets_are_untouched),
        cmocka_unit_test(null_values_and_bad_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
