/* The connection layer against tds_stub.py (run by test_check_unreachable.sh):
 * a query that gets no answer fails with LIA_E_TIMEOUT after query_timeout;
 * a server that hangs up gives LIA_E_CONN_LOST, and lia_db_retry reconnects
 * and tries again, up to its limit.
 *   test_db_stub stall|drop PORT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liaison/db.h"

static int port;
static const char *mode;

static lia_db *open_stub(void)
{
    lia_db_params p;
    memset(&p, 0, sizeof p);
    p.server = "127.0.0.1";
    p.port = port;
    p.database = "BIJOU";
    p.user = "liaison";
    p.password = "x";
    p.login_timeout = 5;
    p.query_timeout = 1;
    lia_db *db = NULL;
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_db_connect(&p, &db, &err), LIA_OK);
    return db;
}

static void stalled_query_times_out(void **state)
{
    (void)state;
    if (strcmp(mode, "stall") != 0)
        skip();
    lia_db *db = open_stub();
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_db_exec_file(db, "engine/server_info.sql", NULL, 0, NULL, &err), LIA_E_TIMEOUT);
    assert_string_equal(err.subject, "engine/server_info.sql");
    assert_non_null(strstr(err.detail, "query_timeout = 1 s"));
    lia_db_close(db);
}

struct attempt { lia_db *db; int calls; int reconnects; };

static lia_code query_once(void *ctx, lia_error *err)
{
    struct attempt *a = ctx;
    a->calls++;
    if (!lia_db_alive(a->db)) {
        lia_code rc = lia_db_reconnect(a->db, err);
        if (rc != LIA_OK)
            return rc;
        a->reconnects++;
    }
    return lia_db_exec_file(a->db, "engine/server_info.sql", NULL, 0, NULL, err);
}

static void lost_connection_is_retried_with_reconnect(void **state)
{
    (void)state;
    if (strcmp(mode, "drop") != 0)
        skip();
    struct attempt a = {open_stub(), 0, 0};
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_db_exec_file(a.db, "engine/server_info.sql", NULL, 0, NULL, &err), LIA_E_CONN_LOST);
    assert_false(lia_db_alive(a.db));
    lia_db_retry_delays(10, 40);
    assert_int_equal(lia_db_retry(query_once, &a, 3, &err), LIA_E_CONN_LOST);
    assert_int_equal(a.calls, 3);
    assert_int_equal(a.reconnects, 3);
    lia_db_close(a.db);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_db_stub stall|drop PORT\n");
        return 2;
    }
    mode = argv[1];
    port = atoi(argv[2]);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stalled_query_times_out),
        cmocka_unit_test(lost_connection_is_retried_with_reconnect),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
