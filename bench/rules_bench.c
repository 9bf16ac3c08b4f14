/* Rule classification cost (bench/rules.sh): the catalogue loaded twice, once
 * with LIAISON_AN_PREFILTER=0 (every rule tried in order) and once with the
 * literal prefilter, classifying the same messages in alternating rounds.
 * usage: rules_bench CATALOGUE MESSAGES [ROUNDS]
 * MESSAGES: one per line, "+<TAB>text" for a message some rule matches in
 * the catalogue's samples, "-<TAB>text" for an unknown one.  Prints ns per
 * message (median of the rounds) for each group and mode, and the ratios. */
#include "an.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct msgs { char **v; size_t *len; size_t n, cap; } msgs;

static void push(msgs *m, const char *s)
{
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 256;
        m->v = realloc(m->v, m->cap * sizeof *m->v);
        m->len = realloc(m->len, m->cap * sizeof *m->len);
        if (!m->v || !m->len)
            exit(2);
    }
    m->v[m->n] = strdup(s);
    m->len[m->n++] = strlen(s);
}

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static size_t sink;

/* ns per message over passes passes. */
static double run(const lia_an_catalog *c, pcre2_match_data *md, const msgs *m, int passes)
{
    double t0 = now_ns();
    for (int p = 0; p < passes; p++)
        for (size_t i = 0; i < m->n; i++) {
            const an_rule *r = an_catalog_match(c, md, m->v[i], m->len[i]);
            sink += r ? (size_t)(r - c->v) : 1;
        }
    return (now_ns() - t0) / ((double)passes * (double)m->n);
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: rules_bench CATALOGUE MESSAGES [ROUNDS]\n");
        return 2;
    }
    int rounds = argc > 3 ? atoi(argv[3]) : 7;
    if (rounds < 1 || rounds > 99)
        rounds = 7;
    lia_error err;
    lia_error_clear(&err);
    lia_an_catalog *seq = NULL, *pf = NULL;
    setenv("LIAISON_AN_PREFILTER", "0", 1);
    if (lia_an_catalog_load(argv[1], &seq, &err) != LIA_OK)
        return 1;
    unsetenv("LIAISON_AN_PREFILTER");
    if (lia_an_catalog_load(argv[1], &pf, &err) != LIA_OK || !pf->pf || seq->pf)
        return 1;
    msgs known = {0}, unknown = {0}, all = {0};
    FILE *f = fopen(argv[2], "r");
    if (!f)
        return 1;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n < 2 || line[1] != '\t' || (line[0] != '+' && line[0] != '-'))
            continue;
        push(line[0] == '+' ? &known : &unknown, line + 2);
        push(&all, line + 2);
    }
    free(line);
    fclose(f);
    pcre2_match_data *md = pcre2_match_data_create(8, NULL);
    /* Same result for every message, and what the message file says. */
    size_t differ = 0, misfiled = 0;
    for (size_t i = 0; i < all.n; i++) {
        const an_rule *a = an_catalog_match(seq, md, all.v[i], all.len[i]);
        const an_rule *b = an_catalog_match(pf, md, all.v[i], all.len[i]);
        differ += strcmp(a ? a->code : "-", b ? b->code : "-") != 0;
    }
    for (size_t i = 0; i < known.n; i++)
        misfiled += !an_catalog_match(seq, md, known.v[i], known.len[i]);
    for (size_t i = 0; i < unknown.n; i++)
        misfiled += an_catalog_match(seq, md, unknown.v[i], unknown.len[i]) != NULL;
    /* passes so that one round of the slow mode takes about 0.1 s */
    double probe = run(seq, md, &all, 1);
    int passes = (int)(1e8 / (probe * (double)all.n)) + 1;
    const msgs *groups[3] = {&known, &unknown, &all};
    const char *names[3] = {"matched", "unknown", "all"};
    printf("%zu messages (%zu matched by a rule, %zu unknown), %d rounds of %d passes; results differ: %zu, in the wrong group: %zu\n",
           all.n, known.n, unknown.n, rounds, passes, differ, misfiled);
    printf("%-8s %14s %14s %8s\n", "messages", "sequential ns", "prefilter ns", "ratio");
    for (int g = 0; g < 3; g++) {
        if (!groups[g]->n)
            continue;
        double *a = calloc((size_t)rounds, sizeof *a), *b = calloc((size_t)rounds, sizeof *b);
        if (!a || !b)
            return 2;
        for (int r = 0; r < rounds; r++) {
            a[r] = run(seq, md, groups[g], passes);
            b[r] = run(pf, md, groups[g], passes);
        }
        qsort(a, (size_t)rounds, sizeof *a, cmp_d);
        qsort(b, (size_t)rounds, sizeof *b, cmp_d);
        double ma = a[rounds / 2], mb = b[rounds / 2];
        printf("%-8s %14.0f %14.0f %8.1f\n", names[g], ma, mb, ma / mb);
        free(a);
        free(b);
    }
    pcre2_match_data_free(md);
    lia_an_catalog_free(seq);
    lia_an_catalog_free(pf);
    return differ ? 1 : (int)(sink & 0);
}
