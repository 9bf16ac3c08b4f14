/* The connection layer against a live TDS server (the simulator, started by
 * test_check_sim.sh): types and UTF-8 both ways, parameters including
 * injection attempts, result sets, row counts, transactions and the
 * server's own error numbers and texts.  Not a ctest of its own: it needs
 * the server given in LIA_TEST_* variables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liaison/db.h"

static lia_db_params params(const char *user, const char *password, const char *db)
{
    lia_db_params p;
    memset(&p, 0, sizeof p);
    p.label = "test";
    p.server = "127.0.0.1";
    p.port = atoi(getenv("LIA_TEST_PORT"));
    p.database = db;
    p.user = user;
    p.password = password;
    p.login_timeout = 10;
    p.query_timeout = 30;
    return p;
}

static lia_db *open_owner(void)
{
    lia_db_params p = params(getenv("LIA_TEST_USER"), getenv("LIA_TEST_PASSWORD"), getenv("LIA_TEST_DB"));
    lia_db *db = NULL;
    lia_error err;
    lia_error_clear(&err);
    lia_code rc = lia_db_connect(&p, &db, &err);
    if (rc != LIA_OK) {
        char msg[1400];
        fail_msg("connect: %s", lia_error_format(&err, msg, sizeof msg));
    }
    return db;
}

static void must(lia_code rc, const lia_error *err)
{
    if (rc != LIA_OK) {
        char msg[1400];
        fail_msg("%s", lia_error_format(err, msg, sizeof msg));
    }
}

/* Runs sql and returns the first column of the first row (static copy). */
static const char *scalar(lia_db *db, const char *sql, const lia_param *p, size_t n)
{
    static char out[1024];
    lia_error err;
    lia_error_clear(&err);
    must(lia_db_query(db, sql, p, n, &err), &err);
    assert_int_equal(lia_db_next_result(db, &err), 1);
    assert_int_equal(lia_db_fetch(db, &err), 1);
    const char *s = lia_db_str(db, 0);
    snprintf(out, sizeof out, "%s", s ? s : "<NULL>");
    lia_db_cancel(db);
    return out;
}

static int setup(void **state)
{
    lia_db *db = open_owner();
    lia_error err;
    lia_error_clear(&err);
    must(lia_db_exec(db, "IF OBJECT_ID('dbo.lia_t') IS NOT NULL DROP TABLE dbo.lia_t", NULL, 0, NULL, &err), &err);
    must(lia_db_exec(db,
                     "CREATE TABLE dbo.lia_t (id int NOT NULL PRIMARY KEY, name varchar(60) NULL, "
                     "uname nvarchar(60) NULL, amount decimal(24,6) NULL, price money NULL, "
                     "d datetime NULL, big bigint NULL, flag bit NULL)",
                     NULL, 0, NULL, &err), &err);
    *state = db;
    return 0;
}

static int teardown(void **state)
{
    lia_db_close(*state);
    return 0;
}

static void round_trip_of_every_type(void **state)
{
    lia_db *db = *state;
    lia_error err;
    lia_error_clear(&err);
    lia_param p[] = {
        LIA_PARAM_INT("@id", 1), LIA_PARAM_TEXT("@name", "Éléphant d'or – çà"),
        LIA_PARAM_TEXT("@uname", "東京 Œuvre"), LIA_PARAM_DECIMAL("@amount", "-1234.567891"),
        LIA_PARAM_DECIMAL("@price", "19.99"), LIA_PARAM_DATETIME("@d", "2026-03-04 10:15:01.5"),
        LIA_PARAM_BIGINT("@big", 9007199254740993LL), LIA_PARAM_BIT("@flag", 1),
    };
    int64_t rows = -1;
    must(lia_db_exec(db,
                     "INSERT INTO dbo.lia_t (id, name, uname, amount, price, d, big, flag) "
                     "VALUES (@id, @name, @uname, @amount, @price, @d, @big, @flag)",
                     p, 8, &rows, &err), &err);
    assert_int_equal(rows, 1);
    lia_param id[] = {LIA_PARAM_INT("@id", 1)};
    must(lia_db_query(db, "SELECT id, name, uname, amount, price, d, big, flag FROM dbo.lia_t WHERE id = @id",
                      id, 1, &err), &err);
    assert_int_equal(lia_db_next_result(db, &err), 1);
    assert_int_equal(lia_db_ncols(db), 8);
    assert_string_equal(lia_db_colname(db, 1), "name");
    assert_int_equal(lia_db_fetch(db, &err), 1);
    assert_string_equal(lia_db_str(db, 1), "Éléphant d'or – çà");
    assert_string_equal(lia_db_str(db, 2), "東京 Œuvre");
    assert_string_equal(lia_db_str(db, 3), "-1234.567891");
    int64_t v;
    assert_int_equal(lia_db_decimal(db, 3, 6, &v), 0);
    assert_true(v == -1234567891LL);
    assert_int_equal(lia_db_decimal(db, 3, 2, &v), 0);
    assert_true(v == -123457);
    assert_int_equal(lia_db_decimal(db, 4, 2, &v), 0);
    assert_true(v == 1999);
    assert_string_equal(lia_db_str(db, 5), "2026-03-04 10:15:01.500");
    assert_int_equal(lia_db_int64(db, 6, &v), 0);
    assert_true(v == 9007199254740993LL);
    assert_string_equal(lia_db_str(db, 7), "1");
    assert_int_equal(lia_db_fetch(db, &err), 0);
    assert_int_equal(lia_db_next_result(db, &err), 0);
}

static void nulls_and_injection_are_values(void **state)
{
    lia_db *db = *state;
    lia_error err;
    lia_error_clear(&err);
    const char *evil = "x'); DROP TABLE dbo.lia_t; --";
    lia_param p[] = {LIA_PARAM_INT("@id", 2), LIA_PARAM_TEXT("@name", evil), LIA_PARAM_NULL("@u")};
    must(lia_db_exec(db, "INSERT INTO dbo.lia_t (id, name, uname) VALUES (@id, @name, @u)", p, 3, NULL, &err), &err);
    lia_param id[] = {LIA_PARAM_INT("@id", 2)};
    assert_string_equal(scalar(db, "SELECT name FROM dbo.lia_t WHERE id = @id", id, 1), evil);
    must(lia_db_query(db, "SELECT uname, amount FROM dbo.lia_t WHERE id = @id", id, 1, &err), &err);
    assert_int_equal(lia_db_next_result(db, &err), 1);
    assert_int_equal(lia_db_fetch(db, &err), 1);
    assert_true(lia_db_isnull(db, 0));
    assert_null(lia_db_str(db, 1));
    int64_t v;
    assert_int_equal(lia_db_decimal(db, 1, 2, &v), -1);
    lia_db_cancel(db);
    assert_string_equal(scalar(db, "SELECT COUNT(*) FROM dbo.lia_t", NULL, 0), "2");
}

static void several_result_sets_and_counts(void **state)
{
    lia_db *db = *state;
    lia_error err;
    lia_error_clear(&err);
    must(lia_db_query(db, "SELECT 1 AS a; UPDATE dbo.lia_t SET flag = 0 WHERE id > 0; SELECT 2 AS b, 3 AS c",
                      NULL, 0, &err), &err);
    assert_int_equal(lia_db_next_result(db, &err), 1);
    assert_int_equal(lia_db_ncols(db), 1);
    assert_int_equal(lia_db_fetch(db, &err), 1);
    assert_string_equal(lia_db_str(db, 0), "1");
    assert_int_equal(lia_db_next_result(db, &err), 1);
    assert_int_equal(lia_db_last_count(db), 2); /* the UPDATE in between */
    assert_int_equal(lia_db_ncols(db), 2);
    assert_int_equal(lia_db_fetch(db, &err), 1);
    assert_string_equal(lia_db_str(db, 1), "3");
    assert_int_equal(lia_db_next_result(db, &err), 0);
}

static void server_errors_keep_number_and_text(void **state)
{
    lia_db *db = *state;
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_db_exec(db, "SELECT * FROM dbo.no_such_table", NULL, 0, NULL, &err), LIA_E_INVALID_OBJECT);
    assert_int_equal(err.sql_number, 208);
    assert_non_null(strstr(err.server_text, "no_such_table"));
    lia_error_clear(&err);
    assert_int_equal(lia_db_exec(db, "SELECT nope FROM dbo.lia_t", NULL, 0, NULL, &err), LIA_E_INVALID_COLUMN);
    assert_int_equal(err.sql_number, 207);
    lia_error_clear(&err);
    lia_param p[] = {LIA_PARAM_INT("@id", 1)};
    assert_int_equal(lia_db_exec(db, "INSERT INTO dbo.lia_t (id) VALUES (@id)", p, 1, NULL, &err), LIA_E_DUPLICATE);
    assert_true(err.sql_number == 2627 || err.sql_number == 2601);
    lia_error_clear(&err);
    /* The connection is still usable after errors. */
    assert_string_equal(scalar(db, "SELECT COUNT(*) FROM dbo.lia_t", NULL, 0), "2");
    assert_int_equal(lia_db_exec(db, "SELECT 1 LIMIT 5", NULL, 0, NULL, &err), LIA_E_SQL);
    assert_int_equal(err.sql_number, 102);
}

static void transactions(void **state)
{
    lia_db *db = *state;
    lia_error err;
    lia_error_clear(&err);
    lia_param p[] = {LIA_PARAM_INT("@id", 3)};
    must(lia_db_begin(db, &err), &err);
    must(lia_db_exec(db, "INSERT INTO dbo.lia_t (id) VALUES (@id)", p, 1, NULL, &err), &err);
    must(lia_db_rollback(db, &err), &err);
    assert_string_equal(scalar(db, "SELECT COUNT(*) FROM dbo.lia_t", NULL, 0), "2");
    must(lia_db_begin(db, &err), &err);
    must(lia_db_exec(db, "INSERT INTO dbo.lia_t (id) VALUES (@id)", p, 1, NULL, &err), &err);
    must(lia_db_commit(db, &err), &err);
    assert_string_equal(scalar(db, "SELECT COUNT(*) FROM dbo.lia_t", NULL, 0), "3");
}

/* db-lib's handlers are global: an error on one connection must land on
 * that connection only, even while another has a result set open. */
static void errors_stay_on_their_connection(void **state)
{
    lia_db *db = *state;
    lia_db *other = open_owner();
    lia_error err, err2;
    lia_error_clear(&err);
    lia_error_clear(&err2);
    must(lia_db_query(db, "SELECT id FROM dbo.lia_t ORDER BY id", NULL, 0, &err), &err);
    assert_int_equal(lia_db_next_result(db, &err), 1);
    assert_int_equal(lia_db_fetch(db, &err), 1);
    assert_int_equal(lia_db_exec(other, "SELECT * FROM dbo.not_here", NULL, 0, NULL, &err2), LIA_E_INVALID_OBJECT);
    assert_int_equal(err2.sql_number, 208);
    assert_int_equal(lia_db_fetch(db, &err), 1);
    assert_int_equal(lia_db_fetch(db, &err), 1);
    assert_int_equal(lia_db_fetch(db, &err), 0);
    assert_int_equal(err.code, LIA_OK);
    assert_int_equal(err.sql_number, 0);
    assert_int_equal(lia_db_next_result(db, &err), 0);
    lia_db_close(other);
}

static void login_failures(void **state)
{
    (void)state;
    lia_db *db = NULL;
    lia_error err;
    lia_error_clear(&err);
    lia_db_params p = params(getenv("LIA_TEST_USER"), "wrong password", getenv("LIA_TEST_DB"));
    assert_int_equal(lia_db_connect(&p, &db, &err), LIA_E_LOGIN);
    assert_int_equal(err.sql_number, 18456);
    assert_non_null(strstr(err.server_text, "Login failed"));
    assert_null(db);
    lia_error_clear(&err);
    p = params(getenv("LIA_TEST_USER"), getenv("LIA_TEST_PASSWORD"), "NO_SUCH_DB");
    assert_int_equal(lia_db_connect(&p, &db, &err), LIA_E_DB_OPEN);
    assert_int_equal(err.sql_number, 4060);
    assert_string_equal(err.subject, "NO_SUCH_DB");
}

static void reader_cannot_write(void **state)
{
    (void)state;
    const char *reader = getenv("LIA_TEST_READER");
    if (!reader)
        skip();
    lia_db_params p = params(reader, getenv("LIA_TEST_READER_PASSWORD"), getenv("LIA_TEST_DB"));
    lia_db *db = NULL;
    lia_error err;
    lia_error_clear(&err);
    must(lia_db_connect(&p, &db, &err), &err);
    lia_param id[] = {LIA_PARAM_INT("@id", 9)};
    assert_int_equal(lia_db_exec(db, "INSERT INTO dbo.lia_t (id) VALUES (@id)", id, 1, NULL, &err), LIA_E_PERMISSION);
    assert_int_equal(err.sql_number, 229);
    lia_db_close(db);
}

int main(void)
{
    if (!getenv("LIA_TEST_PORT")) {
        fprintf(stderr, "test_db_live: LIA_TEST_PORT not set (run by test_check_sim.sh)\n");
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip_of_every_type),
        cmocka_unit_test(nulls_and_injection_are_values),
        cmocka_unit_test(several_result_sets_and_counts),
        cmocka_unit_test(server_errors_keep_number_and_text),
        cmocka_unit_test(transactions),
        cmocka_unit_test(errors_stay_on_their_connection),
        cmocka_unit_test(login_failures),
        cmocka_unit_test(reader_cannot_write),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
