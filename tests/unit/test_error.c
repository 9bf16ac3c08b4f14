/* The central error table: every code has both messages, a valid exit code,
 * and formatting follows the message rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "liaison/error.h"

static void every_code_has_messages(void **state)
{
    (void)state;
    for (int c = 0; c < LIA_CODE__COUNT; c++) {
        lia_set_lang(LIA_LANG_FR);
        const char *fr = lia_code_message((lia_code)c);
        lia_set_lang(LIA_LANG_EN);
        const char *en = lia_code_message((lia_code)c);
        assert_non_null(fr);
        assert_non_null(en);
        assert_true(strlen(fr) > 0);
        assert_true(strlen(en) > 0);
        assert_int_not_equal(fr[strlen(fr) - 1], '.');
        assert_int_not_equal(en[strlen(en) - 1], '.');
        assert_true(strncmp(lia_code_name((lia_code)c), "LIA_", 4) == 0);
        int ex = lia_code_exit((lia_code)c);
        assert_true((ex >= 0 && ex <= 11) || ex == 70);
    }
    lia_set_lang(LIA_LANG_FR);
}

static void sql_numbers_map_to_specific_codes(void **state)
{
    (void)state;
    assert_int_equal(lia_code_from_sql(18456), LIA_E_LOGIN);
    assert_int_equal(lia_code_from_sql(4060), LIA_E_DB_OPEN);
    assert_int_equal(lia_code_from_sql(208), LIA_E_INVALID_OBJECT);
    assert_int_equal(lia_code_from_sql(207), LIA_E_INVALID_COLUMN);
    assert_int_equal(lia_code_from_sql(229), LIA_E_PERMISSION);
    assert_int_equal(lia_code_from_sql(1205), LIA_E_DEADLOCK);
    assert_int_equal(lia_code_from_sql(2627), LIA_E_DUPLICATE);
    assert_int_equal(lia_code_from_sql(2601), LIA_E_DUPLICATE);
    assert_int_equal(lia_code_from_sql(50000), LIA_E_SQL);
    assert_int_equal(lia_code_exit(LIA_E_LOGIN), LIA_EXIT_AUTH);
    assert_int_equal(lia_code_exit(LIA_E_CONNECT), LIA_EXIT_CONNECT);
    assert_int_equal(lia_code_exit(LIA_E_NOT_GESCOM), LIA_EXIT_DATABASE);
    assert_int_equal(lia_code_exit(LIA_E_CONFIG_SYNTAX), LIA_EXIT_CONFIG);
}

static void format_says_what_then_subject_without_full_stop(void **state)
{
    (void)state;
    lia_error err;
    char buf[512];
    lia_error_clear(&err);
    lia_set_lang(LIA_LANG_EN);
    lia_fail(&err, LIA_E_LOGIN, "%s@%s", "sa", "127.0.0.1:1433");
    err.sql_number = 18456;
    strcpy(err.server_text, "Login failed for user 'sa'.");
    assert_string_equal(lia_error_format(&err, buf, sizeof buf),
                        "login failed 'sa@127.0.0.1:1433' (SQL Server error 18456): "
                        "Login failed for user 'sa'");
    lia_set_lang(LIA_LANG_FR);
    assert_string_equal(lia_error_format(&err, buf, sizeof buf),
                        "échec de l'authentification 'sa@127.0.0.1:1433' (erreur SQL Server 18456): "
                        "Login failed for user 'sa'");
    /* Truncation keeps a terminated string. */
    char tiny[8];
    lia_error_format(&err, tiny, sizeof tiny);
    assert_true(strlen(tiny) < sizeof tiny);
}

static void lang_parse(void **state)
{
    (void)state;
    lia_lang l;
    assert_int_equal(lia_lang_parse("en", &l), 0);
    assert_int_equal(l, LIA_LANG_EN);
    assert_int_equal(lia_lang_parse("fr_FR.UTF-8", &l), 0);
    assert_int_equal(l, LIA_LANG_FR);
    assert_int_equal(lia_lang_parse("de", &l), -1);
    assert_int_equal(lia_lang_parse("french", &l), -1);
    assert_int_equal(lia_lang_parse(NULL, &l), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_code_has_messages),
        cmocka_unit_test(sql_numbers_map_to_specific_codes),
        cmocka_unit_test(format_says_what_then_subject_without_full_stop),
        cmocka_unit_test(lang_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
