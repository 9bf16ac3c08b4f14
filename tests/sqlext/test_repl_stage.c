/* The staging writer builds one multi-row INSERT from the VALUES tuple of
 * its sql/ file: every value a typed literal (quotes doubled, NULL, numbers
 * validated), @IntegrationId bound, rows separated by commas.  No server:
 * the batch is inspected before it would be sent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "repl_internal.h"

static void builds_multirow_insert(void **state)
{
    (void)state;
    lia_repl_stage s;
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_repl_stage_open(&s, NULL, "replicate/crm_stage_value.sql", 7, 1000, &err), LIA_OK);
    lia_param a[4] = {LIA_PARAM_TEXT("", "CLI001"), LIA_PARAM_TEXT("", "F_COMPTET"),
                      LIA_PARAM_TEXT("", "Remarque l'été"), LIA_PARAM_TEXT("", "x'); DROP TABLE t; --")};
    lia_param b[4] = {LIA_PARAM_TEXT("", "CLI002"), LIA_PARAM_TEXT("", "P_STATISTIQUE"),
                      LIA_PARAM_TEXT("", "Région"), LIA_PARAM_NULL("")};
    assert_int_equal(lia_repl_stage_row(&s, a, 4, &err), LIA_OK);
    assert_int_equal(lia_repl_stage_row(&s, b, 4, &err), LIA_OK);
    const char *sql = lia_buf_str(&s.sql);
    assert_non_null(strstr(sql, "INSERT INTO liaison.StageValeur (IntegrationId, CT_Num, Source, Name, ValText)\nVALUES\n"));
    assert_non_null(strstr(sql, "((7), N'CLI001', N'F_COMPTET', N'Remarque l''été', N'x''); DROP TABLE t; --')"));
    assert_non_null(strstr(sql, "),\n((7), N'CLI002', N'P_STATISTIQUE', N'Région', NULL)"));
    assert_null(strstr(sql, "@p"));
    assert_int_equal(s.rows, 2);
    lia_repl_stage_close(&s);
}

static void rejects_bad_numbers(void **state)
{
    (void)state;
    lia_repl_stage s;
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_repl_stage_open(&s, NULL, "replicate/crm_stage_def.sql", 1, 10, &err), LIA_OK);
    lia_param p[6] = {LIA_PARAM_TEXT("", "F_COMPTET"), LIA_PARAM_TEXT("", "Capital"),
                      LIA_PARAM_DECIMAL("", "20; DELETE"), LIA_PARAM_TEXT("", "number"),
                      LIA_PARAM_INT("", 14), LIA_PARAM_INT("", 1)};
    assert_int_equal(lia_repl_stage_row(&s, p, 6, &err), LIA_E_PARAM);
    lia_repl_stage_close(&s);
}

static void missing_file_is_reported(void **state)
{
    (void)state;
    lia_repl_stage s;
    lia_error err;
    lia_error_clear(&err);
    assert_int_not_equal(lia_repl_stage_open(&s, NULL, "replicate/no_such_file.sql", 1, 10, &err), LIA_OK);
    assert_int_equal(err.code, LIA_E_SQL_FILE);
    lia_repl_stage_close(&s);
}

int main(void)
{
    setenv("LIAISON_LANG", "en", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builds_multirow_insert),
        cmocka_unit_test(rejects_bad_numbers),
        cmocka_unit_test(missing_file_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
