/* The classification catalogue: stanzas of a .rules file, one per code,
 * each with PCRE2 patterns (case-insensitive, JIT-compiled, first rule in
 * file order wins) and the texts a report shows. */
#include "an.h"

#include <stdlib.h>
#include <string.h>

static void rule_free(an_rule *r)
{
    free(r->code);
    free(r->entity);
    free(r->checks);
    free(r->title_fr);
    free(r->title_en);
    free(r->cause_fr);
    free(r->cause_en);
    free(r->fix_fr);
    free(r->fix_en);
    lia_buf_free(&r->pattern);
    pcre2_code_free(r->re);
}

void lia_an_catalog_free(lia_an_catalog *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        rule_free(&c->v[i]);
    free(c->v);
    an_map_free(&c->by_code, NULL);
    an_pf_free(c->pf);
    free(c->path);
    free(c);
}

size_t lia_an_catalog_count(const lia_an_catalog *c) { return c ? c->n : 0; }

static int compile_rule(an_rule *r, lia_error *err)
{
    if (!r->n_patterns)
        return 0;
    int ec;
    PCRE2_SIZE off;
    r->re = pcre2_compile((PCRE2_SPTR)lia_buf_str(&r->pattern), PCRE2_ZERO_TERMINATED,
                          PCRE2_UTF | PCRE2_CASELESS | PCRE2_NO_UTF_CHECK, &ec, &off, NULL);
    if (!r->re) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(ec, msg, sizeof msg);
        lia_error_detail(err, "%s %s: %s", lia_tr("motif de", "pattern of"), r->code, (char *)msg);
        return -1;
    }
    pcre2_jit_compile(r->re, PCRE2_JIT_COMPLETE);
    return 0;
}

static int check_rule(const an_rule *r, lia_error *err)
{
    const char *missing = !r->title_fr ? "title.fr" : !r->title_en ? "title.en"
                        : !r->cause_fr ? "cause.fr" : !r->cause_en ? "cause.en"
                        : !r->fix_fr ? "fix.fr" : !r->fix_en ? "fix.en"
                        : r->severity < 0 ? "severity" : NULL;
    if (missing) {
        lia_error_detail(err, "%s %s: %s", lia_tr("règle", "rule"), r->code, missing);
        return -1;
    }
    return 0;
}

static int set(char **dst, const char *v)
{
    free(*dst);
    *dst = strdup(v);
    return *dst ? LIA_OK : LIA_E_NOMEM;
}

static int load_cb(void *ctx, const an_kv *kv, lia_error *err)
{
    lia_an_catalog *c = ctx;
    if (!kv->key) {
        if (c->n && (check_rule(&c->v[c->n - 1], err) || compile_rule(&c->v[c->n - 1], err)))
            return LIA_E_ANALYZE_RULE;
        int dup = 0;
        for (size_t i = 0; i < c->n; i++)
            dup |= strcmp(c->v[i].code, kv->section) == 0;
        if (dup) {
            lia_error_detail(err, "%s %s", lia_tr("code en double", "duplicate code"), kv->section);
            return LIA_E_ANALYZE_RULE;
        }
        if (c->n == c->cap) {
            size_t ncap = c->cap ? c->cap * 2 : 64;
            an_rule *nv = realloc(c->v, ncap * sizeof *nv);
            if (!nv)
                return LIA_E_NOMEM;
            c->v = nv;
            c->cap = ncap;
        }
        an_rule *r = &c->v[c->n++];
        memset(r, 0, sizeof *r);
        r->code = strdup(kv->section);
        r->severity = -1;
        r->line = kv->line;
        return r->code ? LIA_OK : LIA_E_NOMEM;
    }
    if (!c->n) {
        lia_error_detail(err, "%s", lia_tr("clé hors d'une règle [CODE]", "key outside a [CODE] rule"));
        return LIA_E_ANALYZE_RULE;
    }
    an_rule *r = &c->v[c->n - 1];
    const char *k = kv->key, *v = kv->val;
    if (strcmp(k, "severity") == 0) {
        if ((r->severity = an_sev_parse(v)) < 0) {
            lia_error_detail(err, "%s '%s'", lia_tr("sévérité inconnue (info, warning, transient, error, fatal)",
                                                    "unknown severity (info, warning, transient, error, fatal)"), v);
            return LIA_E_ANALYZE_RULE;
        }
        return LIA_OK;
    }
    if (strcmp(k, "entity") == 0) return set(&r->entity, v);
    if (strcmp(k, "check") == 0) return set(&r->checks, v);
    if (strcmp(k, "title.fr") == 0) return set(&r->title_fr, v);
    if (strcmp(k, "title.en") == 0) return set(&r->title_en, v);
    if (strcmp(k, "cause.fr") == 0) return set(&r->cause_fr, v);
    if (strcmp(k, "cause.en") == 0) return set(&r->cause_en, v);
    if (strcmp(k, "fix.fr") == 0) return set(&r->fix_fr, v);
    if (strcmp(k, "fix.en") == 0) return set(&r->fix_en, v);
    if (strcmp(k, "pattern") == 0) {
        /* Each pattern alone must compile: errors then name the right line. */
        int ec;
        PCRE2_SIZE off;
        pcre2_code *t = pcre2_compile((PCRE2_SPTR)v, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_CASELESS,
                                      &ec, &off, NULL);
        if (!t) {
            PCRE2_UCHAR msg[160];
            pcre2_get_error_message(ec, msg, sizeof msg);
            lia_error_detail(err, "%s: %s", v, (char *)msg);
            return LIA_E_ANALYZE_RULE;
        }
        pcre2_code_free(t);
        lia_buf_printf(&r->pattern, "%s(?:%s)", r->n_patterns ? "|" : "", v);
        r->n_patterns++;
        return r->pattern.oom ? LIA_E_NOMEM : LIA_OK;
    }
    lia_error_detail(err, "%s '%s'", lia_tr("clé inconnue", "unknown key"), k);
    return LIA_E_ANALYZE_RULE;
}

lia_code lia_an_catalog_load(const char *path, lia_an_catalog **out, lia_error *err)
{
    lia_an_catalog *c = calloc(1, sizeof *c);
    if (!c)
        return lia_fail(err, LIA_E_NOMEM, "%s", path);
    c->path = strdup(path);
    lia_code rc = an_kv_parse(path, load_cb, c, LIA_E_ANALYZE_RULE, err);
    if (rc == LIA_OK && c->n && (check_rule(&c->v[c->n - 1], err) || compile_rule(&c->v[c->n - 1], err)))
        rc = lia_fail(err, LIA_E_ANALYZE_RULE, "%s:%lu", path, c->v[c->n - 1].line);
    if (rc == LIA_OK && c->n == 0) {
        rc = lia_fail(err, LIA_E_ANALYZE_RULE, "%s", path);
        lia_error_detail(err, "%s", lia_tr("catalogue vide", "empty catalogue"));
    }
    if (rc == LIA_OK)
        rc = an_catalog_add_library(c, err);
    /* The code index is built last: the array no longer moves. */
    for (size_t i = 0; rc == LIA_OK && i < c->n; i++) {
        void **slot = an_map_get(&c->by_code, c->v[i].code, strlen(c->v[i].code), 1);
        if (!slot)
            rc = lia_fail(err, LIA_E_NOMEM, "%s", path);
        else
            *slot = &c->v[i];
    }
    if (rc != LIA_OK) {
        lia_an_catalog_free(c);
        return rc;
    }
    /* Without it (off, out of memory) every rule is tried: same results. */
    c->pf = an_pf_build(c);
    *out = c;
    return LIA_OK;
}

const an_rule *an_catalog_code(const lia_an_catalog *c, const char *code)
{
    void **slot = an_map_get((an_map *)&c->by_code, code, strlen(code), 0);
    return slot ? *slot : NULL;
}

const an_rule *an_catalog_match(const lia_an_catalog *c, pcre2_match_data *md, const char *msg,
                                size_t len)
{
    return c->pf ? an_pf_match(c, md, msg, len) : an_catalog_match_seq(c, md, msg, len);
}

const an_rule *an_catalog_match_seq(const lia_an_catalog *c, pcre2_match_data *md, const char *msg,
                                    size_t len)
{
    for (size_t i = 0; i < c->n; i++) {
        if (!c->v[i].re)
            continue;
        if (pcre2_match(c->v[i].re, (PCRE2_SPTR)msg, len, 0, PCRE2_NO_UTF_CHECK, md, NULL) >= 0)
            return &c->v[i];
    }
    return NULL;
}

int lia_an_catalog_test(const lia_an_catalog *c, const char *path, FILE *out, lia_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        lia_fail(err, LIA_E_ANALYZE_INPUT, "%s", path);
        return -1;
    }
    pcre2_match_data *md = pcre2_match_data_create(8, NULL);
    char *line = NULL;
    size_t cap = 0;
    unsigned long no = 0, tested = 0;
    int failures = 0;
    size_t *hits = calloc(c->n + 1, sizeof *hits);
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        no++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        if (!tab) {
            fprintf(out, "%s:%lu: %s\n", path, no, lia_tr("ligne sans tabulation, attendu CODE<TAB>exemple",
                                                          "line without a tab, expected CODE<TAB>sample"));
            failures++;
            continue;
        }
        *tab = '\0';
        const char *want = line, *sample = tab + 1;
        if (!an_utf8_valid((const unsigned char *)sample, strlen(sample))) {
            fprintf(out, "%s:%lu: %s\n", path, no, lia_tr("exemple non UTF-8", "sample not UTF-8"));
            failures++;
            continue;
        }
        if (strcmp(want, "-") != 0 && !an_catalog_code(c, want)) {
            fprintf(out, "%s:%lu: %s '%s'\n", path, no, lia_tr("code absent du catalogue", "code not in the catalogue"), want);
            failures++;
            continue;
        }
        const an_rule *w = strcmp(want, "-") != 0 ? an_catalog_code(c, want) : NULL;
        if (w && !w->re) {
            /* Library codes (and pattern-less stanzas) classify a line by its
             * code field only: no message can select them. */
            fprintf(out, "%s:%lu: %s %s\n", path, no,
                    lia_tr("règle sans motif, classée par son seul code :", "rule without a pattern, classified by its code only:"),
                    want);
            failures++;
            continue;
        }
        const an_rule *r = an_catalog_match(c, md, sample, strlen(sample));
        const an_rule *seq = an_catalog_match_seq(c, md, sample, strlen(sample));
        const char *got = r ? r->code : "-";
        tested++;
        if (r != seq) {
            /* The prefilter must never change a result (an_prefilter.c). */
            fprintf(out, "%s:%lu: %s %s, %s %s: %s\n", path, no,
                    lia_tr("préfiltre", "prefilter"), got, lia_tr("séquentiel", "sequential"),
                    seq ? seq->code : "-", sample);
            failures++;
        }
        if (r && hits)
            hits[r - c->v]++;
        if (strcmp(got, want) != 0) {
            fprintf(out, "%s:%lu: %s %s, %s %s: %s\n", path, no, lia_tr("attendu", "expected"), want,
                    lia_tr("obtenu", "got"), got, sample);
            failures++;
        }
    }
    /* Every rule must be exercised by at least one sample. */
    for (size_t i = 0; hits && i < c->n; i++)
        if (c->v[i].re && hits[i] == 0) {
            fprintf(out, "%s: %s %s\n", path, lia_tr("aucun exemple ne teste la règle", "no sample tests rule"),
                    c->v[i].code);
            failures++;
        }
    fprintf(out, "%lu %s, %d %s\n", tested, lia_tr("exemples", "samples"), failures,
            lia_tr("échec(s)", "failure(s)"));
    free(hits);
    free(line);
    pcre2_match_data_free(md);
    fclose(f);
    return failures;
}

void lia_an_catalog_markdown(const lia_an_catalog *c, FILE *out)
{
    fprintf(out, "| code | severity | entity | check | title | cause | fix |\n");
    fprintf(out, "|---|---|---|---|---|---|---|\n");
    lia_buf b = LIA_BUF_INIT;
    for (size_t i = 0; i < c->n; i++) {
        const an_rule *r = &c->v[i];
        lia_buf_reset(&b);
        lia_buf_printf(&b, "| `%s` | %s | ", r->code, an_sev_id(r->severity));
        lia_buf_md_cell(&b, r->entity ? r->entity : "-");
        lia_buf_adds(&b, " | ");
        lia_buf_md_cell(&b, r->checks ? r->checks : "-");
        lia_buf_adds(&b, " | ");
        lia_buf_md_cell(&b, r->title_en);
        lia_buf_adds(&b, " / ");
        lia_buf_md_cell(&b, r->title_fr);
        lia_buf_adds(&b, " | ");
        lia_buf_md_cell(&b, r->cause_en);
        lia_buf_adds(&b, " | ");
        lia_buf_md_cell(&b, r->fix_en);
        lia_buf_adds(&b, " |\n");
        fputs(lia_buf_str(&b), out);
    }
    lia_buf_free(&b);
}
