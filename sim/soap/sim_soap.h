/* The simulator's SOAP endpoint: the contract urn:liaison:gescom:v1
 * (docs/wsdl/liaison-gescom-v1.wsdl) served over HTTP by libmicrohttpd,
 * prefix sim_soap_.  The protocol side (sessions, idempotency by requestId,
 * faults, fault injection) is here; what a write does to the GesCom data is
 * a backend: sim_soap_gescom_backend() applies the GesCom rules to the
 * simulator's databases through sim_exec.h. */
#ifndef SIM_SOAP_H
#define SIM_SOAP_H

#include <stddef.h>

#define SIM_SOAP_MAX_FIELDS 64
#define SIM_SOAP_MAX_DIAGS 4

typedef struct sim_soap_fields {
    int n;
    const char *name[SIM_SOAP_MAX_FIELDS];
    const char *value[SIM_SOAP_MAX_FIELDS];
} sim_soap_fields;

const char *sim_soap_field(const sim_soap_fields *f, const char *name); /* NULL if absent */

typedef struct sim_soap_result {
    char status[16];        /* SUCCES, AVERTISSEMENT, ECHEC, NON_TRAITE */
    char ct_num[32];
    char sub_no[16];        /* CT_No or LI_No */
    char sub_kind[8];       /* "CT_No", "LI_No" or "" */
    char row_version[32];
    int ndiags;
    struct {
        char severity[16], code[32], message[256], field[64];
    } diags[SIM_SOAP_MAX_DIAGS];
} sim_soap_result;

/* Adds a diagnosis and sets status ECHEC for severity error/fatal/transient. */
void sim_soap_diag(sim_soap_result *r, const char *severity, const char *code, const char *field,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

typedef enum sim_soap_op {
    SIM_SOAP_CREATE_TIERS, SIM_SOAP_UPDATE_TIERS, SIM_SOAP_UPSERT_CONTACT, SIM_SOAP_UPSERT_ADRESSE
} sim_soap_op;

typedef struct sim_soap_backend {
    void *ctx;
    /* 0: the password is right for this company; -1 otherwise. */
    int (*logon)(void *ctx, const char *user, const char *password, const char *company);
    /* Performs one write; fills res (status, key, diagnoses).  Called with
     * the endpoint's lock held: writes never interleave. */
    void (*write)(void *ctx, const char *user, const char *company, sim_soap_op op, const char *ct_num,
                  const char *sub_no, const sim_soap_fields *f, sim_soap_result *res);
} sim_soap_backend;

/* Faults to inject (tests); also settable at run time by POST /_control?k=v&... */
typedef struct sim_soap_faults {
    int delay_ms;           /* every response waits this long */
    int busy;               /* the next N requests: HTTP 503 + Retry-After */
    int retry_after_s;      /* value of Retry-After (default 1) */
    int expire;             /* the next N calls find their session expired */
    int malformed;          /* the next N responses are cut (malformed XML) */
    int logon_fault;        /* Logon answers a fault */
} sim_soap_faults;

typedef struct sim_soap sim_soap;

/* Listens on host:port (port 0: chosen by the system).  NULL on failure,
 * with a reason in err. */
sim_soap *sim_soap_start(const char *host, int port, const sim_soap_backend *be, char *err,
                         size_t errlen);
int sim_soap_port(const sim_soap *s);
void sim_soap_set_faults(sim_soap *s, const sim_soap_faults *f);
/* Number of writes actually performed by the backend (replays excluded). */
long sim_soap_writes(const sim_soap *s);
void sim_soap_stop(sim_soap *s);

/* The GesCom backend (soap_gescom.c): the rules of GesCom applied to the
 * simulator's databases through sim_exec.h -- account code (17 characters,
 * upper-case letters and digits, unique), <AUTOERP> allocated from the
 * codification (prefix + 4 digits; refused with ERP-TIERS-0101 when
 * codification is off), defaults of a new tiers, contact and address
 * numbers, delivery-address labels unique per tiers.  Needs sim_sql. */
struct sim_server;
typedef struct sim_soap_gescom {
    struct sim_server *srv;
    int codification;       /* GesCom numbering enabled */
    char prefix[8];         /* codification prefix, e.g. "CL" */
} sim_soap_gescom;
void sim_soap_gescom_backend(sim_soap_gescom *g, sim_soap_backend *out);

#endif
