/* The demo company BIJOU: parameters, tiers and their children, with the
 * defects of notes/contracts-diag.md on chosen records (docs/demo-company.md). */
#include "demo_internal.h"
#include "demo_data.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Purposes of the PRNG streams. */
enum { R_TIERS = 1, R_CONTACT, R_ADDR, R_REGL, R_REP };

int demo_cfg_resolve(const sim_demo_options *opt, demo_cfg *cfg, char *err, size_t errlen)
{
    memset(cfg, 0, sizeof *cfg);
    const char *scale = opt->scale ? opt->scale : "small";
    if (strcmp(scale, "small") == 0) {
        cfg->large = 0;
    } else if (strcmp(scale, "large") == 0) {
        cfg->large = 1;
    } else {
        snprintf(err, errlen, "unknown scale '%s': use small or large", scale);
        return -1;
    }
    cfg->seed = opt->seed;
    cfg->defects = opt->defects;
    cfg->offset_fy = opt->offset_fiscal_year;
    cfg->database = opt->database && *opt->database ? opt->database : "BIJOU";
    cfg->crm_database = opt->crm_database && *opt->crm_database ? opt->crm_database : "LIAISON_CRM";
    for (const char *p = cfg->database; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_') {
            snprintf(err, errlen, "invalid database name '%s': use letters, digits and _", cfg->database);
            return -1;
        }
    if (opt->reference_date && *opt->reference_date) {
        int y, m, d;
        char extra;
        if (strlen(opt->reference_date) != 10 ||
            sscanf(opt->reference_date, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 || y < 1990 ||
            y > 2070 || m < 1 || m > 12 || d < 1 || d > 31) {
            snprintf(err, errlen, "invalid reference date '%s': use YYYY-MM-DD", opt->reference_date);
            return -1;
        }
        int yy, mm, dd;
        demo_civil(demo_days(y, m, d), &yy, &mm, &dd);
        if (yy != y || mm != m || dd != d) {
            snprintf(err, errlen, "invalid reference date '%s': no such day", opt->reference_date);
            return -1;
        }
        cfg->ref_y = y, cfg->ref_m = m, cfg->ref_d = d;
    } else {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        cfg->ref_y = tm.tm_year + 1900, cfg->ref_m = tm.tm_mon + 1, cfg->ref_d = tm.tm_mday;
    }
    snprintf(cfg->ref_date, sizeof cfg->ref_date, "%04d-%02d-%02d", cfg->ref_y % 10000,
             cfg->ref_m % 100, cfg->ref_d % 100);
    return 0;
}

/* ---- fiscal years -------------------------------------------------------- */

static void fiscal_years(demo_g *g)
{
    const demo_cfg *c = g->cfg;
    g->ref_days = demo_days(c->ref_y, c->ref_m, c->ref_d);
    /* Calendar years, or October to September in the offset variant. */
    int y = c->ref_y;
    int m0 = c->offset_fy ? 10 : 1;
    if (c->offset_fy && c->ref_m < 10)
        y--;
    for (int k = 0; k < 3; k++) {
        int sy = y - 2 + k;
        g->fy_start[k] = demo_days(sy, m0, 1);
        g->fy_end[k] = demo_days(c->offset_fy ? sy + 1 : sy + 1, m0, 1) - 1;
    }
}

/* ---- tiers plan ---------------------------------------------------------- */

static const char *const defect_check[DF_COUNT] = {
    [DF_D001] = "D001", [DF_D002] = "D002", [DF_D003] = "D003", [DF_D004] = "D004",
    [DF_D005] = "D005", [DF_D006] = "D006", [DF_D008] = "D008", [DF_D010] = "D010",
    [DF_D011] = "D011", [DF_D012] = "D012", [DF_D013] = "D013", [DF_D020] = "D020",
    [DF_D021] = "D021", [DF_D022] = "D022", [DF_D023] = "D023", [DF_D030] = "D030",
    [DF_D031] = "D031", [DF_D032] = "D032", [DF_D033] = "D033", [DF_D034] = "D034",
    [DF_D035] = "D035", [DF_D036] = "D036", [DF_D037] = "D037", [DF_D038] = "D038",
    [DF_D039] = "D039", [DF_D043A] = "D043", [DF_D043B] = "D043", [DF_D044] = "D044",
    [DF_D052] = "D052", [DF_D053] = "D053", [DF_D063A] = "D063", [DF_D063B] = "D063",
};

static int plan_tiers(demo_g *g)
{
    int L = g->cfg->large;
    int ncust = L ? 80000 : 200, nprosp = L ? 10000 : 40, nsupp = L ? 9000 : 40;
    int nsal = L ? 500 : 5, naut = L ? 500 : 5;
    g->nreps = L ? 40 : 8;
    g->ncust = ncust;
    g->ntiers = ncust + nprosp + nsupp + nsal + naut;
    g->ti = calloc((size_t)g->ntiers, sizeof *g->ti);
    g->ca_n = calloc((size_t)g->ntiers, sizeof *g->ca_n);
    g->ca_n1 = calloc((size_t)g->ntiers, sizeof *g->ca_n1);
    g->active = malloc((size_t)g->ntiers * sizeof(int));
    g->dormant = malloc((size_t)g->ntiers * sizeof(int));
    g->prosp = malloc((size_t)g->ntiers * sizeof(int));
    g->supp = malloc((size_t)g->ntiers * sizeof(int));
    if (!g->ti || !g->ca_n || !g->ca_n1 || !g->active || !g->dormant || !g->prosp || !g->supp)
        return -1;
    int li = 1, ct = 1;
    for (int i = 0; i < g->ntiers; i++) {
        demo_tinfo *t = &g->ti[i];
        demo_rng r;
        demo_rng_init(&r, g->cfg->seed, R_TIERS, (uint64_t)i);
        int k = i;
        if (k < ncust) {
            t->kind = K_CUST, t->type = 0;
            if (k == 0)
                snprintf(t->num, sizeof t->num, "CARAT");
            else
                snprintf(t->num, sizeof t->num, "CL%06d", k);
        } else if ((k -= ncust) < nprosp) {
            t->kind = K_PROSP, t->type = 0;
            snprintf(t->num, sizeof t->num, "PR%06d", k + 1);
        } else if ((k -= nprosp) < nsupp) {
            t->kind = K_SUPP, t->type = 1;
            if (k == 0)
                snprintf(t->num, sizeof t->num, "BRELO");
            else
                snprintf(t->num, sizeof t->num, "FR%06d", k);
        } else if ((k -= nsupp) < nsal) {
            t->kind = K_SAL, t->type = 2;
            snprintf(t->num, sizeof t->num, "SA%06d", k + 1);
        } else {
            k -= nsal;
            t->kind = K_AUT, t->type = 3;
            snprintf(t->num, sizeof t->num, "AU%06d", k + 1);
        }
        const char *sur = demo_surnames[demo_rng_below(&r, demo_nsurnames)];
        if (i == 0) {
            snprintf(t->name, sizeof t->name, "Carat");
        } else if (t->kind == K_SUPP) {
            snprintf(t->name, sizeof t->name, demo_supplier_forms[demo_rng_below(&r, demo_nsupplier_forms)], sur);
        } else if (t->kind == K_SAL) {
            snprintf(t->name, sizeof t->name, "%s %s", sur, demo_firstnames[demo_rng_below(&r, demo_nfirstnames)]);
        } else if (t->kind == K_AUT) {
            snprintf(t->name, sizeof t->name, "Organisme %s", sur);
        } else {
            snprintf(t->name, sizeof t->name, demo_company_forms[demo_rng_below(&r, demo_ncompany_forms)], sur);
        }
        demo_slug(t->name, t->dom, 28);
        snprintf(t->dom + strlen(t->dom), sizeof t->dom - strlen(t->dom), "%d", i);
        t->city = (int16_t)demo_rng_below(&r, demo_ncities);
        t->sommeil = t->kind == K_CUST && i % 10 == 9;
        t->co_no = (int16_t)(t->type == 0 ? 1 + demo_rng_below(&r, g->nreps) : 0);
        const char *pays = demo_cities[t->city].pays;
        t->catcompta = (int16_t)(strcmp(pays, "France") == 0 ? 1 : strcmp(pays, "Suisse") == 0 ? 3 : 2);
        t->devise = (int16_t)(strcmp(pays, "Suisse") == 0 ? 3 : 0);
        t->ncont = (uint8_t)(t->kind == K_CUST || t->kind == K_SUPP ? demo_rng_below(&r, 4) : t->kind == K_PROSP);
        t->naddr = (uint8_t)(t->kind == K_CUST ? 1 + demo_rng_below(&r, 3) : 0);
        t->nregl = (uint8_t)(t->kind == K_CUST || t->kind == K_SUPP ? 1 + demo_rng_below(&r, 2) : 0);
        t->siret_of = -1;
    }
    if (g->cfg->defects) {
        /* One customer per defect, spread over the file; never CARAT. */
        for (int d = DF_D001; d < DF_COUNT; d++) {
            int i = 5 + 4 * (d - DF_D001);
            demo_tinfo *t = &g->ti[i];
            t->defect = (uint8_t)d;
            if (d >= DF_D003 && d <= DF_D008)
                t->bare = 1;
            switch (d) {
            case DF_D003: t->num[0] = '\0'; break;
            case DF_D004: snprintf(t->num, sizeof t->num, "cl%06d", i); break;
            case DF_D005: snprintf(t->num, sizeof t->num, "CL %06d", i); break;
            case DF_D006: snprintf(t->num, sizeof t->num, "CL-%06d", i); break;
            case DF_D008: t->type = 5; break;
            case DF_D010: t->naddr = 3; break;
            case DF_D011: case DF_D012: case DF_D013: case DF_D023:
                if (t->naddr < 2) t->naddr = 2;
                break;
            case DF_D020: case DF_D022: if (t->ncont < 1) t->ncont = 1; break;
            case DF_D039: if (t->nregl < 1) t->nregl = 1; break;
            case DF_D043B: t->siret_of = 5 + 4 * (DF_D043A - DF_D001); break;
            default: break;
            }
        }
    }
    for (int i = 0; i < g->ntiers; i++) {
        demo_tinfo *t = &g->ti[i];
        if (t->bare)
            t->ncont = t->naddr = t->nregl = 0;
        t->first_li = li, t->first_ct = ct;
        li += t->naddr, ct += t->ncont;
        if (t->bare)
            continue;
        if (t->kind == K_CUST)
        {
            if (t->sommeil)
                g->dormant[g->ndormant++] = i;
            else
                g->active[g->nactive++] = i;
        }
        else if (t->kind == K_PROSP)
            g->prosp[g->nprosp++] = i;
        else if (t->kind == K_SUPP)
            g->supp[g->nsupp++] = i;
    }
    g->counts.tiers = g->ntiers;
    return 0;
}

/* ---- parameter tables ---------------------------------------------------- */

static char stamp0[24];   /* cbModification of parameter rows */

static void slots(demo_g *g, const char *table, const char *label_col, const char *const *labels,
                  int nlabels, int nslots)
{
    if (demo_table_begin(g, table) != 0)
        return;
    for (int k = 0; k < nslots; k++) {
        demo_rb_start(g, demo_cur_table(g), stamp0);
        demo_rb_s(g, label_col, k < nlabels ? labels[k] : "");
        demo_rb_i(g, "cbIndice", k + 1);
        demo_rb_end(g);
    }
    demo_table_end(g);
}

static void gen_parameters(demo_g *g)
{
    const demo_cfg *c = g->cfg;
    char d[24];
    if (demo_table_begin(g, "P_DOSSIER") != 0)
        return;
    demo_rb_start(g, demo_cur_table(g), stamp0);
    demo_rb_s(g, "D_RaisonSoc", "Bijou SA");
    demo_rb_s(g, "D_Adresse", "12, rue des Orfèvres");
    demo_rb_s(g, "D_CodePostal", "75001");
    demo_rb_s(g, "D_Ville", "Paris");
    demo_rb_s(g, "D_CodeRegion", "Île-de-France");
    demo_rb_s(g, "D_Pays", "France");
    demo_rb_s(g, "D_Siret", "38412345600027");
    demo_rb_s(g, "D_Ape", "4648Z");
    demo_rb_s(g, "D_Identifiant", "FR26384123456");
    demo_rb_s(g, "D_Telephone", "01 42 60 00 00");
    demo_rb_s(g, "D_EMailSoc", "contact@bijou-sa.fr");
    demo_rb_s(g, "D_Site", "www.bijou-sa.fr");
    demo_rb_i(g, "N_DeviseCompte", 0);
    const char *deb[5] = {"D_DebutExo01", "D_DebutExo02", "D_DebutExo03", "D_DebutExo04", "D_DebutExo05"};
    const char *fin[5] = {"D_FinExo01", "D_FinExo02", "D_FinExo03", "D_FinExo04", "D_FinExo05"};
    int s4 = 0, e4 = 0;
    if (c->defects) {
        /* D060: a fourth exercise ending before it starts. */
        s4 = demo_days(c->ref_y + 30, 1, 1);
        e4 = s4 - 1;
        demo_mf_add(g, "D060", "P_DOSSIER");
    }
    for (int k = 0; k < 5; k++) {
        if (k < 3)
            demo_rb_date(g, deb[k], g->fy_start[k], 0);
        else if (k == 3 && c->defects)
            demo_rb_date(g, deb[k], s4, 0);
        else
            demo_rb_s(g, deb[k], "1900-01-01 00:00:00");
    }
    for (int k = 0; k < 5; k++) {
        if (k < 3)
            demo_rb_date(g, fin[k], g->fy_end[k], 0);
        else if (k == 3 && c->defects)
            demo_rb_date(g, fin[k], e4, 0);
        else
            demo_rb_s(g, fin[k], "1900-01-01 00:00:00");
    }
    demo_rb_i(g, "D_Archivage01", 1);
    demo_rb_i(g, "D_LgCg", 7);
    demo_rb_i(g, "D_LgAn", 13);
    demo_rb_end(g);
    demo_table_end(g);
    (void)d;

    demo_table_begin(g, "P_PARAMETRECIAL");
    demo_rb_start(g, demo_cur_table(g), stamp0);
    demo_rb_i(g, "P_LigneNeg", 1);
    demo_rb_i(g, "P_LigneNegEng", 1);
    demo_rb_i(g, "P_CodifTiers", c->defects ? 0 : 1);
    demo_rb_s(g, "P_RacineClient", "CL");
    demo_rb_s(g, "P_RacineFourn", "FR");
    demo_rb_end(g);
    demo_table_end(g);
    if (c->defects)
        demo_mf_add(g, "D070", "P_PARAMETRECIAL");

    demo_table_begin(g, "P_CATCOMPTA");
    demo_rb_start(g, demo_cur_table(g), stamp0);
    demo_rb_s(g, "CA_ComptaVen01", "Ventes France");
    demo_rb_s(g, "CA_ComptaVen02", "Ventes CEE");
    demo_rb_s(g, "CA_ComptaVen03", "Ventes export");
    demo_rb_s(g, "CA_ComptaAch01", "Achats France");
    demo_rb_s(g, "CA_ComptaAch02", "Achats CEE");
    demo_rb_s(g, "CA_ComptaAch03", "Achats import");
    demo_rb_s(g, "CA_ComptaSto01", "Stock France");
    demo_rb_end(g);
    demo_table_end(g);

    static const char *const tarifs[] = {"Prix public", "Revendeurs", "Grossistes"};
    slots(g, "P_CATTARIF", "CT_Intitule", tarifs, 3, 32);

    demo_table_begin(g, "P_DEVISE");
    static const char *const dev[][4] = {
        {"Dollar US", "USD", "$", "1.085000"}, {"Livre sterling", "GBP", "£", "0.858000"},
        {"Franc suisse", "CHF", "CHF", "0.962000"}, {"Yen", "JPY", "¥", "162.300000"}};
    for (int k = 0; k < 32; k++) {
        demo_rb_start(g, demo_cur_table(g), stamp0);
        if (k < 4) {
            demo_rb_s(g, "D_Intitule", dev[k][0]);
            demo_rb_s(g, "D_Format", "#\xc2\xa0##0,00");
            demo_rb_s(g, "D_CodeISO", dev[k][1]);
            demo_rb_s(g, "D_Sigle", dev[k][2]);
            demo_rb_s(g, "D_Cours", dev[k][3]);
        }
        demo_rb_i(g, "cbIndice", k + 1);
        demo_rb_end(g);
    }
    demo_table_end(g);

    demo_table_begin(g, "P_CRISQUE");
    static const char *const risques[] = {"Client sûr", "À surveiller", "Bloqué"};
    for (int k = 0; k < 10; k++) {
        demo_rb_start(g, demo_cur_table(g), stamp0);
        demo_rb_s(g, "R_Intitule", k < 3 ? risques[k] : "");
        demo_rb_i(g, "R_Type", k < 3 ? k : 0);
        demo_rb_s(g, "R_Min", "0.000000");
        demo_rb_s(g, "R_Max", k == 0 ? "50000.000000" : "0.000000");
        demo_rb_i(g, "cbIndice", k + 1);
        demo_rb_end(g);
    }
    demo_table_end(g);

    demo_table_begin(g, "P_REGLEMENT");
    static const char *const regl[][2] = {{"Chèque", "CHQ"}, {"Virement", "VIR"}, {"LCR", "LCR"},
                                          {"Carte bancaire", "CB"}, {"Espèces", "ESP"},
                                          {"Prélèvement", "PRE"}};
    for (int k = 0; k < 30; k++) {
        demo_rb_start(g, demo_cur_table(g), stamp0);
        demo_rb_s(g, "R_Intitule", k < 6 ? regl[k][0] : "");
        demo_rb_s(g, "R_Code", k < 6 ? regl[k][1] : "");
        demo_rb_i(g, "cbIndice", k + 1);
        demo_rb_end(g);
    }
    demo_table_end(g);

    static const char *const exped[] = {"Transporteur", "Colissimo", "Retrait en magasin"};
    slots(g, "P_EXPEDITION", "E_Intitule", exped, 3, 10);
    static const char *const condl[] = {"Franco de port", "Port dû"};
    slots(g, "P_CONDLIVR", "C_Intitule", condl, 2, 10);
    static const char *const period[] = {"Mensuelle", "Trimestrielle", "Annuelle"};
    slots(g, "P_PERIOD", "P_Period", period, 3, 10);
    static const char *const serv[] = {"Direction", "Comptabilité", "Achats", "Commercial"};
    slots(g, "P_SERVICECPTA", "S_Intitule", serv, 4, 10);
    static const char *const ctype[] = {"Acheteur", "Comptable", "Gérant"};
    slots(g, "P_CONTACT", "C_Intitule", ctype, 3, 10);
    /* Ten statistics, three used; the rest are unused slots with empty labels. */
    static const char *const stats[] = {"Réseau", "Segment", "Région commerciale"};
    slots(g, "P_STATISTIQUE", "S_Intitule", stats, 3, 10);
}

/* Values of the statistics and of the table-type free fields: each list is
 * disjoint from the others, so a value belongs to one field only. */
static const char *const stat_vals[3][5] = {
    {"Indépendant", "Franchise", "Grand magasin", NULL},
    {"Haut de gamme", "Milieu de gamme", "Entrée de gamme", NULL},
    {"Nord", "Sud", "Est", "Ouest", "Île-de-France"},
};
static const int stat_n[3] = {3, 3, 5};

typedef struct free_field { const char *name; int type, len; } free_field;
static const free_field free_fields[] = {
    {"Date création société", 3, 8}, {"Capital social", 20, 14},
    {"Score Banque de France", 9, 21}, {"Total points fidélité", 7, 14},
    {"Fin validité carte fidélité", 14, 8}, {"Secteur d'activité", 22, 21},
    {"Canal [web]", 22, 21}, {"Remarque (usage interne)", 9, 69}, {"Niveau de fidélité", 22, 21},
};
#define NFREE ((int)(sizeof free_fields / sizeof free_fields[0]))
static const char *const enum_vals[NFREE][4] = {
    [5] = {"Joaillerie", "Horlogerie", "Bijouterie fantaisie", "Orfèvrerie"},
    [6] = {"Boutique", "Site marchand", "Marketplace", "Salon"},
    [8] = {"Bronze", "Argent", "Or", "Platine"},
};

static void gen_enums(demo_g *g)
{
    demo_table_begin(g, "F_ENUMSTAT");
    for (int s = 0; s < 3; s++)
        for (int k = 0; k < stat_n[s]; k++) {
            demo_rb_start(g, demo_cur_table(g), stamp0);
            demo_rb_i(g, "N_Statistique", s + 1);
            demo_rb_s(g, "ES_Intitule", stat_vals[s][k]);
            demo_rb_end(g);
        }
    demo_table_end(g);

    demo_table_begin(g, "cbSysLibre");
    for (int f = 0; f < NFREE; f++) {
        demo_rb_start(g, demo_cur_table(g), NULL);
        demo_rb_s(g, "CB_File", "F_COMPTET");
        demo_rb_s(g, "CB_Name", free_fields[f].name);
        demo_rb_i(g, "CB_Pos", f + 1);
        demo_rb_i(g, "CB_Type", free_fields[f].type);
        demo_rb_i(g, "CB_Len", free_fields[f].len);
        demo_rb_end(g);
    }
    if (g->cfg->defects) {
        /* D050: a definition whose column was dropped. */
        demo_rb_start(g, demo_cur_table(g), NULL);
        demo_rb_s(g, "CB_File", "F_COMPTET");
        demo_rb_s(g, "CB_Name", "Ancien code client");
        demo_rb_i(g, "CB_Pos", NFREE + 1);
        demo_rb_i(g, "CB_Type", 9);
        demo_rb_i(g, "CB_Len", 21);
        demo_rb_end(g);
        demo_mf_add(g, "D050", "Ancien code client");
        demo_mf_add(g, "D051", "Zone tampon");
    }
    demo_table_end(g);

    /* N_File 0 = the tiers file; N_Info = CB_Pos of the field. */
    demo_table_begin(g, "F_ENUMLIBRECIAL");
    for (int f = 0; f < NFREE; f++)
        for (int k = 0; k < 4 && enum_vals[f][k]; k++) {
            demo_rb_start(g, demo_cur_table(g), stamp0);
            demo_rb_i(g, "N_Info", f + 1);
            demo_rb_i(g, "N_File", 0);
            demo_rb_s(g, "EL_Intitule", enum_vals[f][k]);
            demo_rb_end(g);
        }
    demo_table_end(g);

    demo_table_begin(g, "F_COMPTEG");
    static const struct { const char *num, *lib; int nature; } cg[] = {
        {"4010000", "Fournisseurs", 2}, {"4110000", "Clients", 1},
        {"4111000", "Clients douteux", 1}, {"4210000", "Personnel - rémunérations dues", 3},
        {"4670000", "Autres comptes débiteurs ou créditeurs", 0}, {"5121000", "Banque", 4},
        {"5300000", "Caisse", 5}, {"6070000", "Achats de marchandises", 8},
        {"7070000", "Ventes de marchandises", 9}, {"7097000", "RRR accordés", 9},
    };
    for (size_t k = 0; k < sizeof cg / sizeof cg[0]; k++) {
        demo_rb_start(g, demo_cur_table(g), stamp0);
        demo_rb_s(g, "CG_Num", cg[k].num);
        demo_rb_i(g, "CG_Type", 0);
        demo_rb_s(g, "CG_Intitule", cg[k].lib);
        demo_rb_s(g, "CG_Classement", cg[k].lib);
        demo_rb_i(g, "N_Nature", cg[k].nature);
        demo_rb_i(g, "CG_Tiers", cg[k].nature >= 1 && cg[k].nature <= 3);
        demo_rb_i(g, "CG_Lettrage", cg[k].nature >= 1 && cg[k].nature <= 3);
        demo_rb_date(g, "CG_DateCreate", g->fy_start[0] - 400, 0);
        demo_rb_end(g);
    }
    demo_table_end(g);

    demo_table_begin(g, "F_COLLABORATEUR");
    for (int k = 1; k <= g->nreps; k++) {
        demo_rng r;
        demo_rng_init(&r, g->cfg->seed, R_REP, (uint64_t)k);
        const char *nom = demo_surnames[demo_rng_below(&r, demo_nsurnames)];
        const char *pre = demo_firstnames[demo_rng_below(&r, demo_nfirstnames)];
        char sn[40], sp[40];
        demo_slug(nom, sn, sizeof sn);
        demo_slug(pre, sp, sizeof sp);
        const demo_city *ci = &demo_cities[demo_rng_below(&r, demo_ncities)];
        demo_rb_start(g, demo_cur_table(g), stamp0);
        demo_rb_i(g, "CO_No", k);
        demo_rb_s(g, "CO_Nom", nom);
        demo_rb_s(g, "CO_Prenom", pre);
        demo_rb_s(g, "CO_Fonction", "Représentant");
        demo_rb_s(g, "CO_CodePostal", ci->cp);
        demo_rb_s(g, "CO_Ville", ci->ville);
        demo_rb_s(g, "CO_Pays", ci->pays);
        demo_rb_s(g, "CO_Service", "Commercial");
        demo_rb_i(g, "CO_Vendeur", 1);
        demo_rb_date(g, "CO_DateCreation", g->fy_start[0] - 100 + k, 0);
        demo_rb_f(g, "CO_TelPortable", "06 %02d %02d %02d %02d", k % 100, (k * 7) % 100, 11, 22);
        demo_rb_f(g, "CO_EMail", "%s.%s@bijou-sa.fr", sp, sn);
        demo_rb_f(g, "CO_Matricule", "M%05d", k);
        demo_rb_end(g);
    }
    demo_table_end(g);
}

/* ---- tiers ---------------------------------------------------------------- */

static void stamp_for(demo_g *g, demo_rng *r, char *out)
{
    /* Last change: within the last three exercises, never after the reference date. */
    int span = g->ref_days - g->fy_start[0];
    demo_fmt_date(out, g->fy_start[0] + demo_rng_below(r, span), 8 * 60 + demo_rng_below(r, 600));
}

static void gen_tiers(demo_g *g)
{
    demo_table_begin(g, "F_COMPTET");
    for (int i = 0; i < g->ntiers && !g->failed; i++) {
        const demo_tinfo *t = &g->ti[i];
        demo_rng r;
        demo_rng_init(&r, g->cfg->seed, R_TIERS, (uint64_t)i + 0x100000000ULL);
        char stamp[24];
        stamp_for(g, &r, stamp);
        int d = t->defect;
        /* Defects keyed by the tiers itself; children and fields add their own keys. */
        if (d && d != DF_D010 && d != DF_D011 && d != DF_D020 && d != DF_D022 &&
            d != DF_D023 && d != DF_D039 && d != DF_D052 && d != DF_D053)
            demo_mf_add(g, defect_check[d], "%s", t->num);
        const demo_city *ci = &demo_cities[t->city];
        demo_rb_start(g, demo_cur_table(g), d == DF_D063A ? NULL : d == DF_D063B ? "2079-01-01 00:00:00" : stamp);
        demo_rb_s(g, "CT_Num", t->num);
        if (d == DF_D001)
            demo_rb_s(g, "CT_Intitule", "");
        else if (d == DF_D002)
            demo_rb_f(g, "CT_Intitule", " %s ", t->name);
        else
            demo_rb_s(g, "CT_Intitule", t->name);
        demo_rb_i(g, "CT_Type", t->type);
        const char *cg = t->kind == K_SUPP ? "4010000" : t->kind == K_SAL ? "4210000" : t->kind == K_AUT ? "4670000" : "4110000";
        if (d == DF_D030) cg = "4119999";
        if (d == DF_D031) cg = "4010000";
        demo_rb_s(g, "CG_NumPrinc", cg);
        char cls[18];
        demo_slug(t->name, cls, sizeof cls);
        for (char *p = cls; *p; p++)
            *p = (char)toupper((unsigned char)*p);
        demo_rb_s(g, "CT_Classement", cls);
        if (t->type <= 1) {
            const char *pre = demo_firstnames[demo_rng_below(&r, demo_nfirstnames)];
            const char *nom = demo_surnames[demo_rng_below(&r, demo_nsurnames)];
            demo_rb_f(g, "CT_Contact", "%s %s", pre, nom);
        }
        demo_rb_f(g, "CT_Adresse", "%d, %s", 1 + demo_rng_below(&r, 120), demo_streets[demo_rng_below(&r, demo_nstreets)]);
        if (demo_rng_pct(&r, 20))
            demo_rb_f(g, "CT_Complement", "Bâtiment %c", 'A' + demo_rng_below(&r, 6));
        if (d != DF_D044) {
            demo_rb_s(g, "CT_CodePostal", ci->cp);
            demo_rb_s(g, "CT_Ville", ci->ville);
        }
        demo_rb_s(g, "CT_CodeRegion", ci->region);
        demo_rb_s(g, "CT_Pays", ci->pays);
        demo_rb_i(g, "N_Devise", d == DF_D037 ? 15 : t->devise);
        if (t->type <= 1) {
            demo_rb_s(g, "CT_Ape", t->kind == K_SUPP ? "3212Z" : "4777Z");
            demo_rb_f(g, "CT_Identifiant", "FR%02d%09d", (i * 7) % 97, 300000000 + i);
            int si = t->siret_of >= 0 ? t->siret_of : i;
            demo_rb_f(g, "CT_Siret", "%09d%05d", 300000000 + si, 10 + si % 90000);
        }
        if (t->type == 0) {
            for (int s = 0; s < 3; s++) {
                char col[20];
                snprintf(col, sizeof col, "CT_Statistique%02d", s + 1);
                if (d == DF_D053 && s == 1) {
                    demo_rb_s(g, col, "Hors liste");
                    demo_mf_add(g, "D053", "%s/%s", t->num, col);
                } else {
                    demo_rb_s(g, col, stat_vals[s][demo_rng_below(&r, stat_n[s])]);
                }
            }
        }
        if (t->sommeil)
            demo_rb_s(g, "CT_Commentaire", "Client en sommeil");
        if (t->type == 0)
            demo_rb_money(g, "CT_Encours", 100000 * (1 + demo_rng_below(&r, 50)));
        demo_rb_s(g, "CT_NumPayeur", d == DF_D032 ? "CL999999" : t->num);
        demo_rb_i(g, "N_Risque", d == DF_D038 ? 8 : t->type == 0 ? 1 + demo_rng_below(&r, 3) : 0);
        demo_rb_i(g, "CO_No", d == DF_D034 ? 999 : t->co_no);
        demo_rb_i(g, "N_CatTarif", d == DF_D036 ? 9 : t->type == 0 ? 1 + demo_rng_below(&r, 3) : 1);
        demo_rb_i(g, "N_CatCompta", d == DF_D035 ? 7 : t->catcompta);
        demo_rb_i(g, "N_Period", 1);
        demo_rb_i(g, "N_Expedition", 1 + demo_rng_below(&r, 3));
        demo_rb_i(g, "N_Condition", 1 + demo_rng_below(&r, 2));
        int created = g->fy_start[0] - 30 - demo_rng_below(&r, 2000);
        demo_rb_date(g, "CT_DateCreate", created, 0);
        demo_rb_f(g, "CT_Telephone", "0%d %02d %02d %02d %02d", 1 + i % 5, i % 100, (i / 100) % 100, (i * 3) % 100, (i * 7) % 100);
        if (d == DF_D021)
            demo_rb_f(g, "CT_EMail", "contact@%s", t->dom);
        else if (t->type <= 1)
            demo_rb_f(g, "CT_EMail", "contact@%s.fr", t->dom);
        if (t->type <= 1)
            demo_rb_f(g, "CT_Site", "www.%s.fr", t->dom);
        demo_rb_i(g, "CT_Sommeil", t->sommeil);
        demo_rb_i(g, "CT_Prospect", t->kind == K_PROSP);
        if (d == DF_D033)
            demo_rb_s(g, "CT_NumCentrale", "CL999998");
        else if (t->kind == K_CUST && i % 7 == 3)
            demo_rb_s(g, "CT_NumCentrale", "CARAT");
        demo_rb_i(g, "CT_Langue", 0);
        demo_rb_i(g, "CT_Facture", 1);
        demo_rb_i(g, "CT_Lettrage", 1);
        demo_rb_i(g, "DE_No", 1);
        /* Free fields: sentinels for unknown dates. */
        if (demo_rng_pct(&r, 60))
            demo_rb_date(g, "Date création société", demo_days(1950 + demo_rng_below(&r, 70), 1 + demo_rng_below(&r, 12), 1 + demo_rng_below(&r, 28)), 0);
        else
            demo_rb_s(g, "Date création société", "1900-01-01 00:00:00");
        demo_rb_money(g, "Capital social", 100000LL * (10 + demo_rng_below(&r, 5000)));
        demo_rb_f(g, "Score Banque de France", "%c%d", 'A' + demo_rng_below(&r, 5), 3 + demo_rng_below(&r, 4));
        demo_rb_f(g, "Total points fidélité", "%d.000000", demo_rng_below(&r, 20000));
        if (demo_rng_pct(&r, 50))
            demo_rb_date(g, "Fin validité carte fidélité", g->ref_days + demo_rng_below(&r, 700), 0);
        else
            demo_rb_s(g, "Fin validité carte fidélité", "1753-01-01 00:00:00");
        if (d == DF_D052) {
            demo_rb_s(g, "Secteur d'activité", "Inconnue");
            demo_mf_add(g, "D052", "%s/%s", t->num, "Secteur d'activité");
        } else {
            demo_rb_s(g, "Secteur d'activité", enum_vals[5][demo_rng_below(&r, 4)]);
        }
        demo_rb_s(g, "Canal [web]", enum_vals[6][demo_rng_below(&r, 4)]);
        if (demo_rng_pct(&r, 15))
            demo_rb_s(g, "Remarque (usage interne)", "Préfère être appelé l'après-midi ; « très fidèle »");
        demo_rb_s(g, "Niveau de fidélité", enum_vals[8][demo_rng_below(&r, 4)]);
        demo_rb_s(g, "CT_LangueISO2", t->devise ? "" : "fr");
        demo_rb_date(g, "cbCreation", created, 9 * 60 + i % 480);
        demo_rb_end(g);
    }
    demo_table_end(g);
}

static void gen_contacts(demo_g *g)
{
    static const char *const orphan = "ZZANCIEN01";
    demo_table_begin(g, "F_CONTACTT");
    int no = 0;
    for (int i = 0; i < g->ntiers && !g->failed; i++) {
        const demo_tinfo *t = &g->ti[i];
        for (int k = 0; k < t->ncont; k++) {
            demo_rng r;
            no = t->first_ct + k;
            demo_rng_init(&r, g->cfg->seed, R_CONTACT, (uint64_t)no);
            char stamp[24];
            stamp_for(g, &r, stamp);
            const char *nom = demo_surnames[demo_rng_below(&r, demo_nsurnames)];
            const char *pre = demo_firstnames[demo_rng_below(&r, demo_nfirstnames)];
            char sn[40], sp[40];
            demo_slug(nom, sn, sizeof sn);
            demo_slug(pre, sp, sizeof sp);
            int bad_name = t->defect == DF_D020 && k == 0;
            int bad_mail = t->defect == DF_D022 && k == 0;
            demo_rb_start(g, demo_cur_table(g), stamp);
            demo_rb_s(g, "CT_Num", t->num);
            demo_rb_i(g, "CT_No", no);
            if (bad_name) {
                demo_rb_s(g, "CT_Nom", "  ");
                demo_rb_null(g, "CT_Prenom");
                demo_mf_add(g, "D020", "%s/%d", t->num, no);
            } else {
                demo_rb_s(g, "CT_Nom", nom);
                demo_rb_s(g, "CT_Prenom", pre);
            }
            demo_rb_i(g, "CT_Civilite", demo_rng_below(&r, 3));
            demo_rb_i(g, "N_Service", 1 + demo_rng_below(&r, 4));
            demo_rb_i(g, "N_Contact", 1 + demo_rng_below(&r, 3));
            demo_rb_s(g, "CT_Fonction", demo_functions[demo_rng_below(&r, demo_nfunctions)]);
            demo_rb_f(g, "CT_Telephone", "0%d %02d %02d %02d %02d", 1 + no % 5, no % 100, 10 + k, (no / 100) % 100, 33);
            demo_rb_f(g, "CT_TelPortable", "06 %02d %02d %02d %02d", no % 100, (no / 100) % 100, k, 44);
            if (bad_mail) {
                demo_rb_f(g, "CT_EMail", "%s %s@%s.fr", sp, sn, t->dom);
                demo_mf_add(g, "D022", "%s/%d", t->num, no);
            } else if (!bad_name) {
                demo_rb_f(g, "CT_EMail", "%s.%s@%s.fr", sp, sn, t->dom);
            }
            demo_rb_end(g);
        }
    }
    if (g->cfg->defects) {
        /* D040: a contact left behind by a deleted tiers. */
        no = g->ti[g->ntiers - 1].first_ct + g->ti[g->ntiers - 1].ncont;
        demo_rb_start(g, demo_cur_table(g), "2020-01-02 10:00:00");
        demo_rb_s(g, "CT_Num", orphan);
        demo_rb_i(g, "CT_No", no);
        demo_rb_s(g, "CT_Nom", "Orphelin");
        demo_rb_s(g, "CT_Prenom", "Gérard");
        demo_rb_end(g);
        demo_mf_add(g, "D040", "%s/%d", orphan, no);
    }
    g->counts.contacts = no;
    demo_table_end(g);
}

static void gen_addresses(demo_g *g)
{
    static const char *const labels[] = {"Siège", "Boutique", "Entrepôt"};
    static const char *const orphan = "ZZANCIEN02";
    demo_table_begin(g, "F_LIVRAISON");
    int no = 0;
    for (int i = 0; i < g->ntiers && !g->failed; i++) {
        const demo_tinfo *t = &g->ti[i];
        for (int k = 0; k < t->naddr; k++) {
            demo_rng r;
            no = t->first_li + k;
            demo_rng_init(&r, g->cfg->seed, R_ADDR, (uint64_t)no);
            char stamp[24];
            stamp_for(g, &r, stamp);
            const demo_city *ci = &demo_cities[k == 0 ? t->city : demo_rng_below(&r, demo_ncities)];
            int d = t->defect;
            const char *label = labels[k];
            int principal = k == 0;
            if (d == DF_D010 && k >= 1) {
                label = k == 1 ? "Dépôt Nord" : "dépôt nord ";
                demo_mf_add(g, "D010", "%s/%d", t->num, no);
            }
            if (d == DF_D011 && k == 1) {
                label = " ";
                demo_mf_add(g, "D011", "%s/%d", t->num, no);
            }
            if (d == DF_D012)
                principal = 0;
            if (d == DF_D013)
                principal = k < 2;
            demo_rb_start(g, demo_cur_table(g), stamp);
            demo_rb_i(g, "LI_No", no);
            demo_rb_s(g, "CT_Num", t->num);
            demo_rb_s(g, "LI_Intitule", label);
            demo_rb_f(g, "LI_Adresse", "%d, %s", 1 + demo_rng_below(&r, 120), demo_streets[demo_rng_below(&r, demo_nstreets)]);
            demo_rb_s(g, "LI_CodePostal", ci->cp);
            demo_rb_s(g, "LI_Ville", ci->ville);
            demo_rb_s(g, "LI_CodeRegion", ci->region);
            demo_rb_s(g, "LI_Pays", ci->pays);
            demo_rb_i(g, "N_Expedition", 1 + demo_rng_below(&r, 3));
            demo_rb_i(g, "N_Condition", 1 + demo_rng_below(&r, 2));
            demo_rb_i(g, "LI_Principal", principal);
            if (d == DF_D023 && k == 1) {
                demo_rb_f(g, "LI_EMail", "livraison@@%s.fr", t->dom);
                demo_mf_add(g, "D023", "%s/%d", t->num, no);
            } else if (demo_rng_pct(&r, 50)) {
                demo_rb_f(g, "LI_EMail", "livraison%d@%s.fr", k + 1, t->dom);
            }
            demo_rb_end(g);
        }
    }
    if (g->cfg->defects) {
        no = g->ti[g->ntiers - 1].first_li + g->ti[g->ntiers - 1].naddr;
        demo_rb_start(g, demo_cur_table(g), "2020-01-02 10:00:00");
        demo_rb_i(g, "LI_No", no);
        demo_rb_s(g, "CT_Num", orphan);
        demo_rb_s(g, "LI_Intitule", "Ancien dépôt");
        demo_rb_i(g, "LI_Principal", 1);
        demo_rb_end(g);
        demo_mf_add(g, "D041", "%s/%d", orphan, no);
    }
    g->counts.addresses = no;
    demo_table_end(g);
}

static void gen_payment_terms(demo_g *g)
{
    static const char *const orphan = "ZZANCIEN03";
    demo_table_begin(g, "F_REGLEMENTT");
    int marq = 0;   /* cbMarq of the row: IDENTITY(1,1) on a new table */
    for (int i = 0; i < g->ntiers && !g->failed; i++) {
        const demo_tinfo *t = &g->ti[i];
        for (int k = 0; k < t->nregl; k++) {
            demo_rng r;
            demo_rng_init(&r, g->cfg->seed, R_REGL, (uint64_t)marq);
            marq++;
            char stamp[24];
            stamp_for(g, &r, stamp);
            int n_regl = 1 + demo_rng_below(&r, 6);
            if (t->defect == DF_D039 && k == 0) {
                n_regl = 20;
                demo_mf_add(g, "D039", "%s/%d", t->num, marq);
            }
            demo_rb_start(g, demo_cur_table(g), stamp);
            demo_rb_s(g, "CT_Num", t->num);
            demo_rb_i(g, "N_Reglement", n_regl);
            demo_rb_i(g, "RT_Condition", demo_rng_below(&r, 3));
            demo_rb_i(g, "RT_NbJour", 30 * demo_rng_below(&r, 3));
            demo_rb_i(g, "RT_TRepart", t->nregl == 2 && k == 0 ? 0 : 1);
            demo_rb_s(g, "RT_VRepart", t->nregl == 2 && k == 0 ? "50.000000" : "0.000000");
            demo_rb_end(g);
        }
    }
    if (g->cfg->defects) {
        marq++;
        demo_rb_start(g, demo_cur_table(g), "2020-01-02 10:00:00");
        demo_rb_s(g, "CT_Num", orphan);
        demo_rb_i(g, "N_Reglement", 1);
        demo_rb_i(g, "RT_TRepart", 1);
        demo_rb_end(g);
        demo_mf_add(g, "D042", "%s/%d", orphan, marq);
    }
    demo_table_end(g);
}

static void free_g(demo_g *g)
{
    free(g->ti);
    free(g->ca_n);
    free(g->ca_n1);
    free(g->active);
    free(g->dormant);
    free(g->prosp);
    free(g->supp);
    for (int i = 0; i < g->nmf; i++)
        free(g->mf[i].key);
    free(g->mf);
}

int demo_generate(const demo_cfg *cfg, demo_writer *w, const char *manifest_path,
                  const char *oracle_path, demo_counts *counts, char *err, size_t errlen)
{
    demo_g *g = calloc(1, sizeof *g);
    if (!g) {
        snprintf(err, errlen, "out of memory generating the demo company");
        return -1;
    }
    g->cfg = cfg;
    g->w = w;
    fiscal_years(g);
    demo_fmt_date(stamp0, g->fy_start[0] - 1, 9 * 60);
    int rc = -1;
    if (plan_tiers(g) != 0) {
        snprintf(err, errlen, "out of memory generating the demo company");
        goto out;
    }
    gen_parameters(g);
    gen_enums(g);
    gen_tiers(g);
    gen_contacts(g);
    gen_addresses(g);
    gen_payment_terms(g);
    if (!g->failed)
        demo_gen_documents(g);
    if (g->failed) {
        if (!*err)
            snprintf(err, errlen, "generation of '%s' stopped", cfg->database);
        goto out;
    }
    if (manifest_path && demo_write_manifest(g, manifest_path, err, errlen) != 0)
        goto out;
    if (oracle_path && demo_write_oracle(g, oracle_path, err, errlen) != 0)
        goto out;
    if (counts)
        *counts = g->counts;
    rc = 0;
out:
    free_g(g);
    free(g);
    return rc;
}
