/* Conversations with the TDS front over memory, against the fake engine:
 * each test sends client packets and checks the decoded reply. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tds_test_util.h"

#define V74 0x74000004u
#define V71 0x71000001u

/* Runs login + the extra requests in `in`, returns decoded lines. */
static char *converse(lia_buf *in, int ver, int *rc)
{
    lia_buf out = LIA_BUF_INIT, lines = LIA_BUF_INIT;
    tds_conn_stats st;
    *rc = tt_run(in, &out, &st);
    if (*rc != 0) fprintf(stderr, "connection ended: %s\n", st.reason);
    tt_decode(&out, ver, &lines);
    lia_buf_free(&out);
    lia_buf_free(in);
    char *s = strdup(lia_buf_str(&lines));
    lia_buf_free(&lines);
    return s;
}

static void login(lia_buf *in, uint32_t ver, const char *db)
{
    tt_prelogin(in, 0);
    tt_login7(in, ver, "liaison", "demo", db, 4096);
}

/* Checks that `want` occurs in `got` (lines in order, each exactly). */
static void expect_lines(const char *got, const char *want)
{
    if (!strstr(got, want)) {
        fprintf(stderr, "--- got:\n%s--- wanted:\n%s", got, want);
        fail();
    }
}

static void test_login_ok(void **state)
{
    (void)state;
    lia_buf in = LIA_BUF_INIT;
    int rc;
    login(&in, V74, "BIJOU");
    char *got = converse(&in, 74, &rc);
    assert_int_equal(rc, 0);
    expect_lines(got,
                 "PRELOGIN enc=2\nEOM\n"
                 "ENV 1 BIJOU master\n"
                 "INFO 5701 2 0 Changed database context to 'BIJOU'.\n"
                 "ENV 7 0C04D00000\n"
                 "ENV 2 us_english \n"
                 "INFO 5703 1 0 Changed language setting to us_english.\n"
                 "LOGINACK 74000004 Microsoft SQL Server\n"
                 "ENV 4 4096 4096\n"
                 "DONE 0x0 0\nEOM\n");
    free(got);
}

static void test_login_bad_password(void **state)
{
    (void)state;
    lia_buf in = LIA_BUF_INIT;
    int rc;
    tt_prelogin(&in, 0);
    tt_login7(&in, V74, "liaison", "wrong", "", 4096);
    tt_batch(&in, 74, "SELECT 1", 4096);   /* never answered */
    char *got = converse(&in, 74, &rc);
    assert_int_equal(rc, -1);
    expect_lines(got, "ERROR 18456 1 14 Login failed for user 'liaison'.\nDONE 0x2 0\nEOM\n");
    assert_null(strstr(got, "ROW"));
    free(got);
}

static void test_login_unknown_db(void **state)
{
    (void)state;
    lia_buf in = LIA_BUF_INIT;
    int rc;
    login(&in, V74, "NOPE");
    char *got = converse(&in, 74, &rc);
    assert_int_equal(rc, -1);
    expect_lines(got,
                 "ERROR 4060 1 11 Cannot open database \"NOPE\" requested by the login. The login failed.\n"
                 "ERROR 18456 1 14 Login failed for user 'liaison'.\nDONE 0x2 0\nEOM\n");
    free(got);
}

static void test_encryption_required(void **state)
{
    (void)state;
    lia_buf in = LIA_BUF_INIT;
    int rc;
    tt_prelogin(&in, 3);
    tt_login7(&in, V74, "liaison", "demo", "", 4096);
    char *got = converse(&in, 74, &rc);
    assert_int_equal(rc, -1);
    expect_lines(got, "PRELOGIN enc=2\nEOM\n");
    assert_null(strstr(got, "LOGINACK"));
    free(got);
}

static void test_select_types_74(void **state)
{
    (void)state;
    lia_buf in = LIA_BUF_INIT;
    int rc;
    login(&in, V74, "");
    tt_batch(&in, 74, "TYPES", 512);
    char *got = converse(&in, 74, &rc);
    assert_int_equal(rc, 0);
    expect_lines(got,
        "COLS b:bitn(1)?,ti:intn(1)?,si:intn(2)?,i:intn(4)?,bi:intn(8)?,dec:decimaln(18,4)?,m:moneyn(8)?,"
        "f:floatn(8)?,dt:datetimen(8)?,sdt:datetimen(4)?,dt2:datetime2(7)?,d:date?,c:char(5)?,vc:varchar(35)?,"
        "nc:nchar(6)?,nvc:nvarchar(70)?,vmax:varchar(max)?,nmax:nvarchar(max)?,vb:varbinary(16)?\n"
        "ROW 1|255|-32768|-2147483648|9007199254740993|-12345678901234.5678|1234.5600|3.25|"
        "2024-02-29 13:45:30.123|2024-02-29 13:46:00|2024-02-29 13:45:30.1234567|2024-02-29|ab   |"
        "Bijouterie Élégance – été €|é  |Ça coûte 5 € – 日本|grand texte éà|𝄞 clé|0x0102FF\n"
        "NBCROW NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL\n"
        "DONE 0x10 2\nEOM\n");
    free(got);
}

static void test_select_types_71(void **state)
{
    (void)state;
    lia_buf in = LIA_BUF_INIT;
    int rc;
    login(&in, V71, "");
    tt_batch(&in, 71, "TYPES", 4096);
    char *got = converse(&in, 71, &rc);
    assert_int_equal(rc, 0);
    /* Before 7.3: date/datetime2 as nvarchar, max types as text/ntext; no NBCROW. */
    expect_lines(got, "LOGINACK 71000001");
    expect_lines(got, "dt2:nvarchar(54)?,d:nvarchar(20)?");
    expect_lines(got, "vmax:text(2147483647)?,nmax:ntext(2147483646)?");
    expect_lines(got, "|2024-02-29 13:45:30.1234567|2024-02-29|");
    expect_lines(got, "|grand texte éà|𝄞 clé|0x0102FF\nROW NULL|NULL|");
    free(got);
}

static void test_two_results_and_errors(void **state)
{
    (void)state;
    lia_buf in = LIA_BUF_INIT;
    int rc;
    login(&in, V74, "");
    tt_batch(&in, 74, "SELECT TWO", 4096);
    tt_batch(&in, 74, "SELECT * FROM t LIMIT 5", 4096);
    tt_batch(&in, 74, "ERROR 208", 4096);
    tt_batch(&in, 74, "USE BIJOU", 4096);
    char *got = converse(&in, 74, &rc);
    assert_int_equal(rc, 0);
    expect_lines(got, "COLS :intn(4)?\nROW 1\nDONE 0x11 1\nCOLS :intn(4)?\nROW 2\nROW 2\nDONE 0x10 2\nEOM\n");
    expect_lines(got, "ERROR 102 1 15 Incorrect syntax near 'LIMIT'.\nDONE 0x2 0\nEOM\n");
    expect_lines(got, "ERROR 208 1 16 Simulated error 208.\nDONE 0x2 0\nEOM\n");
    expect_lines(got, "ENV 1 BIJOU master\nINFO 5701 1 0 Changed database context to 'BIJOU'.\nDONE 0x0 0\nEOM\n");
    free(got);
}

static void test_big_result_small_packets(void **state)
{
    (void)state;
    lia_buf in = LIA_BUF_INIT, out = LIA_BUF_INIT, lines = LIA_BUF_INIT;
    tds_conn_stats st;
    tt_prelogin(&in, 0);
    tt_login7(&in, V74, "liaison", "demo", "", 512);
    tt_batch(&in, 74, "ROWS 5000", 512);
    assert_int_equal(tt_run(&in, &out, &st), 0);
    /* Every reply packet respects the negotiated size. */
    for (size_t i = 0; i < out.len;) {
        size_t len = ((size_t)(uint8_t)out.data[i + 2] << 8) | (uint8_t)out.data[i + 3];
        assert_true(len <= 512);
        i += len;
    }
    assert_int_equal(tt_decode(&out, 74, &lines), 0);
    expect_lines(lines.data, "ROW 4999|ligne numéro 4999\nROW 5000|ligne numéro 5000\nDONE 0x10 5000\nEOM\n");
    lia_buf_free(&in);
    lia_buf_free(&out);
    lia_buf_free(&lines);
}

static void test_rpc_executesql(void **state)
{
    (void)state;
    lia_buf in = LIA_BUF_INIT, p = LIA_BUF_INIT;
    int rc;
    login(&in, V74, "");
    tt_param_nvarchar(&p, "", "ECHO");
    tt_param_nvarchar(&p, "", "@a int, @b nvarchar(max)");
    tt_param(&p, "@a", "\x26\x04\x04\x2A\x00\x00\x00", 7);          /* INTN 42 */
    tt_param_nvarchar(&p, "@b", "Crème brûlée");
    tt_param(&p, "@c", "\x6A\x09\x0A\x02\x05\x01\x39\x30\x00\x00", 10); /* decimal(10,2) 123.45 */
    tt_param(&p, "@d", "\xA7\x0A\x00\x0C\x04\xD0\x00\x00\x03\x00\xE9t\xE9", 13); /* varchar 'été' */
    tt_param(&p, "@e", "\x26\x04\x00", 3);                              /* NULL int */
    tt_param(&p, "@f", "\x6F\x08\x08\x00\x00\x00\x00\x00\x00\x00\x00", 11); /* 1900-01-01 */
    tt_rpc(&in, 74, NULL, 10, &p, 4096);
    lia_buf_reset(&p);
    tt_param_nvarchar(&p, "@stmt", "ECHO");
    tt_param_nvarchar(&p, "@params", "@x int");
    tt_param(&p, "", "\x26\x01\x01\x07", 4);                            /* positional tinyint 7 */
    tt_rpc(&in, 74, "sys.sp_executesql", 0, &p, 512);
    lia_buf_reset(&p);
    tt_rpc(&in, 74, "sp_nothing", 0, &p, 4096);
    lia_buf_free(&p);
    char *got = converse(&in, 74, &rc);
    assert_int_equal(rc, 0);
    expect_lines(got,
        "COLS @a:intn(4)?,@b:nvarchar(max)?,@c:decimaln(10,2)?,@d:varchar(10)?,@e:intn(4)?,@f:datetimen(8)?\n"
        "NBCROW 42|Crème brûlée|123.45|été|NULL|1900-01-01 00:00:00.000\n"
        "DONEINPROC 0x11 1\nRETURNSTATUS 0\nDONEPROC 0x0 0\nEOM\n");
    expect_lines(got, "COLS @x:intn(1)?\nROW 7\nDONEINPROC 0x11 1\nRETURNSTATUS 0\nDONEPROC 0x0 0\nEOM\n");
    expect_lines(got, "ERROR 2812 62 16 Could not find stored procedure 'sp_nothing'.\nRETURNSTATUS -6\nDONEPROC 0x2 0\nEOM\n");
    free(got);
}

/* OUTPUT parameters: after the batch's results, RETURNSTATUS then one
 * RETURNVALUE per OUTPUT parameter (ordinal in the RPC, name, status 1, the
 * parameter's type, its value), then DONEPROC; on 7.4 and on 7.1 (2-byte
 * user type, datetime and nvarchar as on 7.4). */
static void outputs_on(uint32_t wire, int ver)
{
    lia_buf in = LIA_BUF_INIT, p = LIA_BUF_INIT;
    int rc;
    login(&in, wire, "");
    tt_param_nvarchar(&p, "", "OUTPUTS");
    tt_param_nvarchar(&p, "", "@in int, @i int OUTPUT, @d decimal(38,10) OUTPUT, @s nvarchar(20) OUTPUT, "
                              "@t datetime OUTPUT, @z int OUTPUT");
    tt_param(&p, "@in", "\x26\x04\x04\x05\x00\x00\x00", 7);
    tt_param_status(&p, "@i", 1, "\x26\x04\x04\xD6\xFF\xFF\xFF", 7);                 /* -42 */
    tt_param_status(&p, "@d", 1, "\x6A\x11\x26\x0A\x11\x01"
                                 "\xC0\xBA\xDC\x72\x71\x41\xEC\xEA\xDE\x0F\xD7\xBF\xE3\xC6\x17\x00", 22);
    tt_param_status(&p, "@s", 1, "\xE7\x28\x00\x0C\x04\xD0\x00\x00\x0A\x00"
                                 "C\x00r\x00\xE8\x00m\x00" "e\x00", 20);                /* nvarchar(20) 'Crème' */
    tt_param_status(&p, "@t", 1, "\x6F\x08\x08\x25\xB1\x00\x00\x05\x09\xAD\x00", 11); /* 2024-02-29 10:30:00.123 */
    tt_param_status(&p, "@z", 1, "\x26\x04\x00", 3);                                   /* NULL */
    tt_rpc(&in, ver, NULL, 10, &p, 4096);
    lia_buf_free(&p);
    char *got = converse(&in, ver, &rc);
    assert_int_equal(rc, 0);
    expect_lines(got,
        "COLS :intn(4)?\nROW 1\nDONEINPROC 0x11 1\nRETURNSTATUS 0\n"
        "RETURNVALUE 3 1 @i:intn(4)? -42\n"
        "RETURNVALUE 4 1 @d:decimaln(38,10)? 12345678901234567890123456.7890123456\n"
        "RETURNVALUE 5 1 @s:nvarchar(40)? Crème\n"
        "RETURNVALUE 6 1 @t:datetimen(8)? 2024-02-29 10:30:00.123\n"
        "RETURNVALUE 7 1 @z:intn(4)? NULL\n"
        "DONEPROC 0x0 0\nEOM\n");
    free(got);
}

static void test_rpc_outputs(void **state)
{
    (void)state;
    outputs_on(V74, 74);
    outputs_on(V71, 71);
}

static void test_prepare_execute(void **state)
{
    (void)state;
    lia_buf in = LIA_BUF_INIT, p = LIA_BUF_INIT;
    int rc;
    login(&in, V74, "");
    tt_param(&p, "@handle", "\x26\x04\x00", 3);
    tt_param_nvarchar(&p, "@params", "@v int");
    tt_param_nvarchar(&p, "@stmt", "ECHO");
    tt_rpc(&in, 74, NULL, 11, &p, 4096);
    lia_buf_reset(&p);
    tt_param(&p, "@handle", "\x26\x04\x04\x01\x00\x00\x00", 7);
    tt_param(&p, "@v", "\x26\x04\x04\x05\x00\x00\x00", 7);
    tt_rpc(&in, 74, NULL, 12, &p, 4096);
    lia_buf_free(&p);
    char *got = converse(&in, 74, &rc);
    assert_int_equal(rc, 0);
    expect_lines(got, "RETURNSTATUS 0\nRETURNVALUE 0 1 @handle:intn(4)? 1\nDONEPROC 0x0 0\nEOM\n");
    expect_lines(got, "COLS @v:intn(4)?\nROW 5\nDONEINPROC 0x11 1\nRETURNSTATUS 0\nDONEPROC 0x0 0\nEOM\n");
    free(got);
}

static void test_attention(void **state)
{
    (void)state;
    lia_buf in = LIA_BUF_INIT;
    int rc;
    login(&in, V74, "");
    tt_batch(&in, 74, "SLEEP", 4096);
    tt_packets(&in, 6, "", 0, 4096);   /* ATTENTION, seen while rows stream */
    tt_batch(&in, 74, "SELECT 1", 4096);
    char *got = converse(&in, 74, &rc);
    assert_int_equal(rc, 0);
    expect_lines(got, "DONE 0x0 0\nEOM\nDONE 0x20 0\nEOM\nCOLS :intn(4)?\nROW 1\nDONE 0x10 1\nEOM\n");
    free(got);
}

static void test_bulk_load(void **state)
{
    (void)state;
    lia_buf in = LIA_BUF_INIT, b = LIA_BUF_INIT;
    int rc;
    login(&in, V74, "");
    tt_batch(&in, 74, "insert bulk dbo.T ([id] int, [nom] varchar(10) COLLATE French_CI_AS, [d] datetime)", 4096);
    /* COLMETADATA: id INTN(4), nom BIGVARCHR(10), d DATETIMN(8) */
    static const uint8_t meta[] = {
        0x81, 3, 0,
        0, 0, 0, 0, 0x09, 0, 0x26, 4, 2, 'i', 0, 'd', 0,
        0, 0, 0, 0, 0x09, 0, 0xA7, 10, 0, 0x0C, 0x04, 0xD0, 0, 0, 3, 'n', 0, 'o', 0, 'm', 0,
        0, 0, 0, 0, 0x09, 0, 0x6F, 8, 1, 'd', 0};
    lia_buf_add(&b, meta, sizeof meta);
    for (int i = 1; i <= 300; i++) {
        uint8_t row[] = {0xD1, 4, (uint8_t)i, (uint8_t)(i >> 8), 0, 0, 3, 0, 0xE9, 't', 0xE9, 0};
        lia_buf_add(&b, row, sizeof row);   /* d: NULL (length 0) */
    }
    static const uint8_t done[] = {0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    lia_buf_add(&b, done, sizeof done);
    tt_packets(&in, 7, b.data, b.len, 512);
    tt_batch(&in, 74, "BULKCOUNT", 4096);
    lia_buf_free(&b);
    char *got = converse(&in, 74, &rc);
    assert_int_equal(rc, 0);
    expect_lines(got, "DONE 0x0 0\nEOM\nDONE 0x10 300\nEOM\n");
    expect_lines(got, "ROW 300|INSERT INTO dbo.T ([id], [nom], [d]) VALUES (@p1, @p2, @p3)|3|300|été|NULL\n");
    free(got);
}

static void test_hostile_packets(void **state)
{
    (void)state;
    static const uint8_t cases[][12] = {
        {0x12, 0x01, 0x00, 0x04},                          /* length below header */
        {0x12, 0x01, 0xFF, 0xFF, 0, 0, 0, 0, 1, 2},        /* length beyond data */
        {0x10, 0x01, 0x00, 0x0C, 0, 0, 0, 0, 1, 2, 3, 4},  /* LOGIN7 too short */
        {0x01, 0x01, 0x00, 0x0C, 0, 0, 0, 0, 'a', 0, 'b', 0}, /* batch before login */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lia_buf in = LIA_BUF_INIT, out = LIA_BUF_INIT;
        tds_conn_stats st;
        lia_buf_add(&in, cases[i], sizeof cases[i]);
        assert_int_equal(tt_run(&in, &out, &st), -1);
        assert_true(st.reason[0] != '\0');
        lia_buf_free(&in);
        lia_buf_free(&out);
    }
    /* A hostile RPC after login: parameter length beyond its type. */
    lia_buf in = LIA_BUF_INIT, out = LIA_BUF_INIT, p = LIA_BUF_INIT;
    tds_conn_stats st;
    login(&in, V74, "");
    tt_param(&p, "@a", "\xA7\x04\x00\x0C\x04\xD0\x00\x00\x10\x00xxxxxxxxxxxxxxxx", 26);
    tt_rpc(&in, 74, NULL, 10, &p, 4096);
    assert_int_equal(tt_run(&in, &out, &st), -1);
    assert_non_null(strstr(st.reason, "above its type"));
    lia_buf_free(&in);
    lia_buf_free(&out);
    lia_buf_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_login_ok), cmocka_unit_test(test_login_bad_password),
        cmocka_unit_test(test_login_unknown_db), cmocka_unit_test(test_encryption_required),
        cmocka_unit_test(test_select_types_74), cmocka_unit_test(test_select_types_71),
        cmocka_unit_test(test_two_results_and_errors), cmocka_unit_test(test_big_result_small_packets),
        cmocka_unit_test(test_rpc_executesql), cmocka_unit_test(test_prepare_execute),
        cmocka_unit_test(test_rpc_outputs),
        cmocka_unit_test(test_attention), cmocka_unit_test(test_bulk_load),
        cmocka_unit_test(test_hostile_packets)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
