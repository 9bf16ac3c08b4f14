/* Loads the check catalogue (diagnostics/catalog.ini): INI sections, one per
 * check.  Kept as data so docs/diagnostics.md and the runner cannot drift. */
#include "liaison/diag.h"

#include "diag_internal.h"

#include "build_config.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

static void check_free(lia_diag_check *c)
{
    char **f[] = {&c->group, &c->group_en, &c->title_fr, &c->title_en, &c->why_fr, &c->why_en,
                  &c->fix_fr, &c->fix_en, &c->codes, &c->key, &c->sql, &c->sql_each,
                  &c->needs, &c->perm_fr, &c->perm_en};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        free(*f[i]);
        *f[i] = NULL;
    }
}

void lia_diag_catalog_free(lia_diag_catalog *cat)
{
    if (!cat)
        return;
    for (size_t i = 0; i < cat->n; i++)
        check_free(&cat->checks[i]);
    free(cat->checks);
    cat->checks = NULL;
    cat->n = 0;
}

const lia_diag_check *lia_diag_catalog_find(const lia_diag_catalog *cat, const char *id)
{
    for (size_t i = 0; i < cat->n; i++)
        if (strcasecmp(cat->checks[i].id, id) == 0)
            return &cat->checks[i];
    return NULL;
}

/* Field name -> slot in the check. */
static char **field(lia_diag_check *c, const char *k)
{
    static const struct {
        const char *name;
        size_t off;
    } map[] = {
        {"group", offsetof(lia_diag_check, group)},
        {"group.en", offsetof(lia_diag_check, group_en)},
        {"title.fr", offsetof(lia_diag_check, title_fr)},
        {"title.en", offsetof(lia_diag_check, title_en)},
        {"why.fr", offsetof(lia_diag_check, why_fr)},
        {"why.en", offsetof(lia_diag_check, why_en)},
        {"fix.fr", offsetof(lia_diag_check, fix_fr)},
        {"fix.en", offsetof(lia_diag_check, fix_en)},
        {"codes", offsetof(lia_diag_check, codes)},
        {"key", offsetof(lia_diag_check, key)},
        {"sql", offsetof(lia_diag_check, sql)},
        {"sql_each", offsetof(lia_diag_check, sql_each)},
        {"needs", offsetof(lia_diag_check, needs)},
        {"permission.fr", offsetof(lia_diag_check, perm_fr)},
        {"permission.en", offsetof(lia_diag_check, perm_en)},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].name, k) == 0)
            return (char **)((char *)c + map[i].off);
    return NULL;
}

static int valid_id(const char *s)
{
    if (s[0] != 'D' || strlen(s) != 4)
        return 0;
    for (int i = 1; i < 4; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

static lia_code finish(const char *path, int line, lia_diag_check *c, lia_error *err)
{
    const char *missing = NULL;
    if (c->priority <= 0)
        missing = "priority";
    else if (!c->group)
        missing = "group";
    else if (!c->group_en)
        missing = "group.en";
    else if (!c->title_fr)
        missing = "title.fr";
    else if (!c->title_en)
        missing = "title.en";
    else if (!c->why_fr)
        missing = "why.fr";
    else if (!c->why_en)
        missing = "why.en";
    else if (!c->fix_fr)
        missing = "fix.fr";
    else if (!c->fix_en)
        missing = "fix.en";
    else if (!c->codes)
        missing = "codes";
    else if (!c->key)
        missing = "key";
    else if (!c->sql)
        missing = "sql";
    else if (!c->perm_fr)
        missing = "permission.fr";
    else if (!c->perm_en)
        missing = "permission.en";
    if (missing) {
        lia_fail(err, LIA_E_DIAG_CATALOG, "%s:%d", path, line);
        lia_error_detail(err, "[%s] %s: %s", c->id, lia_tr("clé absente", "missing key"), missing);
        return err->code;
    }
    return LIA_OK;
}

static const char *default_path(char *buf, size_t size)
{
    const char *env = getenv("LIAISON_DIAG_CATALOG");
    if (env && *env)
        return env;
    snprintf(buf, size, "%s/diagnostics/catalog.ini", LIA_SOURCE_DIR);
    if (access(buf, R_OK) == 0)
        return buf;
    snprintf(buf, size, "%s/catalog.ini", LIA_DATADIR);
    return buf;
}

lia_code lia_diag_catalog_load(const char *path, lia_diag_catalog *cat, lia_error *err)
{
    char defbuf[1200];
    if (!path)
        path = default_path(defbuf, sizeof defbuf);
    cat->checks = NULL;
    cat->n = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        return lia_diag_io_fail(err, path);
    }
    size_t cap = 0;
    lia_diag_check *cur = NULL;
    int line = 0, cur_line = 0;
    char *buf = NULL;
    size_t bufsz = 0;
    lia_code rc = LIA_OK;
    while (getline(&buf, &bufsz, f) >= 0) {
        line++;
        char *s = trim(buf);
        if (*s == '\0' || *s == '#')
            continue;
        if (*s == '[') {
            char *end = strchr(s, ']');
            if (!end || end[1] != '\0') {
                rc = lia_fail(err, LIA_E_DIAG_CATALOG, "%s:%d", path, line);
                break;
            }
            *end = '\0';
            if (!valid_id(s + 1) || lia_diag_catalog_find(cat, s + 1)) {
                rc = lia_fail(err, LIA_E_DIAG_CATALOG, "%s:%d", path, line);
                lia_error_detail(err, "%s '%s'",
                                 lia_tr("identifiant invalide ou en double", "invalid or duplicate id"),
                                 s + 1);
                break;
            }
            if (cur && (rc = finish(path, cur_line, cur, err)) != LIA_OK)
                break;
            lia_diag_check *nck = lia_diag_grow(cat->checks, &cap, cat->n, sizeof *nck, 64);
            if (!nck) {
                rc = lia_fail(err, LIA_E_NOMEM, "%s", path);
                break;
            }
            cat->checks = nck;
            cur = &cat->checks[cat->n++];
            memset(cur, 0, sizeof *cur);
            snprintf(cur->id, sizeof cur->id, "%s", s + 1);
            cur_line = line;
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq || !cur) {
            rc = lia_fail(err, LIA_E_DIAG_CATALOG, "%s:%d", path, line);
            lia_error_detail(err, "%s", lia_tr("ligne « clé = valeur » attendue dans une section",
                                               "expected 'key = value' inside a section"));
            break;
        }
        *eq = '\0';
        char *k = trim(s), *v = trim(eq + 1);
        if (strcmp(k, "priority") == 0) {
            char *e;
            long p = strtol(v, &e, 10);
            if (*e || p < 1 || p > 255) {
                rc = lia_fail(err, LIA_E_DIAG_CATALOG, "%s:%d", path, line);
                lia_error_detail(err, "priority '%s'", v);
                break;
            }
            cur->priority = (int)p;
            continue;
        }
        char **slot = field(cur, k);
        if (!slot || *slot) {
            rc = lia_fail(err, LIA_E_DIAG_CATALOG, "%s:%d", path, line);
            lia_error_detail(err, "%s '%s'", lia_tr("clé inconnue ou répétée", "unknown or repeated key"), k);
            break;
        }
        if (!(*slot = strdup(v))) {
            rc = lia_fail(err, LIA_E_NOMEM, "%s", path);
            break;
        }
    }
    free(buf);
    fclose(f);
    if (rc == LIA_OK && cur)
        rc = finish(path, cur_line, cur, err);
    if (rc == LIA_OK && cat->n == 0) {
        rc = lia_fail(err, LIA_E_DIAG_CATALOG, "%s", path);
        lia_error_detail(err, "%s", lia_tr("aucun contrôle", "no check"));
    }
    if (rc != LIA_OK)
        lia_diag_catalog_free(cat);
    return rc;
}

const char *lia_diag_title(const lia_diag_check *c) { return lia_tr(c->title_fr, c->title_en); }
const char *lia_diag_why(const lia_diag_check *c) { return lia_tr(c->why_fr, c->why_en); }
const char *lia_diag_fix(const lia_diag_check *c) { return lia_tr(c->fix_fr, c->fix_en); }
const char *lia_diag_group(const lia_diag_check *c) { return lia_tr(c->group, c->group_en); }
const char *lia_diag_permission(const lia_diag_check *c) { return lia_tr(c->perm_fr, c->perm_en); }
