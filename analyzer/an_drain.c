/* Lines no rule knows, grouped into templates the way Drain does: variable
 * tokens masked first (numbers, keys, quoted values, e-mails), then a line
 * joins the most similar template of the same length and first token when
 * at least 60 % of the tokens agree; differing positions become <*>. */
#include "an.h"

#include <stdlib.h>
#include <string.h>

#define SIMILARITY 0.6
#define MAX_TOKENS 64
#define MAX_TEXT 400

struct an_drain {
    an_template **v;
    size_t n, max;
    uint64_t overflow;
    lia_buf mask;
};

an_drain *an_drain_new(size_t max_templates)
{
    an_drain *d = calloc(1, sizeof *d);
    if (d)
        d->max = max_templates;
    return d;
}

void an_drain_free(an_drain *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i]->text);
        free(d->v[i]->example);
        free(d->v[i]->where);
        free(d->v[i]);
    }
    free(d->v);
    lia_buf_free(&d->mask);
    free(d);
}

uint64_t an_drain_overflow(const an_drain *d) { return d ? d->overflow : 0; }

static int variable(const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((t[i] >= '0' && t[i] <= '9') || t[i] == '@')
            return 1;
    return 0;
}

void an_drain_mask(const char *msg, size_t len, lia_buf *out)
{
    lia_buf_reset(out);
    size_t i = 0, ntok = 0;
    while (i < len && ntok < MAX_TOKENS) {
        while (i < len && (msg[i] == ' ' || msg[i] == '\t' || msg[i] == '\n'))
            i++;
        if (i >= len)
            break;
        size_t start = i;
        char q = msg[i];
        if (q == '\'' || q == '"' || q == '\xC2') {
            /* A quoted value ('x', "x" or « x ») is one variable token. */
            const char *close = q == '\xC2' && i + 1 < len && msg[i + 1] == '\xAB' ? "\xC2\xBB"
                              : q == '\'' ? "'" : q == '"' ? "\"" : NULL;
            if (close) {
                size_t skip = strlen(close);
                const char *e = NULL;
                for (size_t k = i + skip; k + strlen(close) <= len; k++)
                    if (memcmp(msg + k, close, strlen(close)) == 0) {
                        e = msg + k;
                        break;
                    }
                if (e) {
                    i = (size_t)(e - msg) + strlen(close);
                    /* keep trailing punctuation glued to the token */
                    while (i < len && msg[i] != ' ' && msg[i] != '\t')
                        i++;
                    lia_buf_adds(out, ntok ? " <*>" : "<*>");
                    ntok++;
                    continue;
                }
            }
        }
        while (i < len && msg[i] != ' ' && msg[i] != '\t' && msg[i] != '\n')
            i++;
        if (ntok)
            lia_buf_addc(out, ' ');
        if (variable(msg + start, i - start))
            lia_buf_adds(out, "<*>");
        else
            lia_buf_add(out, msg + start, i - start);
        ntok++;
    }
    if (out->len > MAX_TEXT) {
        out->len = MAX_TEXT;
        out->data[out->len] = '\0';
    }
}

static size_t count_tokens(const char *s)
{
    size_t n = 0;
    for (const char *p = s; *p;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        n++;
        while (*p && *p != ' ')
            p++;
    }
    return n;
}

/* Splits a template copy into its tokens (pointers into buf). */
static size_t split(char *buf, char **tok)
{
    size_t n = 0;
    for (char *p = strtok(buf, " "); p && n < MAX_TOKENS; p = strtok(NULL, " "))
        tok[n++] = p;
    return n;
}

void an_drain_add(an_drain *d, const char *msg, size_t len, int sev, const char *where)
{
    if (!d)
        return;
    an_drain_mask(msg, len, &d->mask);
    if (d->mask.oom)
        return;
    const char *m = lia_buf_str(&d->mask);
    size_t ntok = count_tokens(m);
    char mbuf[MAX_TEXT + 1], tbuf[MAX_TEXT + 1];
    char *mt[MAX_TOKENS], *tt[MAX_TOKENS];
    snprintf(mbuf, sizeof mbuf, "%s", m);
    size_t nm = split(mbuf, mt);
    an_template *best = NULL;
    double best_sim = 0;
    for (size_t i = 0; i < d->n; i++) {
        an_template *t = d->v[i];
        if (t->ntok != ntok)
            continue;
        if (strcmp(t->text, m) == 0) {
            best = t;
            best_sim = 1;
            break;
        }
        snprintf(tbuf, sizeof tbuf, "%s", t->text);
        size_t nt = split(tbuf, tt);
        if (nt != nm || nm == 0 || (strcmp(tt[0], mt[0]) != 0 && strcmp(tt[0], "<*>") != 0))
            continue;
        size_t same = 0;
        for (size_t k = 0; k < nm; k++)
            same += strcmp(tt[k], mt[k]) == 0 || strcmp(tt[k], "<*>") == 0;
        double sim = (double)same / (double)nm;
        if (sim >= SIMILARITY && sim > best_sim) {
            best = t;
            best_sim = sim;
        }
    }
    if (best) {
        best->count++;
        if (sev > best->sev)
            best->sev = sev;
        if (best_sim < 1) {   /* generalise: differing positions become <*> */
            snprintf(tbuf, sizeof tbuf, "%s", best->text);
            size_t nt = split(tbuf, tt);
            lia_buf merged = LIA_BUF_INIT;
            for (size_t k = 0; k < nt; k++) {
                if (k)
                    lia_buf_addc(&merged, ' ');
                lia_buf_adds(&merged, strcmp(tt[k], mt[k]) == 0 ? tt[k] : "<*>");
            }
            if (!merged.oom) {
                free(best->text);
                best->text = merged.data;
            } else {
                lia_buf_free(&merged);
            }
        }
        return;
    }
    if (d->n >= d->max) {
        d->overflow++;
        return;
    }
    an_template *t = calloc(1, sizeof *t);
    an_template **nv = realloc(d->v, (d->n + 1) * sizeof *nv);
    if (!t || !nv) {
        free(t);
        if (nv)
            d->v = nv;
        return;
    }
    d->v = nv;
    t->text = strdup(m);
    t->example = strndup(msg, len > MAX_TEXT ? MAX_TEXT : len);
    t->where = strdup(where ? where : "");
    t->count = 1;
    t->sev = sev;
    t->ntok = ntok;
    d->v[d->n++] = t;
}

static int by_count(const void *a, const void *b)
{
    const an_template *x = *(an_template *const *)a, *y = *(an_template *const *)b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->text, y->text);
}

size_t an_drain_list(an_drain *d, an_template ***out)
{
    if (!d) {
        *out = NULL;
        return 0;
    }
    if (d->n > 1)
        qsort(d->v, d->n, sizeof *d->v, by_count);
    *out = d->v;
    return d->n;
}
