/* `liaison feed`: CA, InfosFlash rows or free fields as CSV (plain or French
 * Excel) or JSON lines, from the CRM copy or straight from GesCom. */
#include "cli_common.h"
#include "commands.h"

#include "liaison/replicate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static void usage(FILE *out)
{
    fputs(lia_tr("usage : liaison feed ca|infosflash|infolibres [-c FICHIER] [--source crm|gescom]\n"
                 "                    [--format csv|excel|jsonl] [--integration NOM] [-o FICHIER]\n"
                 "  --source     crm (défaut : la copie répliquée, toutes intégrations) ou gescom (lecture directe)\n"
                 "  --format     csv (défaut), excel (UTF-8 BOM, ';', virgule décimale, CRLF), jsonl\n"
                 "Codes de sortie : 0 succès, 2 usage, 3 configuration, 4 connexion, 6 base, 8 échec, 10 écriture\n",
                 "usage: liaison feed ca|infosflash|infolibres [-c FILE] [--source crm|gescom]\n"
                 "                    [--format csv|excel|jsonl] [--integration NAME] [-o FILE]\n"
                 "  --source     crm (default: the replicated copy, all integrations) or gescom (direct read)\n"
                 "  --format     csv (default), excel (UTF-8 BOM, ';', decimal comma, CRLF), jsonl\n"
                 "Exit codes: 0 success, 2 usage, 3 configuration, 4 connection, 6 database, 8 failed, 10 write\n"),
          out);
}

int lia_cmd_feed(int argc, char **argv)
{
    struct lia_cli_common o;
    lia_cli_common_init(&o, "feed", "csv,excel,jsonl");
    const char *what = NULL, *source = "crm", *integration = NULL, *outpath = NULL;
    for (int i = 0; (i = lia_cli_next_arg(&o, argc, argv, i)) < argc;) {
        if (i < 0)
            return LIA_EXIT_USAGE;
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--source") == 0 && next) {
            source = argv[++i];
            if (strcmp(source, "crm") && strcmp(source, "gescom"))
                return lia_cli_usage("feed", "%s '%s'", lia_tr("source inconnue (crm ou gescom)",
                                                               "unknown source (crm or gescom)"), source);
        } else if (strcmp(a, "--integration") == 0 && next) {
            integration = argv[++i];
        } else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && next) {
            outpath = argv[++i];
        } else if (a[0] != '-' && !what) {
            what = a;
        } else {
            return lia_cli_unknown_option("feed", a);
        }
    }
    if (o.help) {
        usage(stdout);
        return LIA_EXIT_OK;
    }
    if (!what || (strcmp(what, "ca") && strcmp(what, "infosflash") && strcmp(what, "infolibres")))
        return lia_cli_usage("feed", "%s '%s'", lia_tr("flux inconnu (ca, infosflash, infolibres)",
                                                       "unknown feed (ca, infosflash, infolibres)"), what ? what : "");
    int gescom = strcmp(source, "gescom") == 0;
    if (gescom && strcmp(what, "infosflash") == 0)
        return lia_cli_usage("feed", "%s", lia_tr("infosflash n'existe que côté CRM (--source crm)",
                                                  "infosflash exists on the CRM side only (--source crm)"));
    lia_feed_format fmt = strcmp(o.format, "excel") == 0 ? LIA_FEED_CSV_EXCEL
                          : strcmp(o.format, "jsonl") == 0 ? LIA_FEED_JSONL : LIA_FEED_CSV;
    static lia_config cfg;
    int ex = lia_cli_load_config(&o, &cfg);
    if (ex)
        return ex;
    lia_error err;
    lia_error_clear(&err);
    FILE *out = stdout;
    if (outpath && !(out = fopen(outpath, "w"))) {
        lia_fail(&err, LIA_E_IO, "%s", outpath);
        lia_config_wipe(&cfg);
        return lia_cli_fail(&err);
    }
    lia_db *db = NULL;
    lia_code rc = lia_cli_connect(&cfg, gescom ? "gescom" : "crm", &db, &err);
    if (rc == LIA_OK && gescom) {
        lia_repl_opts ro;
        lia_repl_opts_defaults(&ro);
        lia_cli_repl_scope(&ro, &cfg);
        rc = lia_repl_gescom_query(db, &ro, strcmp(what, "ca") == 0 ? 0 : 1, &err);
    } else if (rc == LIA_OK) {
        char row[1][LIA_REPL_CELL];
        int found = 1;
        int id = 0;
        if (integration) {
            lia_param p[1] = {LIA_PARAM_TEXT("@Name", integration)};
            rc = lia_repl_query_row(db, "replicate/crm_integration_find.sql", p, 1, row, 1, &found, &err);
            id = atoi(row[0]);
            if (rc == LIA_OK && !found)
                rc = lia_fail(&err, LIA_E_NOT_FOUND, "integration %s", integration);
        }
        lia_param p[1] = {integration ? LIA_PARAM_INT("@IntegrationId", id) : LIA_PARAM_NULL("@IntegrationId")};
        const char *file = strcmp(what, "ca") == 0 ? "replicate/crm_feed_ca.sql"
                           : strcmp(what, "infosflash") == 0 ? "replicate/crm_feed_infosflash.sql"
                                                              : "replicate/crm_feed_infolibres.sql";
        if (rc == LIA_OK)
            rc = lia_db_query_file(db, file, p, 1, &err);
    }
    int64_t rows = 0;
    if (rc == LIA_OK)
        rc = lia_feed_write(db, fmt, out, &rows, &err);
    lia_db_close(db);
    if (out != stdout && fclose(out) != 0 && rc == LIA_OK)
        rc = lia_fail(&err, LIA_E_IO, "%s", outpath);
    lia_config_wipe(&cfg);
    return rc == LIA_OK ? LIA_EXIT_OK : lia_cli_fail(&err);
}
