/* Requests in, responses out: the XML side of the simulator's endpoint. */
#ifndef SIM_SOAP_PROTO_H
#define SIM_SOAP_PROTO_H

#include "sim_soap.h"

#define SIM_SOAP_NS "urn:liaison:gescom:v1"
#define SIM_SOAP_ENV "http://schemas.xmlsoap.org/soap/envelope/"
#define SIM_SOAP_MAX_ITEMS 200

typedef enum sim_req_kind {
    SIM_REQ_PING, SIM_REQ_LOGON, SIM_REQ_LOGOFF, SIM_REQ_WRITE, SIM_REQ_BATCH
} sim_req_kind;

typedef struct sim_soap_write_req {
    sim_soap_op op;
    const char *request_id;
    const char *ct_num;     /* parent key (NULL for CreateTiers) */
    const char *sub_no;     /* CT_No / LI_No when given */
    sim_soap_fields fields;
} sim_soap_write_req;

typedef struct sim_soap_req {
    sim_req_kind kind;
    const char *user, *password, *company;
    char session[64];
    int continue_on_error;
    int nitems;
    sim_soap_write_req *items;
    char **strs;            /* every string above, owned */
    size_t nstrs;
} sim_soap_req;

/* 0 ok; -1 malformed, DOCTYPE, not SOAP 1.1, unknown operation. */
int sim_soap_parse(const char *body, size_t len, sim_soap_req *req);
void sim_soap_req_free(sim_soap_req *req);

typedef struct sim_soap_out {
    unsigned status;        /* HTTP status */
    char *data;
    size_t len;
} sim_soap_out;

void sim_soap_out_init(sim_soap_out *o);
void sim_soap_out_free(sim_soap_out *o);
void sim_soap_fault(sim_soap_out *o, const char *code, const char *string, const char *dcode,
                    const char *severity, int retry_after);
void sim_soap_ping(sim_soap_out *o);
void sim_soap_logon(sim_soap_out *o, const char *session);
void sim_soap_empty(sim_soap_out *o, const char *element);
void sim_soap_write_response(sim_soap_out *o, sim_soap_op op, const sim_soap_write_req *w,
                             const sim_soap_result *r, int replayed);
void sim_soap_batch_begin(sim_soap_out *o);
void sim_soap_batch_item(sim_soap_out *o, const sim_soap_write_req *w, const sim_soap_result *r,
                         int replayed);
void sim_soap_batch_end(sim_soap_out *o);

#endif
