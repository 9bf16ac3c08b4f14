/* Errors carry their context (subject, SQL Server number and text) into
 * one message line; transient codes are retried with back-off, others not. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "liaison/db.h"

static void server_context_in_the_message(void **state)
{
    (void)state;
    lia_error err;
    lia_error_clear(&err);
    lia_fail(&err, lia_code_from_sql(18456), "%s@%s", "sa", "127.0.0.1:1433");
    err.sql_number = 18456;
    strcpy(err.server_text, "Login failed for user 'sa'.");
    char msg[1400];
    lia_set_lang(LIA_LANG_FR);
    assert_string_equal(lia_error_format(&err, msg, sizeof msg),
                        "échec de l'authentification 'sa@127.0.0.1:1433' (erreur SQL Server 18456): "
                        "Login failed for user 'sa'");
    lia_set_lang(LIA_LANG_EN);
    assert_string_equal(lia_error_format(&err, msg, sizeof msg),
                        "login failed 'sa@127.0.0.1:1433' (SQL Server error 18456): Login failed for user 'sa'");
    assert_int_equal(lia_code_exit(err.code), 5);

    lia_error_clear(&err);
    lia_fail(&err, LIA_E_SECRET_PERMS, "/etc/liaison/gescom.pw");
    lia_error_detail(&err, "current mode %03o", 0644u);
    assert_string_equal(lia_error_format(&err, msg, sizeof msg),
                        "password file readable by other users (chmod 600) '/etc/liaison/gescom.pw': current mode 644");
    assert_int_equal(lia_code_exit(err.code), 3);
    lia_set_lang(LIA_LANG_FR);
}

static void codes_and_exit_statuses_of_the_engine(void **state)
{
    (void)state;
    assert_int_equal(lia_code_exit(LIA_E_CONNECT), 4);
    assert_int_equal(lia_code_exit(LIA_E_TIMEOUT), 4);
    assert_int_equal(lia_code_exit(LIA_E_CONN_LOST), 4);
    assert_int_equal(lia_code_exit(LIA_E_LOGIN), 5);
    assert_int_equal(lia_code_exit(LIA_E_DB_OPEN), 6);
    assert_int_equal(lia_code_exit(LIA_E_NOT_GESCOM), 6);
    assert_int_equal(lia_code_exit(LIA_E_PERMISSION), 7);
    assert_int_equal(lia_code_from_sql(1205), LIA_E_DEADLOCK);
    assert_int_equal(lia_code_from_sql(2601), LIA_E_DUPLICATE);
    assert_true(lia_db_transient(LIA_E_DEADLOCK));
    assert_true(lia_db_transient(LIA_E_CONN_LOST));
    assert_false(lia_db_transient(LIA_E_DUPLICATE));
    assert_false(lia_db_transient(LIA_E_LOGIN));
}

struct attempts { int calls; int fail_times; lia_code code; };

static lia_code flaky(void *ctx, lia_error *err)
{
    struct attempts *a = ctx;
    a->calls++;
    if (a->calls <= a->fail_times) {
        lia_fail(err, a->code, "attempt %d", a->calls);
        err->sql_number = a->code == LIA_E_DEADLOCK ? 1205 : 0;
        return a->code;
    }
    return LIA_OK;
}

static void retry_transient_only(void **state)
{
    (void)state;
    lia_db_retry_delays(1, 4);
    lia_error err;
    struct attempts a = {0, 2, LIA_E_DEADLOCK};
    assert_int_equal(lia_db_retry(flaky, &a, 5, &err), LIA_OK);
    assert_int_equal(a.calls, 3);

    struct attempts b = {0, 10, LIA_E_CONN_LOST};
    assert_int_equal(lia_db_retry(flaky, &b, 4, &err), LIA_E_CONN_LOST);
    assert_int_equal(b.calls, 4);
    assert_string_equal(err.subject, "attempt 4"); /* the last failure is reported */

    struct attempts c = {0, 10, LIA_E_DUPLICATE};
    assert_int_equal(lia_db_retry(flaky, &c, 5, &err), LIA_E_DUPLICATE);
    assert_int_equal(c.calls, 1);
}

static void sql_texts_load_from_the_tree(void **state)
{
    (void)state;
    char *text = NULL;
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_sql_load("engine/server_info.sql", &text, &err), LIA_OK);
    assert_non_null(strstr(text, "SELECT"));
    free(text);
    assert_int_equal(lia_sql_load("engine/nope.sql", &text, &err), LIA_E_SQL_FILE);
    assert_string_equal(err.subject, "sql/engine/nope.sql");
    /* LIAISON_SQL_DIR comes first. */
    char dir[] = "/tmp/lia-sqldir-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/engine", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/engine/server_info.sql", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("-- override\nSELECT 42 AS answer;\n", f);
    fclose(f);
    setenv("LIAISON_SQL_DIR", dir, 1);
    assert_int_equal(lia_sql_load("engine/server_info.sql", &text, &err), LIA_OK);
    assert_non_null(strstr(text, "SELECT 42"));
    free(text);
    /* A file it lacks is still found in the tree. */
    assert_int_equal(lia_sql_load("engine/tran_begin.sql", &text, &err), LIA_OK);
    free(text);
    unsetenv("LIAISON_SQL_DIR");
    unlink(path);
    snprintf(path, sizeof path, "%s/engine", dir);
    rmdir(path);
    rmdir(dir);
    assert_int_equal(lia_sql_load("../etc/passwd", &text, &err), LIA_E_SQL_FILE);
    assert_int_equal(lia_sql_load("/etc/passwd", &text, &err), LIA_E_SQL_FILE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(server_context_in_the_message),
        cmocka_unit_test(codes_and_exit_statuses_of_the_engine),
        cmocka_unit_test(retry_transient_only),
        cmocka_unit_test(sql_texts_load_from_the_tree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
