/* The outbox of `liaison push`, held in memory for the push tests: the rows
 * and a lia_push_store over them that behaves like the CRM's (pending rows in
 * id order, a request id kept from the first claim, outcomes recorded), and a
 * push pass over it. */
#ifndef PUSH_MEM_OUTBOX_H
#define PUSH_MEM_OUTBOX_H

#include "liaison/push.h"
#include "liaison/soap.h"

#define MEM_BOX_MAX 32

typedef struct mem_row {
    long long id;
    const char *entity, *op, *payload;
    char status[16], key[64], code[48], msg[600], rid[64];
    int attempts, excluded;
} mem_row;
extern mem_row mem_box[MEM_BOX_MAX];
extern int mem_nbox;
extern int mem_crash_on_record; /* when set, the n-th record() fails as if the CRM connection died */

/* Appends a pending row (ids from 1); mem_nbox = 0 empties the outbox. */
void mem_add(const char *entity, const char *op, const char *payload);

extern const lia_push_store mem_store;

/* One `liaison push` pass over the in-memory outbox against the SOAP endpoint
 * on 127.0.0.1:port (user liaison/demo, company BIJOU, short back-off). */
lia_code mem_push(int port, lia_push_mode mode, const char *suffix, int batch, lia_push_stats *st,
                  lia_error *err);

#endif
