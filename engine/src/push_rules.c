/* GesCom business rules checked before a write leaves (seed 000): account
 * code modes and format, defaults of a new tiers, delivery-address labels,
 * the billing address duplicated as a delivery address.  Refusing here costs
 * nothing; being refused by GesCom blocks the record in the error list. */
#include "liaison/push.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void lia_push_settings_default(lia_push_settings *st)
{
    memset(st, 0, sizeof *st);
    st->mode = LIA_PUSH_MODE_FREE;
    snprintf(st->devise, sizeof st->devise, "0");
    snprintf(st->cat_compta, sizeof st->cat_compta, "1");
    snprintf(st->cat_tarif, sizeof st->cat_tarif, "1");
    snprintf(st->langue, sizeof st->langue, "1");
}

int lia_push_mode_parse(const char *s, lia_push_mode *out)
{
    if (!s)
        return -1;
    if (!strcasecmp(s, "free") || !strcasecmp(s, "libre"))
        *out = LIA_PUSH_MODE_FREE;
    else if (!strcasecmp(s, "crm"))
        *out = LIA_PUSH_MODE_CRM;
    else if (!strcasecmp(s, "erp") || !strcasecmp(s, "gescom"))
        *out = LIA_PUSH_MODE_ERP;
    else
        return -1;
    return 0;
}

static int refuse(lia_push_verdict *v, const char *code, const char *field, const char *fr,
                  const char *en, const char *subject)
{
    v->ok = 0;
    snprintf(v->code, sizeof v->code, "%s", code);
    snprintf(v->field, sizeof v->field, "%s", field);
    snprintf(v->message, sizeof v->message, "%s '%.180s'", lia_tr(fr, en), subject ? subject : "");
    return 0;
}

static void accept(lia_push_verdict *v)
{
    memset(v, 0, sizeof *v);
    v->ok = 1;
}

int lia_push_ctnum_check(const char *s, char *out, size_t size, lia_push_verdict *v)
{
    accept(v);
    const char *f = "tiers/CT_Num";
    if (!s || !*s)
        return refuse(v, LIA_PUSH_E_CTNUM, f, "N° de compte invalide : vide",
                      "invalid account number: empty", s);
    size_t n = strlen(s);
    if (strchr(s, ' ') || strchr(s, '\t'))
        return refuse(v, LIA_PUSH_E_CTNUM, f, "N° de compte invalide : espace interdit",
                      "invalid account number: space not allowed", s);
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)
            return refuse(v, LIA_PUSH_E_CTNUM, f,
                          "N° de compte invalide : caractère non alphanumérique",
                          "invalid account number: character not alphanumeric", s);
    if (n > LIA_PUSH_CTNUM_MAX)
        return refuse(v, LIA_PUSH_E_CTNUM, f, "N° de compte invalide : plus de 17 caractères",
                      "invalid account number: more than 17 characters", s);
    if (out) {
        if (size <= n)
            return refuse(v, LIA_PUSH_E_CTNUM, f, "N° de compte invalide", "invalid account number", s);
        for (size_t i = 0; i <= n; i++)
            out[i] = (char)toupper((unsigned char)s[i]);
    }
    return 1;
}

int lia_push_account_code(const lia_push_settings *st, const char *crm_code, const char *crm_id,
                          char *out, size_t size, lia_push_verdict *v)
{
    accept(v);
    const char *code = crm_code ? crm_code : "";
    while (*code == ' ')
        code++;
    char joined[128];
    switch (st->mode) {
    case LIA_PUSH_MODE_ERP:
        /* The ERP allocates the code from its codification; whatever the CRM
         * shows is replaced by the placeholder. */
        snprintf(out, size, "%s", LIA_PUSH_AUTOERP);
        return 1;
    case LIA_PUSH_MODE_CRM:
        if (!crm_id || !*crm_id)
            return refuse(v, LIA_PUSH_E_CTNUM, "tiers/CT_Num",
                          "N° de compte invalide : identifiant CRM absent",
                          "invalid account number: CRM id missing", crm_id);
        snprintf(joined, sizeof joined, "%.60s%s", crm_id, st->suffix);
        break;
    case LIA_PUSH_MODE_FREE:
    default:
        if (!*code || strcmp(code, LIA_PUSH_ATTENTE) == 0)
            return refuse(v, LIA_PUSH_E_ATTENTE, "tiers/CT_Num",
                          "code comptable en attente de saisie, tiers non envoyé",
                          "account code still to be typed, tiers not sent", code);
        if (strcmp(code, LIA_PUSH_AUTOERP) == 0)
            return refuse(v, LIA_PUSH_E_CTNUM, "tiers/CT_Num",
                          "N° de compte invalide : <AUTOERP> hors numérotation GesCom",
                          "invalid account number: <AUTOERP> outside GesCom numbering", code);
        /* The suffix is added once: a code already ending with it keeps it. */
        size_t lc = strlen(code), ls = strlen(st->suffix);
        if (ls && lc >= ls && strcasecmp(code + lc - ls, st->suffix) == 0)
            snprintf(joined, sizeof joined, "%.100s", code);
        else
            snprintf(joined, sizeof joined, "%.60s%s", code, st->suffix);
        break;
    }
    return lia_push_ctnum_check(joined, out, size, v);
}

void lia_push_record_free(lia_push_record *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->name[i]), free(r->value[i]);
    r->n = 0;
}

const char *lia_push_get(const lia_push_record *r, const char *name)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->name[i], name) == 0)
            return r->value[i];
    return NULL;
}

int lia_push_set(lia_push_record *r, const char *name, const char *value)
{
    char *v = strdup(value ? value : "");
    if (!v)
        return -1;
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->name[i], name) == 0) {
            free(r->value[i]);
            r->value[i] = v;
            return 0;
        }
    char *nm = r->n < LIA_PUSH_MAX_FIELDS ? strdup(name) : NULL;
    if (!nm) {
        free(v);
        return -1;
    }
    r->name[r->n] = nm;
    r->value[r->n++] = v;
    return 0;
}

static int empty(const char *s)
{
    if (!s)
        return 1;
    while (*s == ' ')
        s++;
    return *s == '\0';
}

int lia_push_apply_defaults(const lia_push_settings *st, lia_push_record *t)
{
    const char *names[] = {"N_Devise", "N_CatCompta", "N_CatTarif", "CT_Langue"};
    const char *vals[] = {st->devise, st->cat_compta, st->cat_tarif, st->langue};
    for (int i = 0; i < 4; i++)
        if (empty(lia_push_get(t, names[i])) && lia_push_set(t, names[i], vals[i]) != 0)
            return -1;
    return 0;
}

/* Copies at most max characters (UTF-8 aware: never cuts a sequence). */
static void utf8_cut(char *dst, size_t size, const char *src, size_t max_chars)
{
    size_t i = 0, chars = 0;
    while (src[i] && chars < max_chars) {
        size_t len = 1;
        unsigned char c = (unsigned char)src[i];
        if (c >= 0xF0) len = 4;
        else if (c >= 0xE0) len = 3;
        else if (c >= 0xC0) len = 2;
        if (i + len >= size)
            break;
        for (size_t k = 0; k < len && src[i]; k++, i++)
            ;
        chars++;
    }
    memcpy(dst, src, i);
    dst[i] = '\0';
}

static int label_taken(const char *const *taken, size_t n, const char *l)
{
    for (size_t i = 0; i < n; i++)
        if (taken[i] && strcasecmp(taken[i], l) == 0)
            return 1;
    return 0;
}

int lia_push_address_label(const char *const *taken, size_t ntaken, const char *wanted,
                           const char *city, char *out, size_t size)
{
    char base[4 * LIA_PUSH_LABEL_MAX + 1];
    const char *src = !empty(wanted) ? wanted : !empty(city) ? city : "Adresse";
    while (*src == ' ')
        src++;
    utf8_cut(base, sizeof base, src, LIA_PUSH_LABEL_MAX);
    size_t bl = strlen(base);
    while (bl && base[bl - 1] == ' ')
        base[--bl] = '\0';
    if (!label_taken(taken, ntaken, base)) {
        snprintf(out, size, "%s", base);
        return 0;
    }
    for (int k = 2; k < 10000; k++) {
        char sfx[16], cand[sizeof base + 16];
        int sl = snprintf(sfx, sizeof sfx, " %d", k);
        /* Shorten the base so base + suffix stays within 35 characters. */
        utf8_cut(cand, sizeof cand, base, LIA_PUSH_LABEL_MAX - (size_t)sl);
        size_t cl = strlen(cand);
        while (cl && cand[cl - 1] == ' ')
            cand[--cl] = '\0';
        snprintf(cand + cl, sizeof cand - cl, "%s", sfx);
        if (!label_taken(taken, ntaken, cand)) {
            snprintf(out, size, "%s", cand);
            return 0;
        }
    }
    return -1;
}

int lia_push_billing_address(const lia_push_record *t, const char *const *taken, size_t ntaken,
                             lia_push_record *addr)
{
    static const char *map[][2] = {
        {"CT_Adresse", "LI_Adresse"}, {"CT_Complement", "LI_Complement"},
        {"CT_CodePostal", "LI_CodePostal"}, {"CT_Ville", "LI_Ville"},
        {"CT_CodeRegion", "LI_CodeRegion"}, {"CT_Pays", "LI_Pays"},
        {"CT_Telephone", "LI_Telephone"}, {"CT_EMail", "LI_EMail"},
    };
    int any = 0;
    for (size_t i = 0; i < 4; i++)
        if (!empty(lia_push_get(t, map[i][0])))
            any = 1;
    if (!any)
        return 0;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        const char *v = lia_push_get(t, map[i][0]);
        if (!empty(v) && lia_push_set(addr, map[i][1], v) != 0)
            return -1;
    }
    char label[4 * LIA_PUSH_LABEL_MAX + 1];
    if (lia_push_address_label(taken, ntaken, lia_push_get(t, "CT_Intitule"),
                               lia_push_get(t, "CT_Ville"), label, sizeof label) != 0 ||
        lia_push_set(addr, "LI_Intitule", label) != 0 || lia_push_set(addr, "LI_Principal", "1") != 0)
        return -1;
    return 1;
}

int lia_push_prepare_tiers(const lia_push_settings *st, const char *crm_id, lia_push_record *t,
                           lia_push_verdict *v)
{
    accept(v);
    if (empty(lia_push_get(t, "CT_Intitule")))
        return refuse(v, LIA_PUSH_E_INTITULE, "tiers/CT_Intitule", "intitulé du tiers vide",
                      "empty tiers name", crm_id);
    char code[64];
    if (!lia_push_account_code(st, lia_push_get(t, "CT_Num"), crm_id, code, sizeof code, v))
        return 0;
    if (lia_push_set(t, "CT_Num", code) != 0 || lia_push_apply_defaults(st, t) != 0)
        return refuse(v, "LIA-PUSH-0001", "tiers", "mémoire insuffisante", "out of memory", crm_id);
    return 1;
}
