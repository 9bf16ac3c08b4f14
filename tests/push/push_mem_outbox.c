/* The in-memory outbox of the push tests (push_mem_outbox.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "push_mem_outbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

mem_row mem_box[MEM_BOX_MAX];
int mem_nbox, mem_crash_on_record;

void mem_add(const char *entity, const char *op, const char *payload)
{
    mem_row *r = &mem_box[mem_nbox];
    memset(r, 0, sizeof *r);
    r->id = ++mem_nbox;
    r->entity = entity, r->op = op, r->payload = payload;
    snprintf(r->status, sizeof r->status, "pending");
}

static int m_pending(void *ctx, long long after, lia_push_item *items, int max, lia_error *err)
{
    (void)ctx, (void)err;
    int n = 0;
    for (int i = 0; i < mem_nbox && n < max; i++) {
        mem_row *r = &mem_box[i];
        if (r->id <= after || strcmp(r->status, "pending") || r->excluded)
            continue;
        lia_push_item *it = &items[n++];
        memset(it, 0, sizeof *it);
        it->id = r->id;
        snprintf(it->entity, sizeof it->entity, "%s", r->entity);
        snprintf(it->operation, sizeof it->operation, "%s", r->op);
        it->payload = strdup(r->payload);
        snprintf(it->request_id, sizeof it->request_id, "%s", r->rid);
    }
    return n;
}

static lia_code m_done_key(void *ctx, long long id, char *key, size_t size, lia_error *err)
{
    (void)ctx, (void)err;
    snprintf(key, size, "%s", !strcmp(mem_box[id - 1].status, "done") ? mem_box[id - 1].key : "");
    return LIA_OK;
}

static lia_code m_claim(void *ctx, long long id, const char *rid, lia_error *err)
{
    (void)ctx, (void)err;
    if (!mem_box[id - 1].rid[0])
        snprintf(mem_box[id - 1].rid, sizeof mem_box[0].rid, "%s", rid);
    return LIA_OK;
}

static lia_code m_record(void *ctx, long long id, const char *status, const char *key,
                         const char *code, const char *msg, lia_error *err)
{
    (void)ctx;
    if (mem_crash_on_record && --mem_crash_on_record == 0)
        return lia_fail(err, LIA_E_CONN_LOST, "crm (simulated crash)");
    mem_row *r = &mem_box[id - 1];
    snprintf(r->status, sizeof r->status, "%s", status);
    if (key)
        snprintf(r->key, sizeof r->key, "%s", key);
    snprintf(r->code, sizeof r->code, "%s", code ? code : "");
    snprintf(r->msg, sizeof r->msg, "%s", msg ? msg : "");
    r->attempts++;
    return LIA_OK;
}

const lia_push_store mem_store = {NULL, m_pending, m_done_key, m_claim, m_record};

lia_code mem_push(int port, lia_push_mode mode, const char *suffix, int batch, lia_push_stats *st,
                  lia_error *err)
{
    char url[96];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/liaison/gescom", port);
    lia_soap_opts so = {0};
    so.url = url;
    so.user = "liaison";
    so.password = "demo";
    so.company = "BIJOU";
    so.max_attempts = 2;
    so.backoff_initial_ms = 10;
    so.backoff_max_ms = 50;
    lia_soap *s = NULL;
    lia_error_clear(err);
    assert_int_equal(lia_soap_open(&so, &s, err), LIA_OK);
    lia_push_opts o = {0};
    lia_push_settings_default(&o.rules);
    o.rules.mode = mode;
    snprintf(o.rules.suffix, sizeof o.rules.suffix, "%s", suffix);
    o.batch_size = batch;
    lia_code rc = lia_push_run(s, &mem_store, &o, st, err);
    lia_soap_close(s);
    return rc;
}
