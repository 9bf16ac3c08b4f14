/* Skip list (--skip-file): checks a site has decided to ignore, for every
 * database or for one.  Skipped checks still appear in the report. */
#include "liaison/diag.h"

#include "diag_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void lia_diag_skip_free(lia_diag_skiplist *s)
{
    if (!s)
        return;
    free(s->e);
    s->e = NULL;
    s->n = 0;
}

int lia_diag_skip_match(const lia_diag_skiplist *s, const char *id, const char *database)
{
    if (!s)
        return 0;
    for (size_t i = 0; i < s->n; i++)
        if (strcasecmp(s->e[i].id, id) == 0 &&
            (s->e[i].database[0] == '\0' || (database && strcasecmp(s->e[i].database, database) == 0)))
            return 1;
    return 0;
}

lia_code lia_diag_skip_load(const char *path, const lia_diag_catalog *cat, lia_diag_skiplist *out,
                            lia_error *err)
{
    out->e = NULL;
    out->n = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        return lia_diag_io_fail(err, path);
    }
    char *line = NULL;
    size_t sz = 0, cap = 0;
    int lineno = 0;
    lia_code rc = LIA_OK;
    while (getline(&line, &sz, f) >= 0) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *save = NULL;
        char *id = strtok_r(line, " \t\r\n", &save);
        if (!id)
            continue;
        char *db = strtok_r(NULL, " \t\r\n", &save);
        char *extra = strtok_r(NULL, " \t\r\n", &save);
        const lia_diag_check *c = lia_diag_catalog_find(cat, id);
        if (!c || extra || (db && strlen(db) >= sizeof out->e[0].database)) {
            rc = lia_fail(err, c ? LIA_E_USAGE : LIA_E_DIAG_UNKNOWN_CHECK, "%s:%d", path, lineno);
            lia_error_detail(err, "%s", c ? lia_tr("format attendu : CONTRÔLE [BASE]",
                                                   "expected format: CHECK [DATABASE]")
                                          : id);
            break;
        }
        lia_diag_skip_entry *ne = lia_diag_grow(out->e, &cap, out->n, sizeof *ne, 16);
        if (!ne) {
            rc = lia_fail(err, LIA_E_NOMEM, "%s", path);
            break;
        }
        out->e = ne;
        lia_diag_skip_entry *e = &out->e[out->n++];
        snprintf(e->id, sizeof e->id, "%s", c->id);
        snprintf(e->database, sizeof e->database, "%s", db ? db : "");
    }
    free(line);
    fclose(f);
    if (rc != LIA_OK)
        lia_diag_skip_free(out);
    return rc;
}
