/* Run history (--history FILE): what the previous run found, so this run can
 * say what is new and what was fixed.  A small text file, one line per
 * (database, check): "DB<TAB>ID<TAB>COUNT<TAB>KEY<TAB>KEY...", with TAB,
 * LF and backslash escaped as in the journal.  Rewritten atomically. */
#include "liaison/diag.h"

#include "diag_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define HIST_MAGIC "# liaison diagnose history 1"

typedef struct hentry {
    char *db, *id;
    int64_t count;
    char **keys;
    size_t nkeys;
} hentry;

typedef struct hfile {
    hentry *e;
    size_t n, cap;
} hfile;

static void hfile_free(hfile *h)
{
    for (size_t i = 0; i < h->n; i++) {
        free(h->e[i].db);
        free(h->e[i].id);
        for (size_t k = 0; k < h->e[i].nkeys; k++)
            free(h->e[i].keys[k]);
        free(h->e[i].keys);
    }
    free(h->e);
    memset(h, 0, sizeof *h);
}

/* Unescapes in place. */
static char *unescape(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (*r == '\\' && r[1]) {
            r++;
            *w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    return s;
}

static void escape(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '\t')
            fputs("\\t", f);
        else if (*s == '\n')
            fputs("\\n", f);
        else if (*s == '\\')
            fputs("\\\\", f);
        else
            fputc(*s, f);
    }
}

static int cmpstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static lia_code hfile_load(const char *path, hfile *h, lia_error *err)
{
    memset(h, 0, sizeof *h);
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno == ENOENT)
            return LIA_OK;   /* first run */
        return lia_diag_io_fail(err, path);
    }
    char *line = NULL;
    size_t sz = 0;
    int lineno = 0;
    lia_code rc = LIA_OK;
    while (getline(&line, &sz, f) >= 0) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (lineno == 1 && strcmp(line, HIST_MAGIC) != 0) {
            rc = lia_fail(err, LIA_E_IO, "%s", path);
            lia_error_detail(err, "%s", lia_tr("ce n'est pas un fichier d'historique de diagnostic",
                                               "not a diagnose history file"));
            break;
        }
        if (line[0] == '#' || line[0] == '\0')
            continue;
        hentry *ne = lia_diag_grow(h->e, &h->cap, h->n, sizeof *ne, 64);
        if (!ne) {
            rc = lia_fail(err, LIA_E_NOMEM, "%s", path);
            break;
        }
        h->e = ne;
        hentry *e = &h->e[h->n];
        memset(e, 0, sizeof *e);
        char *fields[3] = {NULL, NULL, NULL};
        char *p = line;
        int nf = 0;
        while (nf < 3 && p) {
            fields[nf++] = p;
            p = strchr(p, '\t');
            if (p)
                *p++ = '\0';
        }
        if (nf < 3) {
            rc = lia_fail(err, LIA_E_IO, "%s:%d", path, lineno);
            lia_error_detail(err, "%s", lia_tr("ligne d'historique mal formée", "malformed history line"));
            break;
        }
        h->n++;
        e->db = strdup(unescape(fields[0]));
        e->id = strdup(unescape(fields[1]));
        e->count = strtoll(fields[2], NULL, 10);
        size_t kc = 0;
        while (p) {
            char *k = p;
            p = strchr(p, '\t');
            if (p)
                *p++ = '\0';
            char **nk = lia_diag_grow(e->keys, &kc, e->nkeys, sizeof *nk, 8);
            if (!nk)
                break;
            e->keys = nk;
            char *dup = strdup(unescape(k));
            if (!dup)
                break;
            e->keys[e->nkeys++] = dup;
        }
        if (!e->db || !e->id) {
            rc = lia_fail(err, LIA_E_NOMEM, "%s", path);
            break;
        }
        if (e->nkeys > 1)
            qsort(e->keys, e->nkeys, sizeof *e->keys, cmpstr);
    }
    free(line);
    fclose(f);
    if (rc != LIA_OK)
        hfile_free(h);
    return rc;
}

static hentry *hfind(hfile *h, const char *db, const char *id)
{
    for (size_t i = 0; i < h->n; i++)
        if (strcasecmp(h->e[i].db, db) == 0 && strcmp(h->e[i].id, id) == 0)
            return &h->e[i];
    return NULL;
}

lia_code lia_diag_history_apply(const char *path, lia_diag_report *r, lia_error *err)
{
    hfile h;
    lia_code rc = hfile_load(path, &h, err);
    if (rc != LIA_OK)
        return rc;
    r->history = 1;
    for (size_t i = 0; i < r->n; i++) {
        lia_diag_result *res = &r->results[i];
        hentry *e = hfind(&h, r->database, res->check->id);
        res->hist = LIA_DIAG_H_NONE;
        if (res->status == LIA_DIAG_FOUND) {
            res->hist = e ? LIA_DIAG_H_KNOWN : LIA_DIAG_H_NEW;
            res->prev_count = e ? e->count : 0;
            res->new_keys = 0;
            for (size_t k = 0; k < res->nkeys; k++)
                if (!e || !bsearch(&res->keys[k], e->keys, e->nkeys, sizeof *e->keys, cmpstr))
                    res->new_keys++;
        } else if (res->status == LIA_DIAG_CLEAN && e) {
            res->hist = LIA_DIAG_H_FIXED;
            res->prev_count = e->count;
        }
    }
    hfile_free(&h);
    return LIA_OK;
}

static void write_entry(FILE *f, const char *db, const char *id, int64_t count, char *const *keys,
                        size_t nkeys)
{
    escape(f, db);
    fputc('\t', f);
    escape(f, id);
    fprintf(f, "\t%lld", (long long)count);
    for (size_t k = 0; k < nkeys; k++) {
        fputc('\t', f);
        escape(f, keys[k]);
    }
    fputc('\n', f);
}

lia_code lia_diag_history_save(const char *path, const lia_diag_report *r, lia_error *err)
{
    hfile h;
    lia_code rc = hfile_load(path, &h, err);
    if (rc != LIA_OK)
        return rc;
    size_t plen = strlen(path) + 16;
    char *tmp = malloc(plen);
    if (!tmp) {
        hfile_free(&h);
        return lia_fail(err, LIA_E_NOMEM, "%s", path);
    }
    snprintf(tmp, plen, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f) {
        lia_diag_io_fail(err, tmp);
        free(tmp);
        hfile_free(&h);
        return err->code;
    }
    fprintf(f, "%s\n# %s %s\n", HIST_MAGIC, r->database, r->started);
    /* Entries of other databases, and of checks not evaluated now, stay. */
    for (size_t i = 0; i < h.n; i++) {
        hentry *e = &h.e[i];
        int evaluated = 0;
        if (strcasecmp(e->db, r->database) == 0)
            for (size_t j = 0; j < r->n; j++)
                if (strcmp(r->results[j].check->id, e->id) == 0 &&
                    (r->results[j].status == LIA_DIAG_FOUND || r->results[j].status == LIA_DIAG_CLEAN))
                    evaluated = 1;
        if (!evaluated)
            write_entry(f, e->db, e->id, e->count, e->keys, e->nkeys);
    }
    for (size_t j = 0; j < r->n; j++)
        if (r->results[j].status == LIA_DIAG_FOUND)
            write_entry(f, r->database, r->results[j].check->id, r->results[j].count,
                        r->results[j].keys, r->results[j].nkeys);
    hfile_free(&h);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad || rename(tmp, path) != 0) {
        lia_diag_io_fail(err, path);
        unlink(tmp);
        free(tmp);
        return err->code;
    }
    free(tmp);
    return LIA_OK;
}
