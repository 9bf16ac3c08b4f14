/* The outbox in the CRM database: liaison.Outbox (created by `liaison
 * install`, sql/crm/002_tables.sql), read and written through sql/push/.
 * Each statement runs in autocommit: a claimed request id or a recorded
 * outcome is durable before the next send. */
#include "liaison/db.h"
#include "liaison/push.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static lia_code run_exec(lia_db *db, const char *file, const lia_param *p, size_t n, int64_t *rows,
                         lia_error *err)
{
    char *sql = NULL;
    lia_code rc = lia_sql_load(file, &sql, err);
    if (rc == LIA_OK)
        rc = lia_db_exec(db, sql, p, n, rows, err);
    free(sql);
    return rc;
}

static int pending(void *ctx, long long after, lia_push_item *items, int max, lia_error *err)
{
    lia_db *db = ctx;
    char *sql = NULL;
    if (lia_sql_load("push/outbox_pending.sql", &sql, err) != LIA_OK)
        return -1;
    lia_param p[] = {LIA_PARAM_INT("@Max", max), LIA_PARAM_BIGINT("@After", after)};
    lia_code rc = lia_db_query(db, sql, p, 2, err);
    free(sql);
    if (rc != LIA_OK)
        return -1;
    int n = 0, r;
    while ((r = lia_db_next_result(db, err)) == 1) {
        while ((r = lia_db_fetch(db, err)) == 1) {
            if (n >= max)
                continue;
            lia_push_item *it = &items[n];
            memset(it, 0, sizeof *it);
            int64_t v = 0;
            lia_db_int64(db, 0, &v);
            it->id = v;
            snprintf(it->entity, sizeof it->entity, "%s", lia_db_str(db, 1) ? lia_db_str(db, 1) : "");
            snprintf(it->operation, sizeof it->operation, "%s", lia_db_str(db, 2) ? lia_db_str(db, 2) : "");
            it->payload = strdup(lia_db_str(db, 3) ? lia_db_str(db, 3) : "");
            const char *rid = lia_db_str(db, 4);
            snprintf(it->request_id, sizeof it->request_id, "%s", rid ? rid : "");
            if (lia_db_int64(db, 5, &v) == 0)
                it->attempts = (int)v;
            if (!it->payload) {
                lia_push_items_free(items, n);
                lia_db_cancel(db);
                lia_fail(err, LIA_E_NOMEM, "outbox");
                return -1;
            }
            n++;
        }
        if (r < 0)
            break;
    }
    if (r < 0) {
        lia_push_items_free(items, n);
        return -1;
    }
    return n;
}

static lia_code done_key(void *ctx, long long id, char *key, size_t size, lia_error *err)
{
    lia_db *db = ctx;
    key[0] = '\0';
    char *sql = NULL;
    lia_code rc = lia_sql_load("push/outbox_done_key.sql", &sql, err);
    lia_param p[] = {LIA_PARAM_BIGINT("@OutboxId", id)};
    if (rc == LIA_OK)
        rc = lia_db_query(db, sql, p, 1, err);
    free(sql);
    if (rc != LIA_OK)
        return rc;
    int r;
    while ((r = lia_db_next_result(db, err)) == 1)
        while ((r = lia_db_fetch(db, err)) == 1)
            if (lia_db_str(db, 0))
                snprintf(key, size, "%s", lia_db_str(db, 0));
    return r < 0 ? err->code : LIA_OK;
}

static lia_code claim(void *ctx, long long id, const char *request_id, lia_error *err)
{
    lia_param p[] = {LIA_PARAM_TEXT("@RequestId", request_id), LIA_PARAM_BIGINT("@OutboxId", id)};
    return run_exec(ctx, "push/outbox_claim.sql", p, 2, NULL, err);
}

static lia_code record(void *ctx, long long id, const char *status, const char *erp_key,
                       const char *code, const char *message, lia_error *err)
{
    lia_param p[] = {LIA_PARAM_TEXT("@Status", status), LIA_PARAM_TEXT("@ErpKey", erp_key),
                     LIA_PARAM_TEXT("@Code", code), LIA_PARAM_TEXT("@Message", message),
                     LIA_PARAM_BIGINT("@OutboxId", id)};
    return run_exec(ctx, "push/outbox_record.sql", p, 5, NULL, err);
}

void lia_push_store_sql(lia_db *crm, lia_push_store *out)
{
    out->ctx = crm;
    out->pending = pending;
    out->done_key = done_key;
    out->claim = claim;
    out->record = record;
}

lia_code lia_push_list_blocked(lia_db *crm, lia_push_blocked **out, int *n, lia_error *err)
{
    *out = NULL;
    *n = 0;
    char *sql = NULL;
    lia_code rc = lia_sql_load("push/outbox_blocked.sql", &sql, err);
    if (rc == LIA_OK)
        rc = lia_db_query(crm, sql, NULL, 0, err);
    free(sql);
    if (rc != LIA_OK)
        return rc;
    int cap = 0, r;
    while ((r = lia_db_next_result(crm, err)) == 1) {
        while ((r = lia_db_fetch(crm, err)) == 1) {
            if (*n == cap) {
                int nc = cap ? cap * 2 : 32;
                lia_push_blocked *g = realloc(*out, (size_t)nc * sizeof *g);
                if (!g) {
                    lia_db_cancel(crm);
                    return lia_fail(err, LIA_E_NOMEM, "outbox");
                }
                *out = g, cap = nc;
            }
            lia_push_blocked *b = &(*out)[(*n)++];
            memset(b, 0, sizeof *b);
            int64_t v = 0;
            lia_db_int64(crm, 0, &v);
            b->id = v;
            const char *s;
#define COPY(dst, col) snprintf(dst, sizeof dst, "%s", (s = lia_db_str(crm, col)) ? s : "")
            COPY(b->entity, 1);
            COPY(b->operation, 2);
            COPY(b->code, 3);
            COPY(b->message, 4);
            COPY(b->updated, 7);
#undef COPY
            if (lia_db_int64(crm, 5, &v) == 0)
                b->attempts = (int)v;
            if (lia_db_int64(crm, 6, &v) == 0)
                b->excluded = (int)v;
        }
        if (r < 0)
            break;
    }
    if (r < 0) {
        free(*out);
        *out = NULL;
        *n = 0;
        return err->code;
    }
    return LIA_OK;
}

static lia_code change(lia_db *crm, const char *file, long long id, lia_error *err)
{
    lia_param p[] = {LIA_PARAM_BIGINT("@OutboxId", id)};
    int64_t rows = 0;
    lia_code rc = run_exec(crm, file, p, 1, &rows, err);
    if (rc == LIA_OK && rows == 0) {
        lia_fail(err, LIA_E_NOT_FOUND, "liaison.Outbox OutboxId=%lld", id);
        lia_error_detail(err, "%s", lia_tr("élément absent, déjà envoyé ou pas bloqué",
                                           "item missing, already sent or not blocked"));
        return LIA_E_NOT_FOUND;
    }
    return rc;
}

lia_code lia_push_exclude(lia_db *crm, long long id, lia_error *err)
{
    return change(crm, "push/outbox_exclude.sql", id, err);
}

lia_code lia_push_reactivate(lia_db *crm, long long id, lia_error *err)
{
    return change(crm, "push/outbox_reactivate.sql", id, err);
}
