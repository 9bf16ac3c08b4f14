/* Options and set-up shared by the sub-commands: -c/--config, --format,
 * --lang, --help; loading the configuration; opening the GesCom and CRM
 * connections and the journal as the configuration says. */
#ifndef LIA_CLI_COMMON_H
#define LIA_CLI_COMMON_H

#include "liaison/config.h"
#include "liaison/db.h"
#include "liaison/journal.h"
#include "liaison/replicate.h"

#include <stdio.h>

#define LIA_DEFAULT_CONFIG "liaison.ini"

struct lia_cli_common {
    const char *cmd;          /* command name, for usage messages */
    const char *config_path;  /* -c/--config; default ./liaison.ini */
    const char *format;       /* --format value; default the first of formats */
    const char *formats;      /* accepted --format values, comma-separated ("text,json"); NULL: no --format */
    int help;                 /* -h/--help seen */
};

void lia_cli_common_init(struct lia_cli_common *o, const char *cmd, const char *formats);

/* Tries argv[*i] as a shared option ("-c FILE", "--config=FILE",
 * "--format json", "--lang en", "-h").  Returns 1 when consumed (*i is then
 * on the option's last word), 0 when not a shared option, -1 after printing
 * a usage error (the command then returns LIA_EXIT_USAGE). */
int lia_cli_common_option(struct lia_cli_common *o, int argc, char **argv, int *i);

/* Steps past the shared options from argv[i + 1] on: returns the index of
 * the next argument the command handles itself, argc when none is left, -1
 * after a usage error.  Loop:
 *   for (int i = 0; (i = lia_cli_next_arg(&o, argc, argv, i)) < argc;) {
 *       if (i < 0)
 *           return LIA_EXIT_USAGE;
 *       ... (a command option taking a value advances i past it) */
int lia_cli_next_arg(struct lia_cli_common *o, int argc, char **argv, int i);

/* Usage error for an argument the command does not know; returns
 * LIA_EXIT_USAGE. */
int lia_cli_unknown_option(const char *cmd, const char *arg);

/* Copies the replication scope of the configuration (dormant tiers, tiers
 * types, calendar years) into ro, so every command reads the same rows. */
void lia_cli_repl_scope(lia_repl_opts *ro, const lia_config *cfg);

/* One CRM action with "[-c FILE] [--dry-run]" (install, uninstall): parses
 * the options, prints help_fr/help_en on --help, connects to [crm] and runs
 * action. Returns the exit code. */
typedef lia_code (*lia_cli_crm_action)(lia_db *crm, int dry_run, FILE *out, lia_error *err);
int lia_cli_crm_dry_run(int argc, char **argv, const char *cmd, const char *help_fr, const char *help_en,
                        lia_cli_crm_action action);

/* Loads o->config_path; on failure prints the error and returns its exit code
 * (0 on success). */
int lia_cli_load_config(const struct lia_cli_common *o, lia_config *cfg);

/* Connects to the [gescom] or [crm] section ("gescom"/"crm"). */
lia_code lia_cli_connect(const lia_config *cfg, const char *which, lia_db **out, lia_error *err);

/* Opens the journal of the configuration ([journal] path and level);
 * LIAISON_JOURNAL overrides the path. */
lia_code lia_cli_journal_open(const lia_config *cfg, lia_journal **out, lia_error *err);

#endif
