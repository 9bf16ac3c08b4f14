/* The simulator's GesCom backend for the SOAP endpoint: writes go through
 * the simulator's own T-SQL engine (sim_exec.h), so a tiers created over
 * SOAP is visible over TDS right after.  GesCom's rules are applied here,
 * independently of the client's (the client must not be its own judge). */
#include "sim_exec.h"
#include "sim_soap.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Columns a write may set, per table: names come from this list only, so
 * the statements built below never carry a name from the request. */
static const char *const tiers_cols[] = {
    "CT_Intitule", "CT_Type", "CT_Prospect", "CT_Classement", "CT_Contact", "CT_Adresse",
    "CT_Complement", "CT_CodePostal", "CT_Ville", "CT_CodeRegion", "CT_Pays", "CT_Telephone",
    "CT_Telecopie", "CT_EMail", "CT_Site", "CT_Siret", "CT_Ape", "CT_Sommeil", "N_Devise",
    "N_CatCompta", "N_CatTarif", "CT_Langue", NULL};
static const char *const contact_cols[] = {
    "CT_Civilite", "CT_Nom", "CT_Prenom", "CT_Fonction", "N_Service", "CT_Telephone",
    "CT_TelPortable", "CT_Telecopie", "CT_EMail", NULL};
static const char *const adresse_cols[] = {
    "LI_Intitule", "LI_Adresse", "LI_Complement", "LI_CodePostal", "LI_Ville", "LI_CodeRegion",
    "LI_Pays", "LI_Contact", "LI_Telephone", "LI_EMail", "LI_Principal", NULL};

typedef struct capture {
    char first[128];     /* first column of the first row, as text */
    int has_row;
    int error;           /* severity >= 11 seen */
    char text[256];
} capture;

static int c_columns(void *ctx, const sim_column *cols, int n)
{
    (void)ctx, (void)cols, (void)n;
    return 0;
}

static int c_row(void *ctx, const sim_value *v, int n)
{
    capture *c = ctx;
    if (c->has_row || n < 1)
        return 0;
    c->has_row = 1;
    if (v[0].is_null)
        c->first[0] = '\0';
    else if (v[0].text)
        snprintf(c->first, sizeof c->first, "%.*s", (int)v[0].len, v[0].text);
    else
        snprintf(c->first, sizeof c->first, "%lld", (long long)v[0].i);
    return 0;
}

static int c_done(void *ctx, int64_t count, int has, int more)
{
    (void)ctx, (void)count, (void)has, (void)more;
    return 0;
}

static int c_message(void *ctx, int number, int state, int severity, const char *text, int line)
{
    (void)state, (void)line;
    capture *c = ctx;
    if (severity >= 11 && !c->error) {
        c->error = number ? number : 1;
        snprintf(c->text, sizeof c->text, "%s", text ? text : "");
    }
    return 0;
}

static int c_env(void *ctx, const char *a, const char *b)
{
    (void)ctx, (void)a, (void)b;
    return 0;
}

/* Runs sql with text parameters @p1..@pn; 0 ok, -1 SQL error (c->text). */
static int run(sim_session *ss, const char *sql, const char *const *vals, int n, capture *c)
{
    memset(c, 0, sizeof *c);
    sim_param p[40];
    char names[40][8];
    if (n > 40)
        return -1;
    for (int i = 0; i < n; i++) {
        memset(&p[i], 0, sizeof p[i]);
        snprintf(names[i], sizeof names[i], "@p%d", i + 1);
        p[i].name = names[i];
        p[i].type.kind = SIM_T_NVARCHAR;
        p[i].type.length = 4000;
        p[i].type.nullable = 1;
        p[i].value.is_null = vals[i] == NULL;
        p[i].value.text = vals[i];
        p[i].value.len = vals[i] ? strlen(vals[i]) : 0;
    }
    sim_sink sink = {c, c_columns, c_row, c_done, c_message, c_env, NULL};
    sim_exec_batch(ss, sql, p, n, &sink);
    return c->error ? -1 : 0;
}

static int known(const char *const *cols, const char *name)
{
    for (int i = 0; cols[i]; i++)
        if (!strcmp(cols[i], name))
            return 1;
    return 0;
}

static int ctnum_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 17)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!(isdigit((unsigned char)s[i]) || (s[i] >= 'A' && s[i] <= 'Z')))
            return 0;
    return 1;
}

static int exists(sim_session *ss, const char *sql, const char *const *vals, int n)
{
    capture c;
    if (run(ss, sql, vals, n, &c) != 0)
        return -1;
    return atoi(c.first) > 0;
}

static void sql_error(sim_soap_result *res, const capture *c)
{
    sim_soap_diag(res, "error", "ERP-DB-0002", NULL, "Erreur SQL %d : %s", c->error, c->text);
}

/* Builds "INSERT INTO t (k, c1, c2...) VALUES (@p1, @p2...)" from allowed names. */
static void build_insert(char *sql, size_t size, const char *table, const char *const *keys,
                         int nkeys, const char *const *names, int n)
{
    size_t k = (size_t)snprintf(sql, size, "INSERT INTO %s (", table);
    for (int i = 0; i < nkeys + n && k < size; i++)
        k += (size_t)snprintf(sql + k, size - k, "%s%s", i ? ", " : "", i < nkeys ? keys[i] : names[i - nkeys]);
    k += (size_t)snprintf(sql + k, size - k, ") VALUES (");
    for (int i = 0; i < nkeys + n && k < size; i++)
        k += (size_t)snprintf(sql + k, size - k, "%s@p%d", i ? ", " : "", i + 1);
    if (k < size)
        snprintf(sql + k, size - k, ")");
}

/* "UPDATE t SET c1 = @p<first>, ... WHERE <where>" (where uses @p1..). */
static void build_update(char *sql, size_t size, const char *table, const char *const *names, int n,
                         int first, const char *where)
{
    size_t k = (size_t)snprintf(sql, size, "UPDATE %s SET ", table);
    for (int i = 0; i < n && k < size; i++)
        k += (size_t)snprintf(sql + k, size - k, "%s%s = @p%d", i ? ", " : "", names[i], first + i);
    if (k < size)
        snprintf(sql + k, size - k, " WHERE %s", where);
}

/* The request's fields this table knows; the others become warnings. */
static int pick(const sim_soap_fields *f, const char *const *cols, const char **names,
                const char **vals, sim_soap_result *res)
{
    int n = 0;
    for (int i = 0; i < f->n; i++) {
        if (known(cols, f->name[i])) {
            names[n] = f->name[i];
            vals[n++] = f->value[i];
        } else if (strcmp(f->name[i], "CT_Num") != 0) {
            sim_soap_diag(res, "warning", "ERP-CHAMP-0001", f->name[i], "Champ ignoré : %s", f->name[i]);
        }
    }
    return n;
}

static void create_tiers(sim_soap_gescom *g, sim_session *ss, const sim_soap_fields *f,
                         sim_soap_result *res)
{
    const char *num = sim_soap_field(f, "CT_Num");
    char code[32];
    capture c;
    if (num && !strcmp(num, "<AUTOERP>")) {
        if (!g->codification) {
            sim_soap_diag(res, "error", "ERP-TIERS-0101", "tiers/CT_Num",
                          "N° de compte invalide : codification des comptes tiers non activée");
            return;
        }
        char like[16];
        snprintf(like, sizeof like, "%s%%", g->prefix);
        const char *v[] = {like};
        if (run(ss, "SELECT MAX(CT_Num) FROM F_COMPTET WHERE CT_Num LIKE @p1", v, 1, &c) != 0) {
            sql_error(res, &c);
            return;
        }
        long next = atol(c.first + (strlen(c.first) >= strlen(g->prefix) ? strlen(g->prefix) : 0)) + 1;
        snprintf(code, sizeof code, "%s%04ld", g->prefix, next);
        num = code;
    }
    if (!ctnum_ok(num)) {
        sim_soap_diag(res, "error", "ERP-TIERS-0101", "tiers/CT_Num", "N° de compte invalide");
        return;
    }
    const char *intitule = sim_soap_field(f, "CT_Intitule");
    if (!intitule || !*intitule) {
        sim_soap_diag(res, "error", "ERP-TIERS-0103", "tiers/CT_Intitule", "Intitulé du tiers vide");
        return;
    }
    const char *k[] = {num};
    int e = exists(ss, "SELECT COUNT(*) FROM F_COMPTET WHERE CT_Num = @p1", k, 1);
    if (e != 0) {
        if (e > 0)
            sim_soap_diag(res, "error", "ERP-TIERS-0102", "tiers/CT_Num", "N° de compte déjà utilisé");
        else
            sim_soap_diag(res, "error", "ERP-DB-0002", NULL, "Erreur SQL");
        return;
    }
    const char *names[40], *vals[40];
    int n = pick(f, tiers_cols, names, vals, res);
    /* defaults: currency of the books, first categories, first language */
    static const char *const dn[] = {"N_Devise", "N_CatCompta", "N_CatTarif", "CT_Langue", "CT_Type"};
    static const char *const dv[] = {"0", "1", "1", "1", "0"};
    for (int i = 0; i < 5 && n < 38; i++)
        if (!sim_soap_field(f, dn[i]) || !*sim_soap_field(f, dn[i]))
            names[n] = dn[i], vals[n++] = dv[i];
    const char *allv[41];
    allv[0] = num;
    for (int i = 0; i < n; i++)
        allv[i + 1] = vals[i];
    char sql[2048];
    static const char *const keys[] = {"CT_Num"};
    build_insert(sql, sizeof sql, "F_COMPTET", keys, 1, names, n);
    if (run(ss, sql, allv, n + 1, &c) != 0) {
        sql_error(res, &c);
        return;
    }
    snprintf(res->ct_num, sizeof res->ct_num, "%s", num);
    snprintf(res->row_version, sizeof res->row_version, "1");
}

static void update_tiers(sim_session *ss, const char *ct, const sim_soap_fields *f, sim_soap_result *res)
{
    const char *k[] = {ct};
    if (exists(ss, "SELECT COUNT(*) FROM F_COMPTET WHERE CT_Num = @p1", k, 1) <= 0) {
        sim_soap_diag(res, "error", "ERP-TIERS-0107", "CT_Num", "Tiers « %s » introuvable", ct);
        return;
    }
    const char *names[40], *vals[40];
    int n = pick(f, tiers_cols, names, vals, res);
    snprintf(res->ct_num, sizeof res->ct_num, "%s", ct);
    if (n == 0)
        return;
    const char *allv[41];
    allv[0] = ct;
    for (int i = 0; i < n; i++)
        allv[i + 1] = vals[i];
    char sql[2048];
    build_update(sql, sizeof sql, "F_COMPTET", names, n, 2, "CT_Num = @p1");
    capture c;
    if (run(ss, sql, allv, n + 1, &c) != 0)
        sql_error(res, &c);
}

/* Label unique among the tiers' addresses: given one, or city, or "Adresse", then " 2", " 3"... */
static int free_label(sim_session *ss, const char *ct, const char *want, const char *city,
                      const char *li_no, char *out, size_t size)
{
    const char *base = want && *want ? want : city && *city ? city : "Adresse";
    for (int k = 1; k < 1000; k++) {
        if (k == 1)
            snprintf(out, size, "%.35s", base);
        else
            snprintf(out, size, "%.*s %d", k < 10 ? 33 : 32, base, k);
        const char *v[] = {ct, out, li_no ? li_no : "0"};
        int e = exists(ss, "SELECT COUNT(*) FROM F_LIVRAISON WHERE CT_Num = @p1 AND LI_Intitule = @p2 "
                           "AND LI_No <> @p3", v, 3);
        if (e < 0)
            return -1;
        if (e == 0)
            return want && *want && k > 1 ? 1 : 0;
    }
    return -1;
}

static void upsert_child(sim_session *ss, int contact, const char *ct, const char *sub,
                         const sim_soap_fields *f, sim_soap_result *res)
{
    const char *k[] = {ct};
    if (exists(ss, "SELECT COUNT(*) FROM F_COMPTET WHERE CT_Num = @p1", k, 1) <= 0) {
        sim_soap_diag(res, "error", "ERP-TIERS-0107", "CT_Num", "Tiers « %s » introuvable", ct);
        return;
    }
    const char *table = contact ? "F_CONTACTT" : "F_LIVRAISON";
    const char *subcol = contact ? "CT_No" : "LI_No";
    const char *names[40], *vals[40];
    char label[48];
    int n = pick(f, contact ? contact_cols : adresse_cols, names, vals, res);
    if (contact) {
        const char *nom = sim_soap_field(f, "CT_Nom");
        if (!sub && (!nom || !*nom)) {
            sim_soap_diag(res, "error", "ERP-CONTACT-0301", "contact/CT_Nom", "Nom du contact vide");
            return;
        }
    } else {
        int li = -1;
        for (int i = 0; i < n; i++)
            if (!strcmp(names[i], "LI_Intitule"))
                li = i;
        if (li >= 0 || !sub) {
            int r = free_label(ss, ct, li >= 0 ? vals[li] : NULL, sim_soap_field(f, "LI_Ville"), sub,
                               label, sizeof label);
            if (r < 0) {
                sim_soap_diag(res, "error", "ERP-ADR-0201", "adresse/LI_Intitule", "Intitulé d'adresse impossible");
                return;
            }
            if (r > 0)
                sim_soap_diag(res, "warning", "ERP-ADR-0202", "adresse/LI_Intitule",
                              "Intitulé déjà utilisé pour ce tiers, remplacé par « %s »", label);
            if (li < 0 && n < 40)
                li = n++, names[li] = "LI_Intitule";
            vals[li] = label;
        }
        snprintf(res->sub_kind, sizeof res->sub_kind, "LI_No");
        goto write;
    }
    snprintf(res->sub_kind, sizeof res->sub_kind, "CT_No");
write:;
    capture c;
    char sql[2048], no[24];
    const char *allv[42];
    if (sub && *sub) {
        const char *v[] = {ct, sub};
        char q[160];
        snprintf(q, sizeof q, "SELECT COUNT(*) FROM %s WHERE CT_Num = @p1 AND %s = @p2", table, subcol);
        if (exists(ss, q, v, 2) <= 0) {
            sim_soap_diag(res, "error", contact ? "ERP-CONTACT-0302" : "ERP-ADR-0203", subcol,
                          "%s %s introuvable", subcol, sub);
            return;
        }
        snprintf(no, sizeof no, "%s", sub);
        allv[0] = ct, allv[1] = no;
        for (int i = 0; i < n; i++)
            allv[i + 2] = vals[i];
        char where[64];
        snprintf(where, sizeof where, "CT_Num = @p1 AND %s = @p2", subcol);
        if (n > 0) {
            build_update(sql, sizeof sql, table, names, n, 3, where);
            if (run(ss, sql, allv, n + 2, &c) != 0) {
                sql_error(res, &c);
                return;
            }
        }
    } else {
        char q[96];
        snprintf(q, sizeof q, "SELECT COALESCE(MAX(%s), 0) + 1 FROM %s", subcol, table);
        if (run(ss, q, NULL, 0, &c) != 0) {
            sql_error(res, &c);
            return;
        }
        snprintf(no, sizeof no, "%.20s", c.first[0] ? c.first : "1");
        allv[0] = ct, allv[1] = no;
        for (int i = 0; i < n; i++)
            allv[i + 2] = vals[i];
        const char *keys[] = {"CT_Num", subcol};
        build_insert(sql, sizeof sql, table, keys, 2, names, n);
        if (run(ss, sql, allv, n + 2, &c) != 0) {
            sql_error(res, &c);
            return;
        }
    }
    snprintf(res->ct_num, sizeof res->ct_num, "%s", ct);
    snprintf(res->sub_no, sizeof res->sub_no, "%.15s", no);
}

static int g_logon(void *ctx, const char *user, const char *password, const char *company)
{
    sim_soap_gescom *g = ctx;
    char msg[256];
    return sim_login(g->srv, user, password, company, msg, sizeof msg) == 0 ? 0 : -1;
}

static void g_write(void *ctx, const char *user, const char *company, sim_soap_op op,
                    const char *ct_num, const char *sub_no, const sim_soap_fields *f,
                    sim_soap_result *res)
{
    sim_soap_gescom *g = ctx;
    sim_session *ss = sim_session_new(g->srv, user, company);
    if (!ss) {
        sim_soap_diag(res, "transient", "ERP-DB-0001", NULL, "Base « %s » injoignable", company);
        return;
    }
    switch (op) {
    case SIM_SOAP_CREATE_TIERS: create_tiers(g, ss, f, res); break;
    case SIM_SOAP_UPDATE_TIERS: update_tiers(ss, ct_num, f, res); break;
    case SIM_SOAP_UPSERT_CONTACT: upsert_child(ss, 1, ct_num, sub_no, f, res); break;
    case SIM_SOAP_UPSERT_ADRESSE: upsert_child(ss, 0, ct_num, sub_no, f, res); break;
    }
    sim_session_free(ss);
}

void sim_soap_gescom_backend(sim_soap_gescom *g, sim_soap_backend *out)
{
    if (!g->prefix[0])
        snprintf(g->prefix, sizeof g->prefix, "CL");
    out->ctx = g;
    out->logon = g_logon;
    out->write = g_write;
}
