/* `liaison install`: applies the versioned scripts of sql/crm/ to the CRM
 * database (idempotent; refuses an applied script altered since) and
 * regenerates the reporting view (docs/crm-objects.md). */
#include "cli_common.h"
#include "commands.h"

#include "liaison/replicate.h"

#include <stdio.h>
#include <string.h>

int lia_cmd_install(int argc, char **argv)
{
    struct lia_cli_common o;
    lia_cli_common_init(&o, "install", NULL);
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
            return lia_cli_usage("install", "%s '%s'", lia_tr("option inconnue", "unknown option"), argv[i]);
    }
    if (o.help) {
        fputs(lia_tr("usage : liaison install [-c FICHIER] [--dry-run]\n"
                     "  Installe ou met à jour les objets Liaison dans la base CRM ([crm] de la configuration).\n"
                     "  --dry-run   affiche ce qui serait fait sans rien écrire\n"
                     "Codes de sortie : 0 succès, 2 usage, 3 configuration, 4 connexion, 5 authentification,\n"
                     "6 script appliqué modifié ou objet étranger, 7 permission, 8 échec SQL\n",
                     "usage: liaison install [-c FILE] [--dry-run]\n"
                     "  Installs or upgrades Liaison's objects in the CRM database ([crm] of the configuration).\n"
                     "  --dry-run   prints what would be done, writes nothing\n"
                     "Exit codes: 0 success, 2 usage, 3 configuration, 4 connection, 5 authentication,\n"
                     "6 applied script altered or foreign object, 7 permission, 8 SQL failure\n"),
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
        rc = lia_inst_install(crm, dry_run, stdout, &err);
    lia_db_close(crm);
    lia_config_wipe(&cfg);
    return rc == LIA_OK ? LIA_EXIT_OK : lia_cli_fail(&err);
}
