/* `liaison`: git-style dispatcher over the sub-commands. */
#include "commands.h"

#include "liaison/error.h"
#include "build_config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct lia_command lia_commands[] = {
    {"check", lia_cmd_check, "tester la connexion et les prérequis", "test the connection and prerequisites"},
    {"demo", lia_cmd_demo, "visite complète sur la société de démonstration", "full tour on the demo company"},
    {"diagnose", lia_cmd_diagnose, "contrôles d'intégrité de la base GesCom", "integrity checks on the GesCom database"},
    {"install", lia_cmd_install, "installer ou mettre à jour les objets Liaison côté CRM", "install or upgrade Liaison's objects in the CRM database"},
    {"uninstall", lia_cmd_uninstall, "retirer les objets Liaison de la base CRM", "remove Liaison's objects from the CRM database"},
    {"replicate", lia_cmd_replicate, "répliquer CA, informations libres et tiers vers le CRM", "replicate turnover, free fields and tiers data to the CRM"},
    {"verify", lia_cmd_verify, "comparer GesCom et la copie CRM", "compare GesCom and the CRM copy"},
    {"feed", lia_cmd_feed, "flux de données pour rapports (CSV, JSON)", "report data feeds (CSV, JSON)"},
    {"push", lia_cmd_push, "envoyer les écritures vers GesCom par le service web", "send writes to GesCom through the web service"},
    {"analyze", lia_cmd_analyze, "analyser les journaux de synchronisation", "analyze synchronisation journals"},
    {NULL, NULL, NULL, NULL},
};

static void print_help(FILE *out)
{
    fprintf(out, "%s\n\n", lia_tr("usage : liaison [--lang fr|en] <commande> [options]",
                                  "usage: liaison [--lang fr|en] <command> [options]"));
    fprintf(out, "%s\n", lia_tr("Commandes :", "Commands:"));
    for (const struct lia_command *c = lia_commands; c->name; c++)
        fprintf(out, "   %-10s %s\n", c->name, lia_tr(c->summary_fr, c->summary_en));
    fprintf(out, "\n%s\n", lia_tr("'liaison <commande> --help' décrit une commande ; "
                                  "codes de sortie : docs/exit-codes.md",
                                  "'liaison <command> --help' describes a command; "
                                  "exit codes: docs/exit-codes.md"));
}

int lia_cli_fail(const struct lia_error *err)
{
    char msg[1400];
    fprintf(stderr, "liaison: %s\n", lia_error_format(err, msg, sizeof msg));
    return lia_code_exit(err ? err->code : LIA_E_INTERNAL);
}

int lia_cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "liaison %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n%s 'liaison %s --help'\n", lia_tr("voir", "see"), cmd);
    return LIA_EXIT_USAGE;
}

int lia_cli_not_available(const char *cmd)
{
    lia_error err;
    lia_error_clear(&err);
    lia_fail(&err, LIA_E_NOT_IMPLEMENTED, "%s", cmd);
    return lia_cli_fail(&err);
}

/* --lang is global wherever it stands (`liaison demo --lang en` as well as
 * `liaison --lang en demo`): it is applied, exported for the child processes
 * a command starts, and removed before the command parses its options.
 * Returns -1 on an unknown language. */
static int take_lang(int *argc, char **argv, int from)
{
    for (int i = from; i < *argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        int joined = strncmp(argv[i], "--lang=", 7) == 0;
        if (!joined && strcmp(argv[i], "--lang") != 0)
            continue;
        const char *v = joined ? argv[i] + 7 : (i + 1 < *argc ? argv[i + 1] : NULL);
        lia_lang l;
        if (lia_lang_parse(v, &l) != 0) {
            fprintf(stderr, "liaison: %s '%s'\n",
                    lia_tr("langue inconnue (fr ou en)", "unknown language (fr or en)"), v ? v : "");
            return -1;
        }
        lia_set_lang(l);
        int n = joined ? 1 : 2;
        memmove(&argv[i], &argv[i + n], (size_t)(*argc - i - n + 1) * sizeof *argv);
        *argc -= n;
        i--;
    }
    setenv("LIAISON_LANG", lia_get_lang() == LIA_LANG_EN ? "en" : "fr", 1);
    return 0;
}

int main(int argc, char **argv)
{
    if (take_lang(&argc, argv, 1) != 0)
        return LIA_EXIT_USAGE;
    int i = 1;
    while (i < argc && argv[i][0] == '-') {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            print_help(stdout);
            return LIA_EXIT_OK;
        }
        if (strcmp(a, "--version") == 0) {
            printf("liaison %s\n", LIA_VERSION);
            return LIA_EXIT_OK;
        }
        fprintf(stderr, "liaison: %s '%s'\n\n", lia_tr("option inconnue", "unknown option"), a);
        print_help(stderr);
        return LIA_EXIT_USAGE;
    }
    if (i >= argc) {
        print_help(stderr);
        return LIA_EXIT_USAGE;
    }
    if (strcmp(argv[i], "help") == 0) {
        if (i + 1 >= argc) {
            print_help(stdout);
            return LIA_EXIT_OK;
        }
        for (const struct lia_command *c = lia_commands; c->name; c++)
            if (strcmp(c->name, argv[i + 1]) == 0) {
                char help[] = "--help";
                char *sub[] = {argv[i + 1], help, NULL};
                return c->run(2, sub);
            }
        i++;
    } else {
        for (const struct lia_command *c = lia_commands; c->name; c++)
            if (strcmp(c->name, argv[i]) == 0)
                return c->run(argc - i, argv + i);
    }
    fprintf(stderr, "liaison: %s '%s'\n\n", lia_tr("commande inconnue", "unknown command"), argv[i]);
    print_help(stderr);
    return LIA_EXIT_USAGE;
}
