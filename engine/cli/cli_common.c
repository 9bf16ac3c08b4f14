/* Shared option parsing and set-up of the sub-commands. */
#include "cli_common.h"

#include "commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void lia_cli_common_init(struct lia_cli_common *o, const char *cmd, const char *formats)
{
    memset(o, 0, sizeof *o);
    o->cmd = cmd;
    o->config_path = LIA_DEFAULT_CONFIG;
    o->formats = formats;
    static char first[32];
    if (formats) {
        size_t n = strcspn(formats, ",");
        snprintf(first, sizeof first, "%.*s", (int)n, formats);
        o->format = first;
    }
}

/* "--name=value" or "--name value" (short: "-c value"); NULL if not this option. */
static int option_value(const char *shortname, const char *longname, int argc, char **argv, int *i,
                        const char **value)
{
    const char *a = argv[*i];
    size_t ll = strlen(longname);
    if ((shortname && strcmp(a, shortname) == 0) || strcmp(a, longname) == 0) {
        *value = *i + 1 < argc ? argv[++*i] : NULL;
        return 1;
    }
    if (strncmp(a, longname, ll) == 0 && a[ll] == '=') {
        *value = a + ll + 1;
        return 1;
    }
    return 0;
}

static int listed(const char *list, const char *v)
{
    size_t vl = strlen(v);
    for (const char *p = list; p && *p;) {
        size_t n = strcspn(p, ",");
        if (n == vl && strncmp(p, v, n) == 0)
            return 1;
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}

int lia_cli_common_option(struct lia_cli_common *o, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    const char *v;
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
        o->help = 1;
        return 1;
    }
    if (option_value("-c", "--config", argc, argv, i, &v)) {
        if (!v || !*v) {
            lia_cli_usage(o->cmd, "%s '%s'", lia_tr("fichier manquant après", "file missing after"), a);
            return -1;
        }
        o->config_path = v;
        return 1;
    }
    if (o->formats && option_value(NULL, "--format", argc, argv, i, &v)) {
        if (!v || !listed(o->formats, v)) {
            lia_cli_usage(o->cmd, "%s '%s' (%s)", lia_tr("format inconnu", "unknown format"), v ? v : "",
                          o->formats);
            return -1;
        }
        o->format = v;
        return 1;
    }
    if (option_value(NULL, "--lang", argc, argv, i, &v)) {
        lia_lang l;
        if (lia_lang_parse(v, &l) != 0) {
            lia_cli_usage(o->cmd, "%s '%s'", lia_tr("langue inconnue (fr ou en)", "unknown language (fr or en)"),
                          v ? v : "");
            return -1;
        }
        lia_set_lang(l);
        return 1;
    }
    return 0;
}

int lia_cli_load_config(const struct lia_cli_common *o, lia_config *cfg)
{
    lia_error err;
    lia_error_clear(&err);
    if (lia_config_load(o->config_path, cfg, &err) != LIA_OK)
        return lia_cli_fail(&err);
    return 0;
}

lia_code lia_cli_connect(const lia_config *cfg, const char *which, lia_db **out, lia_error *err)
{
    const lia_db_config *c = strcmp(which, "crm") == 0 ? &cfg->crm : &cfg->gescom;
    if (!c->present)
        return lia_fail(err, LIA_E_CONFIG_MISSING, "%s:[%s]", cfg->path, which);
    lia_db_params p;
    lia_config_db_params(c, which, &p);
    return lia_db_connect(&p, out, err);
}

lia_code lia_cli_journal_open(const lia_config *cfg, lia_journal **out, lia_error *err)
{
    const char *env = getenv("LIAISON_JOURNAL");
    const char *path = env && *env ? env : cfg->journal_path;
    lia_code rc = lia_journal_open(path, out, err);
    if (rc == LIA_OK) {
        lia_level l;
        if (lia_level_parse(cfg->journal_level, &l) == 0)
            lia_journal_set_level(*out, l);
    }
    return rc;
}

int lia_cli_next_arg(struct lia_cli_common *o, int argc, char **argv, int i)
{
    while (++i < argc) {
        int r = lia_cli_common_option(o, argc, argv, &i);
        if (r < 0)
            return -1;
        if (r == 0)
            return i;
    }
    return argc;
}

int lia_cli_unknown_option(const char *cmd, const char *arg)
{
    return lia_cli_usage(cmd, "%s '%s'", lia_tr("option inconnue", "unknown option"), arg);
}

void lia_cli_repl_scope(lia_repl_opts *ro, const lia_config *cfg)
{
    ro->include_dormant = cfg->include_dormant;
    ro->customers = cfg->include_customers;
    ro->suppliers = cfg->include_suppliers;
    ro->prospects = cfg->include_prospects;
    ro->calendar_years = cfg->calendar_years;
}

int lia_cli_crm_dry_run(int argc, char **argv, const char *cmd, const char *help_fr, const char *help_en,
                        lia_cli_crm_action action)
{
    struct lia_cli_common o;
    lia_cli_common_init(&o, cmd, NULL);
    int dry_run = 0;
    for (int i = 0; (i = lia_cli_next_arg(&o, argc, argv, i)) < argc;) {
        if (i < 0)
            return LIA_EXIT_USAGE;
        if (strcmp(argv[i], "--dry-run") == 0 || strcmp(argv[i], "-n") == 0)
            dry_run = 1;
        else
            return lia_cli_unknown_option(cmd, argv[i]);
    }
    if (o.help) {
        /* Translated only now: --lang may have come after --help. */
        fputs(lia_tr(help_fr, help_en), stdout);
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
        rc = action(crm, dry_run, stdout, &err);
    lia_db_close(crm);
    lia_config_wipe(&cfg);
    return rc == LIA_OK ? LIA_EXIT_OK : lia_cli_fail(&err);
}
