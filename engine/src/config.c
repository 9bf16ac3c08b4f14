/* The INI configuration file (docs/configuration.md).  Strict: unknown
 * sections and keys, malformed lines, duplicates and bad values are errors
 * naming file:line, because a silently ignored typo points Liaison at the
 * wrong server.  Passwords come from a private file or the environment. */
#include "liaison/config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

enum section { SEC_NONE, SEC_GESCOM, SEC_CRM, SEC_REPLICATION, SEC_SOAP, SEC_JOURNAL };

static const char *const section_names[] = {"", "gescom", "crm", "replication", "soap", "journal"};

/* Where a password comes from, until it is resolved after parsing. */
struct secret_src {
    char file[1024];
    char env[128];
    int file_line, env_line;
};

struct parse {
    const char *path;
    lia_config *cfg;
    struct secret_src gescom_pw, crm_pw, soap_pw;
    unsigned long long seen[6]; /* bit per key index: duplicates */
};

void lia_config_defaults(lia_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    lia_db_config *dbs[] = {&cfg->gescom, &cfg->crm};
    for (int i = 0; i < 2; i++) {
        snprintf(dbs[i]->tds_version, sizeof dbs[i]->tds_version, "7.4");
        snprintf(dbs[i]->encryption, sizeof dbs[i]->encryption, "request");
        dbs[i]->login_timeout = 15;
        dbs[i]->query_timeout = 600;
        snprintf(dbs[i]->app_name, sizeof dbs[i]->app_name, "liaison");
    }
    snprintf(cfg->integration, sizeof cfg->integration, "default");
    cfg->interval_minutes = 15;
    cfg->full_resync_hour = 2;
    cfg->include_dormant = 0;
    cfg->include_customers = 1;
    cfg->include_suppliers = 1;
    cfg->include_prospects = 1;
    cfg->calendar_years = 0;
    cfg->soap_timeout = 60;
    snprintf(cfg->journal_path, sizeof cfg->journal_path, "liaison.journal");
    snprintf(cfg->journal_level, sizeof cfg->journal_level, "info");
}

static lia_code fail_at(struct parse *ps, lia_error *err, lia_code code, int line, const char *detail_fr,
                        const char *detail_en, const char *what)
{
    lia_fail(err, code, "%s:%d", ps->path, line);
    if (what)
        lia_error_detail(err, "%s '%s'", lia_tr(detail_fr, detail_en), what);
    else if (detail_fr)
        lia_error_detail(err, "%s", lia_tr(detail_fr, detail_en));
    return code;
}

static int parse_int(const char *v, long min, long max, int *out)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end != '\0' || n < min || n > max)
        return -1;
    *out = (int)n;
    return 0;
}

static int parse_bool(const char *v, int *out)
{
    static const char *const yes[] = {"1", "yes", "true", "on", "oui"};
    static const char *const no[] = {"0", "no", "false", "off", "non"};
    for (size_t i = 0; i < 5; i++) {
        if (strcasecmp(v, yes[i]) == 0) { *out = 1; return 0; }
        if (strcasecmp(v, no[i]) == 0) { *out = 0; return 0; }
    }
    return -1;
}

static int set_str(char *dst, size_t size, const char *v)
{
    if (strlen(v) >= size)
        return -1;
    memcpy(dst, v, strlen(v) + 1);
    return 0;
}

/* Key tables: index gives the duplicate bit. */
static const char *const db_keys[] = {"server", "port", "instance", "database", "user",
                                      "password_file", "password_env", "tds_version", "encryption",
                                      "login_timeout", "query_timeout", "app_name", NULL};
static const char *const repl_keys[] = {"integration", "interval_minutes", "full_resync_hour",
                                        "include_dormant", "include_customers", "include_suppliers",
                                        "include_prospects", "calendar_years", NULL};
static const char *const soap_keys[] = {"url", "user", "password_file", "password_env", "company",
                                        "ca_file", "timeout", NULL};
static const char *const journal_keys[] = {"path", "level", NULL};

static int key_index(const char *const *keys, const char *k)
{
    for (int i = 0; keys[i]; i++)
        if (strcmp(keys[i], k) == 0)
            return i;
    return -1;
}

#define BAD_VALUE() fail_at(ps, err, LIA_E_CONFIG_VALUE, line, "valeur refusée pour", "value refused for", key)

static lia_code set_db_key(struct parse *ps, lia_db_config *c, struct secret_src *pw, int idx,
                           const char *key, const char *v, int line, lia_error *err)
{
    int r = 0;
    switch (idx) {
    case 0: r = set_str(c->server, sizeof c->server, v) || !*v; break;
    case 1: r = parse_int(v, 1, 65535, &c->port); break;
    case 2: r = set_str(c->instance, sizeof c->instance, v); break;
    case 3: r = set_str(c->database, sizeof c->database, v) || !*v; break;
    case 4: r = set_str(c->user, sizeof c->user, v) || !*v; break;
    case 5: r = set_str(pw->file, sizeof pw->file, v) || !*v; pw->file_line = line; break;
    case 6: r = set_str(pw->env, sizeof pw->env, v) || !*v; pw->env_line = line; break;
    case 7:
        r = strcmp(v, "7.0") && strcmp(v, "7.1") && strcmp(v, "7.2") && strcmp(v, "7.3") &&
            strcmp(v, "7.4") && strcmp(v, "auto");
        if (!r)
            set_str(c->tds_version, sizeof c->tds_version, v);
        break;
    case 8:
        r = strcmp(v, "off") && strcmp(v, "request") && strcmp(v, "require");
        if (!r)
            set_str(c->encryption, sizeof c->encryption, v);
        break;
    case 9: r = parse_int(v, 1, 3600, &c->login_timeout); break;
    case 10: r = parse_int(v, 0, 86400, &c->query_timeout); break;
    case 11: r = set_str(c->app_name, sizeof c->app_name, v) || !*v; break;
    default: r = 1;
    }
    return r ? BAD_VALUE() : LIA_OK;
}

static lia_code set_key(struct parse *ps, enum section sec, const char *key, const char *v, int line,
                        lia_error *err)
{
    lia_config *cfg = ps->cfg;
    const char *const *keys = sec == SEC_GESCOM || sec == SEC_CRM ? db_keys
                              : sec == SEC_REPLICATION ? repl_keys
                              : sec == SEC_SOAP ? soap_keys : journal_keys;
    int idx = key_index(keys, key);
    if (idx < 0) {
        lia_code rc = fail_at(ps, err, LIA_E_CONFIG_KEY, line, NULL, NULL, NULL);
        if (strcasecmp(key, "password") == 0 || strcasecmp(key, "pwd") == 0)
            lia_error_detail(err, "'[%s] %s' : %s", section_names[sec], key,
                             lia_tr("le mot de passe se donne par password_file ou password_env",
                                    "give the password through password_file or password_env"));
        else
            lia_error_detail(err, "'[%s] %s'", section_names[sec], key);
        return rc;
    }
    if (ps->seen[sec] & (1ULL << idx))
        return fail_at(ps, err, LIA_E_CONFIG_VALUE, line, "clé répétée", "key repeated", key);
    ps->seen[sec] |= 1ULL << idx;
    int r = 0;
    switch (sec) {
    case SEC_GESCOM:
        return set_db_key(ps, &cfg->gescom, &ps->gescom_pw, idx, key, v, line, err);
    case SEC_CRM:
        return set_db_key(ps, &cfg->crm, &ps->crm_pw, idx, key, v, line, err);
    case SEC_REPLICATION:
        switch (idx) {
        case 0: r = set_str(cfg->integration, sizeof cfg->integration, v) || !*v; break;
        case 1: r = parse_int(v, 1, 1440, &cfg->interval_minutes); break;
        case 2:
            if (strcasecmp(v, "none") == 0)
                cfg->full_resync_hour = -1;
            else
                r = parse_int(v, -1, 23, &cfg->full_resync_hour);
            break;
        case 3: r = parse_bool(v, &cfg->include_dormant); break;
        case 4: r = parse_bool(v, &cfg->include_customers); break;
        case 5: r = parse_bool(v, &cfg->include_suppliers); break;
        case 6: r = parse_bool(v, &cfg->include_prospects); break;
        case 7: r = parse_bool(v, &cfg->calendar_years); break;
        }
        break;
    case SEC_SOAP:
        switch (idx) {
        case 0:
            r = set_str(cfg->soap_url, sizeof cfg->soap_url, v) ||
                (strncmp(v, "http://", 7) != 0 && strncmp(v, "https://", 8) != 0);
            break;
        case 1: r = set_str(cfg->soap_user, sizeof cfg->soap_user, v); break;
        case 2: r = set_str(ps->soap_pw.file, sizeof ps->soap_pw.file, v) || !*v; ps->soap_pw.file_line = line; break;
        case 3: r = set_str(ps->soap_pw.env, sizeof ps->soap_pw.env, v) || !*v; ps->soap_pw.env_line = line; break;
        case 4: r = set_str(cfg->soap_company, sizeof cfg->soap_company, v); break;
        case 5: r = set_str(cfg->soap_ca_file, sizeof cfg->soap_ca_file, v); break;
        case 6: r = parse_int(v, 1, 3600, &cfg->soap_timeout); break;
        }
        break;
    case SEC_JOURNAL:
        if (idx == 0)
            r = set_str(cfg->journal_path, sizeof cfg->journal_path, v) || !*v;
        else
            r = (strcmp(v, "debug") && strcmp(v, "info") && strcmp(v, "warn")) ||
                set_str(cfg->journal_level, sizeof cfg->journal_level, v);
        break;
    default:
        r = 1;
    }
    return r ? BAD_VALUE() : LIA_OK;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* A relative password_file is relative to the configuration file's folder. */
static void resolve_relative(const char *cfg_path, const char *file, char *out, size_t size)
{
    if (file[0] == '/') {
        snprintf(out, size, "%s", file);
        return;
    }
    const char *slash = strrchr(cfg_path, '/');
    if (!slash)
        snprintf(out, size, "%s", file);
    else
        snprintf(out, size, "%.*s/%s", (int)(slash - cfg_path), cfg_path, file);
}

static lia_code read_password_file(const char *path, char *out, size_t size, lia_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        lia_fail(err, errno == ENOENT ? LIA_E_SECRET_MISSING : LIA_E_IO, "%s", path);
        if (err)
            err->os_errno = errno;
        return err ? err->code : LIA_E_IO;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return lia_fail(err, LIA_E_SECRET_MISSING, "%s", path);
    }
    if (st.st_mode & (S_IRWXG | S_IRWXO)) {
        close(fd);
        lia_fail(err, LIA_E_SECRET_PERMS, "%s", path);
        lia_error_detail(err, lia_tr("mode actuel %03o", "current mode %03o"),
                         (unsigned)(st.st_mode & 0777));
        return LIA_E_SECRET_PERMS;
    }
    char buf[512];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n < 0) {
        explicit_bzero(buf, sizeof buf);
        return lia_fail(err, LIA_E_IO, "%s", path);
    }
    buf[n] = '\0';
    /* The password is the first line, without its line ending. */
    size_t len = strcspn(buf, "\r\n");
    lia_code rc = LIA_OK;
    if (len == 0)
        rc = lia_fail(err, LIA_E_SECRET_MISSING, "%s", path);
    else if (len >= size)
        rc = lia_fail(err, LIA_E_CONFIG_VALUE, "%s", path);
    else {
        memcpy(out, buf, len);
        out[len] = '\0';
    }
    explicit_bzero(buf, sizeof buf);
    return rc;
}

static lia_code resolve_secret(struct parse *ps, const char *section, const struct secret_src *src,
                               char *out, size_t size, int required, lia_error *err)
{
    if (src->file[0] && src->env[0])
        return fail_at(ps, err, LIA_E_CONFIG_VALUE, src->env_line,
                       "password_file et password_env s'excluent dans", "password_file and password_env exclude each other in",
                       section);
    if (src->file[0]) {
        char path[2048];
        resolve_relative(ps->path, src->file, path, sizeof path);
        return read_password_file(path, out, size, err);
    }
    if (src->env[0]) {
        const char *v = getenv(src->env);
        if (!v || !*v) {
            lia_fail(err, LIA_E_SECRET_MISSING, "%s", src->env);
            lia_error_detail(err, "%s [%s] password_env", lia_tr("variable d'environnement vide ou absente, voir",
                                                                "environment variable empty or unset, see"), section);
            return LIA_E_SECRET_MISSING;
        }
        if (strlen(v) >= size)
            return lia_fail(err, LIA_E_CONFIG_VALUE, "%s", src->env);
        snprintf(out, size, "%s", v);
        return LIA_OK;
    }
    if (required) {
        lia_fail(err, LIA_E_SECRET_MISSING, "%s:[%s]", ps->path, section);
        lia_error_detail(err, "%s", lia_tr("ajouter password_file ou password_env",
                                           "add password_file or password_env"));
        return LIA_E_SECRET_MISSING;
    }
    return LIA_OK;
}

static lia_code check_db_section(struct parse *ps, lia_db_config *c, const char *name,
                                 const struct secret_src *pw, lia_error *err)
{
    if (!c->present)
        return LIA_OK;
    const char *missing = !c->server[0] ? "server" : !c->database[0] ? "database" : !c->user[0] ? "user" : NULL;
    if (missing) {
        lia_fail(err, LIA_E_CONFIG_MISSING, "%s:[%s] %s", ps->path, name, missing);
        return LIA_E_CONFIG_MISSING;
    }
    if (c->port && c->instance[0]) {
        lia_fail(err, LIA_E_CONFIG_VALUE, "%s:[%s]", ps->path, name);
        lia_error_detail(err, "%s", lia_tr("port et instance s'excluent", "port and instance exclude each other"));
        return LIA_E_CONFIG_VALUE;
    }
    return resolve_secret(ps, name, pw, c->password, sizeof c->password, 1, err);
}

lia_code lia_config_load(const char *path, lia_config *cfg, lia_error *err)
{
    lia_config_defaults(cfg);
    snprintf(cfg->path, sizeof cfg->path, "%s", path);
    FILE *f = fopen(path, "r");
    if (!f) {
        /* Exit 3 like every configuration problem: the fix is the same. */
        lia_fail(err, errno == ENOENT ? LIA_E_CONFIG : LIA_E_IO, "%s", path);
        if (err)
            err->os_errno = errno;
        if (err && err->code == LIA_E_CONFIG)
            lia_error_detail(err, "%s", lia_tr("fichier de configuration absent (option -c FICHIER)",
                                               "configuration file missing (option -c FILE)"));
        return err ? err->code : LIA_E_IO;
    }
    struct parse ps;
    memset(&ps, 0, sizeof ps);
    ps.path = path;
    ps.cfg = cfg;
    enum section sec = SEC_NONE;
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0;
    lia_code rc = LIA_OK;
    unsigned seen_sections = 0;
    while (getline(&line, &cap, f) >= 0) {
        lineno++;
        char *s = line;
        /* A UTF-8 byte order mark, as Windows editors write it. */
        if (lineno == 1 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
            (unsigned char)s[2] == 0xBF)
            s += 3;
        s = trim(s);
        if (*s == '\0' || *s == '#' || *s == ';')
            continue;
        if (*s == '[') {
            char *close = strchr(s, ']');
            if (!close || *trim(close + 1) != '\0') {
                rc = fail_at(&ps, err, LIA_E_CONFIG_SYNTAX, lineno, "section mal fermée", "section not closed", s);
                break;
            }
            *close = '\0';
            char *name = trim(s + 1);
            sec = SEC_NONE;
            for (int i = 1; i < 6; i++)
                if (strcmp(name, section_names[i]) == 0)
                    sec = (enum section)i;
            if (sec == SEC_NONE) {
                rc = fail_at(&ps, err, LIA_E_CONFIG_KEY, lineno, "section inconnue", "unknown section", name);
                break;
            }
            if (seen_sections & (1u << sec)) {
                rc = fail_at(&ps, err, LIA_E_CONFIG_SYNTAX, lineno, "section répétée", "section repeated", name);
                break;
            }
            seen_sections |= 1u << sec;
            if (sec == SEC_GESCOM)
                cfg->gescom.present = 1;
            if (sec == SEC_CRM)
                cfg->crm.present = 1;
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq) {
            rc = fail_at(&ps, err, LIA_E_CONFIG_SYNTAX, lineno, "« clé = valeur » attendu",
                         "\"key = value\" expected", NULL);
            break;
        }
        *eq = '\0';
        char *key = trim(s);
        char *val = trim(eq + 1);
        if (!*key) {
            rc = fail_at(&ps, err, LIA_E_CONFIG_SYNTAX, lineno, "clé vide", "empty key", NULL);
            break;
        }
        if (sec == SEC_NONE) {
            rc = fail_at(&ps, err, LIA_E_CONFIG_SYNTAX, lineno, "clé hors de toute section",
                         "key outside any section", key);
            break;
        }
        rc = set_key(&ps, sec, key, val, lineno, err);
        if (rc != LIA_OK)
            break;
    }
    if (line) {
        explicit_bzero(line, cap);
        free(line);
    }
    if (rc == LIA_OK && ferror(f))
        rc = lia_fail(err, LIA_E_IO, "%s", path);
    fclose(f);
    if (rc == LIA_OK && !cfg->gescom.present) {
        lia_fail(err, LIA_E_CONFIG_MISSING, "%s:[gescom]", path);
        rc = LIA_E_CONFIG_MISSING;
    }
    if (rc == LIA_OK)
        rc = check_db_section(&ps, &cfg->gescom, "gescom", &ps.gescom_pw, err);
    if (rc == LIA_OK)
        rc = check_db_section(&ps, &cfg->crm, "crm", &ps.crm_pw, err);
    if (rc == LIA_OK)
        rc = resolve_secret(&ps, "soap", &ps.soap_pw, cfg->soap_password, sizeof cfg->soap_password,
                            0, err);
    if (rc != LIA_OK)
        lia_config_wipe(cfg);
    return rc;
}

void lia_config_db_params(const lia_db_config *c, const char *label, lia_db_params *p)
{
    memset(p, 0, sizeof *p);
    p->label = label;
    p->server = c->server;
    p->port = c->port;
    p->instance = c->instance[0] ? c->instance : NULL;
    p->database = c->database;
    p->user = c->user;
    p->password = c->password;
    p->tds_version = c->tds_version;
    p->encryption = c->encryption;
    p->login_timeout = c->login_timeout;
    p->query_timeout = c->query_timeout;
    p->app_name = c->app_name;
}

void lia_config_wipe(lia_config *cfg)
{
    if (!cfg)
        return;
    explicit_bzero(cfg->gescom.password, sizeof cfg->gescom.password);
    explicit_bzero(cfg->crm.password, sizeof cfg->crm.password);
    explicit_bzero(cfg->soap_password, sizeof cfg->soap_password);
}
