/* `liaison uninstall`: removes Liaison's objects (schema liaison and the
 * generated reporting view) from the CRM database, nothing else. */
#include "cli_common.h"
#include "commands.h"

#include "liaison/replicate.h"

int lia_cmd_uninstall(int argc, char **argv)
{
    return lia_cli_crm_dry_run(argc, argv, "uninstall",
                               "usage : liaison uninstall [-c FICHIER] [--dry-run]\n"
                               "  Supprime le schéma liaison et la vue dbo.vReportCompanyInfosFlash de la base CRM\n"
                               "  (données répliquées comprises) ; ne touche à aucune table du CRM.\n",
                               "usage: liaison uninstall [-c FILE] [--dry-run]\n"
                               "  Drops schema liaison and the view dbo.vReportCompanyInfosFlash from the CRM database\n"
                               "  (replicated data included); touches none of the CRM's tables.\n",
                               lia_inst_uninstall);
}
