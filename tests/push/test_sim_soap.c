/* The simulator's SOAP endpoint (sim/soap) driven by Liaison's own client:
 * sessions, idempotency by requestId, batches, and each injectable fault.
 * The backend here is a small in-memory one: this tests the protocol side;
 * the GesCom rules on SQLite are the gescom backend's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

#include "liaison/soap.h"
#include "sim_soap.h"

static char codes[64][18];
static int ncodes, next_auto;

static int mem_logon(void *ctx, const char *user, const char *password, const char *company)
{
    (void)ctx;
    return strcmp(user, "liaison") == 0 && strcmp(password, "demo") == 0 &&
                   strcmp(company, "BIJOU") == 0 ? 0 : -1;
}

static void mem_write(void *ctx, const char *user, const char *company, sim_soap_op op, const char *ct_num,
                      const char *sub_no, const sim_soap_fields *f, sim_soap_result *res)
{
    (void)ctx, (void)user, (void)company, (void)sub_no;
    if (op == SIM_SOAP_CREATE_TIERS) {
        const char *num = sim_soap_field(f, "CT_Num");
        char alloc[18];
        if (num && strcmp(num, "<AUTOERP>") == 0) {
            snprintf(alloc, sizeof alloc, "CL%04d", ++next_auto);
            num = alloc;
        }
        if (!num || !*num || strlen(num) > 17 || strchr(num, ' ')) {
            sim_soap_diag(res, "error", "ERP-TIERS-0101", "tiers/CT_Num", "N° de compte invalide");
            return;
        }
        for (int i = 0; i < ncodes; i++)
            if (strcmp(codes[i], num) == 0) {
                sim_soap_diag(res, "error", "ERP-TIERS-0102", "tiers/CT_Num", "N° de compte déjà utilisé");
                return;
            }
        snprintf(codes[ncodes++], sizeof codes[0], "%s", num);
        snprintf(res->ct_num, sizeof res->ct_num, "%s", num);
        return;
    }
    snprintf(res->ct_num, sizeof res->ct_num, "%s", ct_num);
    if (op == SIM_SOAP_UPSERT_ADRESSE) {
        snprintf(res->sub_kind, sizeof res->sub_kind, "LI_No");
        snprintf(res->sub_no, sizeof res->sub_no, "7");
    }
}

static sim_soap *srv;

static int start(void **state)
{
    (void)state;
    lia_set_lang(LIA_LANG_EN);
    sim_soap_backend be = {NULL, mem_logon, mem_write};
    char err[128];
    srv = sim_soap_start("127.0.0.1", 0, &be, err, sizeof err);
    return srv ? 0 : -1;
}

static int stop(void **state)
{
    (void)state;
    sim_soap_stop(srv);
    return 0;
}

static lia_soap *client(const char *password, long total_ms)
{
    char url[96];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/liaison/gescom", sim_soap_port(srv));
    lia_soap_opts o = {0};
    o.url = url;
    o.user = "liaison";
    o.password = password;
    o.company = "BIJOU";
    o.total_timeout_ms = total_ms;
    o.max_attempts = 3;
    o.backoff_initial_ms = 10;
    o.backoff_max_ms = 100;
    lia_soap *s = NULL;
    lia_error err;
    assert_int_equal(lia_soap_open(&o, &s, &err), LIA_OK);
    return s;
}

static void create_and_replay(void **state)
{
    (void)state;
    lia_soap *s = client("demo", 5000);
    const lia_soap_field t[] = {{"CT_Num", "<AUTOERP>"}, {"CT_Intitule", "Ré & Co"}};
    lia_soap_write w = {LIA_SOAP_CREATE_TIERS, "sim-1", NULL, NULL, NULL, t, 2};
    lia_soap_result r;
    lia_error err;
    long before = sim_soap_writes(srv);
    assert_int_equal(lia_soap_write_one(s, &w, &r, &err), LIA_OK);
    assert_string_equal(r.status, "SUCCES");
    assert_string_equal(r.ct_num, "CL0001");
    assert_int_equal(lia_soap_write_one(s, &w, &r, &err), LIA_OK);
    assert_string_equal(r.ct_num, "CL0001");
    assert_int_equal(r.replayed, 1);
    assert_int_equal(sim_soap_writes(srv) - before, 1); /* never a second tiers */
    lia_soap_close(s);
}

static void faults_injected(void **state)
{
    (void)state;
    lia_soap *s = client("demo", 5000);
    lia_error err;
    lia_soap_result r;
    assert_int_equal(lia_soap_logon(s, &err), LIA_OK);
    const lia_soap_field t[] = {{"CT_Num", "BUSY1"}, {"CT_Intitule", "x"}};
    lia_soap_write w = {LIA_SOAP_CREATE_TIERS, "sim-busy", NULL, NULL, NULL, t, 2};
    sim_soap_faults f = {0};
    f.busy = 1;
    f.retry_after_s = 1;
    sim_soap_set_faults(srv, &f);
    long before = sim_soap_writes(srv);
    assert_int_equal(lia_soap_write_one(s, &w, &r, &err), LIA_OK);
    assert_int_equal(r.attempts, 2);
    assert_string_equal(r.ct_num, "BUSY1");
    assert_int_equal(sim_soap_writes(srv) - before, 1);

    memset(&f, 0, sizeof f);
    f.expire = 1;
    sim_soap_set_faults(srv, &f);
    const lia_soap_field t2[] = {{"CT_Num", "EXP1"}, {"CT_Intitule", "x"}};
    lia_soap_write w2 = {LIA_SOAP_CREATE_TIERS, "sim-exp", NULL, NULL, NULL, t2, 2};
    assert_int_equal(lia_soap_write_one(s, &w2, &r, &err), LIA_OK);
    assert_string_equal(r.ct_num, "EXP1");

    memset(&f, 0, sizeof f);
    f.malformed = 3;
    sim_soap_set_faults(srv, &f);
    lia_soap_write w3 = {LIA_SOAP_CREATE_TIERS, "sim-mal", NULL, NULL, NULL, t2, 2};
    assert_int_equal(lia_soap_write_one(s, &w3, &r, &err), LIA_E_XML);
    lia_soap_close(s);

    memset(&f, 0, sizeof f);
    f.delay_ms = 400;
    sim_soap_set_faults(srv, &f);
    s = client("demo", 150);
    assert_int_equal(lia_soap_logon(s, &err), LIA_E_TIMEOUT);
    lia_soap_close(s);

    memset(&f, 0, sizeof f);
    f.logon_fault = 1;
    sim_soap_set_faults(srv, &f);
    s = client("demo", 5000);
    assert_int_equal(lia_soap_logon(s, &err), LIA_E_SOAP_FAULT);
    lia_soap_close(s);
    memset(&f, 0, sizeof f);
    sim_soap_set_faults(srv, &f);

    s = client("wrong", 5000);
    assert_int_equal(lia_soap_logon(s, &err), LIA_E_SOAP_FAULT);
    assert_non_null(strstr(err.detail, "ERP-AUTH-0001"));
    lia_soap_close(s);
}

static void batch_stop_on_first_error(void **state)
{
    (void)state;
    lia_soap *s = client("demo", 5000);
    const lia_soap_field ok[] = {{"CT_Num", "B1"}, {"CT_Intitule", "x"}};
    const lia_soap_field bad[] = {{"CT_Num", "B 2"}, {"CT_Intitule", "x"}};
    const lia_soap_field adr[] = {{"LI_Intitule", "Dépôt"}};
    lia_soap_write items[3] = {
        {LIA_SOAP_CREATE_TIERS, "bt-1", NULL, NULL, NULL, ok, 2},
        {LIA_SOAP_CREATE_TIERS, "bt-2", NULL, NULL, NULL, bad, 2},
        {LIA_SOAP_UPSERT_ADRESSE, "bt-3", "B1", NULL, NULL, adr, 1},
    };
    lia_soap_result r[3];
    lia_error err;
    assert_int_equal(lia_soap_batch(s, "b1", items, 3, 0, r, &err), LIA_OK);
    assert_string_equal(r[0].status, "SUCCES");
    assert_string_equal(r[1].status, "ECHEC");
    assert_string_equal(r[1].diags[0].code, "ERP-TIERS-0101");
    assert_string_equal(r[2].status, "NON_TRAITE");
    /* continue on error: the address goes; the first two are replays */
    items[2].request_id = "bt-3b";
    assert_int_equal(lia_soap_batch(s, "b2", items, 3, 1, r, &err), LIA_OK);
    assert_int_equal(r[0].replayed, 1);
    assert_string_equal(r[2].status, "SUCCES");
    assert_string_equal(r[2].sub_no, "7");
    lia_soap_close(s);
}

static size_t collect(char *p, size_t size, size_t n, void *ud)
{
    char *buf = ud;
    size_t have = strlen(buf), len = size * n;
    if (have + len < 4096) {
        memcpy(buf + have, p, len);
        buf[have + len] = '\0';
    }
    return len;
}

static long raw_post(const char *body, char *out)
{
    char url[96];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/liaison/gescom", sim_soap_port(srv));
    out[0] = '\0';
    CURL *c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
    long status = 0;
    if (curl_easy_perform(c) == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(c);
    return status;
}

static void hostile_request_refused(void **state)
{
    (void)state;
    /* the endpoint parses requests as carefully as the client parses responses */
    char out[4096];
    assert_int_equal(raw_post("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]>"
                              "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                              "<soap:Body>&a;</soap:Body></soap:Envelope>", out), 500);
    assert_non_null(strstr(out, "ERP-XML-0001"));
    assert_int_equal(raw_post("<a><b></a>", out), 500);
    assert_non_null(strstr(out, "ERP-XML-0001"));
    /* fault injection over HTTP, as a test of liaison-sim would do it */
    lia_soap *s = client("demo", 5000);
    lia_error err;
    assert_int_equal(lia_soap_logon(s, &err), LIA_OK);
    char url[96];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/_control", sim_soap_port(srv));
    CURL *c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, "busy=1&retry_after=1");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
    out[0] = '\0';
    assert_int_equal(curl_easy_perform(c), CURLE_OK);
    curl_easy_cleanup(c);
    assert_string_equal(out, "ok\n");
    lia_soap_result r;
    const lia_soap_field t[] = {{"CT_Num", "CTL1"}, {"CT_Intitule", "x"}};
    lia_soap_write w = {LIA_SOAP_CREATE_TIERS, "sim-ctl", NULL, NULL, NULL, t, 2};
    assert_int_equal(lia_soap_write_one(s, &w, &r, &err), LIA_OK);
    lia_soap_close(s);
    assert_int_equal(r.attempts, 2); /* 503 + Retry-After, then the same request again */
    /* a write without a session */
    assert_int_equal(raw_post("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                              "xmlns:l=\"urn:liaison:gescom:v1\"><soap:Body><l:CreateTiers>"
                              "<l:requestId>r</l:requestId><l:tiers/></l:CreateTiers></soap:Body>"
                              "</soap:Envelope>", out), 500);
    assert_non_null(strstr(out, "ERP-SESSION-0001"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(create_and_replay),
        cmocka_unit_test(faults_injected),
        cmocka_unit_test(batch_stop_on_first_error),
        cmocka_unit_test(hostile_request_refused),
    };
    return cmocka_run_group_tests(tests, start, stop);
}
