/* `liaison install`: applies the versioned scripts of sql/crm/ to the CRM
 * database (idempotent; refuses an applied script altered since) and
 * regenerates the reporting view (docs/crm-objects.md). */
#include "cli_common.h"
#include "commands.h"

#include "liaison/replicate.h"

int lia_cmd_install(int argc, char **argv)
{
    return lia_cli_crm_dry_run(argc, argv, "install",
                               "usage : liaison install [-c FICHIER] [--dry-run]\n"
                               "  Installe ou met à jour les objets Liaison dans la base CRM ([crm] de la configuration).\n"
                               "  --dry-run   affiche ce qui serait fait sans rien écrire\n"
                               "Codes de sortie : 0 succès, 2 usage, 3 configuration, 4 connexion, 5 authentification,\n"
                               "6 script appliqué modifié ou objet étranger, 7 permission, 8 échec SQL\n",
                               "usage: liaison install [-c FILE] [--dry-run]\n"
                               "  Installs or upgrades Liaison's objects in the CRM database ([crm] of the configuration).\n"
                               "  --dry-run   prints what would be done, writes nothing\n"
                               "Exit codes: 0 success, 2 usage, 3 configuration, 4 connection, 5 authentication,\n"
                               "6 applied script altered or foreign object, 7 permission, 8 SQL failure\n",
                               lia_inst_install);
}
