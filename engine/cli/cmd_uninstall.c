/* `liaison uninstall`: removes Liaison's objects (schema liaison and the
 * generated reporting view) from the CRM database, nothing else. */
#include "cli_common.h"
#include "commands.h"

#include "liaison/replicate.h"

#include <stdio.h>
#include <string.h>

int lia_cmd_uninstall(int argc, char **argv)
{
    struct lia_cli_common o;
    lia_cli_common_init(&o, "uninstall", NULL);
    int dry_run = 0;
    for (int i = 1; i < argc; i++) {
        int r = lia_cli_common_option(&o, argc, argv, &i);
        if (r < 0)
            return LIA_EXIT_USAGE;
        if (r > 0)
            continue;
        if (strcmp(argv[i], "--dry-run") == 0 || strcmp(argv[i], "-n") == 0)
            dry_run = 1;
        else
            return lia_cli_usage("uninstall", "%s '%s'", lia_tr("option inconnue", "unknown option"), argv[i]);
    }
    if (o.help) {
        fputs(lia_tr("usage : liaison uninstall [-c FICHIER] [--dry-run]\n"
                     "  Supprime le schéma liaison et la vue dbo.vReportCompanyInfosFlash de la base CRM\n"
                     "  (données répliquées comprises) ; ne touche à aucune table du CRM.\n",
                     "usage: liaison uninstall [-c FILE] [--dry-run]\n"
                     "  Drops schema liaison and the view dbo.vReportCompanyInfosFlash from the CRM database\n"
                     "  (replicated data included); touches none of the CRM's tables.\n"),
              stdout);
        return LIA_EXIT_OK;
    }
    static lia_config cfg;
    int ex = lia_cli_load_config(&o, &cfg);
    if (ex)
        return ex;
    lia_error err;
    lia_error_clear(&err);
    lia_db *crm = NULL;
    lia_code rc = lia_cli_connect(&cfg, "crm", &crm, &err);
    if (rc == LIA_OK)
        rc = lia_inst_uninstall(crm, dry_run, stdout, &err);
    lia_db_close(crm);
    lia_config_wipe(&cfg);
    return rc == LIA_OK ? LIA_EXIT_OK : lia_cli_fail(&err);
}
