/* `liaison push`: GesCom business rules applied before a write is sent, and
 * the outbox records (docs/push.md), prefix lia_push_.
 *
 * The rule functions are pure (no I/O): what they decide is tested from
 * data files in tests/push/rules/. */
#ifndef LIAISON_PUSH_H
#define LIAISON_PUSH_H

#include <stddef.h>

#include "liaison/error.h"

/* Placeholders of the CRM's account code (seed 000). */
#define LIA_PUSH_ATTENTE "[ATTENTE]"   /* free entry, not typed yet: never sent */
#define LIA_PUSH_AUTOERP "<AUTOERP>"   /* GesCom numbering: the ERP allocates */
#define LIA_PUSH_CTNUM_MAX 17

/* Catalogue codes the rules give (docs/push.md lists every one). */
#define LIA_PUSH_E_CTNUM "ERP-TIERS-0101"      /* N° de compte invalide */
#define LIA_PUSH_E_INTITULE "ERP-TIERS-0103"   /* intitulé vide */
#define LIA_PUSH_E_ATTENTE "ERP-TIERS-0104"    /* code comptable en attente */
#define LIA_PUSH_E_LABEL "ERP-ADR-0201"        /* intitulé d'adresse impossible */
#define LIA_PUSH_E_CONTACT "ERP-CONTACT-0301"  /* nom du contact vide */

typedef enum lia_push_mode {
    LIA_PUSH_MODE_FREE = 0,  /* saisie libre (+ suffix) */
    LIA_PUSH_MODE_CRM,       /* numérotation automatique CRM: CRM id + suffix */
    LIA_PUSH_MODE_ERP        /* numérotation automatique GesCom: <AUTOERP> */
} lia_push_mode;

typedef struct lia_push_settings {
    lia_push_mode mode;
    char suffix[LIA_PUSH_CTNUM_MAX + 1];  /* not used in ERP mode */
    /* Defaults when a creation leaves them empty: base currency, first
     * accounting category, first price category, first language. */
    char devise[8];       /* N_Devise, "0" = currency of the books */
    char cat_compta[8];   /* N_CatCompta, "1" */
    char cat_tarif[8];    /* N_CatTarif, "1" */
    char langue[8];       /* CT_Langue, "1" */
} lia_push_settings;

void lia_push_settings_default(lia_push_settings *st);
/* "free" / "crm" / "erp" (also "libre", "gescom"); -1 when unknown. */
int lia_push_mode_parse(const char *s, lia_push_mode *out);

/* A rule's decision about one record. */
typedef struct lia_push_verdict {
    int ok;                 /* 1: may be sent */
    char code[24];          /* catalogue code when refused */
    char field[32];         /* field path, e.g. tiers/CT_Num */
    char message[256];      /* French (or English with --lang en) */
} lia_push_verdict;

/* Up to 17 characters, ASCII letters and digits only, no space; lower case
 * is accepted and upper-cased into out (GesCom keys are upper case). */
int lia_push_ctnum_check(const char *s, char *out, size_t size, lia_push_verdict *v);

/* The account code to send for a creation, from the CRM's code and the CRM
 * company id, per mode.  Refuses [ATTENTE] and invalid codes. */
int lia_push_account_code(const lia_push_settings *st, const char *crm_code, const char *crm_id,
                          char *out, size_t size, lia_push_verdict *v);

/* Fields of a record: name/value pairs (owned copies). */
#define LIA_PUSH_MAX_FIELDS 48
typedef struct lia_push_record {
    size_t n;
    char *name[LIA_PUSH_MAX_FIELDS];
    char *value[LIA_PUSH_MAX_FIELDS];
} lia_push_record;

void lia_push_record_free(lia_push_record *r);
const char *lia_push_get(const lia_push_record *r, const char *name); /* NULL if absent */
/* Sets (replaces) a field; 0 or -1 (full, out of memory). */
int lia_push_set(lia_push_record *r, const char *name, const char *value);

/* Currency, accounting and price categories, language: filled when absent or empty. */
int lia_push_apply_defaults(const lia_push_settings *st, lia_push_record *tiers);

/* Delivery-address label (LI_Intitule, 35 characters): the wanted label
 * when free among the tiers' labels (compared without case), else derived
 * from it -- or from the city, or "Adresse" -- with " 2", " 3"... */
#define LIA_PUSH_LABEL_MAX 35
int lia_push_address_label(const char *const *taken, size_t ntaken, const char *wanted,
                           const char *city, char *out, size_t size);

/* The billing address of a new tiers (CT_Adresse, CT_Complement,
 * CT_CodePostal, CT_Ville, CT_Pays) as a delivery address record; 0 when
 * the tiers has no address at all (nothing to create). */
int lia_push_billing_address(const lia_push_record *tiers, const char *const *taken,
                             size_t ntaken, lia_push_record *addr);

/* All the checks before a tiers creation is sent; fills CT_Num and defaults. */
int lia_push_prepare_tiers(const lia_push_settings *st, const char *crm_id, lia_push_record *tiers,
                           lia_push_verdict *v);


/* ---- The outbox and the run (push_run.c, push_json.c, push_store_sql.c) ---- */

struct lia_soap;
struct lia_journal;
struct lia_db;

/* A payload is a flat JSON object of strings, numbers, booleans and nulls
 * (docs/push.md); nulls are skipped, numbers kept as written.  0 or -1 with
 * a reason in why. */
int lia_push_json_parse(const char *json, lia_push_record *out, char *why, size_t size);

typedef struct lia_push_item {
    long long id;             /* OutboxId */
    char entity[16];          /* TIERS, CONTACT, ADRESSE */
    char operation[16];       /* CREATE, UPDATE, UPSERT, DELETE */
    char *payload;            /* JSON, owned */
    char request_id[64];      /* "" until first claimed */
    int attempts;
} lia_push_item;

void lia_push_items_free(lia_push_item *items, int n);

/* Where the outbox lives: the CRM database (lia_push_store_sql) or, in
 * tests, memory.  Every call commits what it changes before returning. */
typedef struct lia_push_store {
    void *ctx;
    /* Pending and not excluded, OutboxId > after, in OutboxId order; count or -1. */
    int (*pending)(void *ctx, long long after, lia_push_item *items, int max, lia_error *err);
    /* ErpKey of item id when done, "" otherwise. */
    lia_code (*done_key)(void *ctx, long long id, char *key, size_t size, lia_error *err);
    /* Stores the request id before the first send: a crash after sending
     * replays the same id and the service answers with the first result. */
    lia_code (*claim)(void *ctx, long long id, const char *request_id, lia_error *err);
    /* status: "done" (erp_key set), "error" (blocked) or "pending" (retry later). */
    lia_code (*record)(void *ctx, long long id, const char *status, const char *erp_key,
                       const char *code, const char *message, lia_error *err);
} lia_push_store;

typedef struct lia_push_opts {
    lia_push_settings rules;
    int batch_size;           /* 1: one call per item; more: SubmitBatch, continue on error */
    int limit;                /* items read per run; 0: 1000 */
    struct lia_journal *journal;
} lia_push_opts;

typedef struct lia_push_stats {
    int read, done, warned, blocked, transient, waiting;
} lia_push_stats;

/* One pass over the outbox.  A record refused by the rules or by GesCom is
 * blocked and the run goes on; a request-level failure (session, HTTP,
 * network after the retries) stops the run with err set, leaving the items
 * pending with their request ids. */
lia_code lia_push_run(struct lia_soap *soap, const lia_push_store *store, const lia_push_opts *o,
                      lia_push_stats *stats, lia_error *err);

/* The outbox in liaison.Outbox of the CRM database (the files of sql/push). */
void lia_push_store_sql(struct lia_db *crm, lia_push_store *out);

/* Blocked-list management (sql/push/): rows changed into *rows. */
typedef struct lia_push_blocked {
    long long id;
    char entity[16], operation[16], code[48], message[1001], updated[32];
    int attempts, excluded;
} lia_push_blocked;
lia_code lia_push_list_blocked(struct lia_db *crm, lia_push_blocked **out, int *n, lia_error *err);
lia_code lia_push_exclude(struct lia_db *crm, long long id, lia_error *err);
lia_code lia_push_reactivate(struct lia_db *crm, long long id, lia_error *err);

#endif
