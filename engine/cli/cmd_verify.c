/* `liaison verify`: compares GesCom and the CRM copy (counts, sums,
 * per-tiers checksums, free-field definitions); writes nothing; exit 1 on
 * drift. */
#include "cli_common.h"
#include "commands.h"

#include "liaison/replicate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int lia_cmd_verify(int argc, char **argv)
{
    struct lia_cli_common o;
    lia_cli_common_init(&o, "verify", NULL);
    const char *integration = NULL, *refdate = NULL;
    int max_list = 20;
    for (int i = 0; (i = lia_cli_next_arg(&o, argc, argv, i)) < argc;) {
        if (i < 0)
            return LIA_EXIT_USAGE;
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(argv[i], "--integration") == 0 && next) {
            integration = argv[++i];
        } else if (strcmp(argv[i], "--reference-date") == 0 && next) {
            refdate = argv[++i];
        } else if (strcmp(argv[i], "--max-list") == 0 && next) {
            max_list = atoi(argv[++i]);
        } else {
            return lia_cli_unknown_option("verify", argv[i]);
        }
    }
    if (o.help) {
        fputs(lia_tr("usage : liaison verify [-c FICHIER] [--integration NOM] [--reference-date AAAA-MM-JJ] [--max-list N]\n"
                     "  Compare GesCom et la copie CRM sans rien modifier.\n"
                     "Codes de sortie : 0 aucun écart, 1 écarts, 3 configuration, 4 connexion, 6 base, 8 échec\n",
                     "usage: liaison verify [-c FILE] [--integration NAME] [--reference-date YYYY-MM-DD] [--max-list N]\n"
                     "  Compares GesCom and the CRM copy without changing anything.\n"
                     "Exit codes: 0 no drift, 1 drift, 3 configuration, 4 connection, 6 database, 8 failed\n"),
              stdout);
        return LIA_EXIT_OK;
    }
    static lia_config cfg;
    int ex = lia_cli_load_config(&o, &cfg);
    if (ex)
        return ex;
    lia_repl_opts ro;
    lia_repl_opts_defaults(&ro);
    ro.integration = integration ? integration : cfg.integration;
    lia_cli_repl_scope(&ro, &cfg);
    ro.reference_date = refdate;
    lia_error err;
    lia_error_clear(&err);
    lia_db *g = NULL, *crm = NULL;
    lia_code rc = lia_cli_connect(&cfg, "gescom", &g, &err);
    if (rc == LIA_OK)
        rc = lia_cli_connect(&cfg, "crm", &crm, &err);
    lia_verify_result res;
    if (rc == LIA_OK)
        rc = lia_verify_run(g, crm, &ro, stdout, max_list, &res, &err);
    lia_db_close(g);
    lia_db_close(crm);
    lia_config_wipe(&cfg);
    return rc == LIA_OK ? LIA_EXIT_OK : lia_cli_fail(&err);
}
