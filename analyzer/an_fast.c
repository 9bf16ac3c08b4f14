/* The fast lane of the native journal: most lines of a Liaison journal are
 * INFO events of the run being read, with no code, in the hour of the line
 * before.  Such a line changes a handful of counters and one record's last
 * state; this file does that straight from the reader's buffer, in one pass
 * over the bytes (newline, tabs, NUL and non-ASCII bytes found 16 or 32 at
 * a time), without splitting, copying or holding the event.  Records are
 * looked up (and fetched into the cache) lines ahead of their use, because
 * the record map of a large journal is larger than the caches.
 *
 * Any other line is declined before anything changes, and the general path
 * (an_input.c emit, an_analysis.c process_line) reads it: the lane only
 * takes lines whose handling it does exactly as that path would, so the
 * reports are the same with it or without it (LIAISON_AN_FAST=0 turns it off,
 * =sse2 keeps it off AVX2; tests/analyzer/test_an_fast.c and test_fast.sh
 * compare). */
#include "an.h"

#include <string.h>
#if defined(__AVX2__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

/* This file is compiled twice on x86-64: as is (SSE2, every such CPU) and
 * by an_fast_avx2.c with -mavx2 (32 bytes at a time); the lane picks the
 * second at run time when the CPU has AVX2.  (An AVX-512 build was
 * measured no faster: the scan is not what the lane waits for.) */
#ifndef AN_FAST_NAME
#define AN_FAST_NAME an_fast_lines_base
#endif

#define NTABS 11   /* a native event has at least twelve fields */
#define NO_POS ((size_t)-1)
#define KEY_MAX 96     /* longer record keys go the general way */

/* The line at p[0..n): its end (the newline) or NO_POS when it is not
 * complete in the buffer; the first tabs (at least NTABS when there are,
 * maybe more); the first NUL or non-ASCII byte. */
typedef struct line_scan {
    size_t eol, bad;
    int ntab;
    uint32_t tab[NTABS + 32];   /* a block has at most 32 tabs: room past NTABS */
} line_scan;

/* The positions of a block's tabs.  (Writing four whatever the count, to
 * spare the loop's mispredicted exit, was measured slower.) */
#define SCAN_TABS(m)                                                                               \
    do {                                                                                           \
        for (; (m); (m) &= (m) - 1)                                                                \
            tab[nt++] = (uint32_t)(i + (size_t)__builtin_ctzll(m));                                \
    } while (0)

/* One pass over the line, a block at a time: the masks of its newlines,
 * tabs, and NUL or high-bit bytes.  The state is kept in locals (the tab
 * array would alias a count kept in the struct) and stored once. */
#define SCAN_BLOCK(mn, mt, mb)                                                                     \
    do {                                                                                           \
        uint64_t mn_ = (mn), mt_ = (mt), mb_ = (mb);                                               \
        if (mn_) {                                                                                 \
            uint64_t before_ = (mn_ & -mn_) - 1;                                                   \
            mt_ &= before_;                                                                        \
            mb_ &= before_;                                                                        \
        }                                                                                          \
        if (mb_ && bad == NO_POS)                                                                  \
            bad = i + (size_t)__builtin_ctzll(mb_);                                                \
        if (nt < NTABS)                                                                            \
            SCAN_TABS(mt_);                                                                        \
        if (mn_) {                                                                                 \
            eol = i + (size_t)__builtin_ctzll(mn_);                                                \
            goto done;                                                                             \
        }                                                                                          \
    } while (0)

/* From byte i on, s->ntab tabs already found before it and no NUL or
 * high byte. */
static inline void scan_from(const unsigned char *p, size_t n, line_scan *s, size_t i)
{
    size_t bad = NO_POS, eol = NO_POS;
    int nt = s->ntab;
    uint32_t *tab = s->tab;
#if defined(__AVX2__)
    const __m256i nl = _mm256_set1_epi8('\n'), tb = _mm256_set1_epi8('\t'), zero = _mm256_setzero_si256();
    for (; i + 32 <= n; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(p + i));
        /* NUL or high bit: both set the byte's top bit once OR-ed */
        SCAN_BLOCK((uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, nl)),
                   (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, tb)),
                   (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(_mm256_cmpeq_epi8(v, zero), v)));
    }
#elif defined(__SSE2__)
    const __m128i nl = _mm_set1_epi8('\n'), tb = _mm_set1_epi8('\t'), zero = _mm_setzero_si128();
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        SCAN_BLOCK((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)),
                   (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, tb)),
                   (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, zero), v)));
    }
#endif
    for (; i < n; i++) {   /* the buffer's last bytes */
        unsigned char c = p[i];
        if (c == '\n') {
            eol = i;
            break;
        }
        if ((c == 0 || c >= 0x80) && bad == NO_POS)
            bad = i;
        if (c == '\t' && nt < NTABS)
            tab[nt++] = (uint32_t)i;
    }
done:
    s->eol = eol;
    s->ntab = nt;
    s->bad = bad;
}

static inline void scan_line(const unsigned char *p, size_t n, line_scan *s)
{
    s->ntab = 0;
    scan_from(p, n, s, 0);
}

#if defined(__AVX2__)
#define TMPL_GAP (((1u << 29) - 1) & ~((1u << 13) - 1))   /* the time after the hour */

/* The template for the run being read and the hour last counted; none when
 * they do not fit in 64 bytes or are not ASCII. */
static void tmpl_build(lia_an_analysis *a)
{
    an_fast_tmpl *tp = &a->fast_tmpl;
    tp->run = NULL;
    tp->hour_slot = a->hour_slot;
    const an_run *run = a->cur;
    if (!run || !a->hour_slot)
        return;
    size_t rl = strlen(run->id);
    if (rl == 0 || 36 + rl > 64 || strnlen(a->hour_prefix, 13) < 13)
        return;
    for (size_t i = 0; i < 13; i++)
        if ((unsigned char)a->hour_prefix[i] >= 0x80 || a->hour_prefix[i] == '\t')
            return;
    for (size_t i = 0; i < rl; i++)
        if ((unsigned char)run->id[i] >= 0x80 || run->id[i] == '\t')
            return;
    memset(tp->t, 0, sizeof tp->t);
    memcpy(tp->t, a->hour_prefix, 13);
    memcpy(tp->t + 29, "\tINFO\t", 6);
    memcpy(tp->t + 35, run->id, rl);
    tp->t[35 + rl] = '\t';
    tp->mask = ((1ull << 13) - 1) | ((1ull << 6) - 1) << 29 | ((1ull << (rl + 1)) - 1) << 35;
    tp->rlen = rl;
    tp->run = run;
}

/* The common line starts as the one before: its hour, a tab at 29, INFO,
 * the run's id.  One compare of its first 64 bytes with a template of
 * them (and a check that the rest of the time holds no newline, tab, NUL
 * or high byte) gives the first three tabs; the scan goes on after them. */
static inline int scan_tmpl(const an_fast_tmpl *tp, const unsigned char *p, size_t n, line_scan *s)
{
    if (!tp->run || n < 64)
        return 0;
    const __m256i *t = (const __m256i *)(const void *)tp->t;   /* not aligned: loadu */
    __m256i v0 = _mm256_loadu_si256((const __m256i *)(const void *)p);
    __m256i v1 = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32));
    uint64_t eq = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v0, _mm256_loadu_si256(t))) |
                  (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v1, _mm256_loadu_si256(t + 1))) << 32;
    if ((eq & tp->mask) != tp->mask)
        return 0;
    const __m256i nl = _mm256_set1_epi8('\n'), tb = _mm256_set1_epi8('\t'), zero = _mm256_setzero_si256();
    uint32_t g = (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(
        _mm256_or_si256(_mm256_cmpeq_epi8(v0, nl), _mm256_cmpeq_epi8(v0, tb)),
        _mm256_or_si256(_mm256_cmpeq_epi8(v0, zero), v0)));
    if (g & TMPL_GAP)
        return 0;
    s->tab[0] = 29;
    s->tab[1] = 34;
    s->tab[2] = (uint32_t)(35 + tp->rlen);
    s->ntab = 3;
    scan_from(p, n, s, 36 + tp->rlen);
    return 1;
}
#endif

/* What the general reader would do with bytes that are not plain UTF-8:
 * only lines it passes on as they are (no NUL, valid UTF-8) may be taken.
 * From the first such byte on, one pass, no call: mostly a few accented
 * letters in the message. */
static inline int text_as_is(const unsigned char *p, size_t len, size_t bad)
{
    if (bad == NO_POS || bad >= len)
        return 1;
    size_t i = bad;
    while (i < len) {
        unsigned c = p[i];
        if (c < 0x80) {
            if (c == 0)
                return 0;
            i++;
            continue;
        }
        size_t k = an_utf8_char(p + i, len - i);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

/* Copies a short field: whole words when the line goes on for them (dst has
 * eight bytes of room past n). */
__attribute__((always_inline)) static inline void copy_field(char *dst, const unsigned char *src, size_t n, const unsigned char *end)
{
    if (src + ((n + 7) & ~(size_t)7) <= end) {
        for (size_t i = 0; i < n; i += 8)
            memcpy(dst + i, src + i, 8);
    } else {
        memcpy(dst, src, n);
    }
}

/* an_map_get_h() of the records' map, inline (a probe per line). */
static inline an_record *probe(const an_map *m, const char *k, size_t n, uint64_t h)
{
    if (!m->cap)
        return NULL;
    size_t mask = m->cap - 1;
    for (size_t j = h & mask;; j = (j + 1) & mask) {
        const an_slot *sl = &m->slots[j];
        if (!sl->key)
            return NULL;
        if (sl->hash == h && sl->len == n && an_same_bytes(sl->key, k, n))
            return sl->val;
    }
}

/* A field as dash_null() in an_format.c sees it: "" and "-" are none. */
static int none(const unsigned char *f, size_t n) { return n == 0 || (n == 1 && f[0] == '-'); }

/* What the first pass learns of a line; the record it names is fetched
 * into the cache while the next lines are scanned. */
typedef struct fast_line {
    const unsigned char *p;
    size_t next;           /* bytes up to the next line */
    int cont;              /* a continuation line */
    const unsigned char *run;
    size_t run_len;
    size_t ts_len;
    uint64_t h;            /* record key hash */
    size_t kn, el;         /* key length, 0: no record */
    an_record *r;
    char key[KEY_MAX + 8];
} fast_line;

/* The shape of a line the lane may take, whatever the analysis' state:
 * an INFO event without code, with an hour, not a run's framing, or a
 * continuation line. */
static inline int shape(lia_an_analysis *a, const unsigned char *p, size_t n, fast_line *f)
{
    line_scan s;
#if defined(__AVX2__)
    if (a->fast_tmpl.run != a->cur || a->fast_tmpl.hour_slot != a->hour_slot)
        tmpl_build(a);
    if (!scan_tmpl(&a->fast_tmpl, p, n, &s))
#else
    (void)a;
#endif
        scan_line(p, n, &s);
    if (s.eol == NO_POS)
        return 0;   /* the line goes on in the next buffer */
    size_t len = s.eol > 0 && p[s.eol - 1] == '\r' ? s.eol - 1 : s.eol;
    if (len == 0 || !text_as_is(p, len, s.bad))
        return 0;
    f->p = p;
    f->next = s.eol + 1;
    f->kn = 0;
    f->r = NULL;
    if ((f->cont = p[0] == '\t'))
        return 1;
    const uint32_t *t = s.tab;
#define FIELD(i) (p + ((i) ? t[(i) - 1] + 1 : 0))
#define FLEN(i) ((size_t)(t[i] - ((i) ? t[(i) - 1] + 1 : 0)))
    if (s.ntab < NTABS || p[0] < '0' || p[0] > '9' || FLEN(1) != 4 || memcmp(FIELD(1), "INFO", 4) != 0)
        return 0;
    if (!none(FIELD(9), FLEN(9)) || FLEN(0) < 13)
        return 0;   /* a code to count, or no hour to count it in */
    const unsigned char *ent = FIELD(5), *key = FIELD(8);
    size_t el = FLEN(5), kl = FLEN(8);
    if (el == 3 && memcmp(ent, "RUN", 3) == 0)
        return 0;   /* run framing */
    if (none(key, kl)) {
        key = FIELD(7);
        kl = FLEN(7);
    }
    f->run = FIELD(2);
    f->run_len = FLEN(2);
    f->ts_len = FLEN(0);
#undef FIELD
#undef FLEN
    if (none(ent, el) || none(key, kl) || (el == 7 && memcmp(ent, "SESSION", 7) == 0))
        return 1;   /* about no record */
    if (el + kl + 1 > KEY_MAX)
        return 0;
    copy_field(f->key, ent, el, p + s.eol);
    f->key[el] = '\x1f';
    copy_field(f->key + el + 1, key, kl, p + s.eol);
    f->kn = el + kl + 1;
    f->el = el;
    return 1;
}

/* The run the line names is the run being read. */
static int same_run(lia_an_analysis *a, const unsigned char *f, size_t n)
{
    an_run *run = a->cur;
    if (!run)
        return 0;
    if (a->fast_run != run) {
        a->fast_run = run;
        a->fast_run_len = strlen(run->id);
    }
    return n == a->fast_run_len && an_same_bytes(f, run->id, n);
}

/* handle_event() for a line of that shape, if the analysis' state lets it
 * (1), else nothing changed but the held event, handled as the general path
 * would handle it first (0). */
static int take_event(lia_an_analysis *a, const fast_line *f)
{
    /* The general path would end the held event here: do it first, then
     * judge the line against the state that leaves. */
    if (a->has_pend)
        an_analysis_flush(a);
    an_run *run = a->cur;
    if (!same_run(a, f->run, f->run_len) || run->events == 0)
        return 0;
    if (!a->hour_slot || !an_same_bytes(a->hour_prefix, f->p, 13))
        return 0;
    an_record *r = f->r;
    if (f->kn && !r)   /* a new record (or added by the held event meanwhile) */
        r = an_record_get(a, f->key, f->kn, f->h, f->el, f->kn - f->el - 1);
    a->order++;
    a->events++;
    run->events++;
    a->sev[LIA_AN_INFO]++;
    run->sev[LIA_AN_INFO]++;
    an_count *h = a->hour_slot;
    h->sev[LIA_AN_INFO]++;
    h->total++;
    if (r && a->split_b && !run->first_start) {
        /* the second half of a split file, in a run begun before it: kept
         * aside for the merge (an INFO event keeps nothing of its text) */
        an_split_aside(a, r, NULL, run, NULL, LIA_AN_INFO);
    } else if (r) {   /* track_record() */
        int older = 0;
        if (r->run && r->run != run) {
            int64_t ms = run->start_ms;
            older = ms != LIA_AN_NO_TS && r->run_ms != LIA_AN_NO_TS ? ms < r->run_ms : run->order < r->run_order;
        }
        if (!older) {
            r->run = run;
            r->run_ms = run->start_ms;
            r->run_order = run->order;
            r->sev = LIA_AN_INFO;
            r->pos = a->events;
        }
    }
    a->fast_held = 1;   /* continuation lines that follow are its own */
    a->fast_taken++;
    return 1;
}

/* Records are fetched ahead: a line is scanned and its record's slot asked
 * for DIST lines before the slot is probed and its record asked for, DIST
 * lines before the line is applied (the record map of a large journal is
 * larger than the caches, and a miss costs more than a line's work). */
#define DIST 8
#define RING 32   /* > 2 * DIST */

size_t AN_FAST_NAME(lia_an_analysis *a, const unsigned char *p, size_t n)
{
    fast_line ring[RING];
    size_t done = 0, at = 0, scanned = 0, probed = 0, applied = 0;
    int more = 1;
    /* The run's last time is written once, from the last event taken (all
     * are of the run being read). */
    const unsigned char *last_ts = NULL;
    size_t last_len = 0;
    an_run *last_run = NULL;
    for (;;) {
        if (more && scanned - applied < RING) {
            fast_line *f = &ring[scanned % RING];
            if (at < n && shape(a, p + at, n - at, f)) {
                at += f->next;
                if (f->kn) {
                    f->h = an_hash(f->key, f->kn);
                    const void *slot = an_map_slot(&a->records, f->h);
                    if (slot)
                        __builtin_prefetch(slot);
                }
                scanned++;
            } else {
                more = 0;
            }
        }
        if (probed < scanned && (probed + DIST <= scanned || !more)) {
            fast_line *f = &ring[probed % RING];
            if (f->kn) {
                if ((f->r = probe(&a->records, f->key, f->kn, f->h)))
                    __builtin_prefetch(f->r, 1);
            }
            probed++;
        }
        if (applied < probed && (applied + DIST <= probed || !more)) {
            fast_line *f = &ring[applied % RING];
            if (f->cont) {
                /* Only of an event taken here (a held one keeps its text;
                 * with none before it is an orphan). */
                if (a->has_pend || !a->fast_held)
                    break;
                a->st->continuation++;
            } else if (take_event(a, f)) {
                last_ts = f->p;
                last_len = f->ts_len;
                last_run = a->cur;
            } else {
                break;
            }
            a->st->lines++;
            done += f->next;
            applied++;
        }
        if (!more && applied == scanned)
            break;
    }
    if (last_run) {
        size_t tl = last_len < 39 ? last_len : 39;
        memcpy(last_run->last_ts, last_ts, tl);
        last_run->last_ts[tl] = '\0';
    }
    return done;
}

#ifndef AN_FAST_WIDE
size_t an_fast_lines(void *ctx, const unsigned char *p, size_t n)
{
    lia_an_analysis *a = ctx;
    if (!a->fast || a->detecting || a->pipe || a->opt.events || !a->fmt || a->fmt->kind != AN_FMT_LIAISON)
        return 0;
#ifdef LIA_AN_FAST_WIDE
    if (a->fast_isa == AN_ISA_AVX2)
        return an_fast_lines_avx2(a, p, n);
#endif
    return an_fast_lines_base(a, p, n);
}

int an_fast_isa(const char *cap)
{
    int isa = AN_ISA_SSE2;
#ifdef LIA_AN_FAST_WIDE
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2"))
        isa = AN_ISA_AVX2;
#endif
    if (cap && strcmp(cap, "sse2") == 0)
        isa = AN_ISA_SSE2;
    return isa;
}
#endif
