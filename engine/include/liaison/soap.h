/* SOAP 1.1 client of the GesCom integration contract urn:liaison:gescom:v1
 * (docs/wsdl/liaison-gescom-v1.wsdl, docs/push.md), prefix lia_soap_.
 *
 * One lia_soap is one session on one service: a single CURL handle reused
 * for keep-alive, the session id from Logon, a re-logon when the service
 * says the session expired.  Writes carry a request id chosen by the caller
 * and reused on every retry, so the service can return the first result of
 * a replay instead of creating a second record.  Responses are parsed by a
 * hardened libxml2 reader: no DTD, no entities, no network, size-capped. */
#ifndef LIAISON_SOAP_H
#define LIAISON_SOAP_H

#include <stddef.h>

#include "liaison/error.h"

#define LIA_SOAP_NS "urn:liaison:gescom:v1"
#define LIA_SOAP_ENV_NS "http://schemas.xmlsoap.org/soap/envelope/"

struct lia_journal;
struct lia_buf;
typedef struct lia_soap lia_soap;

typedef struct lia_soap_opts {
    const char *url;            /* http(s)://host:port/path of the service */
    const char *user;
    const char *password;       /* never logged */
    const char *company;        /* GesCom company (database) name */
    const char *ca_file;        /* PEM bundle to verify the server; NULL: system store */
    int insecure;               /* 1 disables TLS verification (explicit opt-in only) */
    long connect_timeout_ms;    /* 0: 10 000 */
    long total_timeout_ms;      /* per HTTP exchange; 0: 60 000 */
    long stall_timeout_s;       /* abort when no byte arrives for this long; 0: 30 */
    size_t max_response;        /* bytes; 0: 8 MiB; a longer response is cut off */
    int max_attempts;           /* attempts per call for transient failures; 0: 5 */
    long backoff_initial_ms;    /* 0: 500; doubles at each retry */
    long backoff_max_ms;        /* cap of one wait, Retry-After included; 0: 30 000 */
    struct lia_journal *journal; /* optional: SESSION events, secrets masked */
} lia_soap_opts;

/* Opens the handle (no network yet).  err filled on failure. */
lia_code lia_soap_open(const lia_soap_opts *opts, lia_soap **out, lia_error *err);
/* Sends Logoff when a session is open, then frees everything. */
void lia_soap_close(lia_soap *s);

/* Logon: gets a session id.  Done implicitly by the calls below. */
lia_code lia_soap_logon(lia_soap *s, lia_error *err);
const char *lia_soap_session(const lia_soap *s);     /* "" when none */
const char *lia_soap_server_version(const lia_soap *s);

/* The entity a write is about. */
typedef enum lia_soap_op {
    LIA_SOAP_CREATE_TIERS,
    LIA_SOAP_UPDATE_TIERS,
    LIA_SOAP_UPSERT_CONTACT,
    LIA_SOAP_UPSERT_ADRESSE
} lia_soap_op;

/* One field of the entity: the element name (schema of the WSDL, checked as
 * an XML name) and its text value (UTF-8, escaped on output). */
typedef struct lia_soap_field {
    const char *name;
    const char *value;
} lia_soap_field;

typedef struct lia_soap_write {
    lia_soap_op op;
    const char *request_id;     /* UUID chosen once per outbox item */
    const char *ct_num;         /* UpdateTiers / UpsertContact / UpsertAdresse: the parent key */
    const char *row_version;    /* UpdateTiers: optional optimistic check */
    const char *sub_no;         /* UpsertContact: CT_No, UpsertAdresse: LI_No, when known */
    const lia_soap_field *fields;
    size_t nfields;
} lia_soap_write;

#define LIA_SOAP_MAX_DIAGS 8

typedef struct lia_soap_diag {
    char severity[16];          /* info, warning, transient, error, fatal */
    char code[48];              /* catalogue code, e.g. ERP-TIERS-0101 */
    char message[512];          /* French, from the service */
    char field[64];             /* field path, or "" */
    char hint[256];
} lia_soap_diag;

typedef struct lia_soap_result {
    char status[16];            /* SUCCES, AVERTISSEMENT, ECHEC */
    char request_id[64];        /* echoed by the service */
    char ct_num[32];            /* ERP keys, kept as strings (leading zeros) */
    char sub_no[16];            /* CT_No or LI_No */
    char row_version[32];
    int replayed;               /* the service returned a stored result */
    int ndiags;
    lia_soap_diag diags[LIA_SOAP_MAX_DIAGS];
    int attempts;               /* HTTP exchanges this call needed */
} lia_soap_result;

/* Sends one write.  A business rejection is a normal result with status
 * ECHEC (returns LIA_OK); transient failures are retried with capped
 * exponential back-off and the same request id; a fault, an HTTP error or a
 * refused response fails with err set (faultcode, faultstring, detail). */
lia_code lia_soap_write_one(lia_soap *s, const lia_soap_write *w, lia_soap_result *res,
                            lia_error *err);

/* SubmitBatch: results[i] for items[i]; continue_on_error 0 asks the service
 * to stop at the first ECHEC (the rest come back with status NON_TRAITE). */
lia_code lia_soap_batch(lia_soap *s, const char *batch_id, const lia_soap_write *items,
                        size_t n, int continue_on_error, lia_soap_result *results,
                        lia_error *err);

/* Ping: serverTime into server_time (may be NULL). */
lia_code lia_soap_ping(lia_soap *s, char *server_time, size_t size, lia_error *err);

/* A fresh random UUID v4 (from /dev/urandom), 37 bytes with the NUL. */
lia_code lia_soap_uuid(char out[37], lia_error *err);

/* Copies a request or response body into out with the text of every
 * password and sessionId element replaced by ***, for the journal. */
void lia_soap_mask(const char *xml, struct lia_buf *out);

/* 1 when the result carries a diagnosis of severity transient. */
int lia_soap_result_transient(const lia_soap_result *res);

#endif
