/* SOAP client against canned responses (tests/push/canned_server.js, started
 * here on 127.0.0.1 with a system-chosen port): success, faults, retries with
 * the same requestId, re-logon, hostile XML, limits and timeouts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "liaison/buf.h"
#include "liaison/journal.h"
#include "liaison/soap.h"

#include "node_server.h"

static pid_t server_pid;
static int server_port;
static char tmpdir[] = "/tmp/lia-soap-XXXXXX";
static char logpath[512], keypath[512], certpath[512];
static int tls_port;

static int start_server(void **state)
{
    (void)state;
    lia_set_lang(LIA_LANG_EN);
    const char *src = getenv("LIA_SOURCE_DIR");
    char script[1024];
    snprintf(script, sizeof script, "%s/tests/push/canned_server.js", src ? src : ".");
    if (!mkdtemp(tmpdir))
        return -1;
    snprintf(logpath, sizeof logpath, "%s/requests.log", tmpdir);
    /* A self-signed certificate for 127.0.0.1, made for this run. */
    snprintf(keypath, sizeof keypath, "%s/key.pem", tmpdir);
    snprintf(certpath, sizeof certpath, "%s/cert.pem", tmpdir);
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
             "-keyout %s -out %s -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 "
             ">/dev/null 2>&1", keypath, certpath);
    if (system(cmd) != 0) {
        fprintf(stderr, "openssl could not make a test certificate\n");
        return -1;
    }
    const char *const args[] = {"node", script, logpath, keypath, certpath, NULL};
    char line[64];
    if (node_server_start(args, &server_pid, line, sizeof line) != 0 ||
        sscanf(line, "ready %d %d", &server_port, &tls_port) != 2) {
        fprintf(stderr, "canned server did not start: '%s'\n", line);
        return -1;
    }
    return 0;
}

static int stop_server(void **state)
{
    (void)state;
    node_server_stop(server_pid);
    unlink(logpath);
    unlink(keypath);
    unlink(certpath);
    char j[600];
    snprintf(j, sizeof j, "%s/journal", tmpdir);
    unlink(j);
    rmdir(tmpdir);
    return 0;
}

/* Lines of the request log for a path that contain each non-NULL needle. */
static int log_lines(const char *path, const char *n1, const char *n2)
{
    FILE *f = fopen(logpath, "r");
    if (!f)
        return 0;
    char *line = NULL;
    size_t cap = 0;
    int n = 0;
    char p[128];
    snprintf(p, sizeof p, "\"path\":\"%s\"", path);
    while (getline(&line, &cap, f) > 0)
        if (strstr(line, p) && (!n1 || strstr(line, n1)) && (!n2 || strstr(line, n2)))
            n++;
    free(line);
    fclose(f);
    return n;
}

/* Requests logged for a path (and action, and requestId when given). */
static int count_requests(const char *path, const char *action, const char *rid)
{
    char a[64], r[128];
    snprintf(a, sizeof a, "\"action\":\"%s\"", action ? action : "");
    snprintf(r, sizeof r, "\"requestId\":\"%s\"", rid ? rid : "");
    return log_lines(path, action ? a : NULL, rid ? r : NULL);
}

static int log_contains(const char *path, const char *needle)
{
    return log_lines(path, needle, NULL) > 0;
}

static lia_soap *open_client(const char *scenario, lia_journal *j)
{
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d%s", server_port, scenario);
    lia_soap_opts o = {0};
    o.url = url;
    o.user = "liaison";
    o.password = "s3cr3t-pw";
    o.company = "BIJOU";
    o.connect_timeout_ms = 2000;
    o.total_timeout_ms = 3000;
    o.max_response = 64 * 1024;
    o.max_attempts = 3;
    o.backoff_initial_ms = 20;
    o.backoff_max_ms = 200; /* also caps Retry-After */
    o.journal = j;
    lia_soap *s = NULL;
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_soap_open(&o, &s, &err), LIA_OK);
    return s;
}

static const lia_soap_field tiers_fields[] = {
    {"CT_Num", "CLI001"},
    {"CT_Intitule", "Dupont & Fils <SA> \"l'atelier\" é"},
    {"CT_Type", "0"},
};

static lia_code create(const char *scenario, const char *rid, lia_soap_result *res, lia_error *err)
{
    lia_soap *s = open_client(scenario, NULL);
    lia_soap_write w = {LIA_SOAP_CREATE_TIERS, rid, NULL, NULL, NULL, tiers_fields, 3};
    lia_error_clear(err);
    lia_code rc = lia_soap_write_one(s, &w, res, err);
    lia_soap_close(s);
    return rc;
}

static void success_escapes_and_keeps_keys(void **state)
{
    (void)state;
    lia_soap_result res;
    lia_error err;
    assert_int_equal(create("/ok", "rid-ok-1", &res, &err), LIA_OK);
    assert_string_equal(res.status, "SUCCES");
    assert_string_equal(res.request_id, "rid-ok-1");
    assert_string_equal(res.ct_num, "0042CLI");
    assert_int_equal(res.attempts, 1);
    assert_int_equal(count_requests("/ok", "Logon", NULL), 1);
    assert_int_equal(count_requests("/ok", "CreateTiers", "rid-ok-1"), 1);
    assert_int_equal(count_requests("/ok", "Logoff", NULL), 1);
    /* one TCP connection for Logon, CreateTiers and Logoff: keep-alive */
    assert_true(log_contains("/ok", "\"conn\":"));
    int conns = 0;
    for (int c = 1; c < 100; c++) {
        char needle[32];
        snprintf(needle, sizeof needle, "\"conn\":%d,", c);
        conns += log_contains("/ok", needle);
    }
    assert_int_equal(conns, 1);
    /* text escaped by the writer, never raw */
    assert_true(log_contains("/ok", "Dupont &amp; Fils &lt;SA&gt;"));
    assert_false(log_contains("/ok", "Dupont & Fils <SA>"));
}

static void fault_gives_code_string_detail(void **state)
{
    (void)state;
    lia_soap_result res;
    lia_error err;
    assert_int_equal(create("/fault", "rid-f", &res, &err), LIA_E_SOAP_FAULT);
    assert_non_null(strstr(err.server_text, "soap:Client"));
    assert_non_null(strstr(err.server_text, "existe déjà"));
    assert_non_null(strstr(err.detail, "ERP-TIERS-0102"));
    assert_int_equal(lia_code_exit(err.code), LIA_EXIT_REMOTE);
    assert_int_equal(count_requests("/fault", "CreateTiers", NULL), 1); /* not retried */
}

static void retry_after_503_same_request_id(void **state)
{
    (void)state;
    lia_soap_result res;
    lia_error err;
    assert_int_equal(create("/busy", "rid-busy", &res, &err), LIA_OK);
    assert_string_equal(res.ct_num, "CLI0099");
    assert_int_equal(res.attempts, 2);
    assert_int_equal(count_requests("/busy", "CreateTiers", "rid-busy"), 2);
    assert_int_equal(count_requests("/busy", "CreateTiers", NULL), 2);
}

static void gateway_errors_retried_then_fail(void **state)
{
    (void)state;
    lia_soap_result res;
    lia_error err;
    assert_int_equal(create("/gateway", "rid-gw", &res, &err), LIA_E_HTTP);
    assert_non_null(strstr(err.detail, "502"));
    assert_non_null(strstr(err.detail, "3 attempts"));
    assert_int_equal(count_requests("/gateway", "CreateTiers", "rid-gw"), 3);
}

static void transient_diagnosis_retried(void **state)
{
    (void)state;
    lia_soap_result res;
    lia_error err;
    assert_int_equal(create("/transient", "rid-t", &res, &err), LIA_OK);
    assert_string_equal(res.status, "SUCCES");
    assert_int_equal(count_requests("/transient", "CreateTiers", "rid-t"), 2);
    assert_int_equal(create("/faulttransient", "rid-ft", &res, &err), LIA_OK);
    assert_string_equal(res.ct_num, "CLI0101");
    assert_int_equal(count_requests("/faulttransient", "CreateTiers", "rid-ft"), 2);
}

static void business_rejection_is_a_result(void **state)
{
    (void)state;
    lia_soap_result res;
    lia_error err;
    assert_int_equal(create("/echec", "rid-e", &res, &err), LIA_OK);
    assert_string_equal(res.status, "ECHEC");
    assert_int_equal(res.ndiags, 1);
    assert_string_equal(res.diags[0].code, "ERP-TIERS-0101");
    assert_string_equal(res.diags[0].field, "tiers/CT_Num");
    assert_string_equal(res.diags[0].message, "N° de compte invalide");
    assert_false(lia_soap_result_transient(&res));
    assert_int_equal(count_requests("/echec", "CreateTiers", NULL), 1);
}

static void http_401_is_auth_error(void **state)
{
    (void)state;
    lia_soap_result res;
    lia_error err;
    assert_int_equal(create("/unauth", "rid-u", &res, &err), LIA_E_HTTP_AUTH);
    assert_int_equal(lia_code_exit(err.code), LIA_EXIT_AUTH);
    assert_int_equal(count_requests("/unauth", NULL, NULL), 1);
}

static void expired_session_relogon(void **state)
{
    (void)state;
    lia_soap_result res;
    lia_error err;
    assert_int_equal(create("/expire", "rid-x", &res, &err), LIA_OK);
    assert_string_equal(res.ct_num, "CLI0200");
    assert_int_equal(count_requests("/expire", "Logon", NULL), 2);
    assert_int_equal(count_requests("/expire", "CreateTiers", "rid-x"), 2);
    /* a session that keeps expiring: one re-logon, then a clear error */
    assert_int_equal(create("/expireloop", "rid-xl", &res, &err), LIA_E_SESSION);
    assert_int_equal(count_requests("/expireloop", "Logon", NULL), 2);
    assert_int_equal(count_requests("/expireloop", "CreateTiers", NULL), 2);
}

static void logon_fault(void **state)
{
    (void)state;
    lia_soap_result res;
    lia_error err;
    assert_int_equal(create("/logonfault", "rid-lf", &res, &err), LIA_E_SOAP_FAULT);
    assert_string_equal(err.subject, "Logon");
    assert_non_null(strstr(err.detail, "ERP-AUTH-0001"));
    assert_int_equal(count_requests("/logonfault", "CreateTiers", NULL), 0);
}

static void xxe_refused(void **state)
{
    (void)state;
    lia_soap_result res;
    lia_error err;
    assert_int_equal(create("/xxe", "rid-xxe", &res, &err), LIA_E_XML);
    assert_non_null(strstr(err.subject, "DOCTYPE"));
    assert_null(strstr(res.ct_num, "root"));
}

static void billion_laughs_refused(void **state)
{
    (void)state;
    lia_soap_result res;
    lia_error err;
    assert_int_equal(create("/laughs", "rid-bl", &res, &err), LIA_E_XML);
    assert_non_null(strstr(err.subject, "DOCTYPE"));
}

static void oversized_cut_off(void **state)
{
    (void)state;
    lia_soap_result res;
    lia_error err;
    assert_int_equal(create("/big", "rid-big", &res, &err), LIA_E_SOAP_TOO_BIG);
    assert_non_null(strstr(err.detail, "65536"));
    assert_int_equal(count_requests("/big", "CreateTiers", NULL), 1);
}

static void malformed_refused(void **state)
{
    (void)state;
    lia_soap_result res;
    lia_error err;
    assert_int_equal(create("/malformed", "rid-m", &res, &err), LIA_E_XML);
    assert_non_null(strstr(err.subject, "malformed"));
    assert_int_equal(create("/html", "rid-h", &res, &err), LIA_E_HTTP);
    assert_non_null(strstr(err.detail, "500"));
}

static void namespaces_not_prefixes(void **state)
{
    (void)state;
    lia_soap_result res;
    lia_error err;
    assert_int_equal(create("/prefix", "rid-p", &res, &err), LIA_OK);
    assert_string_equal(res.ct_num, "00017"); /* unqualified decoy ignored, zeros kept */
    assert_int_equal(create("/wrongns", "rid-w", &res, &err), LIA_E_XML);
    assert_int_equal(create("/otherid", "rid-o", &res, &err), LIA_E_XML);
    assert_non_null(strstr(err.detail, "rid-o"));
}

static void timeout_retried_then_fails(void **state)
{
    (void)state;
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/hang", server_port);
    lia_soap_opts o = {0};
    o.url = url;
    o.user = "u";
    o.password = "p";
    o.company = "C";
    o.total_timeout_ms = 300;
    o.max_attempts = 2;
    o.backoff_initial_ms = 10;
    lia_soap *s = NULL;
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_soap_open(&o, &s, &err), LIA_OK);
    assert_int_equal(lia_soap_logon(s, &err), LIA_E_TIMEOUT);
    assert_non_null(strstr(err.detail, "2 attempts"));
    lia_soap_close(s);
    assert_int_equal(count_requests("/hang", "Logon", NULL), 2);
}

static void stalled_transfer_aborted(void **state)
{
    (void)state;
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/stall", server_port);
    lia_soap_opts o = {0};
    o.url = url;
    o.user = "u";
    o.password = "p";
    o.company = "C";
    o.total_timeout_ms = 20000; /* the stall limit must cut first */
    o.stall_timeout_s = 1;
    o.max_attempts = 1;
    lia_soap *s = NULL;
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_soap_open(&o, &s, &err), LIA_OK);
    assert_int_equal(lia_soap_ping(s, NULL, 0, &err), LIA_E_TIMEOUT);
    lia_soap_close(s);
}

static void connection_refused(void **state)
{
    (void)state;
    lia_soap_opts o = {0};
    o.url = "http://127.0.0.1:1/svc";
    o.max_attempts = 2;
    o.backoff_initial_ms = 10;
    lia_soap *s = NULL;
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_soap_open(&o, &s, &err), LIA_OK);
    assert_int_equal(lia_soap_logon(s, &err), LIA_E_CONNECT);
    assert_int_equal(lia_code_exit(err.code), LIA_EXIT_CONNECT);
    lia_soap_close(s);
    /* not a URL we speak */
    o.url = "ftp://127.0.0.1/x";
    assert_int_equal(lia_soap_open(&o, &s, &err), LIA_E_CONFIG_VALUE);
}

static void batch_results_in_order(void **state)
{
    (void)state;
    lia_soap *s = open_client("/batch", NULL);
    const lia_soap_field contact[] = {{"CT_Nom", "Martin"}, {"CT_Prenom", "Anne"}};
    lia_soap_write items[3] = {
        {LIA_SOAP_CREATE_TIERS, "b-1", NULL, NULL, NULL, tiers_fields, 3},
        {LIA_SOAP_UPSERT_CONTACT, "b-2", "CLI001", NULL, NULL, contact, 2},
        {LIA_SOAP_UPSERT_ADRESSE, "b-3", "CLI001", NULL, "2", NULL, 0},
    };
    lia_soap_result res[3];
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_soap_batch(s, "batch-1", items, 3, 1, res, &err), LIA_OK);
    assert_string_equal(res[0].status, "SUCCES");
    assert_string_equal(res[0].ct_num, "B0");
    assert_string_equal(res[1].status, "ECHEC");
    assert_string_equal(res[1].diags[0].code, "ERP-TIERS-0101");
    assert_string_equal(res[2].ct_num, "B2");
    lia_soap_close(s);
    assert_true(log_contains("/batch", "continueOnError"));
    assert_true(log_contains("/batch", "<l:LI_No>2</l:LI_No>"));
}

static void bad_input_never_sent(void **state)
{
    (void)state;
    lia_soap *s = open_client("/ok", NULL);
    lia_soap_result res;
    lia_error err;
    lia_error_clear(&err);
    const lia_soap_field bad_name[] = {{"CT_Num><x", "A"}};
    lia_soap_write w = {LIA_SOAP_CREATE_TIERS, "rid-bad", NULL, NULL, NULL, bad_name, 1};
    assert_int_equal(lia_soap_write_one(s, &w, &res, &err), LIA_E_USAGE);
    const lia_soap_field bad_utf8[] = {{"CT_Intitule", "caf\xe9"}};
    w.fields = bad_utf8;
    assert_int_equal(lia_soap_write_one(s, &w, &res, &err), LIA_E_ENCODING);
    const lia_soap_field ctl[] = {{"CT_Intitule", "a\x01" "b"}};
    w.fields = ctl;
    assert_int_equal(lia_soap_write_one(s, &w, &res, &err), LIA_E_ENCODING);
    w.op = LIA_SOAP_UPDATE_TIERS; /* needs the parent key */
    w.fields = tiers_fields;
    assert_int_equal(lia_soap_write_one(s, &w, &res, &err), LIA_E_USAGE);
    lia_soap_close(s);
    assert_int_equal(count_requests("/ok", "CreateTiers", "rid-bad"), 0);
}

static void secrets_masked(void **state)
{
    (void)state;
    lia_buf b = LIA_BUF_INIT;
    lia_soap_mask("<l:Logon><l:user>u</l:user><l:password>p&amp;w</l:password></l:Logon>"
                  "<h:SessionHeader><h:sessionId>S9</h:sessionId></h:SessionHeader><password/>",
                  &b);
    assert_string_equal(b.data, "<l:Logon><l:user>u</l:user><l:password>***</l:password></l:Logon>"
                                "<h:SessionHeader><h:sessionId>***</h:sessionId></h:SessionHeader>"
                                "<password/>");
    lia_buf_free(&b);

    char jpath[600];
    snprintf(jpath, sizeof jpath, "%s/journal", tmpdir);
    lia_journal *j = NULL;
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_journal_open(jpath, &j, &err), LIA_OK);
    lia_journal_run_start(j, "test");
    lia_soap *s = open_client("/ok", j);
    assert_int_equal(lia_soap_logon(s, &err), LIA_OK);
    lia_soap_close(s);
    lia_journal_run_end(j, "test", NULL);
    lia_journal_close(j);
    FILE *f = fopen(jpath, "r");
    assert_non_null(f);
    char text[8192];
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    assert_non_null(strstr(text, "LOGON"));
    assert_non_null(strstr(text, "session=***"));
    assert_null(strstr(text, "s3cr3t-pw"));
}

static void uuids_are_v4(void **state)
{
    (void)state;
    char a[37], b[37];
    lia_error err;
    assert_int_equal(lia_soap_uuid(a, &err), LIA_OK);
    assert_int_equal(lia_soap_uuid(b, &err), LIA_OK);
    assert_int_equal(strlen(a), 36);
    assert_int_equal(a[14], '4');
    assert_string_not_equal(a, b);
}

static lia_code tls_logon(const char *ca_file, int insecure, lia_error *err)
{
    char url[128];
    snprintf(url, sizeof url, "https://127.0.0.1:%d/ok", tls_port);
    lia_soap_opts o = {0};
    o.url = url;
    o.user = "u";
    o.password = "p";
    o.company = "C";
    o.ca_file = ca_file;
    o.insecure = insecure;
    o.max_attempts = 1;
    lia_soap *s = NULL;
    lia_error_clear(err);
    assert_int_equal(lia_soap_open(&o, &s, err), LIA_OK);
    lia_code rc = lia_soap_logon(s, err);
    lia_soap_close(s);
    return rc;
}

static void tls_verified_by_default(void **state)
{
    (void)state;
    lia_error err;
    /* self-signed: refused unless its CA is given */
    assert_int_equal(tls_logon(NULL, 0, &err), LIA_E_TLS);
    assert_int_equal(lia_code_exit(err.code), LIA_EXIT_CONNECT);
    assert_true(err.server_text[0] != '\0');
    assert_int_equal(tls_logon(certpath, 0, &err), LIA_OK);
    assert_int_equal(tls_logon(NULL, 1, &err), LIA_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(success_escapes_and_keeps_keys),
        cmocka_unit_test(fault_gives_code_string_detail),
        cmocka_unit_test(retry_after_503_same_request_id),
        cmocka_unit_test(gateway_errors_retried_then_fail),
        cmocka_unit_test(transient_diagnosis_retried),
        cmocka_unit_test(business_rejection_is_a_result),
        cmocka_unit_test(http_401_is_auth_error),
        cmocka_unit_test(expired_session_relogon),
        cmocka_unit_test(logon_fault),
        cmocka_unit_test(xxe_refused),
        cmocka_unit_test(billion_laughs_refused),
        cmocka_unit_test(oversized_cut_off),
        cmocka_unit_test(malformed_refused),
        cmocka_unit_test(namespaces_not_prefixes),
        cmocka_unit_test(timeout_retried_then_fails),
        cmocka_unit_test(stalled_transfer_aborted),
        cmocka_unit_test(connection_refused),
        cmocka_unit_test(batch_results_in_order),
        cmocka_unit_test(bad_input_never_sent),
        cmocka_unit_test(secrets_masked),
        cmocka_unit_test(uuids_are_v4),
        cmocka_unit_test(tls_verified_by_default),
    };
    return cmocka_run_group_tests(tests, start_server, stop_server);
}
