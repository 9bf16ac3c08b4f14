/* `liaison push` end to end down to the tables: in-memory outbox -> client
 * -> simulator endpoint -> GesCom backend (sim/soap/soap_gescom.c) -> the
 * simulator's T-SQL engine (sim/sql) on F_COMPTET / F_CONTACTT / F_LIVRAISON
 * of a fresh BIJOU database; checked back through the same engine. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liaison/soap.h"
#include "sim_exec.h"
#include "sim_soap.h"

#include "push_mem_outbox.h" /* includes liaison/push.h (its guard ends before the outbox part) */

static sim_server *srv;
static sim_soap *ep;
static sim_soap_gescom gescom;

static char datadir[] = "/tmp/lia-push-gescom-XXXXXX";

typedef struct cap {
    long long first;
    int error;
    char text[256];
} cap;

static int k_cols(void *c, const sim_column *cols, int n) { (void)c, (void)cols, (void)n; return 0; }
static int k_done(void *c, int64_t a, int b, int m) { (void)c, (void)a, (void)b, (void)m; return 0; }
static int k_env(void *c, const char *a, const char *b) { (void)c, (void)a, (void)b; return 0; }
static int k_row(void *ctx, const sim_value *v, int n)
{
    cap *c = ctx;
    if (n > 0 && !v[0].is_null)
        c->first = v[0].text ? atoll(v[0].text) : v[0].i;
    return 0;
}
static int k_msg(void *ctx, int num, int st, int sev, const char *text, int line)
{
    (void)st, (void)line;
    cap *c = ctx;
    if (sev >= 11 && !c->error) {
        c->error = num ? num : 1;
        snprintf(c->text, sizeof c->text, "%s", text ? text : "");
    }
    return 0;
}

static long long exec(const char *text)
{
    sim_session *ss = sim_session_new(srv, "liaison", "BIJOU");
    assert_non_null(ss);
    cap c = {-1, 0, ""};
    sim_sink sink = {&c, k_cols, k_row, k_done, k_msg, k_env, NULL};
    sim_exec_batch(ss, text, NULL, 0, &sink);
    sim_session_free(ss);
    if (c.error)
        fail_msg("%s: %d %s", text, c.error, c.text);
    return c.first;
}

#define sql(t) ((void)exec(t))
#define count(q) exec(q)

static int start(void **state)
{
    (void)state;
    lia_set_lang(LIA_LANG_EN);
    char err[256];
    if (!mkdtemp(datadir))
        return -1;
    srv = sim_server_open(datadir, err, sizeof err);
    if (!srv || sim_server_add_login(srv, "liaison", "demo", "owner") != 0 ||
        sim_server_create_database(srv, "BIJOU", err, sizeof err) != 0) {
        fprintf(stderr, "simulator: %s\n", err);
        return -1;
    }
    sql("CREATE TABLE dbo.F_COMPTET (CT_Num varchar(17) NOT NULL PRIMARY KEY, CT_Intitule varchar(69), "
        "CT_Type smallint, CT_Prospect smallint, CT_Classement varchar(17), CT_Contact varchar(35), "
        "CT_Adresse varchar(35), CT_Complement varchar(35), CT_CodePostal varchar(9), CT_Ville varchar(35), "
        "CT_CodeRegion varchar(25), CT_Pays varchar(35), CT_Telephone varchar(21), CT_Telecopie varchar(21), "
        "CT_EMail varchar(69), CT_Site varchar(69), CT_Siret varchar(15), CT_Ape varchar(7), "
        "CT_Sommeil smallint, N_Devise smallint, N_CatCompta smallint, N_CatTarif smallint, CT_Langue smallint)");
    sql("CREATE TABLE dbo.F_CONTACTT (CT_Num varchar(17) NOT NULL, CT_No int NOT NULL, CT_Civilite smallint, "
        "CT_Nom varchar(35), CT_Prenom varchar(35), CT_Fonction varchar(35), N_Service smallint, "
        "CT_Telephone varchar(21), CT_TelPortable varchar(21), CT_Telecopie varchar(21), CT_EMail varchar(69))");
    sql("CREATE TABLE dbo.F_LIVRAISON (LI_No int NOT NULL UNIQUE, CT_Num varchar(17) NOT NULL, "
        "LI_Intitule varchar(35), LI_Adresse varchar(35), LI_Complement varchar(35), LI_CodePostal varchar(9), "
        "LI_Ville varchar(35), LI_CodeRegion varchar(25), LI_Pays varchar(35), LI_Contact varchar(35), "
        "LI_Telephone varchar(21), LI_EMail varchar(69), LI_Principal smallint)");
    gescom.srv = srv;
    gescom.codification = 1;
    sim_soap_backend be;
    sim_soap_gescom_backend(&gescom, &be);
    ep = sim_soap_start("127.0.0.1", 0, &be, err, sizeof err);
    return ep ? 0 : -1;
}

static int stop(void **state)
{
    (void)state;
    sim_soap_stop(ep);
    sim_server_close(srv);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", datadir);
    return system(cmd) == 0 ? 0 : -1;
}

static lia_code push(lia_push_mode mode, const char *suffix, int batch, lia_push_stats *st)
{
    lia_error err;
    return mem_push(sim_soap_port(ep), mode, suffix, batch, st, &err);
}

static void prospect_contact_two_addresses(void **state)
{
    (void)state;
    mem_nbox = 0;
    mem_add("TIERS", "CREATE", "{\"CT_Num\":\"dup01\",\"CT_Intitule\":\"Dupont & Fils\",\"CT_Prospect\":1,"
                               "\"CT_Adresse\":\"1 rue Haute\",\"CT_CodePostal\":\"69001\",\"CT_Ville\":\"Lyon\"}");
    mem_add("CONTACT", "CREATE", "{\"parentOutboxId\":1,\"CT_Nom\":\"Martin\",\"CT_Prenom\":\"Anne\"}");
    mem_add("ADRESSE", "CREATE", "{\"parentOutboxId\":1,\"LI_Adresse\":\"2 rue Basse\",\"LI_Ville\":\"Lyon\"}");
    mem_add("ADRESSE", "CREATE", "{\"parentOutboxId\":1,\"LI_Adresse\":\"3 quai\",\"LI_Ville\":\"Lyon\"}");
    lia_push_stats st;
    assert_int_equal(push(LIA_PUSH_MODE_FREE, "", 1, &st), LIA_OK);
    assert_int_equal(st.done, 4);
    assert_string_equal(mem_box[0].key, "DUP01");
    assert_string_equal(mem_box[1].key, "DUP01/CT_No:1");
    assert_string_equal(mem_box[2].key, "DUP01/LI_No:2");
    assert_string_equal(mem_box[3].key, "DUP01/LI_No:3");
    assert_int_equal(count("SELECT COUNT(*) FROM F_COMPTET WHERE CT_Num = 'DUP01' AND CT_Prospect = 1 "
                           "AND N_Devise = 0 AND N_CatCompta = 1 AND N_CatTarif = 1 AND CT_Langue = 1 "
                           "AND CT_Intitule = 'Dupont & Fils'"), 1);
    assert_int_equal(count("SELECT COUNT(*) FROM F_CONTACTT WHERE CT_Num = 'DUP01' AND CT_Nom = 'Martin'"), 1);
    /* billing address as delivery address + two more, labels unique */
    assert_int_equal(count("SELECT COUNT(*) FROM F_LIVRAISON WHERE CT_Num = 'DUP01'"), 3);
    assert_int_equal(count("SELECT COUNT(DISTINCT LI_Intitule) FROM F_LIVRAISON WHERE CT_Num = 'DUP01'"), 3);
    assert_int_equal(count("SELECT COUNT(*) FROM F_LIVRAISON WHERE CT_Num = 'DUP01' AND LI_Principal = 1 "
                           "AND LI_Intitule = 'Dupont & Fils' AND LI_Adresse = '1 rue Haute'"), 1);
    assert_int_equal(count("SELECT COUNT(*) FROM F_LIVRAISON WHERE LI_Intitule IN ('Lyon', 'Lyon 2')"), 2);
}

static void each_code_mode(void **state)
{
    (void)state;
    mem_nbox = 0;
    mem_add("TIERS", "CREATE", "{\"CT_Num\":\"[ATTENTE]\",\"CT_Intitule\":\"Crm\",\"crmId\":4711}");
    lia_push_stats st;
    assert_int_equal(push(LIA_PUSH_MODE_CRM, "X", 1, &st), LIA_OK);
    assert_string_equal(mem_box[0].key, "4711X");
    mem_add("TIERS", "CREATE", "{\"CT_Num\":\"<AUTOERP>\",\"CT_Intitule\":\"Auto 1\"}");
    mem_add("TIERS", "CREATE", "{\"CT_Num\":\"<AUTOERP>\",\"CT_Intitule\":\"Auto 2\"}");
    assert_int_equal(push(LIA_PUSH_MODE_ERP, "", 5, &st), LIA_OK);
    assert_string_equal(mem_box[1].key, "CL0001");
    assert_string_equal(mem_box[2].key, "CL0002");
    assert_int_equal(count("SELECT COUNT(*) FROM F_COMPTET WHERE CT_Num IN ('4711X', 'CL0001', 'CL0002')"), 3);
    /* codification off in GesCom: "N° de compte invalide", blocked */
    gescom.codification = 0;
    mem_add("TIERS", "CREATE", "{\"CT_Num\":\"<AUTOERP>\",\"CT_Intitule\":\"Auto 3\"}");
    assert_int_equal(push(LIA_PUSH_MODE_ERP, "", 1, &st), LIA_OK);
    gescom.codification = 1;
    assert_string_equal(mem_box[3].status, "error");
    assert_string_equal(mem_box[3].code, "ERP-TIERS-0101");
    assert_int_equal(st.blocked, 1);
}

static void invalid_and_duplicate_codes_blocked(void **state)
{
    (void)state;
    mem_nbox = 0;
    mem_add("TIERS", "CREATE", "{\"CT_Num\":\"CODE TROP LONG ET FAUX\",\"CT_Intitule\":\"x\"}");
    mem_add("TIERS", "CREATE", "{\"CT_Num\":\"DUP01\",\"CT_Intitule\":\"Doublon\"}");
    lia_push_stats st;
    assert_int_equal(push(LIA_PUSH_MODE_FREE, "", 1, &st), LIA_OK);
    assert_string_equal(mem_box[0].status, "error");
    assert_string_equal(mem_box[0].code, "ERP-TIERS-0101");
    assert_string_equal(mem_box[1].status, "error");
    assert_string_equal(mem_box[1].code, "ERP-TIERS-0102");
    assert_int_equal(count("SELECT COUNT(*) FROM F_COMPTET WHERE CT_Intitule = 'Doublon'"), 0);
}

static void replay_creates_nothing(void **state)
{
    (void)state;
    mem_nbox = 0;
    mem_add("TIERS", "CREATE", "{\"CT_Num\":\"ONCE1\",\"CT_Intitule\":\"Une\",\"CT_Ville\":\"Nice\"}");
    lia_push_stats st;
    assert_int_equal(push(LIA_PUSH_MODE_FREE, "", 1, &st), LIA_OK);
    /* as if the outcome had been lost: same request id, item pending again */
    snprintf(mem_box[0].status, sizeof mem_box[0].status, "pending");
    assert_int_equal(push(LIA_PUSH_MODE_FREE, "", 1, &st), LIA_OK);
    assert_string_equal(mem_box[0].key, "ONCE1");
    assert_int_equal(count("SELECT COUNT(*) FROM F_COMPTET WHERE CT_Num = 'ONCE1'"), 1);
    assert_int_equal(count("SELECT COUNT(*) FROM F_LIVRAISON WHERE CT_Num = 'ONCE1'"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(prospect_contact_two_addresses),
        cmocka_unit_test(each_code_mode),
        cmocka_unit_test(invalid_and_duplicate_codes_blocked),
        cmocka_unit_test(replay_creates_nothing),
    };
    return cmocka_run_group_tests(tests, start, stop);
}
