/* The generator's two oracles: the defects manifest (JSON) and the CA
 * N / N-1 per tiers (CSV), both from what was generated, never queried. */
#include "demo_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liaison/buf.h"

static int cmp_mf(const void *a, const void *b)
{
    const demo_mf *x = a, *y = b;
    int c = strcmp(x->check, y->check);
    return c ? c : strcmp(x->key, y->key);
}

static int cannot_write(const char *path, char *err, size_t errlen)
{
    snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
    return -1;
}

int demo_write_atomic(const char *path, int (*fill)(FILE *f, const void *ctx, char *err, size_t errlen),
                      const void *ctx, char *err, size_t errlen)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return cannot_write(path, err, errlen);
    int rc = fill(f, ctx, err, errlen);
    if (rc == 0 && ferror(f))
        rc = cannot_write(path, err, errlen);
    if (fclose(f) != 0 && rc == 0)
        rc = cannot_write(path, err, errlen);
    if (rc == 0 && rename(tmp, path) != 0)
        rc = cannot_write(path, err, errlen);
    if (rc != 0)
        remove(tmp);
    return rc;
}

static int fill_buf(FILE *f, const void *ctx, char *err, size_t errlen)
{
    const lia_buf *b = ctx;
    (void)err;
    (void)errlen;
    if (b->len)
        fwrite(b->data, 1, b->len, f); /* a short write shows in ferror() */
    return 0;
}

static int write_file(const char *path, const lia_buf *b, char *err, size_t errlen)
{
    return demo_write_atomic(path, fill_buf, b, err, errlen);
}

int demo_write_manifest(demo_g *g, const char *path, char *err, size_t errlen)
{
    if (g->nmf > 1)
        qsort(g->mf, (size_t)g->nmf, sizeof *g->mf, cmp_mf);
    lia_buf b = LIA_BUF_INIT;
    lia_buf_adds(&b, "{\"database\":");
    lia_buf_json_str(&b, g->cfg->database);
    lia_buf_printf(&b, ",\"seed\":%u,\"scale\":\"%s\",\"reference_date\":\"%s\",\"defects\":[",
                   g->cfg->seed, g->cfg->large ? "large" : "small", g->cfg->ref_date);
    for (int i = 0; i < g->nmf;) {
        int j = i;
        lia_buf_printf(&b, "%s\n  {\"check\":\"%s\",\"keys\":[", i ? "," : "", g->mf[i].check);
        for (; j < g->nmf && strcmp(g->mf[j].check, g->mf[i].check) == 0; j++) {
            if (j > i)
                lia_buf_addc(&b, ',');
            lia_buf_json_str(&b, g->mf[j].key);
        }
        lia_buf_adds(&b, "]}");
        i = j;
    }
    lia_buf_adds(&b, g->nmf ? "\n]}\n" : "]}\n");
    int rc = b.oom ? -1 : write_file(path, &b, err, errlen);
    if (b.oom)
        snprintf(err, errlen, "out of memory writing '%s'", path);
    lia_buf_free(&b);
    return rc;
}

static void add_amount(lia_buf *b, int64_t c)
{
    uint64_t a = c < 0 ? (uint64_t)(-c) : (uint64_t)c;
    lia_buf_printf(b, "%s%llu.%02llu", c < 0 ? "-" : "", (unsigned long long)(a / 100),
                   (unsigned long long)(a % 100));
}

static const demo_tinfo *sort_ti;
static int cmp_tiers(const void *a, const void *b)
{
    return strcmp(sort_ti[*(const int *)a].num, sort_ti[*(const int *)b].num);
}

int demo_write_oracle(demo_g *g, const char *path, char *err, size_t errlen)
{
    int *idx = malloc((size_t)g->ntiers * sizeof *idx);
    if (!idx) {
        snprintf(err, errlen, "out of memory writing '%s'", path);
        return -1;
    }
    int n = 0;
    /* Every customer (CT_Type 0, prospects included) with a usable key. */
    for (int i = 0; i < g->ntiers; i++)
        if (g->ti[i].type == 0 && g->ti[i].num[0])
            idx[n++] = i;
    sort_ti = g->ti;
    qsort(idx, (size_t)n, sizeof *idx, cmp_tiers);
    lia_buf b = LIA_BUF_INIT;
    lia_buf_adds(&b, "CT_Num;ca_n;ca_n1\n");
    for (int k = 0; k < n; k++) {
        int i = idx[k];
        lia_buf_adds(&b, g->ti[i].num);
        lia_buf_addc(&b, ';');
        add_amount(&b, g->ca_n[i]);
        lia_buf_addc(&b, ';');
        add_amount(&b, g->ca_n1[i]);
        lia_buf_addc(&b, '\n');
    }
    free(idx);
    int rc = b.oom ? -1 : write_file(path, &b, err, errlen);
    if (b.oom)
        snprintf(err, errlen, "out of memory writing '%s'", path);
    lia_buf_free(&b);
    return rc;
}
