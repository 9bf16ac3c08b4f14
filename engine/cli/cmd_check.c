/* `liaison check`: the installation wizard's test.  Connects to GesCom (and
 * the CRM when configured), says what it found, and lists the prerequisites
 * met and not met; blocks (non-zero exit) when one is missing. */
#include "cli_common.h"
#include "commands.h"

#include "liaison/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum item_state { ITEM_OK, ITEM_MISSING, ITEM_WARNING, ITEM_INFO };

struct item {
    const char *target;   /* "config", "gescom", "crm" */
    const char *id;       /* stable name for --format json */
    enum item_state state;
    lia_code code;        /* for missing items */
    int sql_number;
    char text[900];
};

struct server_info {
    const char *target;
    int connected;
    char endpoint[200];
    char database[129];
    char version[64];
    char edition[128];
    char version_text[300];
    char collation[129];
    char login[129];
};

struct report {
    struct item items[32];
    int n;
    lia_code first_code;  /* first blocking failure */
    lia_error first_err;
    struct server_info srv[2];
    int nsrv;
    lia_journal *journal;
};

static struct item *add(struct report *r, const char *target, const char *id, enum item_state st,
                        lia_code code, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static struct item *add(struct report *r, const char *target, const char *id, enum item_state st,
                        lia_code code, const char *fmt, ...)
{
    if (r->n >= (int)(sizeof r->items / sizeof r->items[0]))
        return NULL;
    struct item *it = &r->items[r->n++];
    memset(it, 0, sizeof *it);
    it->target = target;
    it->id = id;
    it->state = st;
    it->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(it->text, sizeof it->text, fmt, ap);
    va_end(ap);
    if (st == ITEM_MISSING && r->first_code == LIA_OK) {
        r->first_code = code;
        lia_error_clear(&r->first_err);
        r->first_err.code = code;
    }
    if (r->journal) {
        static const lia_level levels[] = {LIA_LVL_INFO, LIA_LVL_ERROR, LIA_LVL_WARN, LIA_LVL_INFO};
        lia_buf extra = LIA_BUF_INIT;
        lia_buf_printf(&extra, "check=%s.%s", target, id);
        lia_event ev = {levels[st], NULL, strcmp(id, "connect") == 0 ? "SESSION" : "PARAM",
                        strcmp(id, "connect") == 0 ? "LOGON" : NULL, NULL, NULL,
                        st == ITEM_MISSING ? lia_code_name(code) : NULL, NULL, it->text,
                        lia_buf_str(&extra)};
        lia_journal_event(r->journal, &ev);
        lia_buf_free(&extra);
    }
    return it;
}

/* A missing item from an error: its one-line message is the text. */
static void add_error(struct report *r, const char *target, const char *id, const char *what,
                      const lia_error *err)
{
    char msg[900];
    int first = r->first_code == LIA_OK;
    lia_error_format(err, msg, sizeof msg);
    struct item *it = add(r, target, id, ITEM_MISSING, err->code, "%s : %s", what, msg);
    if (it)
        it->sql_number = err->sql_number;
    if (first)
        r->first_err = *err;
}

static void copy_col(lia_db *db, int col, char *dst, size_t size)
{
    const char *s = col < lia_db_ncols(db) ? lia_db_str(db, col) : NULL;
    snprintf(dst, size, "%s", s ? s : "");
}

/* Reads sql/engine/server_info.sql into si; a failure is only a warning,
 * unless the connection itself failed (returns 0 then). */
static int read_server_info(struct report *r, lia_db *db, struct server_info *si)
{
    lia_error err;
    lia_error_clear(&err);
    if (*lia_db_database(db))
        snprintf(si->database, sizeof si->database, "%s", lia_db_database(db));
    int ok = lia_db_query_file(db, "engine/server_info.sql", NULL, 0, &err) == LIA_OK &&
             lia_db_next_result(db, &err) > 0 && lia_db_fetch(db, &err) > 0;
    if (ok) {
        copy_col(db, 0, si->version, sizeof si->version);
        copy_col(db, 1, si->edition, sizeof si->edition);
        copy_col(db, 2, si->version_text, sizeof si->version_text);
        char dbname[129];
        copy_col(db, 3, dbname, sizeof dbname);
        if (dbname[0])
            snprintf(si->database, sizeof si->database, "%s", dbname);
        copy_col(db, 4, si->collation, sizeof si->collation);
        copy_col(db, 5, si->login, sizeof si->login);
        lia_db_cancel(db);
        /* @@VERSION spans lines; its first line names the product. */
        si->version_text[strcspn(si->version_text, "\r\n")] = '\0';
        add(r, si->target, "server", ITEM_INFO, LIA_OK, "%s : %s%s%s%s%s",
            lia_tr("serveur", "server"), si->version_text[0] ? si->version_text : "SQL Server",
            si->version[0] ? " / " : "", si->version, si->edition[0] ? " / " : "", si->edition);
        add(r, si->target, "database", ITEM_INFO, LIA_OK, "%s : %s, collation %s, login %s",
            lia_tr("base", "database"), si->database, si->collation[0] ? si->collation : "?",
            si->login[0] ? si->login : "?");
        /* Sage 100 creates its companies with a French collation; another one
         * changes comparisons and the code page of varchar text. */
        if (strcmp(si->target, "gescom") == 0 && si->collation[0] && strncmp(si->collation, "French_", 7) != 0)
            add(r, si->target, "collation", ITEM_WARNING, LIA_OK, "%s : %s",
                lia_tr("collation inattendue pour une base GesCom (French_CI_AS attendue)",
                       "unexpected collation for a GesCom database (French_CI_AS expected)"),
                si->collation);
    } else if (err.code == LIA_E_TIMEOUT || err.code == LIA_E_CONN_LOST) {
        add_error(r, si->target, "server", lia_tr("identité du serveur non lue", "server identity not read"), &err);
        return 0;
    } else {
        char msg[700];
        lia_db_cancel(db);
        add(r, si->target, "server", ITEM_WARNING, LIA_OK, "%s : %s",
            lia_tr("identité du serveur non lue", "server identity not read"),
            lia_error_format(&err, msg, sizeof msg));
    }
    return 1;
}

/* 1 when the query's failure means the server lacks a function (old
 * versions, simulators): the check then falls back or warns. */
static int unsupported(const lia_error *err)
{
    return err->sql_number == 195 || err->sql_number == 102 || err->sql_number == 156 ||
           err->sql_number == 4121 || err->sql_number == 208;
}

static int check_gescom_tables(struct report *r, lia_db *db)
{
    lia_error err;
    lia_error_clear(&err);
    lia_buf missing = LIA_BUF_INIT, optional = LIA_BUF_INIT;
    int required_present = 0, rc;
    if (lia_db_query_file(db, "engine/gescom_tables.sql", NULL, 0, &err) != LIA_OK ||
        lia_db_next_result(db, &err) <= 0) {
        add_error(r, "gescom", "gescom_tables", lia_tr("tables GesCom non lues", "GesCom tables not read"), &err);
        return 0;
    }
    while ((rc = lia_db_fetch(db, &err)) > 0) {
        int64_t req = 0, present = 0;
        const char *name = lia_db_str(db, 0);
        lia_db_int64(db, 1, &req);
        lia_db_int64(db, 2, &present);
        if (present && req)
            required_present++;
        else if (!present) {
            lia_buf *b = req ? &missing : &optional;
            lia_buf_printf(b, "%s%s", b->len ? ", " : "", name ? name : "?");
        }
    }
    lia_db_cancel(db);
    if (rc < 0) {
        add_error(r, "gescom", "gescom_tables", lia_tr("tables GesCom non lues", "GesCom tables not read"), &err);
        lia_buf_free(&missing);
        lia_buf_free(&optional);
        return 0;
    }
    int ok = missing.len == 0 && required_present > 0;
    if (ok) {
        add(r, "gescom", "gescom_tables", ITEM_OK, LIA_OK, "%s (%d %s)",
            lia_tr("base Sage 100 Gestion Commerciale reconnue", "Sage 100 Gestion Commerciale database recognised"),
            required_present, lia_tr("tables requises présentes", "required tables present"));
    } else {
        lia_error e;
        lia_error_clear(&e);
        lia_fail(&e, LIA_E_NOT_GESCOM, "%s", lia_db_database(db));
        lia_error_detail(&e, "%s %s", lia_tr("tables absentes :", "missing tables:"), lia_buf_str(&missing));
        add_error(r, "gescom", "gescom_tables", lia_tr("base GesCom", "GesCom database"), &e);
    }
    if (optional.len)
        add(r, "gescom", "gescom_optional", ITEM_WARNING, LIA_OK, "%s : %s",
            lia_tr("tables facultatives absentes", "optional tables missing"), lia_buf_str(&optional));
    lia_buf_free(&missing);
    lia_buf_free(&optional);
    return ok;
}

static void check_gescom_permissions(struct report *r, lia_db *db)
{
    lia_error err;
    lia_error_clear(&err);
    const char *what = lia_tr("lecture (SELECT) des tables GesCom", "read (SELECT) on the GesCom tables");
    lia_buf denied = LIA_BUF_INIT;
    int rc = -1;
    if (lia_db_query_file(db, "engine/gescom_permissions.sql", NULL, 0, &err) == LIA_OK &&
        lia_db_next_result(db, &err) > 0) {
        while ((rc = lia_db_fetch(db, &err)) > 0) {
            int64_t can = 0;
            if (lia_db_int64(db, 1, &can) != 0 || !can) {
                const char *name = lia_db_str(db, 0);
                lia_buf_printf(&denied, "%s%s", denied.len ? ", " : "", name ? name : "?");
            }
        }
    }
    lia_db_cancel(db);
    if (rc == 0) {
        if (denied.len == 0) {
            add(r, "gescom", "gescom_select", ITEM_OK, LIA_OK, "%s", what);
        } else {
            lia_error e;
            lia_error_clear(&e);
            lia_fail(&e, LIA_E_PERMISSION, "SELECT");
            lia_error_detail(&e, "%s", lia_buf_str(&denied));
            add_error(r, "gescom", "gescom_select", what, &e);
        }
        lia_buf_free(&denied);
        return;
    }
    lia_buf_free(&denied);
    if (!unsupported(&err) && err.code != LIA_E_SQL) {
        add_error(r, "gescom", "gescom_select", what, &err);
        return;
    }
    /* No HAS_PERMS_BY_NAME here: read nothing from each table instead. */
    lia_error_clear(&err);
    if (lia_db_exec_file(db, "engine/gescom_select_probe.sql", NULL, 0, NULL, &err) == LIA_OK)
        add(r, "gescom", "gescom_select", ITEM_OK, LIA_OK, "%s", what);
    else
        add_error(r, "gescom", "gescom_select", what, &err);
}

static void check_crm_permissions(struct report *r, lia_db *db)
{
    lia_error err;
    lia_error_clear(&err);
    const char *install = lia_tr("création des objets Liaison (install) : CREATE TABLE/VIEW/SCHEMA ou db_owner",
                                 "creating Liaison's objects (install): CREATE TABLE/VIEW/SCHEMA or db_owner");
    const char *replicate = lia_tr("écriture dans le schéma liaison (replicate) : INSERT/UPDATE/DELETE",
                                   "writing to the liaison schema (replicate): INSERT/UPDATE/DELETE");
    int64_t v[10];
    int isnull[10];
    int ok = lia_db_query_file(db, "engine/crm_permissions.sql", NULL, 0, &err) == LIA_OK &&
             lia_db_next_result(db, &err) > 0 && lia_db_fetch(db, &err) > 0;
    if (ok) {
        for (int i = 0; i < 10; i++) {
            isnull[i] = lia_db_isnull(db, i);
            v[i] = 0;
            if (!isnull[i])
                lia_db_int64(db, i, &v[i]);
        }
    }
    lia_db_cancel(db);
    if (!ok) {
        char msg[700];
        lia_error_format(&err, msg, sizeof msg);
        if (err.code == LIA_E_CONN_LOST || err.code == LIA_E_TIMEOUT) {
            add_error(r, "crm", "crm_install", install, &err);
            return;
        }
        add(r, "crm", "crm_install", ITEM_WARNING, LIA_OK, "%s : %s : %s", install,
            lia_tr("non vérifiable", "cannot be verified"), msg);
        add(r, "crm", "crm_replicate", ITEM_WARNING, LIA_OK, "%s : %s : %s", replicate,
            lia_tr("non vérifiable", "cannot be verified"), msg);
        return;
    }
    int owner = v[3] == 1;
    int schema = v[4] == 1;
    int can_install = owner || (v[0] == 1 && v[1] == 1 && (schema ? v[5] == 1 : v[2] == 1));
    if (can_install) {
        add(r, "crm", "crm_install", ITEM_OK, LIA_OK, "%s%s", install, owner ? " (db_owner)" : "");
    } else {
        lia_error e;
        lia_error_clear(&e);
        lia_fail(&e, LIA_E_PERMISSION, "%s", lia_db_database(db));
        lia_error_detail(&e, "CREATE TABLE=%d CREATE VIEW=%d CREATE SCHEMA=%d db_owner=%d", (int)v[0],
                         (int)v[1], (int)v[2], (int)v[3]);
        add_error(r, "crm", "crm_install", install, &e);
    }
    if (!schema) {
        /* The login that creates the schema owns it, so it may write to it. */
        if (can_install)
            add(r, "crm", "crm_replicate", ITEM_OK, LIA_OK, "%s (%s)", replicate,
                lia_tr("schéma liaison créé par install", "liaison schema to be created by install"));
        else
            add(r, "crm", "crm_replicate", ITEM_WARNING, LIA_OK, "%s : %s", replicate,
                lia_tr("schéma liaison absent", "liaison schema missing"));
    } else if (owner || (v[6] == 1 && v[7] == 1 && v[8] == 1 && v[9] == 1)) {
        add(r, "crm", "crm_replicate", ITEM_OK, LIA_OK, "%s", replicate);
    } else {
        lia_error e;
        lia_error_clear(&e);
        lia_fail(&e, LIA_E_PERMISSION, "liaison");
        lia_error_detail(&e, "SELECT=%d INSERT=%d UPDATE=%d DELETE=%d", (int)v[6], (int)v[7], (int)v[8],
                         (int)v[9]);
        add_error(r, "crm", "crm_replicate", replicate, &e);
    }
}

static void check_target(struct report *r, const lia_config *cfg, const char *target)
{
    struct server_info *si = &r->srv[r->nsrv++];
    memset(si, 0, sizeof *si);
    si->target = target;
    const lia_db_config *c = strcmp(target, "crm") == 0 ? &cfg->crm : &cfg->gescom;
    if (c->port || !c->instance[0])
        snprintf(si->endpoint, sizeof si->endpoint, "%.180s:%d", c->server, c->port ? c->port : 1433);
    else
        snprintf(si->endpoint, sizeof si->endpoint, "%.120s\\%.70s", c->server, c->instance);
    snprintf(si->database, sizeof si->database, "%s", c->database);
    lia_db *db = NULL;
    lia_error err;
    lia_error_clear(&err);
    const char *what = lia_tr("connexion", "connection");
    if (lia_cli_connect(cfg, target, &db, &err) != LIA_OK) {
        add_error(r, target, "connect", what, &err);
        return;
    }
    si->connected = 1;
    const char *current = lia_db_database(db);
    add(r, target, "connect", ITEM_OK, LIA_OK, "%s : %s@%s, %s %s", what, c->user, si->endpoint,
        lia_tr("base", "database"), current && *current ? current : c->database);
    if (!read_server_info(r, db, si)) {
        lia_db_close(db);
        return;
    }
    if (strcmp(target, "gescom") == 0) {
        if (check_gescom_tables(r, db))
            check_gescom_permissions(r, db);
    } else {
        check_crm_permissions(r, db);
    }
    lia_db_close(db);
}

static void print_text(const struct report *r, const lia_config *cfg)
{
    printf("%s %s\n", lia_tr("Configuration :", "Configuration:"), cfg->path);
    const char *last = NULL;
    int met = 0, missing = 0, warnings = 0;
    for (int i = 0; i < r->n; i++) {
        const struct item *it = &r->items[i];
        if (!last || strcmp(last, it->target) != 0) {
            const struct server_info *si = NULL;
            for (int s = 0; s < r->nsrv; s++)
                if (strcmp(r->srv[s].target, it->target) == 0)
                    si = &r->srv[s];
            printf("%s", strcmp(it->target, "crm") == 0 ? "CRM" : "GesCom");
            if (si)
                printf(" (%s, %s %s)", si->endpoint, lia_tr("base", "database"), si->database);
            printf("\n");
            last = it->target;
        }
        static const char *const marks[] = {"✓", "✗", "⚠", "·"};
        printf("  %s %s\n", marks[it->state], it->text);
        met += it->state == ITEM_OK;
        missing += it->state == ITEM_MISSING;
        warnings += it->state == ITEM_WARNING;
    }
    printf("%s %d %s, %d %s, %d %s\n", lia_tr("Prérequis :", "Prerequisites:"), met,
           lia_tr("remplis", "met"), missing, lia_tr("manquants", "missing"), warnings,
           lia_tr("avertissements", "warnings"));
    if (missing)
        printf("%s\n", lia_tr("Installation bloquée : corriger les points ✗ puis relancer 'liaison check'",
                              "Installation blocked: fix the ✗ items, then run 'liaison check' again"));
}

static void print_json(const struct report *r, const lia_config *cfg)
{
    lia_buf b = LIA_BUF_INIT;
    static const char *const states[] = {"ok", "missing", "warning", "info"};
    int met = 0, missing = 0, warnings = 0;
    for (int i = 0; i < r->n; i++) {
        met += r->items[i].state == ITEM_OK;
        missing += r->items[i].state == ITEM_MISSING;
        warnings += r->items[i].state == ITEM_WARNING;
    }
    lia_buf_adds(&b, "{\"config\":");
    lia_buf_json_str(&b, cfg->path);
    lia_buf_printf(&b, ",\"status\":\"%s\",\"exit_code\":%d,\"met\":%d,\"missing\":%d,\"warnings\":%d,\"servers\":[",
                   missing ? "blocked" : "ok", missing ? lia_code_exit(r->first_code) : 0, met, missing,
                   warnings);
    for (int s = 0; s < r->nsrv; s++) {
        const struct server_info *si = &r->srv[s];
        lia_buf_printf(&b, "%s{\"target\":\"%s\",\"connected\":%s,\"endpoint\":", s ? "," : "", si->target,
                       si->connected ? "true" : "false");
        lia_buf_json_str(&b, si->endpoint);
        const char *keys[] = {"database", "product_version", "edition", "version", "collation", "login"};
        const char *vals[] = {si->database, si->version, si->edition, si->version_text, si->collation, si->login};
        for (int k = 0; k < 6; k++) {
            lia_buf_printf(&b, ",\"%s\":", keys[k]);
            if (vals[k][0])
                lia_buf_json_str(&b, vals[k]);
            else
                lia_buf_adds(&b, "null");
        }
        lia_buf_addc(&b, '}');
    }
    lia_buf_adds(&b, "],\"checks\":[");
    for (int i = 0; i < r->n; i++) {
        const struct item *it = &r->items[i];
        lia_buf_printf(&b, "%s{\"target\":\"%s\",\"id\":\"%s\",\"status\":\"%s\",\"message\":", i ? "," : "",
                       it->target, it->id, states[it->state]);
        lia_buf_json_str(&b, it->text);
        if (it->state == ITEM_MISSING)
            lia_buf_printf(&b, ",\"error\":\"%s\",\"exit_code\":%d,\"sql_number\":%d", lia_code_name(it->code),
                           lia_code_exit(it->code), it->sql_number);
        lia_buf_addc(&b, '}');
    }
    lia_buf_adds(&b, "]}\n");
    fputs(lia_buf_str(&b), stdout);
    lia_buf_free(&b);
}

static void print_help(void)
{
    printf("%s\n\n%s\n\n%s\n", lia_tr("usage : liaison check [-c FICHIER] [--format text|json] [--lang fr|en]",
                                      "usage: liaison check [-c FILE] [--format text|json] [--lang fr|en]"),
           lia_tr("Teste la connexion à la base GesCom (et à la base CRM si la section [crm] existe),\n"
                  "affiche la version du serveur, la base et sa collation, vérifie que la base est une\n"
                  "base Sage 100 Gestion Commerciale et que l'identifiant a les droits nécessaires\n"
                  "(lecture sur GesCom ; création d'objets et écriture côté CRM), puis liste les\n"
                  "prérequis remplis (✓) et manquants (✗).",
                  "Tests the connection to the GesCom database (and to the CRM database when the [crm]\n"
                  "section exists), shows the server version, the database and its collation, checks\n"
                  "that the database is a Sage 100 Gestion Commerciale one and that the login has the\n"
                  "rights it needs (read on GesCom; object creation and writes on the CRM side), then\n"
                  "lists the prerequisites met (✓) and missing (✗)."),
           lia_tr("Options :\n"
                  "  -c, --config FICHIER  fichier de configuration (défaut : ./liaison.ini)\n"
                  "  --format text|json    format du rapport (défaut : text)\n"
                  "  --lang fr|en          langue des messages\n"
                  "  -h, --help            cette aide\n\n"
                  "Codes de sortie : 0 prérequis remplis, 2 usage, 3 configuration, 4 connexion,\n"
                  "5 authentification, 6 base absente ou non GesCom, 7 droits insuffisants,\n"
                  "10 journal impossible à écrire (docs/exit-codes.md)",
                  "Options:\n"
                  "  -c, --config FILE     configuration file (default: ./liaison.ini)\n"
                  "  --format text|json    report format (default: text)\n"
                  "  --lang fr|en          message language\n"
                  "  -h, --help            this help\n\n"
                  "Exit codes: 0 prerequisites met, 2 usage, 3 configuration, 4 connection,\n"
                  "5 authentication, 6 database missing or not GesCom, 7 insufficient rights,\n"
                  "10 journal cannot be written (docs/exit-codes.md)"));
}

int lia_cmd_check(int argc, char **argv)
{
    struct lia_cli_common o;
    lia_cli_common_init(&o, "check", "text,json");
    /* check takes only the shared options */
    int first = lia_cli_next_arg(&o, argc, argv, 0);
    if (first < 0)
        return LIA_EXIT_USAGE;
    if (first < argc)
        return lia_cli_unknown_option("check", argv[first]);
    if (o.help) {
        print_help();
        return LIA_EXIT_OK;
    }
    static lia_config cfg;
    int ex = lia_cli_load_config(&o, &cfg);
    if (ex)
        return ex;
    static struct report rep;
    memset(&rep, 0, sizeof rep);
    lia_error err;
    lia_error_clear(&err);
    if (lia_cli_journal_open(&cfg, &rep.journal, &err) != LIA_OK) {
        lia_config_wipe(&cfg);
        return lia_cli_fail(&err);
    }
    lia_journal_run_start(rep.journal, "check");
    check_target(&rep, &cfg, "gescom");
    if (cfg.crm.present)
        check_target(&rep, &cfg, "crm");
    lia_config_wipe(&cfg);

    int met = 0;
    for (int i = 0; i < rep.n; i++)
        met += rep.items[i].state == ITEM_OK;
    char counters[64];
    snprintf(counters, sizeof counters, "read=%d", met);
    lia_journal_run_end(rep.journal, rep.first_code == LIA_OK ? "check" : lia_code_name(rep.first_code),
                        counters);
    int journal_failed = lia_journal_failed(rep.journal);
    lia_journal_close(rep.journal);

    if (strcmp(o.format, "json") == 0)
        print_json(&rep, &cfg);
    else
        print_text(&rep, &cfg);
    fflush(stdout);
    if (rep.first_code != LIA_OK)
        return lia_cli_fail(&rep.first_err);
    if (journal_failed) {
        lia_fail(&err, LIA_E_JOURNAL, "%s", cfg.journal_path);
        return lia_cli_fail(&err);
    }
    return LIA_EXIT_OK;
}
