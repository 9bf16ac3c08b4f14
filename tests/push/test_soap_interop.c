/* Interoperability: the client against the npm `soap` package serving the
 * project's WSDL (tests/push/npm_soap_server.js), a SOAP stack written
 * elsewhere, with its own prefixes and default namespaces. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "liaison/soap.h"

#include "node_server.h"

static pid_t server_pid;
static int server_port;

static int start_server(void **state)
{
    (void)state;
    lia_set_lang(LIA_LANG_EN);
    const char *src = getenv("LIA_SOURCE_DIR");
    char script[1024], mods[1024];
    snprintf(script, sizeof script, "%s/tests/push/npm_soap_server.js", src ? src : ".");
    snprintf(mods, sizeof mods, "%s/tests/push/node_modules/soap", src ? src : ".");
    if (access(mods, R_OK) != 0) {
        fprintf(stderr, "npm soap missing: run scripts/bootstrap (npm ci in tests/push)\n");
        return -1;
    }
    const char *const args[] = {"node", script, NULL};
    char line[64];
    if (node_server_start(args, &server_pid, line, sizeof line) != 0 ||
        sscanf(line, "ready %d", &server_port) != 1)
        return -1;
    return 0;
}

static int stop_server(void **state)
{
    (void)state;
    node_server_stop(server_pid);
    return 0;
}

static lia_soap *client(const char *password)
{
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/liaison/gescom", server_port);
    lia_soap_opts o = {0};
    o.url = url;
    o.user = "liaison";
    o.password = password;
    o.company = "BIJOU";
    o.max_attempts = 2;
    o.backoff_initial_ms = 10;
    lia_soap *s = NULL;
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_soap_open(&o, &s, &err), LIA_OK);
    return s;
}

static void create_replay_children(void **state)
{
    (void)state;
    lia_soap *s = client("demo");
    lia_error err;
    lia_error_clear(&err);
    char t[64];
    assert_int_equal(lia_soap_ping(s, t, sizeof t, &err), LIA_OK);
    assert_true(strlen(t) > 10);

    const lia_soap_field tiers[] = {{"CT_Num", "<AUTOERP>"}, {"CT_Intitule", "Société « Test » & Cie"}};
    lia_soap_write w = {LIA_SOAP_CREATE_TIERS, "interop-1", NULL, NULL, NULL, tiers, 2};
    lia_soap_result r1, r2;
    assert_int_equal(lia_soap_write_one(s, &w, &r1, &err), LIA_OK);
    assert_string_equal(r1.status, "SUCCES");
    assert_string_equal(r1.ct_num, "CLI0001");
    assert_string_equal(lia_soap_server_version(s), "npm-soap");
    /* replay: the stored result, no second tiers */
    assert_int_equal(lia_soap_write_one(s, &w, &r2, &err), LIA_OK);
    assert_string_equal(r2.ct_num, "CLI0001");
    assert_int_equal(r2.replayed, 1);

    const lia_soap_field dup[] = {{"CT_Num", "CLI0001"}, {"CT_Intitule", "Autre"}};
    lia_soap_write w2 = {LIA_SOAP_CREATE_TIERS, "interop-2", NULL, NULL, NULL, dup, 2};
    assert_int_equal(lia_soap_write_one(s, &w2, &r2, &err), LIA_OK);
    assert_string_equal(r2.status, "ECHEC");
    assert_string_equal(r2.diags[0].code, "ERP-TIERS-0102");
    assert_string_equal(r2.diags[0].field, "tiers/CT_Num");

    const lia_soap_field c[] = {{"CT_Nom", "Martin"}};
    lia_soap_write wc = {LIA_SOAP_UPSERT_CONTACT, "interop-3", "CLI0001", NULL, NULL, c, 1};
    assert_int_equal(lia_soap_write_one(s, &wc, &r2, &err), LIA_OK);
    assert_string_equal(r2.status, "SUCCES");
    assert_string_equal(r2.sub_no, "1");
    const lia_soap_field a[] = {{"LI_Intitule", "Dépôt"}, {"LI_Ville", "Lyon"}};
    lia_soap_write wa = {LIA_SOAP_UPSERT_ADRESSE, "interop-4", "CLI0001", NULL, NULL, a, 2};
    assert_int_equal(lia_soap_write_one(s, &wa, &r2, &err), LIA_OK);
    assert_string_equal(r2.sub_no, "1");
    wa.ct_num = "NOPE";
    wa.request_id = "interop-5";
    assert_int_equal(lia_soap_write_one(s, &wa, &r2, &err), LIA_OK);
    assert_string_equal(r2.status, "ECHEC");
    assert_string_equal(r2.diags[0].code, "ERP-TIERS-0107");
    lia_soap_close(s);
}

static void logon_refused_and_session_lost(void **state)
{
    (void)state;
    lia_soap *s = client("wrong");
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_soap_logon(s, &err), LIA_E_SOAP_FAULT);
    assert_non_null(strstr(err.server_text, "soap:Client"));
    assert_non_null(strstr(err.detail, "ERP-AUTH-0001"));
    lia_soap_close(s);

    /* the service forgets every session: the next call logs on again */
    s = client("demo");
    const lia_soap_field t[] = {{"CT_Num", "EXP1"}, {"CT_Intitule", "EXPIRE SESSIONS"}};
    lia_soap_write w = {LIA_SOAP_CREATE_TIERS, "interop-x1", NULL, NULL, NULL, t, 2};
    lia_soap_result r;
    assert_int_equal(lia_soap_write_one(s, &w, &r, &err), LIA_OK);
    char first[128];
    snprintf(first, sizeof first, "%s", lia_soap_session(s));
    const lia_soap_field t2[] = {{"CT_Num", "EXP2"}, {"CT_Intitule", "Suite"}};
    lia_soap_write w2 = {LIA_SOAP_CREATE_TIERS, "interop-x2", NULL, NULL, NULL, t2, 2};
    assert_int_equal(lia_soap_write_one(s, &w2, &r, &err), LIA_OK);
    assert_string_equal(r.ct_num, "EXP2");
    assert_string_not_equal(lia_soap_session(s), first);
    lia_soap_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(create_replay_children),
        cmocka_unit_test(logon_refused_and_session_lost),
    };
    return cmocka_run_group_tests(tests, start_server, stop_server);
}
