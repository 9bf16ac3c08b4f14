/* Options and set-up shared by the sub-commands: -c/--config, --format,
 * --lang, --help; loading the configuration; opening the GesCom and CRM
 * connections and the journal as the configuration says. */
#ifndef LIA_CLI_COMMON_H
#define LIA_CLI_COMMON_H

#include "liaison/config.h"
#include "liaison/db.h"
#include "liaison/journal.h"

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

/* Loads o->config_path; on failure prints the error and returns its exit code
 * (0 on success). */
int lia_cli_load_config(const struct lia_cli_common *o, lia_config *cfg);

/* Connects to the [gescom] or [crm] section ("gescom"/"crm"). */
lia_code lia_cli_connect(const lia_config *cfg, const char *which, lia_db **out, lia_error *err);

/* Opens the journal of the configuration ([journal] path and level);
 * LIAISON_JOURNAL overrides the path. */
lia_code lia_cli_journal_open(const lia_config *cfg, lia_journal **out, lia_error *err);

#endif
