/* Sales (and a few purchase) documents with their lines over three fiscal
 * years, and the CA oracle accumulated from the same numbers.
 *
 * Two passes draw the same documents (one PRNG stream per document): the
 * first writes F_DOCENTETE, the second F_DOCLIGNE, so each table is written
 * in one go (multi-row INSERTs) without holding millions of lines in memory.
 * Amounts are integer cents; credit invoices (DO_Provenance 1 and 2) are
 * stored negative or positive per document, as in a file whose
 * P_LigneNeg changed over time: readers must use -ABS(). */
#include "demo_internal.h"
#include "demo_data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { R_DOC = 20, R_LINE };

typedef struct doc {
    int dom, type, prov, tiers;     /* tiers index, -1 = unknown tiers (D061) */
    const char *tiers_num;
    int days, minutes;
    int neg;                        /* credit lines stored negative */
    char piece[14];
    int nlines;
} doc;

/* Piece counters per prefix; reset at each pass so both passes agree. */
enum { P_DE, P_BC, P_PL, P_BL, P_BR, P_BA, P_FA, P_FR, P_AV, P_AC, P_AL, P_AF, P_N };
static const char *const prefix[P_N] = {"DE", "BC", "PL", "BL", "BR", "BA", "FA", "FR", "AV", "AC", "AL", "AF"};

static int pick(demo_rng *r, const int *list, int n) { return list[demo_rng_below(r, n)]; }

static void draw_doc(demo_g *g, int i, doc *d, int *counters)
{
    demo_rng r;
    demo_rng_init(&r, g->cfg->seed, R_DOC, (uint64_t)i);
    memset(d, 0, sizeof *d);
    int span_all = g->ref_days - g->fy_start[0] + 1;
    int u = demo_rng_below(&r, 1000);
    int pfx;
    if (u < 40 && g->nsupp) {                        /* purchases */
        d->dom = 1;
        d->tiers = pick(&r, g->supp, g->nsupp);
        int v = demo_rng_below(&r, 3);
        d->type = v == 0 ? 12 : v == 1 ? 13 : 16;
        pfx = v == 0 ? P_AC : v == 1 ? P_AL : P_AF;
        d->days = g->fy_start[0] + demo_rng_below(&r, span_all);
        if (d->type == 16 && d->days < g->ref_days - 45)
            d->type = 17;
    } else if (u < 70 && g->nprosp) {                /* quotes to prospects */
        d->tiers = pick(&r, g->prosp, g->nprosp);
        d->type = 0, pfx = P_DE;
        d->days = g->ref_days - demo_rng_below(&r, 365);
    } else {
        int dormant = u < 110 && g->ndormant;
        d->tiers = dormant ? pick(&r, g->dormant, g->ndormant) : pick(&r, g->active, g->nactive);
        /* Dormant customers stopped buying two exercises ago. */
        d->days = dormant ? g->fy_start[0] + demo_rng_below(&r, g->fy_end[0] - g->fy_start[0] + 1)
                          : g->fy_start[0] + demo_rng_below(&r, span_all);
        int w = demo_rng_below(&r, 100);
        if (w < 10) d->type = 0, pfx = P_DE;
        else if (w < 18) d->type = 1, pfx = P_BC;
        else if (w < 20) d->type = 2, pfx = P_PL;
        else if (w < 28) d->type = 3, pfx = P_BL;
        else if (w < 30) d->type = 4, pfx = P_BR;
        else if (w < 31) d->type = 5, pfx = P_BA;
        else {
            int v = demo_rng_below(&r, 100);
            d->prov = v < 90 ? 0 : v < 95 ? 1 : 2;
            pfx = d->prov == 0 ? P_FA : d->prov == 1 ? P_FR : P_AV;
            d->type = d->days < g->ref_days - 45 ? 7 : 6;
        }
    }
    d->tiers_num = g->ti[d->tiers].num;
    d->minutes = 8 * 60 + demo_rng_below(&r, 600);
    d->neg = demo_rng_pct(&r, 50);
    d->nlines = 1 + demo_rng_below(&r, 8);
    snprintf(d->piece, sizeof d->piece, "%s%07d", prefix[pfx], ++counters[pfx]);
}

typedef struct line { int art; int64_t qte, pu, ht, ttc; int comment; } line;

/* Line k of document d; comment lines (no article) carry no amount. */
static void draw_line(demo_g *g, int i, int k, const doc *d, line *l)
{
    demo_rng r;
    demo_rng_init(&r, g->cfg->seed, R_LINE, (uint64_t)i * 16 + (uint64_t)k);
    memset(l, 0, sizeof *l);
    if (k == d->nlines) {
        l->comment = 1;
        return;
    }
    l->art = demo_rng_below(&r, demo_narticles);
    l->qte = 1 + demo_rng_below(&r, 5);
    l->pu = demo_articles[l->art].price_cents * (90 + demo_rng_below(&r, 21)) / 100;
    l->ht = l->qte * l->pu;
    l->ttc = (l->ht * 12 + 5) / 10;   /* TVA 20 %, rounded to the cent */
    int credit = d->prov == 1 || d->prov == 2 || d->type == 4 || d->type == 5;
    if (credit && d->neg) {
        l->qte = -l->qte;
        l->ht = -l->ht;
        l->ttc = -l->ttc;
    }
}

static int has_comment(const doc *d) { return (d->nlines + d->piece[9]) % 10 == 0; }

/* Starts a header or line row of document d (stamped 5 minutes after it) with its
 * domain and type; returns its tiers' details (NULL when none). */
static const demo_tinfo *doc_row_start(demo_g *g, const doc *d)
{
    char stamp[24];
    demo_fmt_date(stamp, d->days, d->minutes + 5);
    demo_rb_start(g, demo_cur_table(g), stamp);
    demo_rb_i(g, "DO_Domaine", d->dom);
    demo_rb_i(g, "DO_Type", d->type);
    return d->tiers >= 0 ? &g->ti[d->tiers] : NULL;
}

static void header_row(demo_g *g, const doc *d, int64_t ht, int64_t ttc)
{
    const demo_tinfo *t = doc_row_start(g, d);
    demo_rb_s(g, "DO_Piece", d->piece);
    demo_rb_date(g, "DO_Date", d->days, 0);
    demo_rb_f(g, "DO_Ref", "CDE %s", d->piece + 2);
    demo_rb_s(g, "DO_Tiers", d->tiers_num);
    demo_rb_i(g, "CO_No", t ? t->co_no : 0);
    demo_rb_i(g, "DO_Devise", t ? t->devise : 0);
    demo_rb_s(g, "DO_Cours", t && t->devise ? "0.962000" : "0.000000");
    demo_rb_i(g, "DE_No", 1);
    demo_rb_i(g, "LI_No", t && t->naddr && d->dom == 0 ? t->first_li : 0);
    demo_rb_s(g, "CT_NumPayeur", d->tiers_num);
    if (d->type == 1 || d->type == 3 || d->type == 12)
        demo_rb_date(g, "DO_DateLivr", d->days + 7, 0);
    demo_rb_i(g, "DO_Condition", 1);
    demo_rb_i(g, "DO_Tarif", 1);
    demo_rb_i(g, "N_CatCompta", t ? t->catcompta : 1);
    demo_rb_s(g, "CG_Num", d->dom == 1 ? "4010000" : "4110000");
    demo_rb_i(g, "DO_Statut", d->type == 0 ? 2 : 1);
    demo_rb_i(g, "DO_Transfere", 0);
    demo_rb_i(g, "DO_Cloture", d->days < g->fy_start[1]);
    demo_rb_i(g, "DO_Valide", d->type == 7 || d->type == 17);
    demo_rb_i(g, "DO_Provenance", d->prov);
    demo_rb_i(g, "DO_Imprim", d->type >= 6);
    demo_rb_money(g, "DO_TotalHT", ht);
    demo_rb_money(g, "DO_TotalTTC", ttc);
    demo_rb_end(g);
}

static void line_row(demo_g *g, const doc *d, int k, const line *l, int no)
{
    const demo_tinfo *t = doc_row_start(g, d);
    demo_rb_s(g, "CT_Num", d->tiers_num);
    demo_rb_s(g, "DO_Piece", d->piece);
    demo_rb_date(g, "DO_Date", d->days, 0);
    demo_rb_i(g, "DL_Ligne", (k + 1) * 1000);
    demo_rb_f(g, "DO_Ref", "CDE %s", d->piece + 2);
    if (l->comment) {
        demo_rb_null(g, "AR_Ref");
        demo_rb_s(g, "DL_Design", "Gravure offerte – merci de votre fidélité");
    } else {
        demo_rb_s(g, "AR_Ref", demo_articles[l->art].ref);
        demo_rb_s(g, "DL_Design", demo_articles[l->art].design);
        demo_rb_f(g, "DL_Qte", "%lld.000000", (long long)l->qte);
        demo_rb_f(g, "DL_QteBC", "%lld.000000", (long long)l->qte);
        demo_rb_f(g, "DL_QteBL", "%lld.000000", (long long)l->qte);
        demo_rb_money(g, "DL_PrixUnitaire", l->pu);
        demo_rb_s(g, "DL_Taxe1", "20.000000");
        int credit = d->prov || d->type == 4 || d->type == 5;
        demo_rb_i(g, "DL_MvtStock", d->type == 0 || d->type == 1 ? 0 : (credit || d->dom == 1) ? 1 : 3);
        demo_rb_i(g, "DE_No", 1);
        demo_rb_i(g, "DL_TypePL", d->prov == 1 || d->type == 4 ? 1 : d->prov == 2 || d->type == 5 ? 2 : 0);
        demo_rb_money(g, "DL_PUDevise", t && t->devise ? l->pu * 962 / 1000 : 0);
        demo_rb_money(g, "DL_PUTTC", (l->pu * 12 + 5) / 10);
    }
    demo_rb_i(g, "DL_No", no);
    demo_rb_i(g, "DL_Valorise", !l->comment);
    demo_rb_money(g, "DL_MontantHT", l->ht);
    demo_rb_money(g, "DL_MontantTTC", l->ttc);
    demo_rb_i(g, "CO_No", t ? t->co_no : 0);
    demo_rb_end(g);
}

/* The invoiced CA of a document: sales invoices (types 6, 7), credit
 * invoices subtracted whatever their stored sign. */
static void add_ca(demo_g *g, const doc *d, int64_t ht_abs_signed)
{
    if (d->dom != 0 || (d->type != 6 && d->type != 7) || d->tiers < 0)
        return;
    if (d->days >= g->fy_start[2] && d->days <= g->fy_end[2])
        g->ca_n[d->tiers] += ht_abs_signed;
    else if (d->days >= g->fy_start[1] && d->days <= g->fy_end[1])
        g->ca_n1[d->tiers] += ht_abs_signed;
}

/* Extra documents carrying defects: D061 (unknown tiers), D062 (future invoice). */
static int extra_docs(demo_g *g, doc *out)
{
    if (!g->cfg->defects)
        return 0;
    memset(out, 0, 2 * sizeof *out);
    out[0].tiers = -1;
    out[0].tiers_num = "ZZINCONNU";
    out[0].type = 0;
    out[0].days = g->ref_days - 20;
    out[0].nlines = 2;
    snprintf(out[0].piece, sizeof out[0].piece, "DE9000001");
    out[1].tiers = 0;   /* CARAT */
    out[1].tiers_num = g->ti[0].num;
    out[1].type = 6;
    out[1].days = g->ref_days + 20;
    out[1].nlines = 3;
    snprintf(out[1].piece, sizeof out[1].piece, "FA9000001");
    for (int k = 0; k < 2; k++)
        out[k].minutes = 10 * 60;
    return 2;
}

/* Document i, the same in both passes: drawn, or one of the extra ones after the
 * drawn ndocs. */
static void doc_at(demo_g *g, int i, const doc *extra, int *counters, doc *d)
{
    if (i < g->ndocs)
        draw_doc(g, i, d, counters);
    else
        *d = extra[i - g->ndocs];
}

int demo_gen_documents(demo_g *g)
{
    g->ndocs = g->cfg->large ? 470000 : 900;
    doc extra[2];
    int nextra = extra_docs(g, extra);
    int counters[P_N];
    /* Pass 1: headers, totals and the oracle. */
    memset(counters, 0, sizeof counters);
    demo_table_begin(g, "F_DOCENTETE");
    for (int i = 0; i < g->ndocs + nextra && !g->failed; i++) {
        doc d;
        doc_at(g, i, extra, counters, &d);
        int64_t ht = 0, ttc = 0;
        for (int k = 0; k < d.nlines; k++) {
            line l;
            draw_line(g, i, k, &d, &l);
            ht += l.ht, ttc += l.ttc;
        }
        header_row(g, &d, ht, ttc);
        add_ca(g, &d, (d.prov == 1 || d.prov == 2) ? -(ht < 0 ? -ht : ht) : ht);
        if (i >= g->ndocs)
            demo_mf_add(g, i == g->ndocs ? "D061" : "D062", "%d/%s", d.type, d.piece);
    }
    demo_table_end(g);
    g->counts.documents = g->ndocs + nextra;
    /* Pass 2: the lines. */
    memset(counters, 0, sizeof counters);
    demo_table_begin(g, "F_DOCLIGNE");
    int no = 0;
    for (int i = 0; i < g->ndocs + nextra && !g->failed; i++) {
        doc d;
        doc_at(g, i, extra, counters, &d);
        int n = d.nlines + has_comment(&d);
        for (int k = 0; k < n; k++) {
            line l;
            draw_line(g, i, k, &d, &l);
            line_row(g, &d, k, &l, ++no);
        }
    }
    demo_table_end(g);
    g->counts.lines = no;
    return g->failed ? -1 : 0;
}
