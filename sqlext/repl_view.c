/* Regenerates dbo.vReportCompanyInfosFlash: fixed columns plus one column per
 * active free or statistical field of any integration, named after the
 * field (bracket-quoted, made unique), typed by its kind of value. */
#include "repl_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Names of the view's fixed columns: a field with one of these names gets a
 * suffix rather than a duplicate column. */
static const char *const fixed_cols[] = {
    "IntegrationId", "Integration", "CT_Num", "CT_Intitule", "TypeTiers", "Sommeil", "DebutN", "FinN",
    "CaHtN", "CaHtN1", "EvolutionPct", "NbFacturesN", "DerniereFacture", "CompteCollectif",
    "CompteCollectifIntitule", "TiersPayeur", "TiersPayeurIntitule", "ConditionsPaiement",
    "CodeRisque", "CodeRisqueIntitule", "CodeRisqueAction", "Encours", "Representant", "RefreshedAt",
    NULL};

typedef struct vcol {
    char no[16];
    char *name;       /* unique, unquoted */
    char *quoted;
    const char *value_col;
} vcol;

static int name_taken(const vcol *cols, size_t n, const char *name)
{
    for (const char *const *f = fixed_cols; *f; f++)
        if (strcasecmp(*f, name) == 0)
            return 1;
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(cols[i].name, name) == 0)
            return 1;
    return 0;
}

lia_code lia_repl_view_regenerate(lia_db *crm, lia_error *err)
{
    vcol *cols = NULL;
    size_t n = 0, cap = 0;
    lia_buf sql = LIA_BUF_INIT;
    char *tmpl = NULL;
    const char **rep = NULL;
    lia_code rc = lia_db_query_file(crm, "replicate/crm_view_columns.sql", NULL, 0, err);
    if (rc != LIA_OK)
        return rc;
    int r;
    while ((r = lia_db_next_result(crm, err)) == 1) {
        int f;
        while ((f = lia_db_fetch(crm, err)) == 1) {
            const char *no = lia_db_str(crm, 0);
            const char *name = lia_db_str(crm, 1);
            const char *kind = lia_db_str(crm, 2);
            if (!no || !name || !kind)
                continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 16;
                vcol *nc = realloc(cols, cap * sizeof *cols);
                if (!nc) {
                    rc = lia_fail(err, LIA_E_NOMEM, "vReportCompanyInfosFlash");
                    goto out;
                }
                cols = nc;
            }
            vcol *c = &cols[n];
            memset(c, 0, sizeof *c);
            snprintf(c->no, sizeof c->no, "%s", no);
            c->value_col = strcmp(kind, "number") == 0 ? "ValNumber"
                           : strcmp(kind, "date") == 0 ? "ValDate" : "ValText";
            lia_buf u = LIA_BUF_INIT;
            lia_buf_adds(&u, name);
            for (int k = 2; name_taken(cols, n, lia_buf_str(&u)); k++) {
                lia_buf_reset(&u);
                lia_buf_printf(&u, "%s (%d)", name, k);
            }
            c->name = strdup(lia_buf_str(&u));
            lia_buf_free(&u);
            lia_buf q = LIA_BUF_INIT;
            lia_repl_quote_ident(&q, c->name ? c->name : "");
            c->quoted = strdup(lia_buf_str(&q));
            lia_buf_free(&q);
            n++;
        }
        if (f < 0) {
            rc = err->code;
            goto out;
        }
    }
    if (r < 0) {
        rc = err->code;
        goto out;
    }
    rc = lia_sql_load("replicate/view_infosflash.sql", &tmpl, err);
    if (rc != LIA_OK)
        goto out;
    static const char *const tok[] = {"ValText", "999999", "[__name__]"};
    rep = calloc(n * 3 + 1, sizeof *rep);
    if (!rep) {
        rc = lia_fail(err, LIA_E_NOMEM, "vReportCompanyInfosFlash");
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        rep[i * 3] = cols[i].value_col;
        rep[i * 3 + 1] = cols[i].no;
        rep[i * 3 + 2] = cols[i].quoted ? cols[i].quoted : "[]";
    }
    if (lia_repl_expand_columns(tmpl, tok, 3, rep, n, &sql) != 0) {
        rc = lia_fail(err, LIA_E_SQL_FILE, "replicate/view_infosflash.sql");
        goto out;
    }
    rc = lia_db_exec_file(crm, "replicate/crm_view_drop.sql", NULL, 0, NULL, err);
    if (rc == LIA_OK) {
        lia_db_set_query_name(crm, "replicate/view_infosflash.sql");
        rc = lia_db_exec(crm, lia_buf_str(&sql), NULL, 0, NULL, err);
    }
out:
    for (size_t i = 0; i < n; i++) {
        free(cols[i].name);
        free(cols[i].quoted);
    }
    free(cols);
    free(rep);
    free(tmpl);
    lia_buf_free(&sql);
    return rc;
}
