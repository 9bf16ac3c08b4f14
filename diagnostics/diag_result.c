/* Results of the checks: keys kept (bounded), reasons, report helpers. */
#include "liaison/diag.h"

#include "diag_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *lia_diag_grow(void *arr, size_t *cap, size_t n, size_t size, size_t first)
{
    if (n < *cap)
        return arr;
    size_t nc = *cap ? *cap * 2 : first;
    void *p = realloc(arr, nc * size);
    if (p)
        *cap = nc;
    return p;
}

lia_code lia_diag_io_fail(lia_error *err, const char *path)
{
    lia_fail(err, LIA_E_IO, "%s", path);
    err->os_errno = errno;
    lia_error_detail(err, "%s", strerror(errno));
    return err->code;
}

int lia_diag_result_add(lia_diag_result *r, const char *key, const char *value, size_t cap)
{
    r->count++;
    if (cap && r->nkeys >= cap)
        return 0;
    size_t kc = r->capkeys; /* keys and values grow together: capkeys moves with values */
    char **nk = lia_diag_grow(r->keys, &kc, r->nkeys, sizeof *nk, 16);
    if (!nk)
        return -1;
    r->keys = nk;
    char **nv = lia_diag_grow(r->values, &r->capkeys, r->nkeys, sizeof *nv, 16);
    if (!nv)
        return -1;
    r->values = nv;
    char *k = strdup(key ? key : "");
    char *v = value ? strdup(value) : NULL;
    if (!k || (value && !v)) {
        free(k);
        free(v);
        return -1;
    }
    r->keys[r->nkeys] = k;
    r->values[r->nkeys] = v;
    r->nkeys++;
    return 0;
}

void lia_diag_result_set_reason(lia_diag_result *r, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    free(r->reason);
    r->reason = strdup(buf);
}

void lia_diag_result_clear(lia_diag_result *r)
{
    for (size_t i = 0; i < r->nkeys; i++) {
        free(r->keys[i]);
        free(r->values[i]);
    }
    free(r->keys);
    free(r->values);
    free(r->reason);
    const lia_diag_check *c = r->check;
    memset(r, 0, sizeof *r);
    r->check = c;
}

void lia_diag_report_free(lia_diag_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        lia_diag_result_clear(&r->results[i]);
    free(r->results);
    r->results = NULL;
    r->n = 0;
}

void lia_diag_report_counts(const lia_diag_report *r, size_t *found, size_t *skipped,
                            size_t *failed, size_t *clean)
{
    size_t c[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < r->n; i++)
        c[r->results[i].status]++;
    if (clean)
        *clean = c[LIA_DIAG_CLEAN];
    if (found)
        *found = c[LIA_DIAG_FOUND];
    if (skipped)
        *skipped = c[LIA_DIAG_SKIPPED];
    if (failed)
        *failed = c[LIA_DIAG_FAILED];
}

int lia_diag_format_parse(const char *s, lia_diag_format *out)
{
    static const struct {
        const char *name;
        lia_diag_format f;
    } m[] = {{"text", LIA_DIAG_TEXT}, {"json", LIA_DIAG_JSON}, {"csv", LIA_DIAG_CSV},
             {"markdown", LIA_DIAG_MARKDOWN}, {"md", LIA_DIAG_MARKDOWN}, {"html", LIA_DIAG_HTML}};
    for (size_t i = 0; s && i < sizeof m / sizeof m[0]; i++)
        if (strcmp(s, m[i].name) == 0) {
            *out = m[i].f;
            return 0;
        }
    return -1;
}
