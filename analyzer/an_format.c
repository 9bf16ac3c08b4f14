/* Format definitions: the native Liaison journal (built in, hand parsed for
 * speed) and data-defined formats (*.fmt: a line regex with named groups or
 * JSON members, level aliases, continuation and run rules). */
#include "an.h"

#include <dirent.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const an_field_names[AN_F_COUNT] = {"ts", "level", "run", "entity", "key",
                                                "code", "status", "message", "op"};

static void format_free(an_format *f)
{
    if (!f)
        return;
    free(f->name);
    free(f->desc_fr);
    free(f->desc_en);
    free(f->path);
    free(f->line_src);
    free(f->cont_src);
    pcre2_code_free(f->line_re);
    pcre2_code_free(f->cont_re);
    pcre2_code_free(f->detect_re);
    pcre2_code_free(f->run_start_re);
    pcre2_code_free(f->run_end_re);
    pcre2_code_free(f->run_failed_re);
    for (int i = 0; i < AN_F_COUNT; i++)
        free(f->json_field[i]);
    for (size_t i = 0; i < f->n_aliases; i++)
        free(f->aliases[i].name);
    free(f->aliases);
    free(f);
}

void lia_an_formats_free(lia_an_formats *fs)
{
    if (!fs)
        return;
    for (size_t i = 0; i < fs->n; i++)
        format_free(fs->v[i]);
    free(fs->v);
    free(fs);
}

static int add_format(lia_an_formats *fs, an_format *f)
{
    /* A later definition with the same name replaces the earlier one:
     * users override shipped formats without editing them. */
    for (size_t i = 0; i < fs->n; i++)
        if (strcmp(fs->v[i]->name, f->name) == 0) {
            format_free(fs->v[i]);
            fs->v[i] = f;
            return 0;
        }
    an_format **nv = realloc(fs->v, (fs->n + 1) * sizeof *nv);
    if (!nv)
        return -1;
    fs->v = nv;
    fs->v[fs->n++] = f;
    return 0;
}

static lia_an_formats *ensure(lia_an_formats **io)
{
    if (*io)
        return *io;
    lia_an_formats *fs = calloc(1, sizeof *fs);
    an_format *nat = calloc(1, sizeof *nat);
    if (!fs || !nat) {
        free(fs);
        free(nat);
        return NULL;
    }
    nat->name = strdup("liaison");
    nat->desc_fr = strdup("journal de synchronisation Liaison (natif, champs séparés par des tabulations)");
    nat->desc_en = strdup("Liaison synchronisation journal (native, tab-separated fields)");
    nat->path = strdup("(intégré)");
    nat->kind = AN_FMT_LIAISON;
    nat->has_runs = 1;
    add_format(fs, nat);
    *io = fs;
    return fs;
}

const an_format *an_formats_find(const lia_an_formats *fs, const char *name)
{
    for (size_t i = 0; fs && i < fs->n; i++)
        if (strcasecmp(fs->v[i]->name, name) == 0)
            return fs->v[i];
    return NULL;
}

int lia_an_formats_has(const lia_an_formats *f, const char *name)
{
    return an_formats_find(f, name) != NULL;
}

/* ---- loading a .fmt file ---- */
struct load_ctx {
    an_format *f;
    const char *path;
};

static pcre2_code *compile(const char *src, uint32_t flags, lia_error *err, const char *what)
{
    int ec;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_NO_UTF_CHECK | flags, &ec, &off, NULL);
    if (!re) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(ec, msg, sizeof msg);
        lia_error_detail(err, "%s: %s (%s %zu)", what, (char *)msg, lia_tr("position", "offset"),
                         (size_t)off);
        return NULL;
    }
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);   /* interpreted when JIT is unavailable */
    return re;
}

static int set_str(char **dst, const char *v)
{
    free(*dst);
    *dst = strdup(v);
    return *dst ? 0 : -1;
}

static int load_cb(void *vctx, const an_kv *kv, lia_error *err)
{
    struct load_ctx *c = vctx;
    an_format *f = c->f;
    if (!kv->key) {
        lia_error_detail(err, "%s", lia_tr("section inattendue dans un fichier de format",
                                           "unexpected section in a format file"));
        return LIA_E_ANALYZE_FORMAT;
    }
    const char *k = kv->key, *v = kv->val;
    pcre2_code **re = NULL;
    uint32_t fl = 0;
    if (strcmp(k, "name") == 0)
        return set_str(&f->name, v) ? LIA_E_NOMEM : LIA_OK;
    if (strcmp(k, "description.fr") == 0)
        return set_str(&f->desc_fr, v) ? LIA_E_NOMEM : LIA_OK;
    if (strcmp(k, "description.en") == 0)
        return set_str(&f->desc_en, v) ? LIA_E_NOMEM : LIA_OK;
    if (strcmp(k, "type") == 0) {
        if (strcmp(v, "regex") == 0)
            f->kind = AN_FMT_REGEX;
        else if (strcmp(v, "json") == 0)
            f->kind = AN_FMT_JSON;
        else {
            lia_error_detail(err, "%s '%s'", lia_tr("type inconnu (regex ou json)",
                                                    "unknown type (regex or json)"), v);
            return LIA_E_ANALYZE_FORMAT;
        }
        return LIA_OK;
    }
    if (strcmp(k, "line") == 0) {
        re = &f->line_re;
        if (set_str(&f->line_src, v))
            return LIA_E_NOMEM;
    } else if (strcmp(k, "continuation") == 0) {
        re = &f->cont_re;
        if (set_str(&f->cont_src, v))
            return LIA_E_NOMEM;
    } else if (strcmp(k, "detect") == 0) {
        re = &f->detect_re;
    } else if (strcmp(k, "run_start") == 0) {
        re = &f->run_start_re, fl = PCRE2_CASELESS;
    } else if (strcmp(k, "run_end") == 0) {
        re = &f->run_end_re, fl = PCRE2_CASELESS;
    } else if (strcmp(k, "run_failed") == 0) {
        re = &f->run_failed_re, fl = PCRE2_CASELESS;
    }
    if (re) {
        pcre2_code_free(*re);
        if (!(*re = compile(v, fl, err, k)))
            return LIA_E_ANALYZE_FORMAT;
        return LIA_OK;
    }
    if (strncmp(k, "level.", 6) == 0) {
        int dbg;
        int lvl = an_level_parse(v, strlen(v), &dbg);
        if (lvl < 0) {
            lia_error_detail(err, "%s '%s'", lia_tr("niveau inconnu (DEBUG, INFO, WARN, TRANSIENT, ERROR, FATAL)",
                                                    "unknown level (DEBUG, INFO, WARN, TRANSIENT, ERROR, FATAL)"), v);
            return LIA_E_ANALYZE_FORMAT;
        }
        an_alias *na = realloc(f->aliases, (f->n_aliases + 1) * sizeof *na);
        if (!na)
            return LIA_E_NOMEM;
        f->aliases = na;
        na[f->n_aliases].name = strdup(k + 6);
        na[f->n_aliases].level = lvl;
        na[f->n_aliases].debug = dbg;
        f->n_aliases++;
        return LIA_OK;
    }
    if (strncmp(k, "field.", 6) == 0) {
        for (int i = 0; i < AN_F_COUNT; i++)
            if (strcmp(k + 6, an_field_names[i]) == 0)
                return set_str(&f->json_field[i], v) ? LIA_E_NOMEM : LIA_OK;
    }
    lia_error_detail(err, "%s '%s'", lia_tr("clé inconnue", "unknown key"), k);
    return LIA_E_ANALYZE_FORMAT;
}

lia_code lia_an_formats_load_file(lia_an_formats **io, const char *path, lia_error *err)
{
    lia_an_formats *fs = ensure(io);
    an_format *f = calloc(1, sizeof *f);
    if (!fs || !f) {
        free(f);
        return lia_fail(err, LIA_E_NOMEM, "%s", path);
    }
    f->kind = AN_FMT_REGEX;
    f->path = strdup(path);
    struct load_ctx c = {f, path};
    lia_code rc = an_kv_parse(path, load_cb, &c, LIA_E_ANALYZE_FORMAT, err);
    if (rc == LIA_OK && !f->name) {
        rc = lia_fail(err, LIA_E_ANALYZE_FORMAT, "%s", path);
        lia_error_detail(err, "%s", lia_tr("clé « name » absente", "missing key 'name'"));
    }
    if (rc == LIA_OK && f->kind == AN_FMT_REGEX) {
        if (!f->line_re) {
            rc = lia_fail(err, LIA_E_ANALYZE_FORMAT, "%s", path);
            lia_error_detail(err, "%s", lia_tr("clé « line » absente", "missing key 'line'"));
        } else {
            for (int i = 0; i < AN_F_COUNT; i++) {
                int n = pcre2_substring_number_from_name(f->line_re, (PCRE2_SPTR)an_field_names[i]);
                f->group[i] = n > 0 ? n : 0;
            }
            if (!f->group[AN_F_MESSAGE]) {
                rc = lia_fail(err, LIA_E_ANALYZE_FORMAT, "%s", path);
                lia_error_detail(err, "%s", lia_tr("le motif « line » n'a pas de groupe (?<message>…)",
                                                   "the 'line' pattern has no (?<message>...) group"));
            }
        }
    }
    if (rc == LIA_OK && f->kind == AN_FMT_JSON && !f->json_field[AN_F_MESSAGE]) {
        rc = lia_fail(err, LIA_E_ANALYZE_FORMAT, "%s", path);
        lia_error_detail(err, "%s", lia_tr("clé « field.message » absente", "missing key 'field.message'"));
    }
    if (rc != LIA_OK) {
        format_free(f);
        return rc;
    }
    f->has_runs = f->run_start_re != NULL || f->run_end_re != NULL || f->group[AN_F_RUN] ||
                  f->json_field[AN_F_RUN];
    if (add_format(fs, f) != 0) {
        format_free(f);
        return lia_fail(err, LIA_E_NOMEM, "%s", path);
    }
    return LIA_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

lia_code lia_an_formats_load_dir(lia_an_formats **io, const char *dir, lia_error *err)
{
    if (!ensure(io))
        return lia_fail(err, LIA_E_NOMEM, "%s", dir);
    if (!dir)
        return LIA_OK;
    DIR *d = opendir(dir);
    if (!d) {
        lia_fail(err, LIA_E_ANALYZE_FORMAT, "%s", dir);
        lia_error_detail(err, "%s", lia_tr("dossier de formats illisible", "unreadable formats directory"));
        return LIA_E_ANALYZE_FORMAT;
    }
    char *names[256];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".fmt") == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp_str);   /* a stable order for detection ties */
    lia_code rc = LIA_OK;
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (rc == LIA_OK)
            rc = lia_an_formats_load_file(io, path, err);
        free(names[i]);
    }
    return rc;
}

void lia_an_formats_list(const lia_an_formats *fs, FILE *out)
{
    for (size_t i = 0; fs && i < fs->n; i++)
        fprintf(out, "%-16s %s\n", fs->v[i]->name,
                lia_tr(fs->v[i]->desc_fr ? fs->v[i]->desc_fr : "",
                       fs->v[i]->desc_en ? fs->v[i]->desc_en : ""));
}

void lia_an_formats_markdown(const lia_an_formats *fs, FILE *out)
{
    for (size_t i = 0; fs && i < fs->n; i++) {
        const an_format *f = fs->v[i];
        fprintf(out, "### `%s`\n\n%s\n\n", f->name, f->desc_en ? f->desc_en : "");
        if (f->kind == AN_FMT_LIAISON) {
            fprintf(out, "Built in: the tab-separated Liaison journal, parsed without regex.\n\n");
            continue;
        }
        if (f->kind == AN_FMT_REGEX)
            fprintf(out, "- line: `%s`\n", f->line_src);
        else {
            fprintf(out, "- JSON members:");
            for (int k = 0; k < AN_F_COUNT; k++)
                if (f->json_field[k])
                    fprintf(out, " %s=`%s`", an_field_names[k], f->json_field[k]);
            fprintf(out, "\n");
        }
        if (f->cont_src)
            fprintf(out, "- continuation: `%s`\n", f->cont_src);
        if (f->n_aliases) {
            fprintf(out, "- level aliases:");
            for (size_t k = 0; k < f->n_aliases; k++)
                fprintf(out, " `%s`→%s", f->aliases[k].name,
                        f->aliases[k].debug ? "DEBUG" : an_sev_id(f->aliases[k].level));
            fprintf(out, "\n");
        }
        fprintf(out, "- runs: %s\n\n", f->has_runs ? "delimited by run_start/run_end" : "one per file");
    }
}

/* ---- parsing ---- */
void an_parser_init(an_parser *p, const an_format *f)
{
    memset(p, 0, sizeof *p);
    p->fmt = f;
    if (f && f->line_re)
        p->md = pcre2_match_data_create_from_pattern(f->line_re, NULL);
    else
        p->md = pcre2_match_data_create(4, NULL);
}

void an_parser_free(an_parser *p)
{
    pcre2_match_data_free(p->md);
    lia_buf_free(&p->scratch);
    memset(p, 0, sizeof *p);
}

static int re_match(const pcre2_code *re, pcre2_match_data *md, const char *s, size_t n)
{
    return pcre2_match(re, (PCRE2_SPTR)s, n, 0, PCRE2_NO_UTF_CHECK, md, NULL) >= 0;
}

/* Undoes the journal's escapes (\t \n \\) in place. */
static void unescape(char *s)
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
}

static char *dash_null(char *s) { return s && !(s[0] == '-' && s[1] == '\0') && s[0] ? s : NULL; }

/* The native levels, as the journal writes them (upper case): one word
 * compare instead of the alias table. */
static int native_level(const char *s, size_t n, int *debug)
{
    *debug = 0;
    if (n == 4 && memcmp(s, "INFO", 4) == 0)
        return LIA_AN_INFO;
    if (n == 4 && memcmp(s, "WARN", 4) == 0)
        return LIA_AN_WARNING;
    if (n == 5 && memcmp(s, "ERROR", 5) == 0)
        return LIA_AN_ERROR;
    return an_level_parse(s, n, debug);
}

/* ts level run seq dir entity op crm_key erp_key code status message [k=v]... */
static int parse_native(char *line, size_t len, an_event *ev)
{
    if (len == 0)
        return AN_PARSE_NOMATCH;
    if (line[0] == '\t')
        return AN_PARSE_CONT;
    /* The eleven tabs before the message: sixteen bytes at a time where
     * SSE2 is there (every x86-64), else a byte loop. */
    char *f[12];
    char *p = line, *end = line + len;
    f[0] = p;
    int nf = 1;
#if defined(__SSE2__)
    const __m128i tab = _mm_set1_epi8('\t');
    while (p + 16 <= end) {
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)p), tab));
        while (m && nf < 12) {
            int b = __builtin_ctz(m);
            p[b] = '\0';
            f[nf++] = p + b + 1;
            m &= m - 1;
        }
        if (nf == 12) {
            p = f[11];
            break;
        }
        p += 16;
    }
#endif
    for (; p < end && nf < 12; p++)
        if (*p == '\t') {
            *p = '\0';
            f[nf++] = p + 1;
        }
    if (nf < 12)
        return AN_PARSE_NOMATCH;
    char *extra = memchr(p, '\t', (size_t)(end - p));
    char *msg_end = extra ? extra : end;
    if (extra)
        *extra++ = '\0';
    int lvl = native_level(f[1], (size_t)(f[2] - 1 - f[1]), &ev->debug);
    if (lvl < 0 || f[0][0] < '0' || f[0][0] > '9')
        return AN_PARSE_NOMATCH;
    ev->ts = f[0];
    ev->ts_ms = LIA_AN_NO_TS;   /* parsed lazily by the analysis */
    ev->level = lvl;
    ev->run = dash_null(f[2]);
    ev->dir = dash_null(f[4]);
    ev->entity = dash_null(f[5]);
    ev->op = dash_null(f[6]);
    ev->crm_key = dash_null(f[7]);
    ev->erp_key = dash_null(f[8]);
    ev->code = dash_null(f[9]);
    ev->status = dash_null(f[10]);
    if (memchr(f[11], '\\', (size_t)(msg_end - f[11])))
        unescape(f[11]);
    ev->message = f[11];
    ev->extra = extra;
    ev->run_mark = 0;
    if (ev->entity && ev->op && ev->entity[0] == 'R' && strcmp(ev->entity, "RUN") == 0)
        ev->run_mark = strcmp(ev->op, "START") == 0 ? 1 : strcmp(ev->op, "END") == 0 ? 2 : 0;
    return AN_PARSE_EVENT;
}

static int alias_level(const an_format *f, const char *s, size_t n, int *debug)
{
    for (size_t i = 0; i < f->n_aliases; i++)
        if (strlen(f->aliases[i].name) == n && strncasecmp(f->aliases[i].name, s, n) == 0) {
            *debug = f->aliases[i].debug;
            return f->aliases[i].level;
        }
    return an_level_parse(s, n, debug);
}

static void fill_common(const an_format *f, pcre2_match_data *md, an_event *ev, const char *v[AN_F_COUNT],
                        const size_t vl[AN_F_COUNT])
{
    ev->ts = v[AN_F_TS];
    ev->ts_ms = LIA_AN_NO_TS;
    ev->level = v[AN_F_LEVEL] ? alias_level(f, v[AN_F_LEVEL], vl[AN_F_LEVEL], &ev->debug) : -1;
    ev->run = v[AN_F_RUN];
    ev->entity = v[AN_F_ENTITY];
    ev->erp_key = v[AN_F_KEY];
    ev->code = v[AN_F_CODE];
    ev->status = v[AN_F_STATUS];
    ev->op = v[AN_F_OP];
    ev->message = v[AN_F_MESSAGE] ? v[AN_F_MESSAGE] : "";
    ev->run_mark = 0;
    size_t ml = vl[AN_F_MESSAGE];
    /* The native framing (entity RUN, op START/END or the run status) works
     * in any format that carries those fields, JSON lines in particular. */
    if (ev->entity && strcasecmp(ev->entity, "RUN") == 0) {
        if ((ev->op && strcasecmp(ev->op, "START") == 0) || (ev->status && strcmp(ev->status, "EN_COURS") == 0))
            ev->run_mark = 1;
        else if ((ev->op && strcasecmp(ev->op, "END") == 0) ||
                 (ev->status && (strcmp(ev->status, "SUCCES") == 0 || strcmp(ev->status, "AVERTISSEMENT") == 0 ||
                                 strcmp(ev->status, "ECHEC") == 0)))
            ev->run_mark = 2;
        return;
    }
    if (f->run_start_re && re_match(f->run_start_re, md, ev->message, ml))
        ev->run_mark = 1;
    else if (f->run_end_re && re_match(f->run_end_re, md, ev->message, ml))
        ev->run_mark = 2;
}

static int parse_regex(an_parser *p, char *line, size_t len, an_event *ev)
{
    const an_format *f = p->fmt;
    if (f->cont_re && re_match(f->cont_re, p->md, line, len))
        return AN_PARSE_CONT;
    if (!re_match(f->line_re, p->md, line, len))
        return AN_PARSE_NOMATCH;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(p->md);
    lia_buf_reset(&p->scratch);
    size_t off[AN_F_COUNT];
    size_t vl[AN_F_COUNT] = {0};
    const char *v[AN_F_COUNT] = {0};
    for (int i = 0; i < AN_F_COUNT; i++) {
        off[i] = (size_t)-1;
        int g = f->group[i];
        if (!g || ov[2 * g] == PCRE2_UNSET)
            continue;
        size_t a = ov[2 * g], b = ov[2 * g + 1];
        off[i] = p->scratch.len;
        vl[i] = b - a;
        lia_buf_add(&p->scratch, line + a, b - a);
        lia_buf_addc(&p->scratch, '\0');
    }
    if (p->scratch.oom)
        return AN_PARSE_NOMATCH;
    for (int i = 0; i < AN_F_COUNT; i++)
        if (off[i] != (size_t)-1) {
            v[i] = p->scratch.data + off[i];
            if (i != AN_F_MESSAGE && (vl[i] == 0 || strcmp(v[i], "-") == 0))
                v[i] = NULL;
        }
    fill_common(f, p->md, ev, v, vl);
    return AN_PARSE_EVENT;
}

static int parse_json(an_parser *p, char *line, size_t len, an_event *ev)
{
    const an_format *f = p->fmt;
    size_t i = 0;
    while (i < len && (line[i] == ' ' || line[i] == '\t'))
        i++;
    if (i >= len || line[i] != '{')
        return AN_PARSE_NOMATCH;
    lia_buf_reset(&p->scratch);
    size_t off[AN_F_COUNT], vl[AN_F_COUNT];
    const char *v[AN_F_COUNT] = {0};
    if (an_json_fields(line, len, f->json_field, AN_F_COUNT, &p->scratch, off, vl) != 0)
        return AN_PARSE_NOMATCH;
    if (off[AN_F_MESSAGE] == (size_t)-1 || p->scratch.oom)
        return AN_PARSE_NOMATCH;
    for (int k = 0; k < AN_F_COUNT; k++)
        if (off[k] != (size_t)-1) {
            v[k] = p->scratch.data + off[k];
            if (k != AN_F_MESSAGE && (vl[k] == 0 || strcmp(v[k], "-") == 0))
                v[k] = NULL;
        }
    fill_common(f, p->md, ev, v, vl);
    return AN_PARSE_EVENT;
}

int an_parse_line(an_parser *p, char *line, size_t len, an_event *ev)
{
    if (!p->fmt)
        return AN_PARSE_NOMATCH;
    switch (p->fmt->kind) {
    case AN_FMT_LIAISON: return parse_native(line, len, ev);
    case AN_FMT_REGEX: return parse_regex(p, line, len, ev);
    case AN_FMT_JSON: return parse_json(p, line, len, ev);
    }
    return AN_PARSE_NOMATCH;
}

/* Fields an event fills besides time, level and message.  The more a
 * format reads out of the same line, the likelier it is the format the line
 * was written in: "timestamp level message" also matches every line of a
 * Liaison journal, and must not win because one Liaison line was cut. */
static size_t specificity(const an_event *ev)
{
    const char *f[] = {ev->run, ev->entity, ev->erp_key ? ev->erp_key : ev->crm_key, ev->code};
    size_t n = 0;
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        if (f[i] && *f[i] && strcmp(f[i], "-") != 0)
            n++;
    return n;
}

const an_format *an_formats_detect(const lia_an_formats *fs, char **lines, const size_t *lens,
                                   size_t n)
{
    const an_format *best = NULL;
    size_t best_score = 0;
    char *copy = NULL;
    size_t cap = 0;
    for (size_t i = 0; fs && i < fs->n; i++) {
        const an_format *f = fs->v[i];
        an_parser p;
        an_parser_init(&p, f);
        size_t score = 0;
        for (size_t k = 0; k < n; k++) {
            if (lens[k] == 0)
                continue;
            if (cap < lens[k] + 1) {
                free(copy);
                cap = lens[k] + 1;
                copy = malloc(cap);
                if (!copy) {
                    cap = 0;
                    break;
                }
            }
            memcpy(copy, lines[k], lens[k] + 1);
            an_event ev;
            memset(&ev, 0, sizeof ev);
            int r = an_parse_line(&p, copy, lens[k], &ev);
            /* Real events count double: continuation rules alone (e.g. "any
             * indented line") must not win. */
            if (r == AN_PARSE_EVENT)
                score += 2 + specificity(&ev);
            else if (r == AN_PARSE_CONT && score > 0)
                score += 1;
        }
        if (f->detect_re && n > 0 && !re_match(f->detect_re, p.md, lines[0], lens[0]))
            score = 0;
        an_parser_free(&p);
        if (score > best_score) {
            best = f;
            best_score = score;
        }
    }
    free(copy);
    return best;
}
