/* `liaison push` runs over an outbox held in memory, against the
 * simulator's SOAP endpoint (sim/soap) with a small GesCom-like backend:
 * every account-code mode, a contact and addresses, blocked records,
 * waiting ones, transient failures, batches, and a crash between send and
 * record that must not create a second tiers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liaison/soap.h"
#include "sim_soap.h"

#include "push_mem_outbox.h" /* includes liaison/push.h (its guard ends before the outbox part) */

/* ---- the service's side: tiers, numbered children, write counters ---- */
typedef struct tiers {
    char num[18];
    char devise[8], tarif[8];
    int contacts, adresses;
    char labels[8][40];
} tiers;
static tiers db[32];
static int ndb, autoseq, locked_once;
static int w_create, w_contact, w_adresse;

static tiers *find(const char *num)
{
    for (int i = 0; i < ndb; i++)
        if (!strcmp(db[i].num, num))
            return &db[i];
    return NULL;
}

static int be_logon(void *ctx, const char *u, const char *p, const char *c)
{
    (void)ctx, (void)u, (void)c;
    return strcmp(p, "demo") ? -1 : 0;
}

static void be_write(void *ctx, const char *user, const char *company, sim_soap_op op, const char *ct,
                     const char *sub, const sim_soap_fields *f, sim_soap_result *res)
{
    (void)ctx, (void)user, (void)company, (void)sub;
    if (op == SIM_SOAP_CREATE_TIERS) {
        const char *num = sim_soap_field(f, "CT_Num");
        char alloc[18];
        if (num && !strcmp(num, "<AUTOERP>")) {
            snprintf(alloc, sizeof alloc, "CL%04d", ++autoseq);
            num = alloc;
        }
        if (num && !strcmp(num, "LOCKED") && !locked_once) {
            locked_once = 1;
            sim_soap_diag(res, "transient", "ERP-LOCK-0001", NULL, "Enregistrement verrouillé");
            return;
        }
        w_create++;
        if (find(num)) {
            sim_soap_diag(res, "error", "ERP-TIERS-0102", "tiers/CT_Num", "N° de compte déjà utilisé");
            return;
        }
        tiers *t = &db[ndb++];
        memset(t, 0, sizeof *t);
        snprintf(t->num, sizeof t->num, "%s", num);
        const char *d = sim_soap_field(f, "N_Devise"), *ta = sim_soap_field(f, "N_CatTarif");
        snprintf(t->devise, sizeof t->devise, "%s", d ? d : "");
        snprintf(t->tarif, sizeof t->tarif, "%s", ta ? ta : "");
        snprintf(res->ct_num, sizeof res->ct_num, "%s", num);
        return;
    }
    tiers *t = find(ct);
    if (!t) {
        sim_soap_diag(res, "error", "ERP-TIERS-0107", "CT_Num", "Tiers introuvable");
        return;
    }
    snprintf(res->ct_num, sizeof res->ct_num, "%s", ct);
    if (op == SIM_SOAP_UPSERT_CONTACT) {
        w_contact++;
        snprintf(res->sub_kind, sizeof res->sub_kind, "CT_No");
        snprintf(res->sub_no, sizeof res->sub_no, "%d", ++t->contacts);
    } else if (op == SIM_SOAP_UPSERT_ADRESSE) {
        w_adresse++;
        const char *l = sim_soap_field(f, "LI_Intitule");
        for (int i = 0; i < t->adresses && i < 8; i++)
            if (l && !strcmp(t->labels[i], l)) {
                sim_soap_diag(res, "error", "ERP-ADR-0201", "adresse/LI_Intitule", "Intitulé en double");
                return;
            }
        if (t->adresses < 8)
            snprintf(t->labels[t->adresses], sizeof t->labels[0], "%s", l ? l : "");
        snprintf(res->sub_kind, sizeof res->sub_kind, "LI_No");
        snprintf(res->sub_no, sizeof res->sub_no, "%d", ++t->adresses);
    }
}

static sim_soap *srv;

static void reset(void)
{
    memset(db, 0, sizeof db);
    ndb = autoseq = locked_once = 0;
    w_create = w_contact = w_adresse = 0;
    mem_nbox = 0;
    mem_crash_on_record = 0;
}

static int start(void **state)
{
    (void)state;
    lia_set_lang(LIA_LANG_EN);
    sim_soap_backend be = {NULL, be_logon, be_write};
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

static lia_code push(lia_push_mode mode, const char *suffix, int batch, lia_push_stats *st,
                     lia_error *err)
{
    return mem_push(sim_soap_port(srv), mode, suffix, batch, st, err);
}

static void load_free_mode_outbox(void)
{
    mem_add("TIERS", "CREATE", "{\"CT_Num\":\"dupont\",\"CT_Intitule\":\"Dupont & Fils\","
                               "\"CT_Adresse\":\"1 rue Haute\",\"CT_Ville\":\"Lyon\",\"crmId\":12}");
    mem_add("CONTACT", "CREATE", "{\"parentOutboxId\":1,\"CT_Nom\":\"Martin\",\"CT_Prenom\":\"Anne\"}");
    mem_add("ADRESSE", "CREATE", "{\"parentOutboxId\":1,\"LI_Adresse\":\"2 rue Basse\",\"LI_Ville\":\"Lyon\"}");
    mem_add("ADRESSE", "CREATE", "{\"parentOutboxId\":1,\"LI_Ville\":\"Lyon\",\"LI_Intitule\":null}");
    mem_add("TIERS", "CREATE", "{\"CT_Num\":\"[ATTENTE]\",\"CT_Intitule\":\"Prospect\"}");
    mem_add("TIERS", "CREATE", "{\"CT_Num\":\"BAD CODE\",\"CT_Intitule\":\"X\"}");
    mem_add("TIERS", "CREATE", "{\"CT_Num\":\"DUPONT\",\"CT_Intitule\":\"Doublon\"}");
    mem_add("CONTACT", "CREATE", "{\"parentOutboxId\":5,\"CT_Nom\":\"Y\"}");
    mem_add("TIERS", "DELETE", "{\"CT_Num\":\"DUPONT\"}");
    mem_add("TIERS", "CREATE", "not json");
}

static void check_free_mode_outcome(const lia_push_stats *st)
{
    assert_int_equal(st->read, 10);
    assert_int_equal(st->done, 4);
    assert_int_equal(st->blocked, 4);
    assert_int_equal(st->waiting, 2);
    assert_string_equal(mem_box[0].status, "done");
    assert_string_equal(mem_box[0].key, "DUPONT");
    assert_string_equal(mem_box[1].key, "DUPONT/CT_No:1");
    /* billing address first (LI_No 1), labels unique per tiers */
    assert_string_equal(mem_box[2].key, "DUPONT/LI_No:2");
    assert_string_equal(mem_box[3].key, "DUPONT/LI_No:3");
    tiers *t = find("DUPONT");
    assert_non_null(t);
    assert_string_equal(t->labels[0], "Dupont & Fils");
    assert_string_equal(t->labels[1], "Lyon");
    assert_string_equal(t->labels[2], "Lyon 2");
    assert_string_equal(t->devise, "0"); /* defaults applied before sending */
    assert_string_equal(t->tarif, "1");
    assert_string_equal(mem_box[4].status, "pending"); /* [ATTENTE]: never sent */
    assert_string_equal(mem_box[4].rid, "");
    assert_string_equal(mem_box[5].status, "error");
    assert_string_equal(mem_box[5].code, "ERP-TIERS-0101");
    assert_string_equal(mem_box[5].rid, ""); /* refused before sending */
    assert_string_equal(mem_box[6].status, "error");
    assert_string_equal(mem_box[6].code, "ERP-TIERS-0102");
    assert_string_equal(mem_box[7].status, "pending"); /* its parent waits */
    assert_string_equal(mem_box[8].code, "LIA-PUSH-0002");
    assert_string_equal(mem_box[9].code, "LIA-PUSH-0001");
    assert_int_equal(w_create, 2);
    assert_int_equal(w_contact, 1);
    assert_int_equal(w_adresse, 3);
}

static void free_mode_one_by_one(void **state)
{
    (void)state;
    reset();
    load_free_mode_outbox();
    lia_push_stats st;
    lia_error err;
    assert_int_equal(push(LIA_PUSH_MODE_FREE, "", 1, &st, &err), LIA_OK);
    check_free_mode_outcome(&st);
    /* a second run sends nothing new */
    assert_int_equal(push(LIA_PUSH_MODE_FREE, "", 1, &st, &err), LIA_OK);
    assert_int_equal(st.read, 2);
    assert_int_equal(st.waiting, 2);
    assert_int_equal(w_create, 2);
    /* the user types the code: the waiting tiers and its contact go */
    mem_box[4].payload = "{\"CT_Num\":\"PROS1\",\"CT_Intitule\":\"Prospect\"}";
    assert_int_equal(push(LIA_PUSH_MODE_FREE, "", 1, &st, &err), LIA_OK);
    assert_int_equal(st.done, 2);
    assert_string_equal(mem_box[7].key, "PROS1/CT_No:1");
}

static void free_mode_in_batches(void **state)
{
    (void)state;
    reset();
    load_free_mode_outbox();
    lia_push_stats st;
    lia_error err;
    assert_int_equal(push(LIA_PUSH_MODE_FREE, "", 10, &st, &err), LIA_OK);
    check_free_mode_outcome(&st);
}

static void crm_and_erp_numbering(void **state)
{
    (void)state;
    reset();
    mem_add("TIERS", "CREATE", "{\"CT_Num\":\"[ATTENTE]\",\"CT_Intitule\":\"Crm\",\"crmId\":\"4711\"}");
    lia_push_stats st;
    lia_error err;
    assert_int_equal(push(LIA_PUSH_MODE_CRM, "LY", 1, &st, &err), LIA_OK);
    assert_string_equal(mem_box[0].key, "4711LY");
    mem_add("TIERS", "CREATE", "{\"CT_Num\":\"<AUTOERP>\",\"CT_Intitule\":\"Auto\"}");
    mem_add("CONTACT", "CREATE", "{\"parentOutboxId\":2,\"CT_Nom\":\"Z\"}");
    assert_int_equal(push(LIA_PUSH_MODE_ERP, "", 5, &st, &err), LIA_OK);
    assert_string_equal(mem_box[1].key, "CL0001"); /* allocated by the ERP, recorded back */
    assert_string_equal(mem_box[2].key, "CL0001/CT_No:1");
}

static void crash_between_send_and_record(void **state)
{
    (void)state;
    reset();
    mem_add("TIERS", "CREATE", "{\"CT_Num\":\"ONCE\",\"CT_Intitule\":\"Une fois\"}");
    mem_crash_on_record = 1;
    lia_push_stats st;
    lia_error err;
    assert_int_equal(push(LIA_PUSH_MODE_FREE, "", 1, &st, &err), LIA_E_CONN_LOST);
    assert_string_equal(mem_box[0].status, "pending");
    assert_true(mem_box[0].rid[0] != '\0');
    char rid[64];
    snprintf(rid, sizeof rid, "%s", mem_box[0].rid);
    assert_int_equal(w_create, 1);
    long before = sim_soap_writes(srv);
    assert_int_equal(push(LIA_PUSH_MODE_FREE, "", 1, &st, &err), LIA_OK);
    assert_string_equal(mem_box[0].status, "done");
    assert_string_equal(mem_box[0].key, "ONCE");
    assert_string_equal(mem_box[0].rid, rid);
    assert_int_equal(w_create, 1); /* the replay created nothing */
    assert_int_equal(ndb, 1);
    /* only the billing-less tiers: no backend write at all on the replay */
    assert_int_equal(sim_soap_writes(srv) - before, 0);
}

static void transient_stays_pending_then_goes(void **state)
{
    (void)state;
    reset();
    mem_add("TIERS", "CREATE", "{\"CT_Num\":\"LOCKED\",\"CT_Intitule\":\"Verrou\"}");
    lia_push_stats st;
    lia_error err;
    /* the client retries the transient diagnosis itself (same request id) */
    assert_int_equal(push(LIA_PUSH_MODE_FREE, "", 1, &st, &err), LIA_OK);
    assert_string_equal(mem_box[0].status, "done");
    assert_int_equal(st.done, 1);
}

static void service_down_leaves_items_pending(void **state)
{
    (void)state;
    reset();
    mem_add("TIERS", "CREATE", "{\"CT_Num\":\"DOWN1\",\"CT_Intitule\":\"x\"}");
    sim_soap_faults f = {0};
    f.logon_fault = 1;
    sim_soap_set_faults(srv, &f);
    lia_push_stats st;
    lia_error err;
    assert_int_equal(push(LIA_PUSH_MODE_FREE, "", 1, &st, &err), LIA_E_SOAP_FAULT);
    memset(&f, 0, sizeof f);
    sim_soap_set_faults(srv, &f);
    assert_string_equal(mem_box[0].status, "pending");
    assert_int_equal(w_create, 0);
    assert_int_equal(push(LIA_PUSH_MODE_FREE, "", 1, &st, &err), LIA_OK);
    assert_string_equal(mem_box[0].status, "done");
}

static void payload_json(void **state)
{
    (void)state;
    lia_push_record r = {0};
    char why[160];
    assert_int_equal(lia_push_json_parse(" { \"a\" : \"x\\u00e9\\\"\\n\", \"b\": -12.5e1, \"c\": true,"
                                         " \"d\": null, \"e\": \"\\ud83d\\ude00\" } ", &r, why, sizeof why), 0);
    assert_string_equal(lia_push_get(&r, "a"), "xé\"\n");
    assert_string_equal(lia_push_get(&r, "b"), "-12.5e1");
    assert_string_equal(lia_push_get(&r, "c"), "1");
    assert_null(lia_push_get(&r, "d"));
    assert_string_equal(lia_push_get(&r, "e"), "\xf0\x9f\x98\x80");
    lia_push_record_free(&r);
    static const char *bad[] = {"", "[]", "{\"a\":{}}", "{\"a\":[1]}", "{\"a\":1,}", "{\"a\":1} x",
                                "{\"a\":\"\\ud800\"}", "{\"a\":1,\"a\":2}", "{\"a\":\"x}", "{a:1}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        lia_push_record q = {0};
        why[0] = '\0';
        if (lia_push_json_parse(bad[i], &q, why, sizeof why) != -1)
            fail_msg("accepted '%s'", bad[i]);
        assert_true(why[0] != '\0');
        lia_push_record_free(&q);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(payload_json),
        cmocka_unit_test(free_mode_one_by_one),
        cmocka_unit_test(free_mode_in_batches),
        cmocka_unit_test(crm_and_erp_numbering),
        cmocka_unit_test(crash_between_send_and_record),
        cmocka_unit_test(transient_stays_pending_then_goes),
        cmocka_unit_test(service_down_leaves_items_pending),
    };
    return cmocka_run_group_tests(tests, start, stop);
}
