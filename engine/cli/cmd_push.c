/* `liaison push`: sends the outbox of the CRM database to GesCom through the
 * integration web service (docs/push.md), and manages the blocked records
 * (--list-blocked, --exclude, --reactivate). */
#include "cli_common.h"
#include "commands.h"

#include "liaison/buf.h"
#include "liaison/push.h"
#include "liaison/soap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
    fputs(lia_tr(
        "usage : liaison push [-c FICHIER] [options]\n"
        "        liaison push --list-blocked [--format text|json]\n"
        "        liaison push --exclude ID | --reactivate ID\n"
        "  -c, --config FICHIER   configuration (défaut : ./liaison.ini) : [crm] et [soap]\n"
        "  --code-mode MODE       gestion du code comptable : free (saisie libre, défaut),\n"
        "                         crm (numérotation CRM), erp (numérotation GesCom, <AUTOERP>)\n"
        "  --code-suffix S        suffixe du code comptable (modes free et crm)\n"
        "  --batch N              éléments par appel SubmitBatch (défaut 1 : un appel par élément)\n"
        "  --limit N              éléments lus au plus (défaut 1000)\n"
        "  --list-blocked         liste des enregistrements bloqués (erreurs de synchronisation)\n"
        "  --exclude ID           sortir l'élément ID du flux (ne plus synchroniser)\n"
        "  --reactivate ID        le remettre dans le flux après correction\n"
        "Codes de sortie : 0 tout envoyé, 1 des éléments bloqués ou en attente, 2 usage,\n"
        "3 configuration, 4 connexion, 5 authentification, 6 base, 9 service web, 10 élément introuvable\n",
        "usage: liaison push [-c FILE] [options]\n"
        "       liaison push --list-blocked [--format text|json]\n"
        "       liaison push --exclude ID | --reactivate ID\n"
        "  -c, --config FILE      configuration (default: ./liaison.ini): [crm] and [soap]\n"
        "  --code-mode MODE       account-code management: free (free entry, default),\n"
        "                         crm (CRM numbering), erp (GesCom numbering, <AUTOERP>)\n"
        "  --code-suffix S        account-code suffix (free and crm modes)\n"
        "  --batch N              items per SubmitBatch call (default 1: one call per item)\n"
        "  --limit N              items read at most (default 1000)\n"
        "  --list-blocked         list the blocked records (synchronisation errors)\n"
        "  --exclude ID           take item ID out of the flow (stop synchronising it)\n"
        "  --reactivate ID        put it back in the flow after it was fixed\n"
        "Exit codes: 0 all sent, 1 items blocked or waiting, 2 usage, 3 configuration,\n"
        "4 connection, 5 authentication, 6 database, 9 web service, 10 item not found\n"),
          out);
}

static int parse_id(const char *s, long long *out)
{
    char *end;
    if (!s || !*s)
        return -1;
    long long v = strtoll(s, &end, 10);
    if (*end || v <= 0)
        return -1;
    *out = v;
    return 0;
}

static int list_blocked(lia_db *crm, const char *format)
{
    lia_push_blocked *b = NULL;
    int n = 0;
    lia_error err;
    lia_error_clear(&err);
    if (lia_push_list_blocked(crm, &b, &n, &err) != LIA_OK)
        return lia_cli_fail(&err);
    lia_buf out = LIA_BUF_INIT;
    if (format && strcmp(format, "json") == 0) {
        lia_buf_adds(&out, "[");
        for (int i = 0; i < n; i++) {
            lia_buf_printf(&out, "%s\n  {\"id\": %lld, \"entity\": ", i ? "," : "", b[i].id);
            lia_buf_json_str(&out, b[i].entity);
            lia_buf_adds(&out, ", \"operation\": ");
            lia_buf_json_str(&out, b[i].operation);
            lia_buf_adds(&out, ", \"code\": ");
            lia_buf_json_str(&out, b[i].code);
            lia_buf_adds(&out, ", \"message\": ");
            lia_buf_json_str(&out, b[i].message);
            lia_buf_printf(&out, ", \"attempts\": %d, \"excluded\": %s, \"updated\": ", b[i].attempts,
                           b[i].excluded ? "true" : "false");
            lia_buf_json_str(&out, b[i].updated);
            lia_buf_adds(&out, "}");
        }
        lia_buf_adds(&out, n ? "\n]\n" : "]\n");
    } else {
        if (n == 0)
            lia_buf_printf(&out, "%s\n", lia_tr("aucun enregistrement bloqué", "no blocked record"));
        for (int i = 0; i < n; i++)
            lia_buf_printf(&out, "%lld\t%s %s\t%s\t%s%s\n", b[i].id, b[i].entity, b[i].operation,
                           b[i].code[0] ? b[i].code : "-", b[i].message,
                           b[i].excluded ? lia_tr(" (exclu du flux)", " (out of the flow)") : "");
    }
    fputs(lia_buf_str(&out), stdout);
    lia_buf_free(&out);
    free(b);
    return LIA_EXIT_OK;
}

int lia_cmd_push(int argc, char **argv)
{
    struct lia_cli_common o;
    lia_cli_common_init(&o, "push", "text,json");
    int list = 0, batch = 1, limit = 1000;
    long long exclude = 0, reactivate = 0;
    const char *mode = "free", *suffix = "";
    for (int i = 0; (i = lia_cli_next_arg(&o, argc, argv, i)) < argc;) {
        if (i < 0)
            return LIA_EXIT_USAGE;
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--list-blocked") == 0) {
            list = 1;
        } else if ((strcmp(a, "--exclude") == 0 || strcmp(a, "--reactivate") == 0)) {
            long long id;
            if (parse_id(next, &id) != 0)
                return lia_cli_usage("push", "%s '%s'", lia_tr("identifiant d'élément invalide", "invalid item id"),
                                     next ? next : "");
            if (a[2] == 'e')
                exclude = id;
            else
                reactivate = id;
            i++;
        } else if (strcmp(a, "--code-mode") == 0 && next) {
            lia_push_mode m;
            if (lia_push_mode_parse(next, &m) != 0)
                return lia_cli_usage("push", "%s '%s'", lia_tr("mode de code comptable inconnu (free, crm, erp)",
                                                               "unknown account-code mode (free, crm, erp)"), next);
            mode = next;
            i++;
        } else if (strcmp(a, "--code-suffix") == 0 && next) {
            if (strlen(next) > LIA_PUSH_CTNUM_MAX)
                return lia_cli_usage("push", "%s '%s'", lia_tr("suffixe trop long", "suffix too long"), next);
            suffix = next;
            i++;
        } else if ((strcmp(a, "--batch") == 0 || strcmp(a, "--limit") == 0) && next) {
            char *end;
            long v = strtol(next, &end, 10);
            long max = a[2] == 'b' ? 50 : 1000000;
            if (*end || v < 1 || v > max)
                return lia_cli_usage("push", "%s %s '%s'", a, lia_tr("invalide", "invalid"), next);
            if (a[2] == 'b')
                batch = (int)v;
            else
                limit = (int)v;
            i++;
        } else {
            return lia_cli_unknown_option("push", a);
        }
    }
    if (o.help) {
        usage(stdout);
        return LIA_EXIT_OK;
    }
    if (list + (exclude > 0) + (reactivate > 0) > 1)
        return lia_cli_usage("push", "%s", lia_tr("--list-blocked, --exclude et --reactivate s'excluent",
                                                  "--list-blocked, --exclude and --reactivate are exclusive"));
    static lia_config cfg;
    int ex = lia_cli_load_config(&o, &cfg);
    if (ex)
        return ex;
    lia_error err;
    lia_error_clear(&err);
    lia_db *crm = NULL;
    if (lia_cli_connect(&cfg, "crm", &crm, &err) != LIA_OK) {
        lia_config_wipe(&cfg);
        return lia_cli_fail(&err);
    }
    int code = LIA_EXIT_OK;
    if (list) {
        code = list_blocked(crm, o.format);
    } else if (exclude || reactivate) {
        lia_code rc = exclude ? lia_push_exclude(crm, exclude, &err) : lia_push_reactivate(crm, reactivate, &err);
        if (rc != LIA_OK)
            code = lia_cli_fail(&err);
        else
            printf("%s %lld\n", exclude ? lia_tr("exclu du flux :", "taken out of the flow:")
                                        : lia_tr("réactivé :", "reactivated:"),
                   exclude ? exclude : reactivate);
    } else if (!cfg.soap_url[0]) {
        lia_fail(&err, LIA_E_CONFIG_MISSING, "[soap] url");
        code = lia_cli_fail(&err);
    } else {
        lia_journal *j = NULL;
        lia_soap *soap = NULL;
        lia_soap_opts so = {0};
        so.url = cfg.soap_url;
        so.user = cfg.soap_user;
        so.password = cfg.soap_password;
        so.company = cfg.soap_company[0] ? cfg.soap_company : cfg.gescom.database;
        so.ca_file = cfg.soap_ca_file[0] ? cfg.soap_ca_file : NULL;
        so.total_timeout_ms = (long)cfg.soap_timeout * 1000;
        lia_code rc = lia_cli_journal_open(&cfg, &j, &err);
        if (rc == LIA_OK) {
            so.journal = j;
            rc = lia_soap_open(&so, &soap, &err);
        }
        lia_push_stats st = {0};
        if (rc == LIA_OK) {
            if (j)
                lia_journal_run_start(j, "push");
            lia_push_store store;
            lia_push_store_sql(crm, &store);
            lia_push_opts po = {0};
            lia_push_settings_default(&po.rules);
            lia_push_mode_parse(mode, &po.rules.mode);
            snprintf(po.rules.suffix, sizeof po.rules.suffix, "%s", suffix);
            po.batch_size = batch;
            po.limit = limit;
            po.journal = j;
            rc = lia_push_run(soap, &store, &po, &st, &err);
            lia_soap_close(soap);
            if (j) {
                char counters[200];
                snprintf(counters, sizeof counters, "read=%d\tcreated=%d\twarn=%d\terr=%d\ttransient=%d\tskipped=%d",
                         st.read, st.done, st.warned, st.blocked, st.transient, st.waiting);
                lia_journal_run_end(j, rc == LIA_OK ? "push" : lia_tr("échec", "failed"), counters);
            }
        }
        if (j)
            lia_journal_close(j);
        if (rc != LIA_OK) {
            code = lia_cli_fail(&err);
        } else {
            printf("push : %s %d, %s %d, %s %d, %s %d, %s %d\n", lia_tr("lus", "read"), st.read,
                   lia_tr("envoyés", "sent"), st.done, lia_tr("bloqués", "blocked"), st.blocked,
                   lia_tr("en attente", "waiting"), st.waiting, lia_tr("à réessayer", "to retry"), st.transient);
            code = st.blocked || st.waiting || st.transient ? LIA_EXIT_FINDINGS : LIA_EXIT_OK;
        }
    }
    lia_db_close(crm);
    lia_config_wipe(&cfg);
    return code;
}
