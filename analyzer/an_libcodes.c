/* Rules for the library's own error codes (LIA_E_*), built from the central
 * error table at catalogue load: Liaison's commands write these names in the
 * journal's `code` field, and a hand-copied stanza per code would drift from
 * the table.  Title = the table's message (French and English); severity,
 * entity, cause and fix follow the code's exit class (docs/exit-codes.md). */
#include "an.h"

#include <stdlib.h>
#include <string.h>

static const struct lib_code {
    const char *name;
    int exit_code;
    const char *fr, *en;
} lib_codes[] = {
#define LIA_ERROR_TABLE_INCLUDE 1
#define LIA_ERR(name, exit_code, fr, en) {#name, exit_code, fr, en},
#include "liaison/error_codes.h"
#undef LIA_ERR
#undef LIA_ERROR_TABLE_INCLUDE
};

/* What an exit class means for a journal line, and what to do about it. */
static const struct lib_class {
    int exit_code;
    int severity;
    const char *entity;
    const char *cause_fr, *cause_en, *fix_fr, *fix_en;
} lib_classes[] = {
    {LIA_EXIT_OK, LIA_AN_INFO, "SESSION",
     "Compte rendu de Liaison, sans erreur", "Liaison's report, no error",
     "Rien à faire", "Nothing to do"},
    {LIA_EXIT_FINDINGS, LIA_AN_WARNING, "SESSION",
     "Liaison a relevé un écart ou un avertissement", "Liaison found a difference or a warning",
     "Lire le détail de la ligne ; liaison verify dit quels enregistrements diffèrent",
     "Read the line's detail; liaison verify says which records differ"},
    {LIA_EXIT_USAGE, LIA_AN_ERROR, "PARAM",
     "La commande ou un de ses paramètres est incorrect", "The command or one of its parameters is wrong",
     "Corriger la ligne de commande ou la tâche planifiée (liaison COMMANDE --help)",
     "Fix the command line or the scheduled task (liaison COMMAND --help)"},
    {LIA_EXIT_CONFIG, LIA_AN_ERROR, "PARAM",
     "La configuration de Liaison ou un fichier de données est invalide",
     "Liaison's configuration or a data file is invalid",
     "Corriger le fichier nommé dans le message (liaison check le vérifie)",
     "Fix the file named in the message (liaison check verifies it)"},
    {LIA_EXIT_CONNECT, LIA_AN_TRANSIENT, "SESSION",
     "Le serveur n'a pas pu être joint ou la connexion a été coupée",
     "The server could not be reached or the connection dropped",
     "Rien à faire si c'est passager : l'exécution suivante réessaie ; sinon vérifier le serveur, le port et le réseau (liaison check)",
     "Nothing to do if it is brief: the next run retries; otherwise check the server, port and network (liaison check)"},
    {LIA_EXIT_AUTH, LIA_AN_FATAL, "SESSION",
     "Identifiants refusés : aucune opération ne peut aboutir", "Credentials refused: no operation can succeed",
     "Vérifier l'utilisateur et le mot de passe de la configuration (liaison check)",
     "Check the user and password of the configuration (liaison check)"},
    {LIA_EXIT_DATABASE, LIA_AN_ERROR, "SESSION",
     "La base est absente, n'est pas celle attendue ou ses objets ne correspondent pas",
     "The database is missing, not the expected one, or its objects do not match",
     "Vérifier le nom de la base, puis lancer liaison diagnose et liaison install",
     "Check the database name, then run liaison diagnose and liaison install"},
    {LIA_EXIT_PERMISSION, LIA_AN_ERROR, "SESSION",
     "Le compte de connexion n'a pas le droit requis", "The login lacks the required permission",
     "Accorder le droit au compte de l'intégration (liaison diagnose dit lequel)",
     "Grant the permission to the integration's login (liaison diagnose says which)"},
    {LIA_EXIT_FAILED, LIA_AN_ERROR, "SESSION",
     "Une opération a échoué ; le message et le serveur disent pourquoi",
     "An operation failed; the message and the server say why",
     "Lire le message du serveur et corriger la donnée ou l'objet concerné",
     "Read the server's message and fix the record or object concerned"},
    {LIA_EXIT_REMOTE, LIA_AN_ERROR, "SESSION",
     "Le service web a refusé l'appel ou répondu une erreur", "The web service refused the call or answered an error",
     "Lire la réponse du service web (journal du serveur) et corriger la donnée ou la configuration",
     "Read the web service's answer (server log) and fix the record or the configuration"},
    {LIA_EXIT_IO, LIA_AN_ERROR, "SESSION",
     "Un fichier est absent, illisible ou ne peut pas être écrit", "A file is missing, unreadable or cannot be written",
     "Vérifier le chemin, les droits et la place disque du fichier nommé",
     "Check the path, permissions and disk space of the file named"},
    {LIA_EXIT_BUSY, LIA_AN_TRANSIENT, "SESSION",
     "Une autre exécution tient le verrou, ou la réplication est en pause",
     "Another run holds the lock, or replication is paused",
     "Rien à faire : l'exécution suivante réessaie ; si cela dure, chercher le processus bloqué ou l'interrupteur de pause",
     "Nothing to do: the next run retries; if it lasts, look for the stuck process or the pause switch"},
    {LIA_EXIT_INTERNAL, LIA_AN_FATAL, "SESSION",
     "Erreur interne de Liaison (mémoire, fonction absente)", "Liaison internal error (memory, missing feature)",
     "Relancer ; si cela se répète, signaler le problème avec le journal",
     "Run again; if it repeats, report the problem with the journal"},
};

/* Codes whose exit class does not say how a journal should treat them. */
static const struct lib_override { const char *name; int severity; } lib_overrides[] = {
    /* exit "failed", but SQL Server replays nothing: the next run retries */
    {"LIA_E_DEADLOCK", LIA_AN_TRANSIENT},
    /* exit "connect", but a refused certificate or encryption does not heal by retrying */
    {"LIA_E_ENCRYPTION", LIA_AN_ERROR},
    {"LIA_E_TLS", LIA_AN_ERROR},
};

size_t an_libcode_count(void) { return sizeof lib_codes / sizeof lib_codes[0]; }

const char *an_libcode_override(size_t i, int *severity)
{
    if (i >= sizeof lib_overrides / sizeof lib_overrides[0])
        return NULL;
    *severity = lib_overrides[i].severity;
    return lib_overrides[i].name;
}

int an_libcode_severity(const char *name, int exit_code)
{
    for (size_t i = 0; i < sizeof lib_overrides / sizeof lib_overrides[0]; i++)
        if (strcmp(lib_overrides[i].name, name) == 0)
            return lib_overrides[i].severity;
    for (size_t i = 0; i < sizeof lib_classes / sizeof lib_classes[0]; i++)
        if (lib_classes[i].exit_code == exit_code)
            return lib_classes[i].severity;
    return -1;
}

static const struct lib_class *class_of(int exit_code)
{
    for (size_t i = 0; i < sizeof lib_classes / sizeof lib_classes[0]; i++)
        if (lib_classes[i].exit_code == exit_code)
            return &lib_classes[i];
    return &lib_classes[sizeof lib_classes / sizeof lib_classes[0] - 1];   /* internal */
}

lia_code an_catalog_add_library(lia_an_catalog *c, lia_error *err)
{
    for (size_t i = 0; i < an_libcode_count(); i++) {
        const struct lib_code *lc = &lib_codes[i];
        int dup = 0;   /* a stanza of the rules file replaces the generated rule */
        for (size_t j = 0; j < c->n && !dup; j++)
            dup = strcmp(c->v[j].code, lc->name) == 0;
        if (dup)
            continue;
        if (c->n == c->cap) {
            size_t ncap = c->cap ? c->cap * 2 : 64;
            an_rule *nv = realloc(c->v, ncap * sizeof *nv);
            if (!nv)
                return lia_fail(err, LIA_E_NOMEM, "%s", lc->name);
            c->v = nv;
            c->cap = ncap;
        }
        const struct lib_class *k = class_of(lc->exit_code);
        an_rule *r = &c->v[c->n++];
        memset(r, 0, sizeof *r);
        r->severity = an_libcode_severity(lc->name, lc->exit_code);
        if (r->severity < 0)
            r->severity = k->severity;
        r->code = strdup(lc->name);
        r->entity = strdup(k->entity);
        r->title_fr = strdup(lc->fr);
        r->title_en = strdup(lc->en);
        r->cause_fr = strdup(k->cause_fr);
        r->cause_en = strdup(k->cause_en);
        r->fix_fr = strdup(k->fix_fr);
        r->fix_en = strdup(k->fix_en);
        r->library = 1;
        if (!r->code || !r->entity || !r->title_fr || !r->title_en || !r->cause_fr || !r->cause_en ||
            !r->fix_fr || !r->fix_en)
            return lia_fail(err, LIA_E_NOMEM, "%s", lc->name);
    }
    return LIA_OK;
}
