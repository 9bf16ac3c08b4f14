/* The GesCom tables Liaison reads, as in a Sage 100 SQL database
 * (shared/reference/gescom-schema.md).  Computed cb* varbinary twins are
 * left out: Sage maintains them, no reader needs them. */
#include "demo_schema.h"

#include <stdlib.h>
#include <string.h>

#define NODATE_DT  "1753-01-01 00:00:00"   /* "no date" sentinel, datetime */
#define NODATE_SDT "1900-01-01 00:00:00"   /* "no date" sentinel, smalldatetime */

#define INT(n)    {n, SIM_T_INT, 0, 0, 0, "0"}
#define SMALL(n)  {n, SIM_T_SMALLINT, 0, 0, 0, "0"}
#define VC(n, l)  {n, SIM_T_VARCHAR, l, 0, 0, ""}
#define VCN(n, l) {n, SIM_T_VARCHAR, l, 1, 0, NULL}
#define NVC(n, l) {n, SIM_T_NVARCHAR, l, 0, 0, ""}
#define DEC(n)    {n, SIM_T_DECIMAL, 0, 0, 0, "0.000000"}
#define DT(n)     {n, SIM_T_DATETIME, 0, 0, 0, NODATE_DT}
#define DTN(n)    {n, SIM_T_DATETIME, 0, 1, 0, NULL}
#define SDT(n)    {n, SIM_T_SMALLDATETIME, 0, 0, 0, NODATE_SDT}
/* System columns of every F_/P_ table (§6). */
#define CBSYS \
    SMALL("cbProt"), \
    {"cbMarq", SIM_T_INT, 0, 0, DEMO_COL_IDENTITY, NULL}, \
    {"cbCreateur", SIM_T_CHAR, 4, 0, 0, "CSQL"}, \
    {"cbModification", SIM_T_SMALLDATETIME, 0, 1, 0, NULL}, \
    INT("cbReplication"), SMALL("cbFlag")

static const demo_col c_f_comptet[] = {
    VC("CT_Num", 17), VC("CT_Intitule", 69), SMALL("CT_Type"), VC("CG_NumPrinc", 13),
    VC("CT_Qualite", 17), VC("CT_Classement", 17), VC("CT_Contact", 35),
    VC("CT_Adresse", 35), VC("CT_Complement", 35), VC("CT_CodePostal", 9),
    VC("CT_Ville", 35), VC("CT_CodeRegion", 25), VC("CT_Pays", 35), VC("CT_Raccourci", 7),
    SMALL("N_Devise"), VC("CT_Ape", 7), VC("CT_Identifiant", 25), VC("CT_Siret", 15),
    VC("CT_Statistique01", 21), VC("CT_Statistique02", 21), VC("CT_Statistique03", 21),
    VC("CT_Statistique04", 21), VC("CT_Statistique05", 21), VC("CT_Statistique06", 21),
    VC("CT_Statistique07", 21), VC("CT_Statistique08", 21), VC("CT_Statistique09", 21),
    VC("CT_Statistique10", 21), VC("CT_Commentaire", 35), DEC("CT_Encours"),
    DEC("CT_Assurance"), VC("CT_NumPayeur", 17), SMALL("N_Risque"), INT("CO_No"),
    SMALL("N_CatTarif"), DEC("CT_Taux01"), DEC("CT_Taux02"), DEC("CT_Taux03"),
    DEC("CT_Taux04"), SMALL("N_CatCompta"), SMALL("N_Period"), SMALL("N_Expedition"),
    SMALL("N_Condition"), DT("CT_DateCreate"), VC("CT_Telephone", 21),
    VC("CT_Telecopie", 21), VC("CT_EMail", 69), VC("CT_Site", 69), SMALL("CT_Sommeil"),
    SMALL("CT_Prospect"), SMALL("CT_ControlEnc"), VC("CT_NumCentrale", 17),
    SMALL("CT_Langue"), SMALL("CT_Facture"), SMALL("CT_Lettrage"), INT("DE_No"),
    VC("CA_Num", 13), INT("MR_No"), SMALL("CT_FactureElec"),
    /* Free fields: physical columns named after their label (cbSysLibre). */
    SDT("Date création société"),
    DEC("Capital social"),
    VC("Score Banque de France", 21),
    DEC("Total points fidélité"),
    DT("Fin validité carte fidélité"),
    VC("Secteur d'activité", 21),
    VC("Canal [web]", 21),
    VC("Remarque (usage interne)", 69),
    VC("Niveau de fidélité", 21),
    {"Zone tampon", SIM_T_VARCHAR, 35, 0, DEMO_COL_DEFECT, ""},
    /* Standard columns added by later releases come after the free fields. */
    VC("CT_LangueISO2", 3), VC("CT_Facebook", 35), VC("CT_LinkedIn", 35),
    CBSYS, DTN("cbCreation"),
};

static const demo_col c_cbsyslibre[] = {
    NVC("CB_File", 128), NVC("CB_Name", 128), SMALL("CB_Pos"), SMALL("CB_Type"),
    SMALL("CB_Len"), SMALL("CB_Flag"), VC("CB_Formule", 1024),
    {"CB_Creator", SIM_T_CHAR, 4, 0, 0, "CSQL"},
};

static const demo_col c_f_enumlibrecial[] = {
    SMALL("N_Info"), SMALL("N_File"), VC("EL_Intitule", 21), CBSYS,
};

static const demo_col c_p_statistique[] = {
    VC("S_Intitule", 35), SMALL("cbIndice"), CBSYS,
};

static const demo_col c_f_enumstat[] = {
    SMALL("N_Statistique"), VC("ES_Intitule", 21), CBSYS,
};

static const demo_col c_f_contactt[] = {
    VC("CT_Num", 17), INT("CT_No"), VCN("CT_Nom", 35), VCN("CT_Prenom", 35),
    SMALL("CT_Civilite"), SMALL("N_Service"), SMALL("N_Contact"), VC("CT_Fonction", 35),
    VC("CT_Telephone", 21), VC("CT_TelPortable", 21), VC("CT_Telecopie", 21),
    VC("CT_EMail", 69), CBSYS,
};

static const demo_col c_f_livraison[] = {
    INT("LI_No"), VC("CT_Num", 17), VC("LI_Intitule", 35), VC("LI_Adresse", 35),
    VC("LI_Complement", 35), VC("LI_CodePostal", 9), VC("LI_Ville", 35),
    VC("LI_CodeRegion", 25), VC("LI_Pays", 35), VC("LI_Contact", 35),
    SMALL("N_Expedition"), SMALL("N_Condition"), SMALL("LI_Principal"),
    VC("LI_Telephone", 21), VC("LI_Telecopie", 21), VC("LI_EMail", 69), CBSYS,
};

static const demo_col c_f_collaborateur[] = {
    INT("CO_No"), VC("CO_Nom", 35), VC("CO_Prenom", 35), VC("CO_Fonction", 35),
    VC("CO_Adresse", 35), VC("CO_Complement", 35), VC("CO_CodePostal", 9),
    VC("CO_Ville", 35), VC("CO_CodeRegion", 25), VC("CO_Pays", 35), VC("CO_Service", 35),
    SMALL("CO_Vendeur"), SMALL("CO_Caissier"), SMALL("CO_Acheteur"),
    SMALL("CO_Receptionnaire"), SMALL("CO_ChargeRecouvr"), SMALL("CO_Financier"),
    SDT("CO_DateCreation"), VC("CO_Telephone", 21), VC("CO_Telecopie", 21),
    VC("CO_TelPortable", 21), VC("CO_EMail", 69), INT("PROT_No"), VC("CO_Matricule", 11),
    SMALL("CO_Transmission"), CBSYS,
};

static const demo_col c_f_compteg[] = {
    VC("CG_Num", 13), SMALL("CG_Type"), VC("CG_Intitule", 35), VC("CG_Classement", 17),
    SMALL("N_Nature"), SMALL("CG_Tiers"), SMALL("CG_Lettrage"), SMALL("CG_Echeance"),
    SMALL("CG_Sommeil"), DT("CG_DateCreate"), SMALL("N_Devise"), VC("TA_Code", 5), CBSYS,
};

static const demo_col c_f_reglementt[] = {
    VC("CT_Num", 17), SMALL("N_Reglement"), SMALL("RT_Condition"), SMALL("RT_NbJour"),
    SMALL("RT_JourTb01"), SMALL("RT_JourTb02"), SMALL("RT_JourTb03"), SMALL("RT_JourTb04"),
    SMALL("RT_JourTb05"), SMALL("RT_JourTb06"), SMALL("RT_TRepart"), DEC("RT_VRepart"),
    CBSYS,
};

static const demo_col c_p_reglement[] = {
    VC("R_Intitule", 35), VC("R_Code", 3), SMALL("R_ModePaieDebit"),
    SMALL("R_ModePaieCredit"), SMALL("cbIndice"), CBSYS,
};

static const demo_col c_p_crisque[] = {
    VC("R_Intitule", 35), SMALL("R_Type"), DEC("R_Min"), DEC("R_Max"),
    SMALL("cbIndice"), CBSYS,
};

static const demo_col c_p_cattarif[] = {
    VC("CT_Intitule", 35), SMALL("CT_PrixTTC"), SMALL("cbIndice"), CBSYS,
};

#define CA3(k) VC("CA_ComptaVen" k, 35)
#define CA10(p, d) VC(p d "0", 35), VC(p d "1", 35), VC(p d "2", 35), VC(p d "3", 35), \
    VC(p d "4", 35), VC(p d "5", 35), VC(p d "6", 35), VC(p d "7", 35), VC(p d "8", 35), \
    VC(p d "9", 35)
#define CA50(p) VC(p "01", 35), VC(p "02", 35), VC(p "03", 35), VC(p "04", 35), \
    VC(p "05", 35), VC(p "06", 35), VC(p "07", 35), VC(p "08", 35), VC(p "09", 35), \
    CA10(p, "1"), CA10(p, "2"), CA10(p, "3"), CA10(p, "4"), VC(p "50", 35)
static const demo_col c_p_catcompta[] = {
    CA50("CA_ComptaVen"), CA50("CA_ComptaAch"), CA50("CA_ComptaSto"), CBSYS,
};

static const demo_col c_p_devise[] = {
    VC("D_Intitule", 35), VC("D_Format", 35), VC("D_CodeISO", 3), VC("D_Sigle", 5),
    DEC("D_Cours"), SMALL("cbIndice"), CBSYS,
};

static const demo_col c_p_dossier[] = {
    VC("D_RaisonSoc", 35), VC("D_Adresse", 35), VC("D_Complement", 35),
    VC("D_CodePostal", 9), VC("D_Ville", 35), VC("D_CodeRegion", 25), VC("D_Pays", 35),
    VC("D_Siret", 15), VC("D_Ape", 7), VC("D_Identifiant", 25), VC("D_Telephone", 21),
    VC("D_EMailSoc", 69), VC("D_Site", 69), SMALL("N_DeviseCompte"),
    DT("D_DebutExo01"), DT("D_DebutExo02"), DT("D_DebutExo03"), DT("D_DebutExo04"),
    DT("D_DebutExo05"), DT("D_FinExo01"), DT("D_FinExo02"), DT("D_FinExo03"),
    DT("D_FinExo04"), DT("D_FinExo05"), SMALL("D_Archivage01"), SMALL("D_Archivage02"),
    SMALL("D_Archivage03"), SMALL("D_Archivage04"), SMALL("D_Archivage05"),
    SMALL("D_LgCg"), SMALL("D_LgAn"), CBSYS,
};

static const demo_col c_p_parametrecial[] = {
    SMALL("P_LigneNeg"), SMALL("P_LigneNegEng"), SMALL("P_CodifTiers"),
    VC("P_RacineClient", 17), VC("P_RacineFourn", 17), CBSYS,
};

/* Small cbIndice lists the N_xxx columns point to. */
static const demo_col c_p_expedition[] = {
    VC("E_Intitule", 35), VC("E_Mode", 3), SMALL("cbIndice"), CBSYS,
};
static const demo_col c_p_condlivr[] = {
    VC("C_Intitule", 35), VC("C_Mode", 5), SMALL("cbIndice"), CBSYS,
};
static const demo_col c_p_period[] = {
    VC("P_Period", 35), SMALL("cbIndice"), CBSYS,
};
static const demo_col c_p_servicecpta[] = {
    VC("S_Intitule", 35), VC("S_Abrege", 3), SMALL("cbIndice"), CBSYS,
};
static const demo_col c_p_contact[] = {
    VC("C_Intitule", 35), SMALL("cbIndice"), CBSYS,
};

static const demo_col c_f_docentete[] = {
    SMALL("DO_Domaine"), SMALL("DO_Type"), VC("DO_Piece", 13), DT("DO_Date"),
    VC("DO_Ref", 17), VC("DO_Tiers", 17), INT("CO_No"), SMALL("DO_Devise"),
    DEC("DO_Cours"), INT("DE_No"), INT("LI_No"), VC("CT_NumPayeur", 17),
    SMALL("DO_Souche"), DT("DO_DateLivr"), SMALL("DO_Condition"), SMALL("DO_Tarif"),
    SMALL("N_CatCompta"), VC("CG_Num", 13), SMALL("DO_Statut"), SMALL("DO_Transfere"),
    SMALL("DO_Cloture"), SMALL("DO_Valide"), SMALL("DO_Provenance"), SMALL("DO_Imprim"),
    DEC("DO_TotalHT"), DEC("DO_TotalTTC"), CBSYS,
};

static const demo_col c_f_docligne[] = {
    SMALL("DO_Domaine"), SMALL("DO_Type"), VC("CT_Num", 17), VC("DO_Piece", 13),
    VC("DL_PieceBC", 13), VC("DL_PieceBL", 13), DT("DO_Date"), DT("DL_DateBC"),
    DT("DL_DateBL"), INT("DL_Ligne"), VC("DO_Ref", 17), VCN("AR_Ref", 19),
    VC("DL_Design", 69), DEC("DL_Qte"), DEC("DL_QteBC"), DEC("DL_QteBL"),
    DEC("DL_PrixUnitaire"), DEC("DL_Taxe1"), SMALL("DL_MvtStock"), INT("DE_No"),
    SMALL("DL_TypePL"), DEC("DL_PUDevise"), DEC("DL_PUTTC"), INT("DL_No"),
    SMALL("DL_Valorise"), DEC("DL_MontantHT"), DEC("DL_MontantTTC"), INT("CO_No"), CBSYS,
};

#define T(name, arr) {name, arr, (int)(sizeof arr / sizeof arr[0])}
static const demo_table all_tables[] = {
    T("P_DOSSIER", c_p_dossier),
    T("P_PARAMETRECIAL", c_p_parametrecial),
    T("P_CATCOMPTA", c_p_catcompta),
    T("P_CATTARIF", c_p_cattarif),
    T("P_DEVISE", c_p_devise),
    T("P_CRISQUE", c_p_crisque),
    T("P_REGLEMENT", c_p_reglement),
    T("P_EXPEDITION", c_p_expedition),
    T("P_CONDLIVR", c_p_condlivr),
    T("P_PERIOD", c_p_period),
    T("P_SERVICECPTA", c_p_servicecpta),
    T("P_CONTACT", c_p_contact),
    T("P_STATISTIQUE", c_p_statistique),
    T("F_ENUMSTAT", c_f_enumstat),
    T("cbSysLibre", c_cbsyslibre),
    T("F_ENUMLIBRECIAL", c_f_enumlibrecial),
    T("F_COMPTEG", c_f_compteg),
    T("F_COLLABORATEUR", c_f_collaborateur),
    T("F_COMPTET", c_f_comptet),
    T("F_CONTACTT", c_f_contactt),
    T("F_LIVRAISON", c_f_livraison),
    T("F_REGLEMENTT", c_f_reglementt),
    T("F_DOCENTETE", c_f_docentete),
    T("F_DOCLIGNE", c_f_docligne),
};
#define NTABLES ((int)(sizeof all_tables / sizeof all_tables[0]))

static const demo_index all_indexes[] = {
    {"UKA_F_COMPTET_CT_Num", "F_COMPTET", "[CT_Num]", 1},
    {"ICT_TYPE", "F_COMPTET", "[CT_Type], [CT_Num]", 0},
    {"ICT_NUMCT", "F_CONTACTT", "[CT_Num], [CT_No]", 0},
    {"ILI_NO", "F_LIVRAISON", "[LI_No]", 1},
    {"ILI_CTNUM", "F_LIVRAISON", "[CT_Num]", 0},
    {"IRT_CTNUM", "F_REGLEMENTT", "[CT_Num]", 0},
    {"UKA_F_COMPTEG_CG_Num", "F_COMPTEG", "[CG_Num]", 1},
    {"UKA_F_COLLABORATEUR_CO_No", "F_COLLABORATEUR", "[CO_No]", 1},
    {"UKA_F_DOCENTETE", "F_DOCENTETE", "[DO_Domaine], [DO_Type], [DO_Piece]", 1},
    {"IDO_TIERS", "F_DOCENTETE", "[DO_Tiers], [DO_Date]", 0},
    {"IDL_PIECE", "F_DOCLIGNE", "[DO_Domaine], [DO_Type], [DO_Piece], [DL_Ligne]", 0},
};

/* The clean variant drops DEMO_COL_DEFECT columns; built once, read-only after. */
static demo_col clean_cols[NTABLES][sizeof c_f_comptet / sizeof c_f_comptet[0]];
static demo_table clean_tables[NTABLES];
static int clean_ready;

static void build_clean(void)
{
    if (clean_ready)
        return;
    for (int t = 0; t < NTABLES; t++) {
        clean_tables[t] = all_tables[t];
        int n = 0;
        int has_defect = 0;
        for (int c = 0; c < all_tables[t].ncols; c++)
            if (all_tables[t].cols[c].flags & DEMO_COL_DEFECT)
                has_defect = 1;
        if (!has_defect)
            continue;
        for (int c = 0; c < all_tables[t].ncols; c++)
            if (!(all_tables[t].cols[c].flags & DEMO_COL_DEFECT))
                clean_cols[t][n++] = all_tables[t].cols[c];
        clean_tables[t].cols = clean_cols[t];
        clean_tables[t].ncols = n;
    }
    clean_ready = 1;
}

const demo_table *demo_schema_tables(int defects, int *ntables)
{
    *ntables = NTABLES;
    if (defects)
        return all_tables;
    build_clean();
    return clean_tables;
}

const demo_table *demo_schema_find(int defects, const char *name)
{
    int n;
    const demo_table *t = demo_schema_tables(defects, &n);
    for (int i = 0; i < n; i++)
        if (strcmp(t[i].name, name) == 0)
            return &t[i];
    return NULL;
}

const demo_index *demo_schema_indexes(int *nindexes)
{
    *nindexes = (int)(sizeof all_indexes / sizeof all_indexes[0]);
    return all_indexes;
}

void demo_col_type(const demo_col *c, char *out, size_t outlen)
{
    switch (c->kind) {
    case SIM_T_SMALLINT: snprintf(out, outlen, "smallint"); break;
    case SIM_T_INT: snprintf(out, outlen, "int"); break;
    case SIM_T_DECIMAL: snprintf(out, outlen, "decimal(24,6)"); break;
    case SIM_T_DATETIME: snprintf(out, outlen, "datetime"); break;
    case SIM_T_SMALLDATETIME: snprintf(out, outlen, "smalldatetime"); break;
    case SIM_T_CHAR: snprintf(out, outlen, "char(%d)", c->len); break;
    case SIM_T_NVARCHAR: snprintf(out, outlen, "nvarchar(%d)", c->len); break;
    default: snprintf(out, outlen, "varchar(%d)", c->len); break;
    }
}

void demo_quote_name(FILE *f, const char *name)
{
    /* [name], or "name" when it holds a ']' (valid T-SQL with
     * QUOTED_IDENTIFIER ON, and the only form sqlfluff's lexer accepts). */
    char q = strchr(name, ']') ? '"' : '[';
    char close = q == '"' ? '"' : ']';
    fputc(q, f);
    for (const char *p = name; *p; p++) {
        if (*p == close)
            fputc(close, f);
        fputc(*p, f);
    }
    fputc(close, f);
}

static char *mem_text(void (*fn)(FILE *, const void *), const void *arg)
{
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    if (!f)
        return NULL;
    fn(f, arg);
    if (fclose(f) != 0) {
        free(s);
        return NULL;
    }
    return s;
}

static void write_table(FILE *f, const void *arg)
{
    const demo_table *t = arg;
    char ty[32];
    fputs("CREATE TABLE [dbo].", f);
    demo_quote_name(f, t->name);
    fputs(" (\n", f);
    for (int c = 0; c < t->ncols; c++) {
        const demo_col *col = &t->cols[c];
        demo_col_type(col, ty, sizeof ty);
        fputs("    ", f);
        demo_quote_name(f, col->name);
        /* Text columns carry the French collation of a GesCom database. */
        int text = col->kind == SIM_T_VARCHAR || col->kind == SIM_T_CHAR ||
                   col->kind == SIM_T_NVARCHAR;
        fprintf(f, " %s%s%s %s,\n", ty, (col->flags & DEMO_COL_IDENTITY) ? " IDENTITY(1, 1)" : "",
                text ? " COLLATE French_CI_AS" : "", col->nullable ? "NULL" : "NOT NULL");
    }
    int has_marq = 0;
    for (int c = 0; c < t->ncols; c++)
        if (t->cols[c].flags & DEMO_COL_IDENTITY)
            has_marq = 1;
    if (has_marq)
        fprintf(f, "    CONSTRAINT [PK_CBMARQ_%s] PRIMARY KEY ([cbMarq])\n", t->name);
    else
        fputs("    CONSTRAINT [PK_cbSysLibre] PRIMARY KEY ([CB_File], [CB_Name])\n", f);
    fputs(");\n", f);
}

static void write_index(FILE *f, const void *arg)
{
    const demo_index *ix = arg;
    fprintf(f, "CREATE %sINDEX [%s] ON [dbo].[%s] (%s);\n", ix->unique ? "UNIQUE " : "",
            ix->name, ix->table, ix->cols);
}

char *demo_create_table_sql(const demo_table *t) { return mem_text(write_table, t); }
char *demo_create_index_sql(const demo_index *ix) { return mem_text(write_index, ix); }

int demo_write_ddl_dir(const char *dir)
{
    int n;
    const demo_table *t = demo_schema_tables(0, &n);
    char path[4096];
    for (int i = 0; i <= n; i++) {
        if (i < n)
            snprintf(path, sizeof path, "%s/%02d_%s.sql", dir, i + 1, t[i].name);
        else
            snprintf(path, sizeof path, "%s/99_indexes.sql", dir);
        FILE *f = fopen(path, "w");
        if (!f)
            return -1;
        fprintf(f, "-- GesCom demo company (Liaison): %s.  Generated by liaison-demo-gen\n"
                   "-- --emit-ddl from sim/demo/demo_schema.c; do not edit by hand.\n"
                   "SET QUOTED_IDENTIFIER ON;\nGO\n",
                i < n ? t[i].name : "indexes");
        if (i < n)
            write_table(f, &t[i]);
        else
            demo_write_create_indexes(f);
        fputs("GO\n", f);
        if (fclose(f) != 0)
            return -1;
    }
    return 0;
}

void demo_write_create_tables(FILE *f, int defects)
{
    int n;
    const demo_table *t = demo_schema_tables(defects, &n);
    for (int i = 0; i < n; i++) {
        write_table(f, &t[i]);
        fputc('\n', f);
    }
}

void demo_write_create_indexes(FILE *f)
{
    int n;
    const demo_index *ix = demo_schema_indexes(&n);
    for (int i = 0; i < n; i++)
        write_index(f, &ix[i]);
}
