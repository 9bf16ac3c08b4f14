/* `liaison diagnose`: runs the GesCom data checks of the catalogue
 * (diagnostics/catalog.ini) read-only and reports findings.  Exit 0 when
 * nothing was found among the selected checks, 1 with findings, 8 when a
 * check failed, other codes per docs/exit-codes.md. */
#include "commands.h"

#include "liaison/config.h"
#include "liaison/db.h"
#include "liaison/diag.h"
#include "liaison/journal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

static const char *const CMD = "diagnose";

static void usage(FILE *out)
{
    fputs(lia_tr(
        "usage : liaison diagnose [options]\n"
        "Contrôle les données de la base GesCom (lecture seule) et signale ce qui bloquera la synchronisation.\n\n"
        "Connexion :\n"
        "  -c, --config FICHIER    fichier de configuration (sections [gescom] et [crm])\n"
        "  --server HÔTE[:PORT]    serveur SQL (sinon la configuration)\n"
        "  --database BASE         base GesCom\n"
        "  --user UTILISATEUR      identifiant SQL ; mot de passe dans LIAISON_PASSWORD\n"
        "  --crm-database BASE     base CRM (comparaison des classements, D082)\n"
        "  --timeout SECONDES      délai maximal de chaque contrôle (défaut 600)\n"
        "Sélection :\n"
        "  --list                  affiche le catalogue des contrôles et s'arrête\n"
        "  --check ID...           contrôles choisis (mode manuel) ; défaut : tous\n"
        "  --min-priority N        seulement les priorités >= N (1 = bloquant ... 250 = information)\n"
        "  --max-priority N        seulement les priorités <= N\n"
        "  --skip-file FICHIER     contrôles à ignorer : une ligne « ID [BASE] »\n"
        "  --numbering gescom|crm  numérotation des comptes de l'intégration (défaut gescom, D070)\n"
        "  --backup-days N         ancienneté maximale de la dernière sauvegarde (défaut 7, D081)\n"
        "  --reference-date AAAA-MM-JJ  date de référence (défaut : aujourd'hui)\n"
        "Sortie :\n"
        "  --format text|json|csv|markdown|html   (défaut text)\n"
        "  --output FICHIER        écrit le rapport dans FICHIER (sinon la sortie standard)\n"
        "  --max-keys N            clés affichées par constat (défaut 10, 0 = toutes)\n"
        "  --bom                   CSV : marque d'ordre UTF-8 pour Excel\n"
        "  --color auto|always|never   couleurs du format texte (défaut auto)\n"
        "  --no-progress           pas d'avancement sur le terminal\n"
        "  --history FICHIER       mémorise les constats ; signale les nouveaux et les corrigés\n"
        "  --journal FICHIER|-     journal d'exécution (défaut : celui de la configuration)\n"
        "  --no-journal            pas de journal\n"
        "Codes de sortie : 0 aucun constat, 1 constats, 8 contrôle en échec ; voir docs/exit-codes.md\n",
        "usage: liaison diagnose [options]\n"
        "Checks the GesCom database's data (read-only) and reports what will break the synchronisation.\n\n"
        "Connection:\n"
        "  -c, --config FILE       configuration file ([gescom] and [crm] sections)\n"
        "  --server HOST[:PORT]    SQL server (else the configuration)\n"
        "  --database DB           GesCom database\n"
        "  --user USER             SQL login; password in LIAISON_PASSWORD\n"
        "  --crm-database DB       CRM database (collation comparison, D082)\n"
        "  --timeout SECONDS       time limit of each check (default 600)\n"
        "Selection:\n"
        "  --list                  print the check catalogue and stop\n"
        "  --check ID...           chosen checks (manual mode); default: all\n"
        "  --min-priority N        only priorities >= N (1 = blocking ... 250 = information)\n"
        "  --max-priority N        only priorities <= N\n"
        "  --skip-file FILE        checks to skip: one line 'ID [DATABASE]'\n"
        "  --numbering gescom|crm  account numbering of the integration (default gescom, D070)\n"
        "  --backup-days N         maximum age of the last full backup (default 7, D081)\n"
        "  --reference-date YYYY-MM-DD  reference date (default: today)\n"
        "Output:\n"
        "  --format text|json|csv|markdown|html   (default text)\n"
        "  --output FILE           write the report to FILE (else standard output)\n"
        "  --max-keys N            keys shown per finding (default 10, 0 = all)\n"
        "  --bom                   CSV: UTF-8 byte order mark for Excel\n"
        "  --color auto|always|never   colours of the text format (default auto)\n"
        "  --no-progress           no progress on the terminal\n"
        "  --history FILE          remember findings; report new and fixed ones\n"
        "  --journal FILE|-        run journal (default: the configuration's)\n"
        "  --no-journal            no journal\n"
        "Exit codes: 0 no findings, 1 findings, 8 a check failed; see docs/exit-codes.md\n"),
        out);
}

typedef struct opts {
    const char *config, *server, *database, *user, *crm_database;
    int timeout;
    int list;
    const char **checks;
    size_t nchecks;
    char **pieces;   /* copies of --check values the ids point into */
    size_t npieces;
    int min_prio, max_prio;
    const char *skip_file;
    int gescom_numbering;
    int backup_days;
    const char *ref_date;
    lia_diag_format format;
    const char *output;
    long max_keys;
    int bom;
    int color;   /* -1 auto */
    int progress;
    const char *history;
    const char *journal;
    int no_journal;
} opts;

static int parse_int(const char *s, long lo, long hi, long *out)
{
    if (!s || !*s)
        return -1;
    char *e;
    errno = 0;
    long v = strtol(s, &e, 10);
    if (*e || errno || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int valid_date(const char *s)
{
    int y, m, d;
    char tail;
    if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return 0;
    return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* Returns -1 to continue, else an exit code. */
static int parse_args(int argc, char **argv, opts *o)
{
    memset(o, 0, sizeof *o);
    o->min_prio = 1;
    o->max_prio = 255;
    o->gescom_numbering = 1;
    o->backup_days = 7;
    o->format = LIA_DIAG_TEXT;
    o->max_keys = 10;
    o->color = -1;
    o->progress = 1;
    o->checks = calloc((size_t)argc * 8 + 1, sizeof *o->checks);
    o->pieces = calloc((size_t)argc + 1, sizeof *o->pieces);
    if (!o->checks || !o->pieces)
        return LIA_EXIT_INTERNAL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = NULL;
        char name[64];
        /* --opt=value or --opt value */
        const char *eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
        if (eq) {
            snprintf(name, sizeof name, "%.*s", (int)(eq - a), a);
            v = eq + 1;
        } else {
            snprintf(name, sizeof name, "%s", a);
        }
#define NEXT()                                                                                     \
    do {                                                                                           \
        if (!v) {                                                                                  \
            if (i + 1 >= argc)                                                                     \
                return lia_cli_usage(CMD, "%s '%s'", lia_tr("valeur manquante pour", "missing value for"), \
                                     name);                                                        \
            v = argv[++i];                                                                         \
        }                                                                                          \
    } while (0)
        if (!strcmp(name, "--help") || !strcmp(name, "-h")) {
            usage(stdout);
            return LIA_EXIT_OK;
        } else if (!strcmp(name, "--config") || !strcmp(name, "-c")) {
            NEXT();
            o->config = v;
        } else if (!strcmp(name, "--server")) {
            NEXT();
            o->server = v;
        } else if (!strcmp(name, "--database")) {
            NEXT();
            o->database = v;
        } else if (!strcmp(name, "--user")) {
            NEXT();
            o->user = v;
        } else if (!strcmp(name, "--crm-database")) {
            NEXT();
            o->crm_database = v;
        } else if (!strcmp(name, "--timeout")) {
            long n;
            NEXT();
            if (parse_int(v, 1, 86400, &n))
                return lia_cli_usage(CMD, "%s '%s'", lia_tr("délai invalide", "invalid timeout"), v);
            o->timeout = (int)n;
        } else if (!strcmp(name, "--list")) {
            o->list = 1;
        } else if (!strcmp(name, "--check")) {
            NEXT();
            /* --check D001 D004,D005 ...: ids until the next option. */
            for (;;) {
                char *dup = strdup(v), *save = NULL;
                if (!dup)
                    return LIA_EXIT_INTERNAL;
                o->pieces[o->npieces++] = dup;
                for (char *t = strtok_r(dup, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
                    if (o->nchecks >= (size_t)argc * 8)
                        return lia_cli_usage(CMD, "%s", lia_tr("trop de contrôles", "too many checks"));
                    o->checks[o->nchecks++] = t;
                }
                if (i + 1 < argc && argv[i + 1][0] != '-')
                    v = argv[++i];
                else
                    break;
            }
        } else if (!strcmp(name, "--min-priority") || !strcmp(name, "--max-priority")) {
            long n;
            NEXT();
            if (parse_int(v, 1, 255, &n))
                return lia_cli_usage(CMD, "%s '%s'", lia_tr("priorité invalide (1 à 255)",
                                                            "invalid priority (1 to 255)"), v);
            if (name[2] == 'm' && name[3] == 'i')
                o->min_prio = (int)n;
            else
                o->max_prio = (int)n;
        } else if (!strcmp(name, "--skip-file")) {
            NEXT();
            o->skip_file = v;
        } else if (!strcmp(name, "--numbering")) {
            NEXT();
            if (!strcmp(v, "gescom"))
                o->gescom_numbering = 1;
            else if (!strcmp(v, "crm"))
                o->gescom_numbering = 0;
            else
                return lia_cli_usage(CMD, "%s '%s'", lia_tr("numérotation inconnue (gescom ou crm)",
                                                            "unknown numbering (gescom or crm)"), v);
        } else if (!strcmp(name, "--backup-days")) {
            long n;
            NEXT();
            if (parse_int(v, 1, 3650, &n))
                return lia_cli_usage(CMD, "%s '%s'", lia_tr("nombre de jours invalide", "invalid number of days"), v);
            o->backup_days = (int)n;
        } else if (!strcmp(name, "--reference-date")) {
            NEXT();
            if (!valid_date(v))
                return lia_cli_usage(CMD, "%s '%s'", lia_tr("date invalide (AAAA-MM-JJ)", "invalid date (YYYY-MM-DD)"), v);
            o->ref_date = v;
        } else if (!strcmp(name, "--format")) {
            NEXT();
            if (lia_diag_format_parse(v, &o->format))
                return lia_cli_usage(CMD, "%s '%s'", lia_tr("format inconnu", "unknown format"), v);
        } else if (!strcmp(name, "--output") || !strcmp(name, "-o")) {
            NEXT();
            o->output = v;
        } else if (!strcmp(name, "--max-keys")) {
            NEXT();
            if (parse_int(v, 0, 100000000, &o->max_keys))
                return lia_cli_usage(CMD, "%s '%s'", lia_tr("nombre de clés invalide", "invalid number of keys"), v);
        } else if (!strcmp(name, "--bom")) {
            o->bom = 1;
        } else if (!strcmp(name, "--color") || !strcmp(name, "--colour")) {
            NEXT();
            if (!strcmp(v, "auto"))
                o->color = -1;
            else if (!strcmp(v, "always"))
                o->color = 1;
            else if (!strcmp(v, "never"))
                o->color = 0;
            else
                return lia_cli_usage(CMD, "%s '%s'", lia_tr("valeur inconnue (auto, always, never)",
                                                            "unknown value (auto, always, never)"), v);
        } else if (!strcmp(name, "--no-progress")) {
            o->progress = 0;
        } else if (!strcmp(name, "--history")) {
            NEXT();
            o->history = v;
        } else if (!strcmp(name, "--journal")) {
            NEXT();
            o->journal = v;
        } else if (!strcmp(name, "--no-journal")) {
            o->no_journal = 1;
        } else {
            return lia_cli_usage(CMD, "%s '%s'", lia_tr("option inconnue", "unknown option"), a);
        }
#undef NEXT
    }
    if (o->min_prio > o->max_prio)
        return lia_cli_usage(CMD, "%s", lia_tr("--min-priority est supérieure à --max-priority",
                                              "--min-priority is greater than --max-priority"));
    return -1;
}

/* Progress on a terminal: one line rewritten in place on stderr. */
static void progress(void *ctx, size_t i, size_t n, const lia_diag_check *c)
{
    (void)ctx;
    if (c)
        fprintf(stderr, "\r\033[K[%zu/%zu] %s %s", i + 1, n, c->id, lia_diag_title(c));
    else
        fprintf(stderr, "\r\033[K");
    fflush(stderr);
}

/* Writes all of the report or nothing: a temporary file renamed over FILE. */
static int write_output(const char *path, const lia_buf *b, lia_error *err)
{
    if (!path) {
        if (fwrite(lia_buf_str(b), 1, b->len, stdout) != b->len || fflush(stdout) != 0)
            return lia_fail(err, LIA_E_IO, "%s", "stdout");
        return LIA_OK;
    }
    size_t len = strlen(path) + 32;
    char *tmp = malloc(len);
    if (!tmp)
        return lia_fail(err, LIA_E_NOMEM, "%s", path);
    snprintf(tmp, len, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    lia_code rc = LIA_OK;
    if (!f || fwrite(lia_buf_str(b), 1, b->len, f) != b->len || fclose(f) != 0 || rename(tmp, path) != 0) {
        rc = lia_fail(err, LIA_E_IO, "%s", path);
        err->os_errno = errno;
        lia_error_detail(err, "%s", strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    return rc;
}

static int do_list(const opts *o)
{
    lia_diag_catalog cat;
    lia_error err;
    lia_error_clear(&err);
    if (lia_diag_catalog_load(NULL, &cat, &err) != LIA_OK)
        return lia_cli_fail(&err);
    lia_buf b = LIA_BUF_INIT;
    lia_diag_write_opts wo = {0, 0, o->bom, ';'};
    lia_diag_list_write(&cat, o->format, &wo, &b);
    int rc = write_output(o->output, &b, &err) == LIA_OK ? LIA_EXIT_OK : lia_cli_fail(&err);
    lia_buf_free(&b);
    lia_diag_catalog_free(&cat);
    return rc;
}

/* The selection: --check ids (unknown ids fail), then the priority band. */
static int select_checks(const opts *o, const lia_diag_catalog *cat, const lia_diag_check ***sel,
                         size_t *n)
{
    *sel = calloc(cat->n + o->nchecks + 1, sizeof **sel);
    *n = 0;
    if (!*sel)
        return LIA_EXIT_INTERNAL;
    if (o->nchecks) {
        for (size_t i = 0; i < o->nchecks; i++) {
            const lia_diag_check *c = lia_diag_catalog_find(cat, o->checks[i]);
            if (!c) {
                lia_error err;
                lia_error_clear(&err);
                lia_fail(&err, LIA_E_DIAG_UNKNOWN_CHECK, "%s", o->checks[i]);
                lia_error_detail(&err, "%s", lia_tr("voir 'liaison diagnose --list'", "see 'liaison diagnose --list'"));
                return lia_cli_fail(&err);
            }
            int dup = 0;
            for (size_t k = 0; k < *n; k++)
                dup |= (*sel)[k] == c;
            if (!dup && c->priority >= o->min_prio && c->priority <= o->max_prio)
                (*sel)[(*n)++] = c;
        }
    } else {
        for (size_t i = 0; i < cat->n; i++)
            if (cat->checks[i].priority >= o->min_prio && cat->checks[i].priority <= o->max_prio)
                (*sel)[(*n)++] = &cat->checks[i];
    }
    return -1;
}

static void journal_run(const char *path, const lia_diag_report *r, lia_error *err, int *failed)
{
    lia_journal *j = NULL;
    if (lia_journal_open(path, &j, err) != LIA_OK) {
        *failed = 1;
        return;
    }
    char msg[512];
    snprintf(msg, sizeof msg, "diagnose %s", r->database);
    lia_journal_run_start(j, msg);
    for (size_t i = 0; i < r->n; i++) {
        const lia_diag_result *res = &r->results[i];
        if (res->status == LIA_DIAG_CLEAN)
            continue;
        const lia_diag_check *c = res->check;
        char extra[256], code[64];
        snprintf(extra, sizeof extra, "check=%s\tpriority=%d\tcount=%lld\telapsed_ms=%ld", c->id,
                 c->priority, (long long)res->count, res->elapsed_ms);
        snprintf(code, sizeof code, "%.*s", (int)strcspn(c->codes, ", "), c->codes);
        lia_event ev = {0};
        ev.entity = "DIAG";
        ev.op = "-";
        ev.erp_key = res->nkeys ? res->keys[0] : NULL;
        /* A finding carries the synchronisation error it predicts; a check
         * that could not run carries the library's code of why. */
        ev.code = res->status != LIA_DIAG_FOUND ? (res->error ? lia_code_name(res->error) : NULL)
                  : strcmp(code, "-") ? code : NULL;
        ev.extra = extra;
        if (res->status == LIA_DIAG_FOUND) {
            ev.level = LIA_LVL_WARN;
            snprintf(msg, sizeof msg, "%s %s : %lld", c->id, lia_diag_title(c), (long long)res->count);
        } else {
            ev.level = res->status == LIA_DIAG_FAILED ? LIA_LVL_ERROR : LIA_LVL_INFO;
            snprintf(msg, sizeof msg, "%s %s : %s", c->id,
                     res->status == LIA_DIAG_FAILED ? lia_tr("échec", "failed")
                                                    : lia_tr("non évalué", "not evaluated"),
                     res->reason ? res->reason : "");
        }
        ev.message = msg;
        lia_journal_event(j, &ev);
    }
    size_t found, skipped, nfailed, clean;
    lia_diag_report_counts(r, &found, &skipped, &nfailed, &clean);
    char counters[200];
    snprintf(counters, sizeof counters, "read=%zu\twarn=%zu\terr=%zu\tskipped=%zu", r->n, found,
             nfailed, skipped);
    lia_journal_run_end(j, "diagnose", counters);
    if (lia_journal_failed(j)) {
        *failed = 1;
        lia_fail(err, LIA_E_JOURNAL, "%s", path);
    }
    lia_journal_close(j);
}

static int run(opts *o)
{
    lia_error err;
    lia_error_clear(&err);
    lia_config cfg;
    lia_config_defaults(&cfg);
    if (o->config && lia_config_load(o->config, &cfg, &err) != LIA_OK)
        return lia_cli_fail(&err);
    lia_db_config *g = &cfg.gescom;
    if (o->server) {
        const char *colon = strrchr(o->server, ':');
        snprintf(g->server, sizeof g->server, "%.*s", colon ? (int)(colon - o->server) : (int)strlen(o->server),
                 o->server);
        if (colon) {
            long port;
            if (parse_int(colon + 1, 1, 65535, &port))
                return lia_cli_usage(CMD, "%s '%s'", lia_tr("port invalide", "invalid port"), o->server);
            g->port = (int)port;
        }
    }
    if (o->database)
        snprintf(g->database, sizeof g->database, "%s", o->database);
    if (o->user)
        snprintf(g->user, sizeof g->user, "%s", o->user);
    if (!g->password[0] && getenv("LIAISON_PASSWORD"))
        snprintf(g->password, sizeof g->password, "%s", getenv("LIAISON_PASSWORD"));
    if (o->timeout)
        g->query_timeout = o->timeout;
    if (!g->server[0] || !g->database[0] || !g->user[0]) {
        lia_config_wipe(&cfg);
        return lia_cli_usage(CMD, "%s", lia_tr("serveur, base et utilisateur requis (--config ou --server, --database, --user)",
                                              "server, database and user required (--config or --server, --database, --user)"));
    }
    const char *crm = o->crm_database ? o->crm_database : (cfg.crm.database[0] ? cfg.crm.database : NULL);

    lia_diag_catalog cat;
    if (lia_diag_catalog_load(NULL, &cat, &err) != LIA_OK) {
        lia_config_wipe(&cfg);
        return lia_cli_fail(&err);
    }
    int rc = -1;
    const lia_diag_check **sel = NULL;
    size_t nsel = 0;
    lia_diag_skiplist skip = {NULL, 0};
    lia_db *db = NULL;
    lia_diag_report rep;
    memset(&rep, 0, sizeof rep);
    lia_buf out = LIA_BUF_INIT;

    if ((rc = select_checks(o, &cat, &sel, &nsel)) != -1)
        goto done;
    if (o->skip_file && lia_diag_skip_load(o->skip_file, &cat, &skip, &err) != LIA_OK) {
        rc = lia_cli_fail(&err);
        goto done;
    }
    lia_db_params p;
    lia_config_db_params(g, "gescom", &p);
    if (lia_db_connect(&p, &db, &err) != LIA_OK) {
        rc = lia_cli_fail(&err);
        goto done;
    }
    explicit_bzero(g->password, sizeof g->password);

    char today[16];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    strftime(rep.started, sizeof rep.started, "%Y-%m-%d %H:%M:%S", &tm);
    snprintf(rep.server, sizeof rep.server, "%s", lia_db_endpoint(db));
    snprintf(rep.database, sizeof rep.database, "%s", g->database);

    lia_diag_run_opts ro = {0};
    ro.ref_date = o->ref_date ? o->ref_date : today;
    ro.crm_database = crm;
    ro.gescom_numbering = o->gescom_numbering;
    ro.backup_days = o->backup_days;
    ro.timeout = g->query_timeout;
    ro.key_cap = 100000;   /* bounded memory; --max-keys only limits what is shown */
    if (o->max_keys > 0 && !o->history)
        ro.key_cap = (size_t)o->max_keys;
    ro.skip = &skip;
    ro.skip_path = o->skip_file;
    if (o->progress && isatty(STDERR_FILENO))
        ro.progress = progress;
    if (lia_diag_run(db, sel, nsel, &ro, &rep, &err) != LIA_OK) {
        rc = lia_cli_fail(&err);
        goto done;
    }
    if (o->history && lia_diag_history_apply(o->history, &rep, &err) != LIA_OK) {
        rc = lia_cli_fail(&err);
        goto done;
    }
    lia_diag_write_opts wo;
    wo.max_keys = (size_t)o->max_keys;
    wo.color = o->color == -1 ? (!o->output && o->format == LIA_DIAG_TEXT && isatty(STDOUT_FILENO) &&
                                 !getenv("NO_COLOR"))
                              : o->color;
    wo.bom = o->bom;
    wo.sep = ';';
    if (lia_diag_report_write(&rep, o->format, &wo, &out) != 0) {
        lia_fail(&err, LIA_E_NOMEM, "diagnose");
        rc = lia_cli_fail(&err);
        goto done;
    }
    if (write_output(o->output, &out, &err) != LIA_OK) {
        rc = lia_cli_fail(&err);
        goto done;
    }
    if (o->history && lia_diag_history_save(o->history, &rep, &err) != LIA_OK) {
        rc = lia_cli_fail(&err);
        goto done;
    }
    if (!o->no_journal) {
        const char *jpath = o->journal ? o->journal : cfg.journal_path;
        int jfailed = 0;
        lia_error jerr;
        lia_error_clear(&jerr);
        journal_run(jpath, &rep, &jerr, &jfailed);
        if (jfailed) {
            rc = lia_cli_fail(&jerr);
            goto done;
        }
    }
    size_t found, skipped, failed, clean;
    lia_diag_report_counts(&rep, &found, &skipped, &failed, &clean);
    rc = failed ? LIA_EXIT_FAILED : found ? LIA_EXIT_FINDINGS : LIA_EXIT_OK;
done:
    lia_buf_free(&out);
    lia_diag_report_free(&rep);
    lia_db_close(db);
    lia_diag_skip_free(&skip);
    free(sel);
    lia_diag_catalog_free(&cat);
    lia_config_wipe(&cfg);
    return rc;
}

int lia_cmd_diagnose(int argc, char **argv)
{
    opts o;
    int rc = parse_args(argc, argv, &o);
    if (rc == -1)
        rc = o.list ? do_list(&o) : run(&o);
    for (size_t i = 0; i < o.npieces; i++)
        free(o.pieces[i]);
    free(o.pieces);
    free(o.checks);
    return rc;
}
