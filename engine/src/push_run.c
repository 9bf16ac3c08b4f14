/* One pass of `liaison push` over the outbox (docs/push.md).
 *
 * Each item: payload parsed, GesCom rules applied (push_rules.c), a request
 * id claimed and committed *before* the send, the write sent (alone or in a
 * SubmitBatch with continue-on-error), the outcome recorded.  A crash between
 * send and record leaves the item pending with its request id: the next run
 * sends the same id and the service returns the first result, so a tiers is
 * never created twice. */
#include "liaison/journal.h"
#include "liaison/push.h"
#include "liaison/soap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 100
#define MAX_BATCH 50

typedef enum prep_kind { PREP_SEND, PREP_WAIT, PREP_BLOCK } prep_kind;

typedef struct prepared {
    const lia_push_item *item;
    prep_kind kind;
    long long parent;              /* parentOutboxId, 0 if none */
    lia_push_record rec;
    lia_soap_field fields[LIA_PUSH_MAX_FIELDS];
    lia_soap_write w;
    char ct_num[64], sub_no[16], row_version[32];
    char request_id[64], billing_rid[80];
    char code[48], message[512];
    int billing;
    lia_push_record billing_rec;
    lia_soap_field billing_fields[LIA_PUSH_MAX_FIELDS];
} prepared;

typedef struct run {
    lia_soap *soap;
    const lia_push_store *st;
    const lia_push_opts *o;
    lia_push_stats *stats;
    struct {
        char ct[32];
        char label[160];
    } labels[256];
    int nlabels;
} run;

void lia_push_items_free(lia_push_item *items, int n)
{
    for (int i = 0; i < n; i++) {
        free(items[i].payload);
        items[i].payload = NULL;
    }
}

static void prepared_free(prepared *p)
{
    lia_push_record_free(&p->rec);
    lia_push_record_free(&p->billing_rec);
}

static void event(run *r, const prepared *p, lia_level lvl, const char *status, const char *erp_key,
                  const char *code, const char *msg)
{
    if (!r->o->journal)
        return;
    char crm[40], erp[96];
    snprintf(crm, sizeof crm, "outbox:%lld", p->item->id);
    snprintf(erp, sizeof erp, "CT_Num:%.80s", erp_key ? erp_key : "");
    lia_event ev = {lvl, "CRM>ERP", p->item->entity, p->item->operation, crm,
                    erp_key && *erp_key ? erp : NULL, code, status, msg, NULL};
    lia_journal_event(r->o->journal, &ev);
}

static prep_kind block(prepared *p, const char *code, const char *msg)
{
    p->kind = PREP_BLOCK;
    snprintf(p->code, sizeof p->code, "%s", code);
    snprintf(p->message, sizeof p->message, "%s", msg);
    return PREP_BLOCK;
}

static int is_meta(const char *name)
{
    return !strcmp(name, "crmId") || !strcmp(name, "parentOutboxId") || !strcmp(name, "rowVersion");
}

/* The fields to send: every payload field but the meta ones and those given apart. */
static size_t to_fields(const lia_push_record *rec, lia_soap_field *f, const char *skip1,
                        const char *skip2)
{
    size_t n = 0;
    for (size_t i = 0; i < rec->n; i++) {
        const char *nm = rec->name[i];
        if (is_meta(nm) || (skip1 && !strcmp(nm, skip1)) || (skip2 && !strcmp(nm, skip2)))
            continue;
        f[n].name = nm;
        f[n].value = rec->value[i];
        n++;
    }
    return n;
}

static const char *label_list(run *r, const char *ct, const char **out, size_t *n)
{
    *n = 0;
    for (int i = 0; i < r->nlabels && *n < 64; i++)
        if (!strcmp(r->labels[i].ct, ct))
            out[(*n)++] = r->labels[i].label;
    return NULL;
}

static void label_add(run *r, const char *ct, const char *label)
{
    if (r->nlabels >= (int)(sizeof r->labels / sizeof r->labels[0]))
        return;
    snprintf(r->labels[r->nlabels].ct, sizeof r->labels[0].ct, "%.30s", ct);
    snprintf(r->labels[r->nlabels].label, sizeof r->labels[0].label, "%s", label);
    r->nlabels++;
}

/* Resolves the parent tiers: CT_Num in the payload, or the ErpKey of the
 * outbox item that creates it.  0 ok, 1 wait, -1 error (err set). */
static int parent_key(run *r, prepared *p, lia_error *err)
{
    const char *ct = lia_push_get(&p->rec, "CT_Num");
    const char *pid = lia_push_get(&p->rec, "parentOutboxId");
    if (ct && *ct) {
        snprintf(p->ct_num, sizeof p->ct_num, "%s", ct);
        return 0;
    }
    if (!pid || !*pid) {
        block(p, "LIA-PUSH-0001", lia_tr("ni CT_Num ni parentOutboxId dans le contenu",
                                         "neither CT_Num nor parentOutboxId in the payload"));
        return 0;
    }
    p->parent = atoll(pid);
    char key[80] = "";
    if (r->st->done_key(r->st->ctx, p->parent, key, sizeof key, err) != LIA_OK)
        return -1;
    if (!key[0]) {
        p->kind = PREP_WAIT;
        snprintf(p->message, sizeof p->message, "%s %lld",
                 lia_tr("en attente de la création du tiers de l'élément",
                        "waiting for the tiers of item"), p->parent);
        return 1;
    }
    /* ErpKey of a tiers item is the CT_Num itself */
    snprintf(p->ct_num, sizeof p->ct_num, "%.*s", (int)strcspn(key, "/"), key);
    return 0;
}

static lia_code prepare(run *r, const lia_push_item *it, prepared *p, lia_error *err)
{
    memset(p, 0, sizeof *p);
    p->item = it;
    p->kind = PREP_SEND;
    char why[160];
    if (lia_push_json_parse(it->payload, &p->rec, why, sizeof why) != 0) {
        char m[300];
        snprintf(m, sizeof m, "%s : %s", lia_tr("contenu JSON invalide", "invalid JSON payload"), why);
        block(p, "LIA-PUSH-0001", m);
        return LIA_OK;
    }
    lia_push_verdict v;
    const char *ent = it->entity, *op = it->operation;
    if (!strcmp(op, "DELETE")) {
        block(p, "LIA-PUSH-0002", lia_tr("suppression non prise en charge par le service d'intégration",
                                         "deletion not supported by the integration service"));
        return LIA_OK;
    }
    if (!strcmp(ent, "TIERS") && !strcmp(op, "CREATE")) {
        if (!lia_push_prepare_tiers(&r->o->rules, lia_push_get(&p->rec, "crmId"), &p->rec, &v)) {
            if (!strcmp(v.code, LIA_PUSH_E_ATTENTE)) {
                p->kind = PREP_WAIT; /* [ATTENTE]: not sent until the user types a code */
                snprintf(p->code, sizeof p->code, "%s", v.code);
                snprintf(p->message, sizeof p->message, "%s", v.message);
            } else {
                block(p, v.code, v.message);
            }
            return LIA_OK;
        }
        p->w.op = LIA_SOAP_CREATE_TIERS;
        p->w.nfields = to_fields(&p->rec, p->fields, NULL, NULL);
        const char *none[1];
        p->billing = lia_push_billing_address(&p->rec, none, 0, &p->billing_rec) == 1;
    } else if (!strcmp(ent, "TIERS") && !strcmp(op, "UPDATE")) {
        const char *ct = lia_push_get(&p->rec, "CT_Num");
        char norm[32];
        if (!ct || !lia_push_ctnum_check(ct, norm, sizeof norm, &v)) {
            block(p, LIA_PUSH_E_CTNUM, ct ? v.message : lia_tr("CT_Num absent du contenu", "CT_Num missing from the payload"));
            return LIA_OK;
        }
        snprintf(p->ct_num, sizeof p->ct_num, "%s", norm);
        const char *rv = lia_push_get(&p->rec, "rowVersion");
        snprintf(p->row_version, sizeof p->row_version, "%s", rv ? rv : "");
        p->w.op = LIA_SOAP_UPDATE_TIERS;
        p->w.nfields = to_fields(&p->rec, p->fields, "CT_Num", NULL);
    } else if (!strcmp(ent, "CONTACT") || !strcmp(ent, "ADRESSE")) {
        int contact = !strcmp(ent, "CONTACT");
        int w = parent_key(r, p, err);
        if (w < 0)
            return err->code;
        if (w > 0 || p->kind == PREP_BLOCK)
            return LIA_OK;
        const char *subname = contact ? "CT_No" : "LI_No";
        const char *sub = lia_push_get(&p->rec, subname);
        snprintf(p->sub_no, sizeof p->sub_no, "%s", sub ? sub : "");
        if (contact) {
            const char *nom = lia_push_get(&p->rec, "CT_Nom");
            if (!nom || !*nom) {
                block(p, LIA_PUSH_E_CONTACT, lia_tr("nom du contact vide", "empty contact name"));
                return LIA_OK;
            }
            p->w.op = LIA_SOAP_UPSERT_CONTACT;
        } else {
            const char *lab = lia_push_get(&p->rec, "LI_Intitule");
            if (!sub || !*sub || (lab && *lab)) {
                const char *taken[64];
                size_t nt;
                label_list(r, p->ct_num, taken, &nt);
                char label[160];
                if (lia_push_address_label(taken, nt, lab, lia_push_get(&p->rec, "LI_Ville"), label,
                                           sizeof label) != 0 ||
                    lia_push_set(&p->rec, "LI_Intitule", label) != 0) {
                    block(p, LIA_PUSH_E_LABEL, lia_tr("intitulé d'adresse impossible à générer",
                                                      "cannot generate the address label"));
                    return LIA_OK;
                }
                /* reserved now: the next address of a batch must not take it too */
                label_add(r, p->ct_num, label);
            }
            p->w.op = LIA_SOAP_UPSERT_ADRESSE;
        }
        p->w.nfields = to_fields(&p->rec, p->fields, "CT_Num", subname);
    } else {
        char m[120];
        snprintf(m, sizeof m, "%s %s/%s", lia_tr("entité ou opération inconnue", "unknown entity or operation"),
                 ent, op);
        block(p, "LIA-PUSH-0002", m);
        return LIA_OK;
    }
    p->w.fields = p->fields;
    p->w.ct_num = p->ct_num[0] ? p->ct_num : NULL;
    p->w.sub_no = p->sub_no[0] ? p->sub_no : NULL;
    p->w.row_version = p->row_version[0] ? p->row_version : NULL;
    return LIA_OK;
}

/* The request id: the stored one (a replay) or a new one, committed first. */
static lia_code claim(run *r, prepared *p, lia_error *err)
{
    if (p->item->request_id[0]) {
        snprintf(p->request_id, sizeof p->request_id, "%s", p->item->request_id);
    } else {
        char id[37];
        lia_code rc = lia_soap_uuid(id, err);
        if (rc != LIA_OK)
            return rc;
        snprintf(p->request_id, sizeof p->request_id, "%s", id);
        rc = r->st->claim(r->st->ctx, p->item->id, p->request_id, err);
        if (rc != LIA_OK)
            return rc;
    }
    p->w.request_id = p->request_id;
    return LIA_OK;
}

static lia_code record(run *r, prepared *p, const char *status, const char *key, const char *code,
                       const char *msg, lia_error *err)
{
    return r->st->record(r->st->ctx, p->item->id, status, key, code, msg, err);
}

static lia_code record_blocked(run *r, prepared *p, lia_error *err)
{
    r->stats->blocked++;
    event(r, p, LIA_LVL_ERROR, "ECHEC", NULL, p->code, p->message);
    return record(r, p, "error", NULL, p->code, p->message, err);
}

/* The billing address of a new tiers, as a delivery address; its request id
 * derives from the tiers' so a replay stays a replay. */
static void send_billing(run *r, prepared *p, const char *ct_num)
{
    lia_error err;
    lia_error_clear(&err);
    snprintf(p->billing_rid, sizeof p->billing_rid, "%s-facturation", p->request_id);
    lia_soap_write w = {LIA_SOAP_UPSERT_ADRESSE, p->billing_rid, ct_num, NULL, NULL,
                        p->billing_fields, to_fields(&p->billing_rec, p->billing_fields, NULL, NULL)};
    lia_soap_result res;
    lia_code rc = lia_soap_write_one(r->soap, &w, &res, &err);
    if (rc == LIA_OK && (!strcmp(res.status, "SUCCES") || !strcmp(res.status, "AVERTISSEMENT"))) {
        label_add(r, ct_num, lia_push_get(&p->billing_rec, "LI_Intitule"));
        return;
    }
    char msg[700];
    if (rc != LIA_OK)
        lia_error_format(&err, msg, sizeof msg);
    else
        snprintf(msg, sizeof msg, "%s", res.ndiags ? res.diags[0].message : res.status);
    r->stats->warned++;
    event(r, p, LIA_LVL_WARN, "AVERTISSEMENT", ct_num, res.ndiags ? res.diags[0].code : NULL, msg);
}

static lia_code outcome(run *r, prepared *p, const lia_soap_result *res, lia_error *err)
{
    if (!strcmp(res->status, "NON_TRAITE"))
        return LIA_OK; /* stays pending, same request id next time */
    if (!strcmp(res->status, "SUCCES") || !strcmp(res->status, "AVERTISSEMENT")) {
        char key[64];
        if (p->w.op == LIA_SOAP_UPSERT_CONTACT && res->sub_no[0])
            snprintf(key, sizeof key, "%.20s/CT_No:%.12s", res->ct_num, res->sub_no);
        else if (p->w.op == LIA_SOAP_UPSERT_ADRESSE && res->sub_no[0])
            snprintf(key, sizeof key, "%.20s/LI_No:%.12s", res->ct_num, res->sub_no);
        else
            snprintf(key, sizeof key, "%.40s", res->ct_num[0] ? res->ct_num : p->ct_num);
        int warn = !strcmp(res->status, "AVERTISSEMENT");
        const char *code = res->ndiags ? res->diags[0].code : NULL;
        const char *msg = res->ndiags ? res->diags[0].message : lia_tr("envoyé", "sent");
        lia_code rc = record(r, p, "done", key, warn ? code : NULL, warn ? msg : NULL, err);
        if (rc != LIA_OK)
            return rc;
        if (warn)
            r->stats->warned++;
        r->stats->done++;
        event(r, p, warn ? LIA_LVL_WARN : LIA_LVL_INFO, res->status, key, code,
              res->replayed ? lia_tr("résultat rejoué par le service", "result replayed by the service") : msg);
        if (p->billing && res->ct_num[0])
            send_billing(r, p, res->ct_num);
        return LIA_OK;
    }
    /* ECHEC */
    char msg[600];
    const char *code = res->ndiags ? res->diags[0].code : "ERP-ECHEC";
    if (res->ndiags && res->diags[0].field[0])
        snprintf(msg, sizeof msg, "%s (%s)", res->diags[0].message, res->diags[0].field);
    else
        snprintf(msg, sizeof msg, "%s", res->ndiags ? res->diags[0].message : "ECHEC");
    if (lia_soap_result_transient(res)) {
        r->stats->transient++;
        event(r, p, LIA_LVL_TRANSIENT, "ECHEC", NULL, code, msg);
        return record(r, p, "pending", NULL, code, msg, err);
    }
    snprintf(p->code, sizeof p->code, "%s", code);
    snprintf(p->message, sizeof p->message, "%.500s", msg);
    return record_blocked(r, p, err);
}

/* Envelope-level refusals of one item's content (bad field name, bad UTF-8)
 * block that item only; anything else is the service's and stops the run. */
static int item_level(lia_code c)
{
    return c == LIA_E_USAGE || c == LIA_E_ENCODING;
}

static lia_code send_one(run *r, prepared *p, lia_error *err)
{
    lia_code rc = claim(r, p, err);
    if (rc != LIA_OK)
        return rc;
    lia_soap_result res;
    rc = lia_soap_write_one(r->soap, &p->w, &res, err);
    if (rc != LIA_OK && item_level(rc)) {
        char m[700];
        block(p, "LIA-PUSH-0001", lia_error_format(err, m, sizeof m));
        lia_error_clear(err);
        return record_blocked(r, p, err);
    }
    if (rc != LIA_OK)
        return rc;
    return outcome(r, p, &res, err);
}

static lia_code flush(run *r, prepared **batch, int *n, lia_error *err)
{
    if (*n == 0)
        return LIA_OK;
    lia_code rc = LIA_OK;
    if (*n == 1) {
        rc = send_one(r, batch[0], err);
    } else {
        lia_soap_write w[MAX_BATCH];
        lia_soap_result res[MAX_BATCH];
        char bid[37];
        for (int i = 0; i < *n && rc == LIA_OK; i++) {
            rc = claim(r, batch[i], err);
            w[i] = batch[i]->w;
        }
        if (rc == LIA_OK)
            rc = lia_soap_uuid(bid, err);
        if (rc == LIA_OK)
            rc = lia_soap_batch(r->soap, bid, w, (size_t)*n, 1, res, err);
        if (rc != LIA_OK && item_level(rc)) {
            /* one bad item spoils the envelope: send them one by one */
            lia_error_clear(err);
            rc = LIA_OK;
            for (int i = 0; i < *n && rc == LIA_OK; i++)
                rc = send_one(r, batch[i], err);
        } else {
            for (int i = 0; i < *n && rc == LIA_OK; i++)
                rc = outcome(r, batch[i], &res[i], err);
        }
    }
    for (int i = 0; i < *n; i++) {
        prepared_free(batch[i]);
        free(batch[i]);
    }
    *n = 0;
    return rc;
}

lia_code lia_push_run(lia_soap *soap, const lia_push_store *st, const lia_push_opts *o,
                      lia_push_stats *stats, lia_error *err)
{
    memset(stats, 0, sizeof *stats);
    run *r = calloc(1, sizeof *r);
    if (!r)
        return lia_fail(err, LIA_E_NOMEM, "push");
    r->soap = soap, r->st = st, r->o = o, r->stats = stats;
    int limit = o->limit > 0 ? o->limit : 1000;
    int bsize = o->batch_size < 1 ? 1 : o->batch_size > MAX_BATCH ? MAX_BATCH : o->batch_size;
    lia_push_item items[PAGE];
    prepared *batch[MAX_BATCH];
    int nb = 0;
    long long after = 0;
    lia_code rc = LIA_OK;
    while (rc == LIA_OK && stats->read < limit) {
        int max = limit - stats->read < PAGE ? limit - stats->read : PAGE;
        int n = st->pending(st->ctx, after, items, max, err);
        if (n < 0) {
            rc = err->code;
            break;
        }
        if (n == 0)
            break;
        for (int i = 0; i < n && rc == LIA_OK; i++) {
            stats->read++;
            after = items[i].id;
            prepared *p = calloc(1, sizeof *p);
            if (!p) {
                rc = lia_fail(err, LIA_E_NOMEM, "push");
                break;
            }
            rc = prepare(r, &items[i], p, err);
            /* a child of an item still in the batch: send the batch first */
            if (rc == LIA_OK && p->kind == PREP_WAIT && p->parent) {
                int in_batch = 0;
                for (int k = 0; k < nb; k++)
                    in_batch |= batch[k]->item->id == p->parent;
                if (in_batch) {
                    prepared_free(p);
                    rc = flush(r, batch, &nb, err);
                    if (rc == LIA_OK)
                        rc = prepare(r, &items[i], p, err);
                }
            }
            if (rc != LIA_OK) {
                prepared_free(p);
                free(p);
                break;
            }
            if (p->kind == PREP_SEND) {
                batch[nb++] = p;
                if (nb >= bsize)
                    rc = flush(r, batch, &nb, err);
                continue;
            }
            if (p->kind == PREP_WAIT) {
                stats->waiting++;
                event(r, p, LIA_LVL_WARN, "EN_ATTENTE", NULL, p->code[0] ? p->code : NULL, p->message);
            } else {
                rc = record_blocked(r, p, err);
            }
            prepared_free(p);
            free(p);
        }
        /* batch items point into items[]: send them before the page is reused */
        if (rc == LIA_OK)
            rc = flush(r, batch, &nb, err);
        lia_push_items_free(items, n);
        if (n < max)
            break;
    }
    for (int k = 0; k < nb; k++) {
        prepared_free(batch[k]);
        free(batch[k]);
    }
    free(r);
    return rc;
}
