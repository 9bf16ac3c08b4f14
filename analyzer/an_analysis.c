/* The analysis: parsed events folded into runs, counts, hourly buckets,
 * the last state of each record and the templates of unknown lines.
 * Everything kept is bounded by the catalogue, the number of runs, hours
 * and records, never by the number of lines. */
#include "an.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DETECT_LINES 50
#define DETECT_BYTES (256u << 10)
#define MAX_HOURS 20000
#define MAX_TEMPLATES 500

lia_code lia_an_analysis_new(const lia_an_catalog *c, const lia_an_formats *f,
                             const lia_an_options *opt, lia_an_analysis **out, lia_error *err)
{
    lia_an_analysis *a = calloc(1, sizeof *a);
    if (!a)
        return lia_fail(err, LIA_E_NOMEM, "analyze");
    a->cat = c;
    a->fmts = f;
    if (opt)
        a->opt = *opt;
    if (a->opt.top <= 0)
        a->opt.top = 10;
    if (a->opt.jobs <= 0) {   /* a second thread only helps with a second CPU */
        a->opt.jobs = sysconf(_SC_NPROCESSORS_ONLN) >= 2 ? 2 : 1;
        /* ... and the reading thread no longer does: with classification
         * cheap (the literal prefilter), handing each line over costs more
         * than it saves (docs/benchmarks.md): by default, halves only. */
        a->no_pipe = 1;
    }
    /* Smaller files are not split: splitting costs a line count and a
     * merge.  The variable lets tests split small journals. */
    const char *sm = getenv("LIAISON_AN_SPLIT_MIN");
    a->split_min = sm && *sm ? strtoull(sm, NULL, 10) : 32u << 20;
    const char *memo = getenv("LIAISON_AN_MEMO");
    a->memo_off = memo && strcmp(memo, "0") == 0;
    /* The fast lane changes no result (tests compare with it off, and
     * with its SSE2 build: LIAISON_AN_FAST=sse2). */
    const char *fast = getenv("LIAISON_AN_FAST");
    a->fast = !(fast && strcmp(fast, "0") == 0);
    a->fast_isa = an_fast_isa(fast);
    a->md = pcre2_match_data_create(16, NULL);
    a->drain = an_drain_new(MAX_TEMPLATES);
    if (!a->md || !a->drain) {
        lia_an_analysis_free(a);
        return lia_fail(err, LIA_E_NOMEM, "analyze");
    }
    *out = a;
    return LIA_OK;
}

static void free_count(void *p);
static void cache_free(struct an_count_cache *cc);

static void free_run(an_run *r)
{
    if (!r)
        return;
    an_map_free(&r->codes, free_count);
    an_map_free(&r->entities, free_count);
    cache_free(r->cache);
    free(r->id);
    free(r->file);
    free(r->counters);
    free(r);
}

static void free_record(void *p)
{
    an_record *r = p;
    if (!r)
        return;
    for (int i = 0; i < r->n_aside; i++) {
        an_aside *x = &r->aside[i];
        free(x->code);
        free(x->message);
        free(x->detail);
        free(x->ts);
        free(x->where);
    }
    free(r->aside);
    free(r->entity);
    free(r->key);
    free(r->code);
    free(r->message);
    free(r->detail);
    free(r->ts);
    free(r->where);
    free(r);
}

static void free_count(void *p)
{
    an_count *c = p;
    if (c)
        free(c->name);
    free(c);
}

static void free_det(lia_an_analysis *a)
{
    for (size_t i = 0; i < a->det_n; i++)
        free(a->det_lines[i]);
    free(a->det_lines);
    free(a->det_lens);
    free(a->det_no);
    a->det_lines = NULL;
    a->det_lens = NULL;
    a->det_no = NULL;
    a->det_n = a->det_bytes = a->det_text = 0;
}

void lia_an_analysis_free(lia_an_analysis *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n_runs; i++)
        free_run(a->runs[i]);
    free(a->runs);
    an_map_free(&a->run_by_id, NULL);
    an_map_free(&a->by_code, free_count);
    cache_free(a->cache);
    an_map_free(&a->by_entity, free_count);
    an_map_free(&a->hours, free_count);
    an_map_free(&a->records, free_record);
    an_drain_free(a->drain);
    for (size_t i = 0; i < a->n_files; i++) {
        free(a->files[i].path);
        free(a->files[i].format);
        free(a->files[i].error);
    }
    free(a->files);
    an_parser_free(&a->parser);
    free_det(a);
    lia_buf_free(&a->pend_text);
    lia_buf_free(&a->pend_detail);
    an_split_free(a);
    pcre2_match_data_free(a->md);
    an_memo_free(a);
    free(a);
}

/* ---- runs ---- */
static an_run *new_run(lia_an_analysis *a, const char *id, size_t idlen)
{
    if (a->n_runs == a->cap_runs) {
        size_t ncap = a->cap_runs ? a->cap_runs * 2 : 16;
        an_run **nv = realloc(a->runs, ncap * sizeof *nv);
        if (!nv)
            return NULL;
        a->runs = nv;
        a->cap_runs = ncap;
    }
    an_run *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->id = strndup(id, idlen);
    r->file = strdup(a->file_name ? a->file_name : "-");
    r->start_ms = r->end_ms = LIA_AN_NO_TS;
    r->order = a->order;
    r->native = a->fmt && a->fmt->kind == AN_FMT_LIAISON;
    a->runs[a->n_runs++] = r;
    return r;
}

static an_run *run_for(lia_an_analysis *a, const an_event *ev)
{
    if (ev->run) {
        if (a->cur && strcmp(a->cur->id, ev->run) == 0)
            return a->cur;
        void **slot = an_map_get(&a->run_by_id, ev->run, strlen(ev->run), 1);
        if (!slot)
            return NULL;
        if (!*slot)
            *slot = new_run(a, ev->run, strlen(ev->run));
        return a->cur = *slot;
    }
    /* Formats without run ids: runs open on run_start, or one per file. */
    if (a->split_b)
        a->split_abort = 1;   /* numbered per file from its start: not for a second half */
    if (ev->run_mark == 1 || !a->cur || a->cur->ended || strcmp(a->cur->file, a->file_name) != 0) {
        char id[300];
        int n = snprintf(id, sizeof id, "%s#%d", a->file_name, ++a->file_runs);
        a->cur = new_run(a, id, (size_t)(n < (int)sizeof id ? n : (int)sizeof id - 1));
    }
    return a->cur;
}

static int status_from(const char *s)
{
    if (!s)
        return -1;
    if (strcmp(s, "SUCCES") == 0)
        return LIA_AN_SUCCESS;
    if (strcmp(s, "AVERTISSEMENT") == 0)
        return LIA_AN_WARNINGS;
    if (strcmp(s, "ECHEC") == 0)
        return LIA_AN_FAILED;
    return -1;
}

static int derived_status(const an_run *r)
{
    if (r->sev[LIA_AN_ERROR] || r->sev[LIA_AN_FATAL])
        return LIA_AN_FAILED;
    if (r->sev[LIA_AN_WARNING] || r->sev[LIA_AN_TRANSIENT])
        return LIA_AN_WARNINGS;
    return LIA_AN_SUCCESS;
}

static void copy_ts(char *dst, const char *ts)
{
    size_t n = ts ? strlen(ts) : 0;
    if (n > 39)
        n = 39;
    if (n)
        memcpy(dst, ts, n);
    dst[n] = '\0';
}

/* ---- counters ---- */
static an_count *count_for(lia_an_analysis *a, an_map *m, const char *name, size_t n)
{
    void **slot = an_map_get(m, name, n, 0);
    if (!slot) {
        if (m->len >= AN_MAX_NAMES) {
            a->capped = 1;   /* a split half cannot be merged exactly (an_split.c) */
            return NULL;
        }
        slot = an_map_get(m, name, n, 1);
        if (!slot)
            return NULL;
    }
    if (!*slot) {
        an_count *c = calloc(1, sizeof *c);
        if (!c)
            return NULL;
        c->name = strndup(name, n);
        *slot = c;
    }
    return *slot;
}

/* The counts an event adds to, found again without hashing: a code's by
 * its rule (an array over the catalogue), an entity's by the name last
 * seen (events are mostly about one entity).  Only counts found are kept:
 * a name a bounded map refused is looked up (and refused) again. */
typedef struct an_count_cache {
    an_count **by_rule;   /* cat->n entries */
    an_count *entity;
    char entity_name[32];
    size_t entity_len;
} an_count_cache;

static an_count_cache *cache_for(const lia_an_analysis *a, an_count_cache **cc)
{
    if (!*cc && (*cc = calloc(1, sizeof **cc)) != NULL && !((*cc)->by_rule = calloc(a->cat->n + 1, sizeof(an_count *)))) {
        free(*cc);
        *cc = NULL;
    }
    return *cc;
}

static void cache_free(struct an_count_cache *cc)
{
    if (cc)
        free(cc->by_rule);
    free(cc);
}

static an_count *count_code(lia_an_analysis *a, an_count_cache **cc, an_map *m, const an_rule *rule,
                            const char *code)
{
    an_count_cache *c = rule ? cache_for(a, cc) : NULL;
    size_t i = c ? (size_t)(rule - a->cat->v) : 0;
    if (c && i < a->cat->n && c->by_rule[i])
        return c->by_rule[i];
    an_count *n = count_for(a, m, code, strlen(code));
    if (c && i < a->cat->n)
        c->by_rule[i] = n;
    return n;
}

static an_count *count_entity(lia_an_analysis *a, an_count_cache **cc, an_map *m, const char *entity)
{
    size_t n = strlen(entity);
    an_count_cache *c = cache_for(a, cc);
    if (c && c->entity && c->entity_len == n && memcmp(c->entity_name, entity, n) == 0)
        return c->entity;
    an_count *r = count_for(a, m, entity, n);
    if (c && r && n < sizeof c->entity_name) {
        memcpy(c->entity_name, entity, n);
        c->entity_len = n;
        c->entity = r;
    }
    return r;
}

/* Hour buckets use the wall-clock hour as written ("2026-03-04T10"). */
static void hour_key(const char *ts, int64_t ms, char out[16])
{
    out[0] = '\0';
    if (ts && strlen(ts) >= 13 && ts[4] == '-' && ts[7] == '-') {
        memcpy(out, ts, 13);
        out[10] = 'T';
        out[13] = '\0';
    } else if (ts && strlen(ts) >= 13 && ts[2] == '/' && ts[5] == '/') {
        snprintf(out, 16, "%.4s-%.2s-%.2sT%.2s", ts + 6, ts + 3, ts, ts + 11);
    } else if (ms != LIA_AN_NO_TS) {
        time_t t = (time_t)(ms / 1000);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(out, 16, "%Y-%m-%dT%H", &tm);
    }
}

static void count_hour(lia_an_analysis *a, const an_event *ev, int sev)
{
    if (!ev->ts)
        return;
    if (!a->hour_slot || strncmp(a->hour_prefix, ev->ts, 13) != 0) {
        char key[16];
        hour_key(ev->ts, ev->ts_ms != LIA_AN_NO_TS ? ev->ts_ms : an_ts_parse(ev->ts), key);
        if (!key[0])
            return;
        if (a->hours.len >= MAX_HOURS && !an_map_get(&a->hours, key, strlen(key), 0)) {
            a->capped = 1;
            return;
        }
        an_count *c = count_for(a, &a->hours, key, strlen(key));
        if (!c)
            return;
        a->hour_slot = c;
        size_t hl = strnlen(ev->ts, 13);   /* no printf per hour */
        memcpy(a->hour_prefix, ev->ts, hl);
        a->hour_prefix[hl] = '\0';
    }
    an_count *c = a->hour_slot;
    c->sev[sev]++;
    c->total++;
}

/* ---- records: last state across runs ---- */
/* The record an event is about, as the map's key ("ENTITY\x1fkey");
 * 0 when it is about none (runs, sessions, no key). */
size_t an_record_key(const an_event *ev, char *k, size_t size)
{
    const char *key = ev->erp_key ? ev->erp_key : ev->crm_key;
    if (!ev->entity || !key || strcmp(ev->entity, "RUN") == 0 || strcmp(ev->entity, "SESSION") == 0)
        return 0;
    size_t el = strlen(ev->entity), kl = strlen(key);
    if (el + kl + 1 >= size)
        return 0;
    memcpy(k, ev->entity, el);
    k[el] = '\x1f';
    memcpy(k + el + 1, key, kl);
    return el + kl + 1;
}

/* Sets *dst to the n bytes at src (NULL src: no string), in the memory *dst
 * already has when it is long enough: a record blocked again and again
 * mostly says things of the same length (no allocation per event). */
static void set_str(char **dst, const char *src, size_t n)
{
    if (!src) {
        free(*dst);
        *dst = NULL;
        return;
    }
    if (*dst && strlen(*dst) >= n) {
        memmove(*dst, src, n);
        (*dst)[n] = '\0';
        return;
    }
    free(*dst);
    *dst = strndup(src, n);
}

/* What a blocked record shows of the event that blocked it (replacing
 * what it showed before). */
void an_record_details(lia_an_analysis *a, const an_event *ev, const an_rule *rule, char **code,
                       char **message, char **detail, char **ts, char **where)
{
    const char *c = rule ? rule->code : ev->code;
    set_str(code, c, c ? strlen(c) : 0);
    const char *m = ev->message ? ev->message : "";
    set_str(message, m, strnlen(m, 240));
    size_t dl = ev->detail ? ev->detail_len : 0;
    if (dl > AN_MAX_DETAIL_SHOWN) {
        dl = AN_MAX_DETAIL_SHOWN;
        while (dl > 0 && ((unsigned char)ev->detail[dl] & 0xC0) == 0x80)
            dl--;   /* cut between characters */
    }
    set_str(detail, ev->detail, dl);
    set_str(ts, ev->ts, ev->ts ? strlen(ev->ts) : 0);
    /* "file:line", at most 299 bytes (no printf per event) */
    char w[300], num[24];
    size_t fl = strnlen(a->file_name, sizeof w - 1), nl = 0;
    unsigned long long no = (unsigned long long)ev->line_no;
    do
        num[sizeof num - 1 - nl++] = (char)('0' + no % 10);
    while ((no /= 10) != 0);
    memcpy(w, a->file_name, fl);
    size_t wl = fl;
    if (wl < sizeof w - 1)
        w[wl++] = ':';
    size_t take = nl < sizeof w - 1 - wl ? nl : sizeof w - 1 - wl;
    memcpy(w + wl, num + sizeof num - nl, take);
    set_str(where, w, wl + take);
}

an_record *an_record_get(lia_an_analysis *a, const char *k, size_t n, uint64_t h, size_t el, size_t kl)
{
    void **slot = an_map_get_h(&a->records, k, n, h, 0);
    if (!slot) {
        if (a->records.len >= AN_MAX_RECORDS) {
            a->records_dropped++;
            return NULL;
        }
        slot = an_map_get_h(&a->records, k, n, h, 1);
        if (!slot)
            return NULL;
    }
    an_record *r = *slot;
    if (!r) {
        r = calloc(1, sizeof *r);
        if (!r)
            return NULL;
        r->entity = strndup(k, el);
        r->key = strndup(k + el + 1, kl);
        r->sev = -1;
        *slot = r;
    }
    return r;
}

static void track_record(lia_an_analysis *a, const an_event *ev, an_run *run, const an_rule *rule,
                         int sev)
{
    char k[AN_RECORD_KEY];
    size_t n = an_record_key(ev, k, sizeof k);
    if (!n)
        return;
    const char *key = ev->erp_key ? ev->erp_key : ev->crm_key;
    /* The second half of a split file does not know the start of a run
     * begun before it: such events are kept aside per run (an_split.c). */
    int aside = a->split_b && !run->first_start;
    /* The reading thread may have hashed the key already (an_pipe.c). */
    uint64_t h = ev->rec_hash ? ev->rec_hash : an_hash(k, n);
    an_record *r = an_record_get(a, k, n, h, strlen(ev->entity), strlen(key));
    if (!r)
        return;
    if (aside) {
        an_split_aside(a, r, ev, run, rule, sev);
        return;
    }
    if (r->run && r->run != run) {
        /* Another run: only a later one replaces the state (journals may be
         * read in any order). */
        int64_t ms = run->start_ms;
        if (ms != LIA_AN_NO_TS && r->run_ms != LIA_AN_NO_TS ? ms < r->run_ms : run->order < r->run_order)
            return;
    }
    r->run = run;
    r->run_ms = run->start_ms;
    r->run_order = run->order;
    r->sev = sev;
    r->pos = a->events;
    if (sev >= LIA_AN_ERROR)
        an_record_details(a, ev, rule, &r->code, &r->message, &r->detail, &r->ts, &r->where);
}

/* ---- one event ---- */
static void handle_event(lia_an_analysis *a, an_event *ev)
{
    a->order++;
    a->events++;
    an_run *run = run_for(a, ev);
    if (!run)
        return;
    if (run->events == 0 || ev->run_mark == 1) {
        if (ev->run_mark == 1 || run->events == 0) {
            copy_ts(run->start_ts, ev->ts);
            int64_t ms = an_ts_parse(ev->ts);
            /* A run whose start moves after its first event: the records it
             * touched hold the old start (an_split.c must know). */
            if (run->events > 0 && (ms != run->start_ms || a->split_b))
                a->start_moved = 1;   /* a second half does not know the start it moves from */
            run->start_ms = ms;
            if (run->events == 0)
                run->first_start = ev->run_mark == 1;
        }
        if (ev->run_mark == 1)
            run->started = run->framed = 1;
    }
    run->events++;
    copy_ts(run->last_ts, ev->ts);

    /* classification */
    const an_rule *rule = NULL;
    int sev = ev->level < 0 ? LIA_AN_INFO : ev->level;
    int unknown = 0;
    if (ev->run_mark) {
        /* framing lines: their level says it all */
    } else if (ev->code) {
        rule = an_catalog_code(a->cat, ev->code);
    } else if (ev->level < 0 || ev->level >= LIA_AN_WARNING) {
        size_t ml = strlen(ev->message);
        rule = an_memo_match(a, ev->message, ml);
        /* The message first (what the line says), then the lines that
         * continue it (payload excerpt, stack, the server's own text). */
        if (!rule && ev->detail)
            rule = an_memo_match(a, ev->detail, ev->detail_len);
        if (rule)
            sev = rule->severity;
        else {
            unknown = 1;
            char where[300];
            snprintf(where, sizeof where, "%s:%llu", a->file_name, (unsigned long long)ev->line_no);
            if (a->split_b)
                an_split_unknown(a, ev->message, ml, sev, where);   /* replayed in order at the merge */
            else
                an_drain_add(a->drain, ev->message, ml, sev, where);
            a->unknown++;
        }
    }
    if (rule)
        a->classified++;
    a->sev[sev]++;
    run->sev[sev]++;
    const char *code = rule ? rule->code : ev->code;
    if (code) {
        an_count *c = count_code(a, &a->cache, &a->by_code, rule, code);
        if (c) {
            c->sev[sev]++;
            c->total++;
            c->rule = rule;
        }
    }
    if (code && sev >= LIA_AN_WARNING) {
        an_count *c = count_code(a, &run->cache, &run->codes, rule, code);
        if (c) {
            c->sev[sev]++;
            c->total++;
            c->rule = rule;
        }
    }
    if (ev->entity && sev >= LIA_AN_WARNING) {
        an_count *c = count_entity(a, &a->cache, &a->by_entity, ev->entity);
        if (c) {
            c->sev[sev]++;
            c->total++;
        }
        c = count_entity(a, &run->cache, &run->entities, ev->entity);
        if (c) {
            c->sev[sev]++;
            c->total++;
        }
    }
    count_hour(a, ev, sev);
    track_record(a, ev, run, rule, sev);

    if (ev->run_mark == 2) {
        run->ended = 1;
        copy_ts(run->end_ts, ev->ts);
        run->end_ms = an_ts_parse(ev->ts);
        int st = status_from(ev->status);
        if (st < 0 && a->fmt && a->fmt->run_failed_re &&
            pcre2_match(a->fmt->run_failed_re, (PCRE2_SPTR)ev->message, strlen(ev->message), 0,
                        PCRE2_NO_UTF_CHECK, a->md, NULL) >= 0)
            st = LIA_AN_FAILED;
        if (st >= 0) {
            run->status = st;
            run->explicit_status = 1;
        }
        if (ev->extra && !run->counters)
            run->counters = strdup(ev->extra);
    }
    if (a->opt.events && (sev >= LIA_AN_WARNING || rule || unknown || a->opt.events_all))
        an_print_event(a, ev, rule, sev, a->opt.events);
}

/* Rebases a pointer of a parsed event from the region it was parsed in to
 * the copy the held event keeps (pointers elsewhere, literals, stay). */
static const char *rebase(const char *p, const char *from, size_t n, const char *to)
{
    return p && p >= from && p < from + n ? to + (p - from) : p;
}

void an_event_rebase(an_event *ev, const char *from, size_t n, const char *to)
{
    const char **f[] = {&ev->ts, &ev->run, &ev->dir, &ev->entity, &ev->op, &ev->crm_key, &ev->erp_key,
                        &ev->code, &ev->status, &ev->message, &ev->extra};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        *f[i] = rebase(*f[i], from, n, to);
}

/* Copies the held event's text out of the memory it was parsed in (the
 * reader's line, the parser's scratch, a pipeline batch) before that memory
 * is reused. */
void an_analysis_detach(lia_an_analysis *a)
{
    if (!a->has_pend || a->pend_owned)
        return;
    lia_buf *t = &a->pend_text;
    lia_buf_reset(t);
    lia_buf_add(t, a->pend_src[0], a->pend_src_len[0]);
    lia_buf_add(t, a->pend_src[1], a->pend_src_len[1]);
    if (t->oom) {
        an_analysis_flush(a);   /* no copy: classified without what may follow */
        return;
    }
    an_event_rebase(&a->pend, a->pend_src[0], a->pend_src_len[0], t->data);
    if (a->pend_src_len[1])
        an_event_rebase(&a->pend, a->pend_src[1], a->pend_src_len[1], t->data + a->pend_src_len[0]);
    a->pend_owned = 1;
}

void an_analysis_flush(lia_an_analysis *a)
{
    a->fast_held = 0;
    if (!a->has_pend)
        return;
    a->has_pend = 0;
    an_event *ev = &a->pend;
    if (a->pend_detail.len && !a->pend_detail.oom) {
        ev->detail = a->pend_detail.data;
        ev->detail_len = a->pend_detail.len;
    }
    handle_event(a, ev);
}

/* ---- the consuming half: parsed lines in reading order (called directly,
 * or by the pipeline's consumer, an_pipe.c) ---- */

/* An event: the one held before is complete; this one is held, by
 * reference to text (len bytes, the line with its fields' NULs) and sc
 * (the parser's scratch), until its continuation is known. */
void an_consume_event(lia_an_analysis *a, const an_event *ev, const char *text, size_t tlen,
                      const char *sc, size_t slen)
{
    an_analysis_flush(a);
    a->pend = *ev;
    a->has_pend = 1;
    a->pend_owned = 0;
    a->pend_src[0] = text;
    a->pend_src_len[0] = tlen;
    a->pend_src[1] = sc;
    a->pend_src_len[1] = slen;
    lia_buf_reset(&a->pend_detail);
}

/* A continuation line: its text (blanks before it dropped) joins the held
 * event's detail, up to AN_MAX_DETAIL bytes cut between characters. */
void an_consume_cont(lia_an_analysis *a, const char *line, size_t len)
{
    a->st->continuation++;
    if (!a->has_pend && a->fast_held)
        return;   /* of an event the fast lane took: nothing to attach it to */
    if (!a->has_pend) {
        a->st->orphans++;
        return;
    }
    a->pend.cont_lines++;
    while (len > 0 && (*line == '\t' || *line == ' ')) {
        line++;
        len--;
    }
    lia_buf *d = &a->pend_detail;
    if (len == 0 || d->len >= AN_MAX_DETAIL)
        return;
    if (d->len)
        lia_buf_addc(d, '\n');
    size_t room = AN_MAX_DETAIL > d->len ? AN_MAX_DETAIL - d->len : 0;
    if (len > room) {
        len = room;
        while (len > 0 && ((unsigned char)line[len] & 0xC0) == 0x80)
            len--;
    }
    lia_buf_add(d, line, len);
}

/* A line that is no event (cut, foreign) ends the held one: what follows it
 * cannot be said to continue it. */
void an_consume_unparsed(lia_an_analysis *a, const char *line, uint64_t no)
{
    an_analysis_flush(a);
    a->st->unparsed++;
    if (!a->st->first_unparsed_line)
        a->st->first_unparsed_line = no;
    if (a->unparsed_out)
        fprintf(a->unparsed_out, "%s:%llu: %s\n", a->file_name, (unsigned long long)no, line);
}

/* ---- the reading half: a decoded line parsed with the file's format ---- */
static void process_line(lia_an_analysis *a, char *line, size_t len, uint64_t no)
{
    if (!line) {   /* a binary line skipped by the reader */
        if (a->pipe)
            an_pipe_binary(a->pipe);
        else
            an_analysis_flush(a);
        return;
    }
    if (len == 0 || (len == 1 && line[0] == ' ')) {
        a->st->empty++;
        return;
    }
    if (a->pipe && !(line = an_pipe_line(a->pipe, line, len)))
        return;   /* out of memory: the line is lost, never a crash */
    an_event ev;
    ev.file = a->file_name;
    ev.line_no = no;
    ev.level = -1;
    ev.debug = 0;
    ev.run = ev.dir = ev.entity = ev.op = ev.crm_key = ev.erp_key = ev.code = ev.status = NULL;
    ev.extra = NULL;
    ev.detail = NULL;
    ev.detail_len = 0;
    ev.cont_lines = 0;
    ev.rec_hash = 0;
    int r = an_parse_line(&a->parser, line, len, &ev);
    if (r == AN_PARSE_EVENT) {
        const lia_buf *sc = &a->parser.scratch;
        if (a->pipe) {
            an_pipe_event(a->pipe, &ev, line, len, sc->len ? sc->data : NULL, sc->len);
        } else {
            /* The event is handled when the next line comes: its record
             * slot is fetched meanwhile (the map is larger than the caches). */
            char k[AN_RECORD_KEY];
            size_t kn = an_record_key(&ev, k, sizeof k);
            if (kn) {
                ev.rec_hash = an_hash(k, kn);
                const void *slot = an_map_slot(&a->records, ev.rec_hash);
                if (slot)
                    __builtin_prefetch(slot);
            }
            an_consume_event(a, &ev, line, len + 1, sc->len ? sc->data : NULL, sc->len);
            /* The scratch is reused by the next line; the line too unless
             * it lies in the reader's buffer (then detached at the refill). */
            if (sc->len || !a->line_stable)
                an_analysis_detach(a);
        }
    } else if (r == AN_PARSE_CONT) {
        if (a->pipe)
            an_pipe_cont(a->pipe, line, len);
        else
            an_consume_cont(a, line, len);
    } else {
        size_t i = 0;
        while (i < len && (line[i] == ' ' || line[i] == '\t'))
            i++;
        if (i == len)
            a->st->empty++;
        else if (a->pipe)
            an_pipe_unparsed(a->pipe, line, no);
        else
            an_consume_unparsed(a, line, no);
    }
}

void an_analysis_end_detection(lia_an_analysis *a)
{
    if (!a->detecting)
        return;
    a->detecting = 0;
    /* Binary lines are held as NULL markers (they end an event); the
     * detection sees the text lines only. */
    char **tl = malloc((a->det_n + 1) * sizeof *tl);
    size_t *tn = malloc((a->det_n + 1) * sizeof *tn);
    size_t nt = 0;
    for (size_t i = 0; tl && tn && i < a->det_n; i++)
        if (a->det_lines[i]) {
            tl[nt] = a->det_lines[i];
            tn[nt++] = a->det_lens[i];
        }
    a->fmt = tl && tn ? an_formats_detect(a->fmts, tl, tn, nt) : NULL;
    free(tl);
    free(tn);
    if (!a->fmt)
        a->fmt = an_formats_find(a->fmts, "liaison");
    an_parser_free(&a->parser);
    an_parser_init(&a->parser, a->fmt);
    free(a->files[a->n_files - 1].format);
    a->files[a->n_files - 1].format = strdup(a->fmt ? a->fmt->name : "-");
    int stable = a->line_stable;
    a->line_stable = 0;   /* the held lines are freed below */
    for (size_t i = 0; i < a->det_n; i++)
        process_line(a, a->det_lines[i], a->det_lens[i], a->det_no[i]);
    a->line_stable = stable;
    free_det(a);
}

/* Holds a line (NULL: a binary line) while the format is not known yet. */
static void det_push(lia_an_analysis *a, const char *line, size_t len, uint64_t no)
{
    if (a->det_n % 16 == 0) {
        size_t ncap = a->det_n + 16;
        char **nl = realloc(a->det_lines, ncap * sizeof *nl);
        if (nl)
            a->det_lines = nl;
        size_t *ns = realloc(a->det_lens, ncap * sizeof *ns);
        if (ns)
            a->det_lens = ns;
        uint64_t *nn = realloc(a->det_no, ncap * sizeof *nn);
        if (nn)
            a->det_no = nn;
        if (!nl || !ns || !nn)
            return;
    }
    char *copy = NULL;
    if (line) {
        if (!(copy = malloc(len + 1)))
            return;
        memcpy(copy, line, len);
        copy[len] = '\0';
        a->det_text++;
    }
    a->det_lines[a->det_n] = copy;
    a->det_lens[a->det_n] = line ? len : 0;
    a->det_no[a->det_n] = no;
    a->det_n++;
    a->det_bytes += len;
    if (a->det_text >= DETECT_LINES || a->det_bytes >= DETECT_BYTES)
        an_analysis_end_detection(a);
}

int an_analysis_line(void *ctx, char *line, size_t len, uint64_t no)
{
    lia_an_analysis *a = ctx;
    if (a->detecting)
        det_push(a, line, len, no);
    else
        process_line(a, line, len, no);
    return 0;
}

static void refill(void *ctx) { an_analysis_detach(ctx); }

an_reader *an_analysis_reader(lia_an_analysis *a)
{
    an_reader *r = an_reader_new(an_analysis_line, a, a->st);
    if (r) {
        an_reader_on_binary(r, an_analysis_binary);
        an_reader_bulk(r, an_fast_lines);
        an_reader_stable(r, &a->line_stable, refill);
    }
    return r;
}

void an_analysis_binary(void *ctx, uint64_t no)
{
    lia_an_analysis *a = ctx;
    if (a->detecting)
        det_push(a, NULL, 0, no);
    else
        process_line(a, NULL, 0, no);
}

void an_analysis_begin_file(lia_an_analysis *a, const char *name)
{
    an_file_info *nf = realloc(a->files, (a->n_files + 1) * sizeof *nf);
    if (!nf)
        return;
    a->files = nf;
    an_file_info *fi = &a->files[a->n_files++];
    memset(fi, 0, sizeof *fi);
    fi->path = strdup(name);
    a->st = &fi->st;
    a->file_name = fi->path;
    a->file_runs = 0;
    a->hour_slot = NULL;
    a->line_stable = 0;
    a->fast_held = 0;
    an_parser_free(&a->parser);
    if (a->opt.input_format) {
        a->fmt = an_formats_find(a->fmts, a->opt.input_format);
        fi->format = strdup(a->fmt ? a->fmt->name : "-");
        a->detecting = 0;
        an_parser_init(&a->parser, a->fmt);
    } else {
        a->fmt = NULL;
        a->detecting = 1;
    }
}

void an_analysis_end_file(lia_an_analysis *a)
{
    an_analysis_end_detection(a);
    an_analysis_flush(a);   /* continuations do not span files */
    /* Runs of formats without ids do not span files. */
    if (a->cur && a->fmt && a->fmt->kind != AN_FMT_LIAISON)
        a->cur = NULL;
}

lia_code lia_an_analysis_file(lia_an_analysis *a, const char *path, lia_error *err)
{
    an_analysis_begin_file(a, path);
    int gz = 0, rc = -2, e = 0;
    /* Two threads unless told otherwise (--jobs 1) or listing lines as
     * they are read (--check-format); the halves of a split file are read
     * at once, so not when printing events as they are read. */
    if (a->opt.jobs != 1 && !a->unparsed_out && !a->opt.events) {
        rc = an_split_read(a, path, &gz);   /* a large native journal: two halves */
        e = errno;
    }
    if (rc == -2 && a->opt.jobs != 1 && !a->no_pipe && !a->unparsed_out) {
        rc = an_pipe_read(a, path, &gz);
        e = errno;
    }
    if (rc == -2) {   /* serial, or the pipeline could not start */
        an_reader *r = an_analysis_reader(a);
        if (!r)
            return lia_fail(err, LIA_E_NOMEM, "%s", path);
        rc = an_read_path(path, r, &gz);
        e = errno;
        an_reader_free(r);
    }
    a->st->gzip = gz;
    an_analysis_end_file(a);
    if (rc != 0) {
        lia_fail(err, LIA_E_ANALYZE_INPUT, "%s", path);
        err->os_errno = e;
        lia_error_detail(err, "%s", e == EILSEQ ? lia_tr("données gzip corrompues", "corrupt gzip data")
                                  : e == ESPIPE ? lia_tr("gzip sur un tube non pris en charge, décompresser avec zcat",
                                                         "gzip on a pipe not supported, decompress with zcat")
                                                : strerror(e));
        a->files[a->n_files - 1].error = strdup(err->detail);
        return LIA_E_ANALYZE_INPUT;
    }
    return LIA_OK;
}

void lia_an_analysis_buffer(lia_an_analysis *a, const char *name, const void *data, size_t len)
{
    an_analysis_begin_file(a, name);
    an_reader *r = an_analysis_reader(a);
    if (r) {
        const unsigned char *p = data;
        /* Fed in uneven slices: exercises the chunk boundaries. */
        size_t off = 0, step = 7;
        while (off < len) {
            size_t n = len - off < step ? len - off : step;
            an_reader_feed(r, p + off, n);
            off += n;
            step = step * 3 % 4093 + 1;
        }
        an_reader_end(r);
        an_reader_refill(r);
        an_reader_free(r);
    }
    an_analysis_end_file(a);
}

static int by_start(const void *x, const void *y)
{
    const an_run *a = *(an_run *const *)x, *b = *(an_run *const *)y;
    if (a->start_ms != b->start_ms && a->start_ms != LIA_AN_NO_TS && b->start_ms != LIA_AN_NO_TS)
        return a->start_ms < b->start_ms ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

void lia_an_analysis_finish(lia_an_analysis *a)
{
    if (a->finished)
        return;
    a->finished = 1;
    for (size_t i = 0; i < a->n_runs; i++) {
        an_run *r = a->runs[i];
        if (!r->ended) {
            /* A framed run (or any native one) without its end crashed. */
            copy_ts(r->end_ts, r->last_ts);
            r->end_ms = an_ts_parse(r->last_ts);
            if (r->framed || r->native) {
                r->interrupted = 1;
                r->status = LIA_AN_FAILED;
                continue;
            }
        }
        if (!r->explicit_status)
            r->status = derived_status(r);
    }
    if (a->n_runs > 1)
        qsort(a->runs, a->n_runs, sizeof *a->runs, by_start);
}

int lia_an_analysis_exit(const lia_an_analysis *a)
{
    int worst = LIA_EXIT_OK;
    for (size_t i = 0; i < a->n_runs; i++) {
        if (a->runs[i]->status == LIA_AN_FAILED)
            return LIA_EXIT_FAILED;
        if (a->runs[i]->status == LIA_AN_WARNINGS)
            worst = LIA_EXIT_FINDINGS;
    }
    return worst;
}

static int by_total(const void *x, const void *y)
{
    const an_count *a = *(an_count *const *)x, *b = *(an_count *const *)y;
    if (a->total != b->total)
        return a->total < b->total ? 1 : -1;
    return strcmp(a->name, b->name);
}

an_count **an_sorted_counts(const an_map *m, size_t *n)
{
    an_count **v = calloc(m->len + 1, sizeof *v);
    *n = 0;
    if (!v)
        return NULL;
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key && m->slots[i].val)
            v[(*n)++] = m->slots[i].val;
    if (*n > 1)
        qsort(v, *n, sizeof *v, by_total);
    return v;
}

static int by_key(const void *x, const void *y)
{
    const an_record *a = *(an_record *const *)x, *b = *(an_record *const *)y;
    int c = strcmp(a->entity, b->entity);
    return c ? c : strcmp(a->key, b->key);
}

an_record **an_blocked(const lia_an_analysis *a, size_t *n)
{
    an_record **v = calloc(a->records.len + 1, sizeof *v);
    *n = 0;
    if (!v)
        return NULL;
    for (size_t i = 0; i < a->records.cap; i++) {
        an_record *r = a->records.slots[i].key ? a->records.slots[i].val : NULL;
        if (r && r->sev >= LIA_AN_ERROR)
            v[(*n)++] = r;
    }
    if (*n > 1)
        qsort(v, *n, sizeof *v, by_key);
    return v;
}

void lia_an_report(const lia_an_analysis *a, lia_an_output fmt, FILE *out)
{
    switch (fmt) {
    case LIA_AN_OUT_TEXT: an_report_text(a, out); break;
    case LIA_AN_OUT_JSON: an_report_json(a, out); break;
    case LIA_AN_OUT_CSV: an_report_csv(a, out); break;
    case LIA_AN_OUT_MARKDOWN: an_report_md(a, out); break;
    case LIA_AN_OUT_HTML: an_report_html(a, out); break;
    case LIA_AN_OUT_EVENTS: break;
    }
}
