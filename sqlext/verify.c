/* `liaison verify`: GesCom against the CRM copy, read-only on both sides.
 * Per-tiers checksum of every replicated column (CA, counts, complementary
 * data), counts and CA sums, and the active free-field definitions. */
#include "repl_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct slot {
    char *key;
    uint64_t hash;
    int seen;
} slot;

typedef struct table {
    slot *s;
    size_t cap, n;
} table;

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static slot *find(table *t, const char *key, int insert)
{
    if (insert && (t->n + 1) * 2 > t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 1024;
        slot *ns = calloc(ncap, sizeof *ns);
        if (!ns)
            return NULL;
        for (size_t i = 0; i < t->cap; i++)
            if (t->s[i].key) {
                size_t j = fnv(14695981039346656037ULL, t->s[i].key, strlen(t->s[i].key)) & (ncap - 1);
                while (ns[j].key)
                    j = (j + 1) & (ncap - 1);
                ns[j] = t->s[i];
            }
        free(t->s);
        t->s = ns;
        t->cap = ncap;
    }
    if (!t->cap)
        return NULL;
    size_t j = fnv(14695981039346656037ULL, key, strlen(key)) & (t->cap - 1);
    while (t->s[j].key) {
        if (strcmp(t->s[j].key, key) == 0)
            return &t->s[j];
        j = (j + 1) & (t->cap - 1);
    }
    if (!insert)
        return NULL;
    t->s[j].key = strdup(key);
    if (!t->s[j].key)
        return NULL;
    t->n++;
    return &t->s[j];
}

static void free_table(table *t)
{
    for (size_t i = 0; i < t->cap; i++)
        free(t->s[i].key);
    free(t->s);
}

/* Canonical text of a value, so that both servers' renderings of one value
 * agree: numbers at scale 6 ("100.5", "100.500000"), dates to the second. */
static const char *canonical(const char *v, char *buf, size_t size)
{
    int64_t x;
    if (lia_decimal_parse(v, 6, &x) == 0)
        return lia_decimal_format(x, 6, buf, size);
    size_t n = strlen(v);
    if (n > 19 && v[4] == '-' && v[10] == ' ' && v[19] == '.') {
        snprintf(buf, size, "%.19s", v);
        return buf;
    }
    if (n == 10 && v[4] == '-' && v[7] == '-') {
        snprintf(buf, size, "%s 00:00:00", v);
        return buf;
    }
    return v;
}

/* Hash of columns 1..22 of the current row; sums CA N / N-1 (cols 16, 17). */
static uint64_t row_hash(lia_db *db, int64_t *sum_n, int64_t *sum_n1)
{
    uint64_t h = 14695981039346656037ULL;
    char buf[64];
    for (int i = 1; i < 23; i++) {
        const char *v = lia_db_str(db, i);
        if (v)
            v = canonical(v, buf, sizeof buf);
        h = v ? fnv(h, v, strlen(v)) : fnv(h, "\x1e", 1);
        h = fnv(h, "\x1f", 1);
    }
    int64_t x = 0;
    const char *s = lia_db_str(db, 16);
    if (s && lia_decimal_parse(s, 6, &x) == 0)
        *sum_n += x;
    s = lia_db_str(db, 17);
    if (s && lia_decimal_parse(s, 6, &x) == 0)
        *sum_n1 += x;
    return h;
}

static lia_code load_crm(lia_db *crm, int id, table *t, lia_verify_result *r, int64_t *sn, int64_t *sn1,
                         lia_error *err)
{
    lia_param p[1] = {LIA_PARAM_INT("@IntegrationId", id)};
    lia_code rc = lia_db_query_file(crm, "replicate/crm_verify_tiers.sql", p, 1, err);
    int res = 0, f = 0;
    while (rc == LIA_OK && (res = lia_db_next_result(crm, err)) == 1)
        while ((f = lia_db_fetch(crm, err)) == 1) {
            const char *k = lia_db_str(crm, 0);
            slot *s = k ? find(t, k, 1) : NULL;
            if (!s)
                return lia_fail(err, LIA_E_NOMEM, "liaison.TiersInfo");
            s->hash = row_hash(crm, sn, sn1);
            r->crm_tiers++;
        }
    if (rc == LIA_OK && (res < 0 || f < 0))
        rc = err->code ? err->code : LIA_E_SQL;
    return rc;
}

static lia_code compare_defs(lia_db *gescom, lia_db *crm, const lia_repl_opts *o, int id, FILE *out,
                             int64_t *differ, lia_error *err)
{
    (void)o;
    lia_buf a = LIA_BUF_INIT, b = LIA_BUF_INIT;
    lia_code rc = lia_db_query_file(gescom, "replicate/gescom_defs.sql", NULL, 0, err);
    int res;
    /* Same filter as the replication: known type and an existing column. */
    while (rc == LIA_OK && (res = lia_db_next_result(gescom, err)) == 1)
        while (lia_db_fetch(gescom, err) == 1) {
            int64_t t = 0, has = 0;
            lia_db_int64(gescom, 2, &t);
            lia_db_int64(gescom, 6, &has);
            const char *s = lia_db_str(gescom, 0), *n = lia_db_str(gescom, 1);
            if (s && n && has && lia_repl_value_kind((int)t))
                lia_buf_printf(&a, "%s\t%s\t%d\n", s, n, (int)t);
        }
    lia_param p[1] = {LIA_PARAM_INT("@IntegrationId", id)};
    if (rc == LIA_OK)
        rc = lia_db_query_file(crm, "replicate/crm_verify_defs.sql", p, 1, err);
    while (rc == LIA_OK && (res = lia_db_next_result(crm, err)) == 1)
        while (lia_db_fetch(crm, err) == 1) {
            const char *s = lia_db_str(crm, 0), *n = lia_db_str(crm, 1), *t = lia_db_str(crm, 2);
            lia_buf_printf(&b, "%s\t%s\t%s\n", s ? s : "", n ? n : "", t ? t : "");
        }
    if (rc == LIA_OK && err->code == LIA_OK) {
        /* Order-independent: sum of line hashes. */
        uint64_t ha = 0, hb = 0;
        size_t la = 0, lb = 0;
        for (const char *x = lia_buf_str(&a); *x;) {
            const char *e = strchr(x, '\n');
            ha += fnv(14695981039346656037ULL, x, (size_t)(e - x));
            la++;
            x = e + 1;
        }
        for (const char *x = lia_buf_str(&b); *x;) {
            const char *e = strchr(x, '\n');
            hb += fnv(14695981039346656037ULL, x, (size_t)(e - x));
            lb++;
            x = e + 1;
        }
        if (ha != hb || la != lb) {
            *differ = 1;
            fprintf(out, "%s: GesCom %zu, CRM %zu\n",
                    lia_tr("définitions d'informations libres différentes", "free-field definitions differ"), la, lb);
        }
    }
    lia_buf_free(&a);
    lia_buf_free(&b);
    return rc != LIA_OK ? rc : err->code;
}

lia_code lia_verify_run(lia_db *gescom, lia_db *crm, const lia_repl_opts *o, FILE *out, int max_list,
                        lia_verify_result *r, lia_error *err)
{
    memset(r, 0, sizeof *r);
    char row[1][LIA_REPL_CELL];
    int found = 0, listed = 0;
    lia_param ip[1] = {LIA_PARAM_TEXT("@Name", o->integration)};
    lia_code rc = lia_inst_check(crm, err);
    if (rc == LIA_OK)
        rc = lia_repl_query_row(crm, "replicate/crm_integration_find.sql", ip, 1, row, 1, &found, err);
    if (rc == LIA_OK && !found) {
        lia_fail(err, LIA_E_NOT_FOUND, "integration %s", o->integration);
        lia_error_detail(err, "%s", lia_tr("lancer d'abord 'liaison replicate'", "run 'liaison replicate' first"));
        return LIA_E_NOT_FOUND;
    }
    if (rc != LIA_OK)
        return rc;
    int id = atoi(row[0]);
    table t = {NULL, 0, 0};
    int64_t gn = 0, gn1 = 0, cn = 0, cn1 = 0;
    rc = load_crm(crm, id, &t, r, &cn, &cn1, err);
    if (rc == LIA_OK)
        rc = lia_repl_gescom_query(gescom, o, 0, err);
    int res = 0, f = 0;
    while (rc == LIA_OK && (res = lia_db_next_result(gescom, err)) == 1)
        while ((f = lia_db_fetch(gescom, err)) == 1) {
            const char *k = lia_db_str(gescom, 0);
            char key[64];
            snprintf(key, sizeof key, "%s", k ? k : "");
            uint64_t h = row_hash(gescom, &gn, &gn1);
            r->gescom_tiers++;
            slot *s = find(&t, key, 0);
            const char *what = NULL;
            if (!s) {
                r->missing++;
                what = lia_tr("absent du CRM", "missing from the CRM");
            } else {
                s->seen = 1;
                if (s->hash != h) {
                    r->differ++;
                    what = lia_tr("valeurs différentes", "values differ");
                }
            }
            if (what && listed++ < max_list)
                fprintf(out, "  %s '%s'\n", what, key);
        }
    if (rc == LIA_OK && (res < 0 || f < 0))
        rc = err->code ? err->code : LIA_E_SQL;
    for (size_t i = 0; rc == LIA_OK && i < t.cap; i++)
        if (t.s[i].key && !t.s[i].seen) {
            r->extra++;
            if (listed++ < max_list)
                fprintf(out, "  %s '%s'\n", lia_tr("absent de GesCom (ou hors périmètre)", "missing from GesCom (or out of scope)"),
                        t.s[i].key);
        }
    free_table(&t);
    lia_decimal_format(gn, 6, r->sum_n_gescom, sizeof r->sum_n_gescom);
    lia_decimal_format(gn1, 6, r->sum_n1_gescom, sizeof r->sum_n1_gescom);
    lia_decimal_format(cn, 6, r->sum_n_crm, sizeof r->sum_n_crm);
    lia_decimal_format(cn1, 6, r->sum_n1_crm, sizeof r->sum_n1_crm);
    if (rc == LIA_OK)
        rc = compare_defs(gescom, crm, o, id, out, &r->values_differ, err);
    if (rc != LIA_OK)
        return rc;
    fprintf(out, "%s : GesCom %lld, CRM %lld ; %s N : %s / %s ; N-1 : %s / %s\n",
            lia_tr("tiers", "tiers"), (long long)r->gescom_tiers, (long long)r->crm_tiers,
            lia_tr("CA", "turnover"), r->sum_n_gescom, r->sum_n_crm, r->sum_n1_gescom, r->sum_n1_crm);
    if (r->missing || r->extra || r->differ || r->values_differ || gn != cn || gn1 != cn1) {
        fprintf(out, "%s : %lld %s, %lld %s, %lld %s\n", lia_tr("écarts", "drift"), (long long)r->missing,
                lia_tr("manquants", "missing"), (long long)r->extra, lia_tr("en trop", "extra"),
                (long long)r->differ, lia_tr("différents", "different"));
        return lia_fail(err, LIA_E_DRIFT, "integration %s", o->integration);
    }
    fprintf(out, "%s\n", lia_tr("aucun écart", "no drift"));
    return LIA_OK;
}
