/* `liaison install` / `uninstall`: versioned migrations of sql/crm/ applied
 * to the CRM database, each in one transaction with its ledger row
 * (liaison.SchemaVersion: version, name, checksum). */
#include "liaison/replicate.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const lia_inst_migration migrations[] = {
    {1, "crm/001_schema.sql"},
    {2, "crm/002_tables.sql"},
    {3, "crm/003_stage.sql"},
    {4, "crm/004_sentinel.sql"},
};

const lia_inst_migration *lia_inst_migrations(size_t *count)
{
    *count = sizeof migrations / sizeof migrations[0];
    return migrations;
}

/* A line that holds only GO (batch separator of sqlcmd/SSMS), any case. */
static int is_go_line(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    if (i + 2 > n || strncasecmp(s + i, "go", 2) != 0)
        return 0;
    i += 2;
    while (i < n && (isspace((unsigned char)s[i]) || s[i] == ';'))
        i++;
    return i == n;
}

static int blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return 0;
    return 1;
}

int lia_inst_split_batches(const char *text, int (*fn)(void *ctx, const char *batch), void *ctx)
{
    lia_buf batch = LIA_BUF_INIT;
    const char *p = text;
    int rc = 0;
    while (*p && rc == 0) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        if (is_go_line(p, n)) {
            if (!blank(lia_buf_str(&batch)))
                rc = fn(ctx, lia_buf_str(&batch));
            lia_buf_reset(&batch);
        } else {
            lia_buf_add(&batch, p, n);
            lia_buf_addc(&batch, '\n');
        }
        p = eol ? eol + 1 : p + n;
    }
    if (rc == 0 && !blank(lia_buf_str(&batch)))
        rc = fn(ctx, lia_buf_str(&batch));
    lia_buf_free(&batch);
    return rc;
}

struct exec_ctx {
    lia_db *db;
    lia_error *err;
    lia_code rc;
    const char *file;
};

static int exec_batch(void *vctx, const char *batch)
{
    struct exec_ctx *x = vctx;
    lia_db_set_query_name(x->db, x->file);
    x->rc = lia_db_exec(x->db, batch, NULL, 0, NULL, x->err);
    return x->rc != LIA_OK;
}

typedef struct applied_row {
    int version;
    char checksum[65];
} applied_row;

/* Reads the ledger (empty when Liaison was never installed). */
static lia_code read_state(lia_db *crm, int *has_ledger, int *has_view, applied_row *rows,
                           size_t max, size_t *n, lia_error *err)
{
    *n = 0;
    lia_code rc = lia_db_query_file(crm, "crm/state.sql", NULL, 0, err);
    if (rc != LIA_OK)
        return rc;
    int64_t a = 0, b = 0;
    while (lia_db_next_result(crm, err) == 1)
        while (lia_db_fetch(crm, err) == 1) {
            lia_db_int64(crm, 0, &a);
            lia_db_int64(crm, 1, &b);
        }
    if (err->code != LIA_OK)
        return err->code;
    *has_ledger = (int)a;
    *has_view = (int)b;
    if (!a)
        return LIA_OK;
    rc = lia_db_query_file(crm, "crm/applied.sql", NULL, 0, err);
    if (rc != LIA_OK)
        return rc;
    while (lia_db_next_result(crm, err) == 1)
        while (lia_db_fetch(crm, err) == 1) {
            int64_t v = 0;
            const char *sum = lia_db_str(crm, 2);
            if (lia_db_int64(crm, 0, &v) != 0 || *n >= max)
                continue;
            rows[*n].version = (int)v;
            snprintf(rows[*n].checksum, sizeof rows[*n].checksum, "%s", sum ? sum : "");
            (*n)++;
        }
    return err->code;
}

static const applied_row *find_applied(const applied_row *rows, size_t n, int version)
{
    for (size_t i = 0; i < n; i++)
        if (rows[i].version == version)
            return &rows[i];
    return NULL;
}

/* Compares the ledger with this build's scripts; fills pending[]. */
static lia_code plan(lia_db *crm, int *pending, size_t *npending, int *has_ledger, int *has_view,
                     lia_error *err)
{
    applied_row rows[64];
    size_t n = 0, count;
    const lia_inst_migration *m = lia_inst_migrations(&count);
    lia_code rc = read_state(crm, has_ledger, has_view, rows, 64, &n, err);
    if (rc != LIA_OK)
        return rc;
    *npending = 0;
    for (size_t i = 0; i < n; i++) {
        int known = 0;
        for (size_t k = 0; k < count; k++)
            known |= m[k].version == rows[i].version;
        if (!known) {
            lia_fail(err, LIA_E_SCHEMA_VERSION, "liaison.SchemaVersion %d", rows[i].version);
            lia_error_detail(err, "%s", lia_tr("la base a été mise à jour par une version plus récente de Liaison",
                                               "the database was upgraded by a newer Liaison"));
            return LIA_E_SCHEMA_VERSION;
        }
    }
    for (size_t k = 0; k < count; k++) {
        char *text = NULL;
        rc = lia_sql_load(m[k].file, &text, err);
        if (rc != LIA_OK)
            return rc;
        char sum[65];
        lia_inst_checksum(text, strlen(text), sum);
        free(text);
        const applied_row *a = find_applied(rows, n, m[k].version);
        if (a && strcmp(a->checksum, sum) != 0) {
            lia_fail(err, LIA_E_SCRIPT_ALTERED, "%s", m[k].file);
            lia_error_detail(err, lia_tr("somme enregistrée %.12s…, fichier %.12s… : restaurer le script d'origine",
                                         "recorded checksum %.12s…, file %.12s…: restore the original script"),
                             a->checksum, sum);
            return LIA_E_SCRIPT_ALTERED;
        }
        if (!a)
            pending[(*npending)++] = (int)k;
    }
    return LIA_OK;
}

lia_code lia_inst_check(lia_db *crm, lia_error *err)
{
    int pending[64], has_ledger = 0, has_view = 0;
    size_t np = 0;
    lia_code rc = plan(crm, pending, &np, &has_ledger, &has_view, err);
    if (rc != LIA_OK)
        return rc;
    if (np > 0) {
        size_t count;
        lia_fail(err, LIA_E_SCHEMA_VERSION, "%s", lia_inst_migrations(&count)[pending[0]].file);
        lia_error_detail(err, "%s", lia_tr("lancer 'liaison install'", "run 'liaison install'"));
        return LIA_E_SCHEMA_VERSION;
    }
    return LIA_OK;
}

static lia_code apply_one(lia_db *crm, const lia_inst_migration *m, lia_error *err)
{
    char *text = NULL;
    lia_code rc = lia_sql_load(m->file, &text, err);
    if (rc != LIA_OK)
        return rc;
    char sum[65];
    lia_inst_checksum(text, strlen(text), sum);
    rc = lia_db_begin(crm, err);
    if (rc == LIA_OK) {
        struct exec_ctx x = {crm, err, LIA_OK, m->file};
        lia_inst_split_batches(text, exec_batch, &x);
        rc = x.rc;
    }
    if (rc == LIA_OK) {
        const char *base = strrchr(m->file, '/');
        lia_param p[] = {LIA_PARAM_INT("@Version", m->version),
                         LIA_PARAM_TEXT("@Name", base ? base + 1 : m->file),
                         LIA_PARAM_TEXT("@Checksum", sum)};
        rc = lia_db_exec_file(crm, "crm/record.sql", p, 3, NULL, err);
    }
    if (rc == LIA_OK)
        rc = lia_db_commit(crm, err);
    if (rc != LIA_OK) {
        lia_error ignored;
        lia_error_clear(&ignored);
        lia_db_rollback(crm, &ignored);
    }
    free(text);
    return rc;
}

lia_code lia_inst_install(lia_db *crm, int dry_run, FILE *out, lia_error *err)
{
    int pending[64], has_ledger = 0, has_view = 0;
    size_t np = 0, count;
    const lia_inst_migration *m = lia_inst_migrations(&count);
    lia_code rc = plan(crm, pending, &np, &has_ledger, &has_view, err);
    if (rc != LIA_OK)
        return rc;
    if (!has_ledger && has_view) {
        /* A view of that name that Liaison did not create belongs to the CRM. */
        lia_fail(err, LIA_E_FOREIGN_OBJECT, "dbo.vReportCompanyInfosFlash");
        lia_error_detail(err, "%s", lia_tr("la renommer ou la supprimer avant d'installer",
                                           "rename or drop it before installing"));
        return LIA_E_FOREIGN_OBJECT;
    }
    for (size_t i = 0; i < np; i++) {
        const lia_inst_migration *x = &m[pending[i]];
        fprintf(out, "%s %s\n", dry_run ? lia_tr("appliquerait", "would apply") : lia_tr("application", "applying"),
                x->file);
        if (!dry_run && (rc = apply_one(crm, x, err)) != LIA_OK)
            return rc;
    }
    if (np == 0)
        fprintf(out, "%s\n", lia_tr("objets Liaison à jour", "Liaison objects up to date"));
    fprintf(out, "%s dbo.vReportCompanyInfosFlash\n",
            dry_run ? lia_tr("régénérerait", "would regenerate") : lia_tr("régénération", "regenerating"));
    if (dry_run)
        return LIA_OK;
    return lia_repl_view_regenerate(crm, err);
}

lia_code lia_inst_uninstall(lia_db *crm, int dry_run, FILE *out, lia_error *err)
{
    int has_ledger = 0, has_view = 0;
    applied_row rows[64];
    size_t n = 0;
    lia_code rc = read_state(crm, &has_ledger, &has_view, rows, 64, &n, err);
    if (rc != LIA_OK)
        return rc;
    if (!has_ledger) {
        fprintf(out, "%s\n", lia_tr("aucun objet Liaison dans cette base", "no Liaison object in this database"));
        return LIA_OK;
    }
    fprintf(out, "%s schema liaison, dbo.vReportCompanyInfosFlash\n",
            dry_run ? lia_tr("supprimerait", "would drop") : lia_tr("suppression", "dropping"));
    if (dry_run)
        return LIA_OK;
    return lia_db_exec_file(crm, "crm/uninstall.sql", NULL, 0, NULL, err);
}
