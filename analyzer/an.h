/* Private types of the analyzer, shared by its source files. */
#ifndef LIA_AN_H
#define LIA_AN_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>

#include "liaison/analyze.h"
#include "liaison/buf.h"

#define LIA_AN_NO_TS INT64_MIN
#define LIA_AN_MAX_LINE (1u << 20)   /* longer lines are cut and reported */
#define AN_MAX_RECORDS 250000        /* records tracked, then counted as not tracked */
#define AN_MAX_NAMES 5000            /* names in each count map (codes, entities, hours) */

/* ---- small string map (open addressing, keys copied) ---- */
/* One slot, one cache line, holds all a probe reads: hash, length, value
 * and the key itself when short (record keys, codes, entities are), so a
 * hit costs one miss instead of three. */
#define AN_SLOT_INLINE 36
typedef struct an_slot {
    uint64_t hash;
    void *val;
    char *key;     /* NULL: free slot; points to inl for short keys */
    uint32_t len;
    char inl[AN_SLOT_INLINE];
} an_slot;
_Static_assert(sizeof(an_slot) == 64, "an_slot is one cache line");
typedef struct an_map {
    an_slot *slots;
    size_t cap, len;
} an_map;
void **an_map_get(an_map *m, const char *key, size_t klen, int create);
/* 64-bit multiply-xor hash over 8-byte words (inline: the fast lane
 * hashes a record key per line). */
static inline uint64_t an_hash(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        __builtin_memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    uint64_t w = 0;
    if (i < n && n >= 8) {   /* the last 1-7 bytes: the top of the word ending the key */
        __builtin_memcpy(&w, s + n - 8, 8);
        w >>= 8 * (8 - (n - i));
    } else {
        for (size_t k = 0; i + k < n; k++)
            w |= (uint64_t)(unsigned char)s[i + k] << (8 * k);
    }
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 29;
    return h;
}
/* Equality of short strings without a call: the last eight bytes, then the
 * words before them (overlapping), bytes below eight (map keys, the fast
 * lane's fields). */
static inline int an_same_bytes(const void *x, const void *y, size_t n)
{
    const unsigned char *a = x, *b = y;
    uint64_t u, v;
    if (n < 8) {
        for (; n; a++, b++, n--)
            if (*a != *b)
                return 0;
        return 1;
    }
    __builtin_memcpy(&u, a + n - 8, 8);
    __builtin_memcpy(&v, b + n - 8, 8);
    if (u != v)
        return 0;
    for (size_t i = 0; i + 8 < n; i += 8) {
        __builtin_memcpy(&u, a + i, 8);
        __builtin_memcpy(&v, b + i, 8);
        if (u != v)
            return 0;
    }
    return 1;
}
/* an_map_get with the key's an_hash known. */
void **an_map_get_h(an_map *m, const char *key, size_t klen, uint64_t h, int create);
/* Where a probe for hash h starts (to prefetch it); NULL on an empty map. */
static inline const void *an_map_slot(const an_map *m, uint64_t h)
{
    return m->cap ? &m->slots[h & (m->cap - 1)] : NULL;
}
void an_map_free(an_map *m, void (*free_val)(void *));

/* ---- key = value stanza files (rules, formats) ---- */
typedef struct an_kv {
    char *section;  /* [name] of the current stanza, NULL before the first */
    char *key, *val;
    unsigned long line;
} an_kv;
typedef int (*an_kv_cb)(void *ctx, const an_kv *kv, lia_error *err);
/* Calls cb for each "key = value" line; "[name]" lines open a stanza (cb
 * gets key NULL).  Returns LIA_OK or the callback's/parse error. */
lia_code an_kv_parse(const char *path, an_kv_cb cb, void *ctx, lia_code bad, lia_error *err);

/* ---- one parsed event ---- */
typedef struct an_event {
    const char *file;
    uint64_t line_no;
    const char *ts;
    int64_t ts_ms;
    int level;           /* lia_an_sev, -1 when the line has none */
    int debug;
    int run_mark;        /* 1 run start, 2 run end, 0 otherwise */
    const char *run, *dir, *entity, *op, *crm_key, *erp_key, *code, *status, *message, *extra;
    /* Continuation lines attached to the event (joined by '\n', leading
     * blanks dropped, at most AN_MAX_DETAIL bytes); NULL when none. */
    const char *detail;
    size_t detail_len;
    uint32_t cont_lines;
    uint64_t rec_hash;   /* an_hash of its record key when computed, else 0 */
} an_event;

#define AN_RECORD_KEY 512
size_t an_record_key(const an_event *ev, char *k, size_t size);
typedef struct an_record an_record;

#define AN_MAX_DETAIL 4096        /* continuation text kept per event */
#define AN_MAX_DETAIL_SHOWN 240   /* of which a blocked record keeps */

int an_level_parse(const char *s, size_t n, int *debug);   /* -1 unknown */
int64_t an_ts_parse(const char *s);                         /* LIA_AN_NO_TS */

/* ---- formats ---- */
enum an_fmt_kind { AN_FMT_LIAISON, AN_FMT_REGEX, AN_FMT_JSON };
enum { AN_F_TS, AN_F_LEVEL, AN_F_RUN, AN_F_ENTITY, AN_F_KEY, AN_F_CODE, AN_F_STATUS,
       AN_F_MESSAGE, AN_F_OP, AN_F_COUNT };
extern const char *const an_field_names[AN_F_COUNT];

typedef struct an_alias { char *name; int level; int debug; } an_alias;

typedef struct an_format {
    char *name, *desc_fr, *desc_en, *path, *line_src, *cont_src;
    enum an_fmt_kind kind;
    pcre2_code *line_re, *cont_re, *detect_re, *run_start_re, *run_end_re, *run_failed_re;
    int group[AN_F_COUNT];          /* regex: group number, 0 = none */
    char *json_field[AN_F_COUNT];   /* json: member name, NULL = none */
    an_alias *aliases;
    size_t n_aliases;
    int has_runs;
} an_format;

struct lia_an_formats {
    an_format **v;
    size_t n;
};

/* Parser state for one file: scratch space for extracted fields. */
typedef struct an_parser {
    const an_format *fmt;
    pcre2_match_data *md;
    lia_buf scratch;
} an_parser;

enum { AN_PARSE_NOMATCH = 0, AN_PARSE_EVENT = 1, AN_PARSE_CONT = 2 };
void an_parser_init(an_parser *p, const an_format *f);
void an_parser_free(an_parser *p);
/* Parses one decoded UTF-8 line (no newline, NUL-terminated, may be
 * modified in place). */
int an_parse_line(an_parser *p, char *line, size_t len, an_event *ev);
const an_format *an_formats_find(const lia_an_formats *f, const char *name);
/* Picks the format matching most of the sample lines (NULL: none). */
const an_format *an_formats_detect(const lia_an_formats *f, char **lines, const size_t *lens,
                                   size_t n);
int an_json_get(const char *s, size_t n, const char *name, lia_buf *out);
/* One pass: the values of members names[0..count) appended to out (NUL
 * after each), offsets and lengths set ((size_t)-1 when absent); -1 when
 * the line is not a JSON object. */
int an_json_fields(const char *s, size_t n, char *const *names, int count, lia_buf *out, size_t *off,
                   size_t *len);

/* ---- rules ---- */
typedef struct an_rule {
    char *code, *entity, *checks, *title_fr, *title_en, *cause_fr, *cause_en, *fix_fr, *fix_en;
    lia_buf pattern;   /* the "pattern =" lines joined as alternatives */
    int severity;
    int n_patterns;
    int library;       /* built from the error table (an_libcodes.c), not the file */
    unsigned long line;
    pcre2_code *re;
} an_rule;

typedef struct an_pf an_pf;
struct lia_an_catalog {
    an_rule *v;
    size_t n, cap;
    an_map by_code;    /* code -> an_rule* */
    char *path;
    an_pf *pf;         /* literal prefilter, NULL when off */
};
const an_rule *an_catalog_code(const lia_an_catalog *c, const char *code);
/* First rule whose pattern matches message (NULL: none); through the
 * prefilter when there is one. */
const an_rule *an_catalog_match(const lia_an_catalog *c, pcre2_match_data *md,
                                const char *message, size_t len);
/* The same, trying every rule in order (the reference the prefilter keeps). */
const an_rule *an_catalog_match_seq(const lia_an_catalog *c, pcre2_match_data *md,
                                    const char *message, size_t len);

/* Literal prefilter (an_prefilter.c): the rules a message can match from
 * the literals their patterns require; never changes the result. */
/* Built from the compiled catalogue; NULL when LIAISON_AN_PREFILTER=0, out
 * of memory or too many rules (then every rule is tried). */
an_pf *an_pf_build(const lia_an_catalog *c);
void an_pf_free(an_pf *pf);
/* an_catalog_match through c->pf (the plain loop when it is NULL). */
const an_rule *an_pf_match(const lia_an_catalog *c, pcre2_match_data *md, const char *message,
                           size_t len);
/* The literal set derived from a pattern, as text: the literals sorted,
 * each in double quotes (\" \\ \xHH escaped), separated by a space; "*" and
 * -1 when the pattern is unfilterable (exposed for tests). */
int an_pf_literals(const char *pattern, lia_buf *out);
size_t an_pf_filterable(const an_pf *pf);       /* rules with literals */
int an_pf_always(const an_pf *pf, size_t rule); /* rule i always tried */
/* Appends a rule for every code of the library's error table the file does
 * not define (code-only: no pattern). */
lia_code an_catalog_add_library(lia_an_catalog *c, lia_error *err);
size_t an_libcode_count(void);
/* Severity of a table code: its override, else its exit class; -1 when the
 * exit class is unknown (exposed for tests). */
int an_libcode_severity(const char *name, int exit_code);
/* i-th per-code override (NULL past the end). */
const char *an_libcode_override(size_t i, int *severity);
const char *an_sev_id(int sev);           /* "warning" */
const char *an_sev_label(int sev);        /* in the user's language */
int an_sev_parse(const char *s);          /* -1 unknown */
const char *an_status_id(int st);         /* "SUCCES" */
const char *an_status_label(int st, int interrupted);

/* ---- input: bytes to decoded UTF-8 lines ---- */
enum an_enc { AN_ENC_UTF8, AN_ENC_UTF8_BOM, AN_ENC_UTF16LE, AN_ENC_UTF16BE };
typedef struct an_input_stats {
    uint64_t bytes, lines, empty, binary, too_long, cp1252, continuation, unparsed;
    uint64_t orphans;      /* continuation lines with no event before them */
    int encoding;          /* enum an_enc */
    int truncated_last;    /* last line had no newline */
    int gzip;
    uint64_t first_binary_line, first_unparsed_line;
} an_input_stats;

typedef int (*an_line_cb)(void *ctx, char *line, size_t len, uint64_t line_no);
typedef struct an_reader an_reader;
/* The reader decodes and splits; it calls cb for each line with the text as
 * valid UTF-8 (Windows-1252 lines converted), CR stripped, binary lines
 * skipped and counted.  Memory: a fixed chunk plus the longest line kept. */
an_reader *an_reader_new(an_line_cb cb, void *ctx, an_input_stats *st);
/* Also tells fn (same ctx) of each binary line skipped: it ends the event
 * its continuation lines would attach to. */
void an_reader_on_binary(an_reader *r, void (*fn)(void *ctx, uint64_t line_no));
/* Before each line, *stable says whether the line stays where it is (in the
 * buffer being fed) until on_refill is called: before that buffer is read
 * into again or freed. */
void an_reader_stable(an_reader *r, int *stable, void (*on_refill)(void *ctx));
void an_reader_refill(an_reader *r);   /* calls on_refill */
void an_reader_feed(an_reader *r, const unsigned char *p, size_t n);
void an_reader_end(an_reader *r);     /* flushes the last (truncated) line */
void an_reader_free(an_reader *r);
int an_utf8_valid(const unsigned char *s, size_t n);
/* The length of the valid UTF-8 character of n bytes at most that starts
 * with the non-ASCII byte s[0] (no overlong form, no surrogate), 0 if none. */
static inline size_t an_utf8_char(const unsigned char *s, size_t n)
{
    unsigned c = s[0], cp, min;
    size_t len;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, min = 0x80, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, min = 0x800, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, min = 0x10000, cp = c & 0x07;
    else
        return 0;
    if (len > n)
        return 0;
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    return cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? 0 : len;
}
/* Lines the caller takes whole from the buffer before the reader splits
 * it: returns how many bytes (complete lines) it took from p[0..n). */
typedef size_t (*an_bulk_cb)(void *ctx, const unsigned char *p, size_t n);
void an_reader_bulk(an_reader *r, an_bulk_cb fn);
/* The fast lane of native journals (an_fast.c), an an_bulk_cb. */
size_t an_fast_lines(void *ctx, const unsigned char *p, size_t n);
/* The widest build of the lane the CPU runs (an_fast*.c), capped by
 * cap ("sse2"; NULL: none). */
enum { AN_ISA_SSE2, AN_ISA_AVX2 };
int an_fast_isa(const char *cap);
size_t an_fast_lines_base(lia_an_analysis *a, const unsigned char *p, size_t n);
size_t an_fast_lines_avx2(lia_an_analysis *a, const unsigned char *p, size_t n);
/* Feeds bytes that may be modified; p needs one writable byte past n. */
void an_reader_feed_mut(an_reader *r, unsigned char *p, size_t n);
/* Opens path ("-" = stdin, .gz by magic) and feeds it all; 0 or -1 + errno. */
int an_read_path(const char *path, an_reader *r, int *is_gzip);

/* ---- unknown-line templates (Drain-style) ---- */
typedef struct an_drain an_drain;
an_drain *an_drain_new(size_t max_templates);
void an_drain_add(an_drain *d, const char *msg, size_t len, int sev, const char *where);
typedef struct an_template {
    char *text, *example, *where;
    uint64_t count;
    int sev;
    size_t ntok;
} an_template;
/* Templates sorted by count, descending. */
size_t an_drain_list(an_drain *d, an_template ***out);
uint64_t an_drain_overflow(const an_drain *d);
void an_drain_free(an_drain *d);
/* Masks variable tokens of msg into out (exposed for tests). */
void an_drain_mask(const char *msg, size_t len, lia_buf *out);

/* The fast lane's template of a line's first 64 bytes (an_fast.c). */
typedef struct an_fast_tmpl {
    unsigned char t[64];
    uint64_t mask;              /* the bytes it fixes */
    const struct an_run *run;   /* NULL: none */
    const void *hour_slot;
    size_t rlen;
} an_fast_tmpl;

/* ---- the analysis ---- */
typedef struct an_run {
    char *id, *file, *counters;
    char start_ts[40], end_ts[40], last_ts[40];
    int64_t start_ms, end_ms;
    uint64_t order;         /* position of its first event in the reading */
    int started, ended, status, interrupted, explicit_status, framed, native;
    int first_start;          /* its first event was its RUN START */
    uint64_t sev[LIA_AN_SEV_COUNT], events;
    an_map codes, entities;   /* per-run counts (warnings and worse) */
    struct an_count_cache *cache;   /* lookups of the two (an_analysis.c) */
} an_run;

/* A record's state in a run begun before the second half of a split file
 * (an_split.c): the last event of that run about the record. */
typedef struct an_aside {
    const struct an_run *run;
    int sev;
    uint64_t pos;
    char *code, *message, *detail, *ts, *where;
} an_aside;
#define AN_MAX_ASIDE 4

struct an_record {
    /* What every event about the record changes, first: one cache line. */
    const an_run *run;
    int64_t run_ms;
    uint64_t run_order;
    uint64_t pos;          /* the analysis' event count at its last change */
    int sev;
    char *entity, *key, *code, *message, *detail, *ts, *where;
    an_aside *aside;       /* second half of a split file only */
    int n_aside;
};

typedef struct an_count { char *name; uint64_t sev[LIA_AN_SEV_COUNT]; uint64_t total; const an_rule *rule; } an_count;

typedef struct an_file_info {
    char *path, *format;
    an_input_stats st;
    char *error;
} an_file_info;

struct lia_an_analysis {
    const lia_an_catalog *cat;
    const lia_an_formats *fmts;
    lia_an_options opt;
    pcre2_match_data *md;
    /* runs */
    an_run **runs;
    size_t n_runs, cap_runs;
    an_map run_by_id;
    an_run *cur;
    uint64_t order;
    /* totals */
    uint64_t sev[LIA_AN_SEV_COUNT], events, classified, unknown;
    an_map by_code, by_entity, records, hours;
    struct an_count_cache *cache;   /* lookups of by_code and by_entity */
    uint64_t records_dropped;
    an_drain *drain;
    an_file_info *files;
    size_t n_files;
    /* file being read */
    an_parser parser;
    const an_format *fmt;
    an_input_stats *st;
    char *file_name;
    int detecting;
    char **det_lines;
    size_t *det_lens;
    uint64_t *det_no;
    size_t det_n, det_bytes, det_text;
    int file_runs;          /* runs opened by the current file (non-native) */
    char hour_prefix[16];
    void *hour_slot;
    int finished;
    FILE *unparsed_out;     /* --check-format: lines the format misses */
    /* The event read last, held until the next line says whether
     * continuation lines follow (their text is part of it). */
    an_event pend;
    int has_pend;
    int pend_owned;               /* its text copied into pend_text */
    const char *pend_src[2];      /* else: where it lies (line, scratch) */
    size_t pend_src_len[2];
    lia_buf pend_text, pend_detail;
    struct an_memo *memo;         /* texts classified lately (an_memo.c) */
    int memo_off;                 /* LIAISON_AN_MEMO=0 (tests, benchmarks) */
    uint64_t memo_hits;           /* texts answered from it (tests) */
    struct an_pipe *pipe;         /* set while a reading thread feeds the file */
    int no_pipe;                  /* jobs by default: the halves, never the pipeline */
    int line_stable;              /* the reader's line stays until the refill */
    size_t pipelined;             /* files read by the pipeline (for tests) */
    size_t split;                 /* files read in two halves (for tests) */
    uint64_t split_min;           /* from this size (32 MiB; LIAISON_AN_SPLIT_MIN for tests) */
    size_t split_fallbacks;       /* ... whose halves could not be merged */
    /* For an_split.c: what makes a merge of two halves inexact. */
    int start_moved;              /* a run's start moved after its first event */
    int capped;                   /* a bounded map dropped something */
    int split_b;                  /* this analysis reads a second half */
    int split_abort;              /* ... and cannot be merged */
    struct an_unknown *unknown_v; /* ... its unknown lines, in order */
    size_t n_unknown_v, cap_unknown_v, unknown_bytes;
    size_t pipe_moves;            /* events moved to a new batch with their scratch (tests) */
    /* The native fast lane (an_fast.c). */
    int fast;                     /* on (LIAISON_AN_FAST=0 turns it off) */
    int fast_held;                /* the last event was taken there: continuations are its own */
    const an_run *fast_run;       /* the run whose id length is known */
    size_t fast_run_len;
    int fast_isa;                 /* which build of the lane (AN_ISA_*) */
    uint64_t fast_taken;          /* events it took (tests) */
    an_fast_tmpl fast_tmpl;
};

/* an_catalog_match of text, remembered for the texts seen lately. */
const an_rule *an_memo_match(lia_an_analysis *a, const char *text, size_t len);
void an_memo_free(lia_an_analysis *a);

/* Handles one line of the current file (reader callback). */
int an_analysis_line(void *ctx, char *line, size_t len, uint64_t line_no);
void an_analysis_binary(void *ctx, uint64_t line_no);
/* A reader for the current file feeding this analysis (one thread). */
an_reader *an_analysis_reader(lia_an_analysis *a);
/* Classifies and counts the held event, if any (end of file, idle follow). */
void an_analysis_flush(lia_an_analysis *a);
void an_analysis_detach(lia_an_analysis *a);
/* The record of key k (n bytes: the entity's el, 0x1F, the key's kl) with
 * hash h, added if new; NULL when the bound is reached (counted) or out of
 * memory. */
an_record *an_record_get(lia_an_analysis *a, const char *k, size_t n, uint64_t h, size_t el, size_t kl);
void an_record_details(lia_an_analysis *a, const an_event *ev, const an_rule *rule, char **code,
                       char **message, char **detail, char **ts, char **where);

/* ---- a large native journal read in two halves at once (an_split.c) ---- */
/* Reads path in two halves on two threads and merges them exactly, or
 * returns -2 when the file does not lend itself (then read it otherwise);
 * else the contract of an_read_path. */
int an_split_read(lia_an_analysis *a, const char *path, int *is_gzip);
void an_split_aside(lia_an_analysis *a, an_record *r, const an_event *ev, const an_run *run,
                    const an_rule *rule, int sev);
void an_split_unknown(lia_an_analysis *a, const char *msg, size_t len, int sev, const char *where);
void an_split_free(lia_an_analysis *a);   /* what a second half keeps aside */
/* Moves the event's pointers that lie in [from, from + n) to to. */
void an_event_rebase(an_event *ev, const char *from, size_t n, const char *to);
/* The consuming half of a line's handling (in reading order). */
void an_consume_event(lia_an_analysis *a, const an_event *ev, const char *text, size_t tlen,
                      const char *sc, size_t slen);
void an_consume_cont(lia_an_analysis *a, const char *line, size_t len);
void an_consume_unparsed(lia_an_analysis *a, const char *line, uint64_t no);

/* ---- two-thread pipeline (an_pipe.c): a reading thread decodes, splits
 * and parses lines into batches; the caller's thread consumes them in
 * order, so the results are those of the serial path by construction ---- */
typedef struct an_pipe an_pipe;
/* Reads path through the pipeline into the analysis' current file; the
 * same contract as an_read_path. */
int an_pipe_read(lia_an_analysis *a, const char *path, int *is_gzip);
/* Producer side, called from the reading thread by the analysis: */
char *an_pipe_line(an_pipe *p, const char *line, size_t len);   /* copy in the batch */
void an_pipe_event(an_pipe *p, const an_event *ev, char *line, size_t len, const char *sc, size_t slen);
void an_pipe_cont(an_pipe *p, const char *line, size_t len);
void an_pipe_unparsed(an_pipe *p, const char *line, uint64_t no);
void an_pipe_binary(an_pipe *p);
void an_analysis_begin_file(lia_an_analysis *a, const char *name);
void an_analysis_end_file(lia_an_analysis *a);
void an_analysis_end_detection(lia_an_analysis *a);
/* Sorted views for reports (allocated; caller frees the array only). */
an_count **an_sorted_counts(const an_map *m, size_t *n);
an_record **an_blocked(const lia_an_analysis *a, size_t *n);

/* report helpers */
void an_fmt_duration(int64_t ms, char *out, size_t size);
/* A run's duration in ms, -1 when its start or end time is unknown. */
int64_t an_run_duration(const an_run *r);
/* Titles of the runs table's columns after "run" (status, start, end, duration,
 * warnings, errors), the same in the Markdown and HTML reports. */
enum { AN_RUN_TITLES = 6 };
void an_run_titles(const char *t[AN_RUN_TITLES]);
void an_report_text(const lia_an_analysis *a, FILE *out);
void an_report_json(const lia_an_analysis *a, FILE *out);
void an_report_csv(const lia_an_analysis *a, FILE *out);
void an_report_md(const lia_an_analysis *a, FILE *out);
void an_report_html(const lia_an_analysis *a, FILE *out);
void an_print_event(const lia_an_analysis *a, const an_event *ev, const an_rule *r, int sev,
                    FILE *out);

#endif
