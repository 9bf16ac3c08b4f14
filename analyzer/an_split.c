/* A large Liaison journal read in two halves at once, then merged.
 *
 * The caller's thread reads the first half into the analysis as usual; a
 * second thread reads the second half, from a line that starts an event,
 * into a fresh analysis (same catalogue, the native format).  The merge
 * gives what reading the whole file in one go gives, or is not done:
 *
 * - runs are matched by id; a run begun in the first half and continued in
 *   the second gets the second's counts, end and status; runs new in the
 *   second half keep their order after the first half's events;
 * - a record's last state follows the serial rule (a later event replaces
 *   the state unless its run started earlier than the state's run).  With
 *   run starts that never move, that rule keeps the last event of the
 *   latest-starting run, which each half can compute alone, except for
 *   runs begun before the second half (their start is unknown there):
 *   their last event per record is kept aside and weighed at the merge;
 * - unknown lines of the second half are replayed into the templates in
 *   order (the grouping depends on it);
 * - counts add up, unless a bounded map would have dropped names.
 *
 * When anything would make the merge inexact (a run's start moving, a run
 * started again, a run without id, a bound reached, too many unknown lines,
 * a run begun before the half with no known start), the second half is
 * dropped and the first thread reads on through the whole file: slower,
 * never different. */
#include "an.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <stdio.h>
#include <unistd.h>

#define CHUNK (256u << 10)
#define FIND_WINDOW (64u << 10)
#define FIND_LIMIT (8u << 20)          /* how far past the middle an event start is sought */
#define MAX_UNKNOWN_BYTES (8u << 20)   /* unknown lines a second half may hold for the replay */

struct an_unknown {
    char *msg, *where;
    size_t len;
    int sev;
};

void an_split_unknown(lia_an_analysis *a, const char *msg, size_t len, int sev, const char *where)
{
    if (a->split_abort)
        return;
    if (a->unknown_bytes + len > MAX_UNKNOWN_BYTES) {
        a->split_abort = 1;
        return;
    }
    if (a->n_unknown_v == a->cap_unknown_v) {
        size_t ncap = a->cap_unknown_v ? a->cap_unknown_v * 2 : 64;
        struct an_unknown *nv = realloc(a->unknown_v, ncap * sizeof *nv);
        if (!nv) {
            a->split_abort = 1;
            return;
        }
        a->unknown_v = nv;
        a->cap_unknown_v = ncap;
    }
    struct an_unknown *u = &a->unknown_v[a->n_unknown_v];
    u->msg = strndup(msg, len);
    u->where = strdup(where);
    u->len = len;
    u->sev = sev;
    if (!u->msg || !u->where) {
        free(u->msg);
        free(u->where);
        a->split_abort = 1;
        return;
    }
    a->n_unknown_v++;
    a->unknown_bytes += len;
}

/* ev may be NULL below LIA_AN_ERROR (the fast lane's INFO events). */
void an_split_aside(lia_an_analysis *a, an_record *r, const an_event *ev, const an_run *run,
                    const an_rule *rule, int sev)
{
    an_aside *x = NULL;
    for (int i = 0; i < r->n_aside; i++)
        if (r->aside[i].run == run)
            x = &r->aside[i];
    if (!x) {
        if (r->n_aside == AN_MAX_ASIDE) {
            a->split_abort = 1;
            return;
        }
        an_aside *nv = realloc(r->aside, (size_t)(r->n_aside + 1) * sizeof *nv);
        if (!nv) {
            a->split_abort = 1;
            return;
        }
        r->aside = nv;
        x = &r->aside[r->n_aside++];
        memset(x, 0, sizeof *x);
        x->run = run;
    }
    x->sev = sev;
    x->pos = a->events;
    if (sev >= LIA_AN_ERROR)
        an_record_details(a, ev, rule, &x->code, &x->message, &x->detail, &x->ts, &x->where);
}

void an_split_free(lia_an_analysis *a)
{
    for (size_t i = 0; i < a->n_unknown_v; i++) {
        free(a->unknown_v[i].msg);
        free(a->unknown_v[i].where);
    }
    free(a->unknown_v);
    a->unknown_v = NULL;
    a->n_unknown_v = a->cap_unknown_v = 0;
}

/* ---- reading ---- */
static int feed_range(int fd, an_reader *r, off_t from, off_t to, unsigned char *buf)
{
    while (from < to) {
        size_t want = (size_t)(to - from) < CHUNK ? (size_t)(to - from) : CHUNK;
        an_reader_refill(r);   /* buf is read into again */
        ssize_t n = pread(fd, buf, want, from);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0)
            break;   /* the file shrank */
        an_reader_feed_mut(r, buf, (size_t)n);
        from += n;
    }
    return 0;
}

/* The first line start at or after the middle that begins with a digit (a
 * native event, not a continuation, blank or cut line); 0 if none near. */
static off_t find_middle(int fd, off_t size, unsigned char *buf)
{
    off_t from = size / 2, limit = from + FIND_LIMIT < size ? from + FIND_LIMIT : size;
    while (from < limit) {
        ssize_t n = pread(fd, buf, FIND_WINDOW + 1, from);
        if (n <= 1)
            return 0;
        for (ssize_t i = 0; i + 1 < n; i++)
            if (buf[i] == '\n' && buf[i + 1] >= '0' && buf[i + 1] <= '9')
                return from + i + 1;
        from += n - 1;
    }
    return 0;
}

/* Whether the first line looks like a native event (a digit, eleven tabs):
 * other journals go to the pipeline, which is their fastest reading.  Only
 * a guess: the verdict is the first half's format detection. */
static int looks_native(int fd, unsigned char *buf)
{
    ssize_t n = pread(fd, buf, 4096, 0);
    if (n <= 0)
        return 0;
    size_t i = n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF ? 3 : 0;
    if (i >= (size_t)n || buf[i] < '0' || buf[i] > '9')
        return 0;
    int tabs = 0;
    for (; i < (size_t)n && buf[i] != '\n'; i++)
        tabs += buf[i] == '\t';
    return tabs >= 11;
}

enum { WAIT, GO, STOP };

struct half {
    lia_an_analysis *b;
    int fd;
    off_t mid, end;
    int verdict, rc, err;
    pthread_mutex_t mu;
    pthread_cond_t cv;
};

static void publish(struct half *h, int v)
{
    pthread_mutex_lock(&h->mu);
    if (h->verdict == WAIT)
        h->verdict = v;
    pthread_cond_broadcast(&h->cv);
    pthread_mutex_unlock(&h->mu);
}

static void *second_half(void *arg)
{
    struct half *h = arg;
    lia_an_analysis *b = h->b;
    unsigned char *buf = malloc(CHUNK + 1);
    if (!buf) {
        b->split_abort = 1;
        return NULL;
    }
    pthread_mutex_lock(&h->mu);
    while (h->verdict == WAIT)
        pthread_cond_wait(&h->cv, &h->mu);
    int go = h->verdict == GO;
    pthread_mutex_unlock(&h->mu);
    if (go && !b->split_abort) {
        an_reader *r = an_analysis_reader(b);
        if (!r) {
            b->split_abort = 1;
        } else {
            h->rc = feed_range(h->fd, r, h->mid, h->end, buf);
            h->err = errno;
            an_reader_end(r);
            an_analysis_flush(b);
            an_reader_free(r);
        }
    }
    free(buf);
    return NULL;
}

/* ---- merging ---- */
static an_run *run_by_id(lia_an_analysis *a, const char *id)
{
    void **slot = an_map_get(&a->run_by_id, id, strlen(id), 0);
    return slot ? *slot : NULL;
}

/* Names of src missing from dst, counted. */
static size_t missing(const an_map *dst, const an_map *src)
{
    size_t n = 0;
    for (size_t i = 0; i < src->cap; i++)
        if (src->slots[i].key && src->slots[i].val &&
            !an_map_get((an_map *)dst, src->slots[i].key, src->slots[i].len, 0))
            n++;
    return n;
}

static int fits(const an_map *dst, const an_map *src, size_t bound)
{
    return dst->len + missing(dst, src) <= bound;
}

/* Everything that would make the merge differ from a serial reading. */
static int mergeable(lia_an_analysis *a, lia_an_analysis *b)
{
    if (b->split_abort || b->capped || b->records_dropped || b->start_moved || a->start_moved ||
        a->records_dropped)
        return 0;
    for (size_t i = 0; i < b->n_runs; i++) {
        const an_run *rb = b->runs[i];
        an_run *ra = run_by_id(a, rb->id);
        if (rb->start_ms == LIA_AN_NO_TS)
            return 0;
        if (rb->first_start && ra)
            return 0;   /* started again: its start moves, serially */
        if (ra && (ra->start_ms == LIA_AN_NO_TS || !fits(&ra->codes, &rb->codes, AN_MAX_NAMES) ||
                   !fits(&ra->entities, &rb->entities, AN_MAX_NAMES)))
            return 0;
    }
    if (!fits(&a->by_code, &b->by_code, AN_MAX_NAMES) || !fits(&a->by_entity, &b->by_entity, AN_MAX_NAMES) ||
        !fits(&a->hours, &b->hours, AN_MAX_NAMES))
        return 0;
    size_t fresh = 0;
    for (size_t i = 0; i < b->records.cap; i++) {
        const an_slot *s = &b->records.slots[i];
        if (!s->key)
            continue;
        void **slot = an_map_get(&a->records, s->key, s->len, 0);
        if (!slot)
            fresh++;
        else if (((an_record *)*slot)->run && ((an_record *)*slot)->run_ms == LIA_AN_NO_TS)
            return 0;
    }
    return a->records.len + fresh <= AN_MAX_RECORDS;
}

static void add_counts(an_map *dst, const an_map *src)
{
    for (size_t i = 0; i < src->cap; i++) {
        const an_count *cb = src->slots[i].key ? src->slots[i].val : NULL;
        if (!cb)
            continue;
        void **slot = an_map_get(dst, src->slots[i].key, src->slots[i].len, 1);
        if (!slot)
            continue;
        an_count *ca = *slot;
        if (!ca) {
            ca = calloc(1, sizeof *ca);
            if (!ca)
                continue;
            ca->name = strdup(cb->name);
            *slot = ca;
        }
        for (int s = 0; s < LIA_AN_SEV_COUNT; s++)
            ca->sev[s] += cb->sev[s];
        ca->total += cb->total;
        ca->rule = cb->rule;
    }
}

static void take(char **dst, char **src)
{
    free(*dst);
    *dst = *src;
    *src = NULL;
}

/* The second half numbers its lines from its start: "file:N" becomes
 * "file:N+off" (off: the first half's lines). */
static void shift_where(char **w, uint64_t off)
{
    char *colon = *w ? strrchr(*w, ':') : NULL;
    if (!colon)
        return;
    unsigned long long n = strtoull(colon + 1, NULL, 10);
    size_t size = (size_t)(colon - *w) + 24;
    char *nw = malloc(size);
    if (!nw)
        return;
    snprintf(nw, size, "%.*s:%llu", (int)(colon - *w), *w, n + (unsigned long long)off);
    free(*w);
    *w = nw;
}

/* One record of the second half folded into the first's. */
static void merge_record(lia_an_analysis *a, const an_slot *s, uint64_t off)
{
    an_record *rb = s->val;
    void **slot = an_map_get(&a->records, s->key, s->len, 0);
    an_record *ra = slot ? *slot : NULL;
    /* The candidates: the first half's state (position 0), the second's
     * own state, and the events kept aside; the latest-starting run wins,
     * and among its events the last. */
    int have = 0, best_src = -1;   /* -1: first half; 0: rb; 1 + i: aside i */
    int64_t best_ms = 0;
    uint64_t best_pos = 0;
    if (ra && ra->run) {
        have = 1;
        best_ms = ra->run_ms;
    }
    if (rb->run) {
        int64_t ms = rb->run_ms;
        if (!have || ms > best_ms || (ms == best_ms && rb->pos > best_pos)) {
            have = 1, best_src = 0, best_ms = ms, best_pos = rb->pos;
        }
    }
    for (int i = 0; i < rb->n_aside; i++) {
        const an_run *run = run_by_id(a, rb->aside[i].run->id);
        int64_t ms = run ? run->start_ms : rb->aside[i].run->start_ms;
        if (!have || ms > best_ms || (ms == best_ms && rb->aside[i].pos > best_pos)) {
            have = 1, best_src = 1 + i, best_ms = ms, best_pos = rb->aside[i].pos;
        }
    }
    if (best_src < 0)
        return;
    if (!ra) {
        slot = an_map_get(&a->records, s->key, s->len, 1);
        if (!slot)
            return;
        ra = calloc(1, sizeof *ra);
        if (!ra)
            return;
        ra->entity = rb->entity;
        ra->key = rb->key;
        rb->entity = rb->key = NULL;
        ra->sev = -1;
        *slot = ra;
    }
    const an_run *brun = best_src == 0 ? rb->run : rb->aside[best_src - 1].run;
    an_run *run = run_by_id(a, brun->id);
    ra->run = run;
    ra->run_ms = best_ms;
    ra->run_order = run ? run->order : 0;
    if (best_src == 0) {
        ra->sev = rb->sev;
        if (rb->sev >= LIA_AN_ERROR) {
            take(&ra->code, &rb->code);
            take(&ra->message, &rb->message);
            take(&ra->detail, &rb->detail);
            take(&ra->ts, &rb->ts);
            take(&ra->where, &rb->where);
            shift_where(&ra->where, off);
        }
    } else {
        an_aside *x = &rb->aside[best_src - 1];
        ra->sev = x->sev;
        if (x->sev >= LIA_AN_ERROR) {
            take(&ra->code, &x->code);
            take(&ra->message, &x->message);
            take(&ra->detail, &x->detail);
            take(&ra->ts, &x->ts);
            take(&ra->where, &x->where);
            shift_where(&ra->where, off);
        }
    }
}

static void merge(lia_an_analysis *a, lia_an_analysis *b)
{
    uint64_t order0 = a->order, off = a->st->lines;
    /* runs: continued ones gain the second half's part, new ones move */
    for (size_t i = 0; i < b->n_runs; i++) {
        an_run *rb = b->runs[i];
        an_run *ra = run_by_id(a, rb->id);
        if (ra) {
            ra->events += rb->events;
            for (int s = 0; s < LIA_AN_SEV_COUNT; s++)
                ra->sev[s] += rb->sev[s];
            if (rb->events)
                memcpy(ra->last_ts, rb->last_ts, sizeof ra->last_ts);
            if (rb->ended) {
                ra->ended = 1;
                memcpy(ra->end_ts, rb->end_ts, sizeof ra->end_ts);
                ra->end_ms = rb->end_ms;
            }
            if (rb->explicit_status) {
                ra->status = rb->status;
                ra->explicit_status = 1;
            }
            if (!ra->counters && rb->counters)
                take(&ra->counters, &rb->counters);
            ra->started |= rb->started;
            ra->framed |= rb->framed;
            add_counts(&ra->codes, &rb->codes);
            add_counts(&ra->entities, &rb->entities);
            continue;
        }
        if (a->n_runs == a->cap_runs) {
            size_t ncap = a->cap_runs ? a->cap_runs * 2 : 16;
            an_run **nv = realloc(a->runs, ncap * sizeof *nv);
            if (!nv)
                continue;
            a->runs = nv;
            a->cap_runs = ncap;
        }
        void **slot = an_map_get(&a->run_by_id, rb->id, strlen(rb->id), 1);
        if (!slot)
            continue;
        rb->order += order0;
        *slot = rb;
        a->runs[a->n_runs++] = rb;
        b->runs[i] = NULL;   /* moved */
    }
    /* records, while the second half's runs are still there */
    for (size_t i = 0; i < b->records.cap; i++)
        if (b->records.slots[i].key && b->records.slots[i].val)
            merge_record(a, &b->records.slots[i], off);
    if (b->cur)
        a->cur = run_by_id(a, b->cur->id);
    a->order += b->order;
    a->events += b->events;
    a->classified += b->classified;
    a->unknown += b->unknown;
    for (int s = 0; s < LIA_AN_SEV_COUNT; s++)
        a->sev[s] += b->sev[s];
    add_counts(&a->by_code, &b->by_code);
    add_counts(&a->by_entity, &b->by_entity);
    add_counts(&a->hours, &b->hours);
    a->hour_slot = NULL;
    for (size_t i = 0; i < b->n_unknown_v; i++) {
        shift_where(&b->unknown_v[i].where, off);
        an_drain_add(a->drain, b->unknown_v[i].msg, b->unknown_v[i].len, b->unknown_v[i].sev,
                     b->unknown_v[i].where ? b->unknown_v[i].where : "-");
    }
    an_input_stats *sa = a->st;
    const an_input_stats *sb = b->st;
    sa->bytes += sb->bytes;
    sa->lines += sb->lines;
    sa->empty += sb->empty;
    sa->binary += sb->binary;
    if (!sa->first_binary_line && sb->first_binary_line)
        sa->first_binary_line = sb->first_binary_line + off;
    sa->too_long += sb->too_long;
    sa->cp1252 += sb->cp1252;
    sa->continuation += sb->continuation;
    sa->unparsed += sb->unparsed;
    if (!sa->first_unparsed_line && sb->first_unparsed_line)
        sa->first_unparsed_line = sb->first_unparsed_line + off;
    sa->orphans += sb->orphans;
    sa->truncated_last = sb->truncated_last;
}

int an_split_read(lia_an_analysis *a, const char *path, int *is_gzip)
{
    const an_format *native = an_formats_find(a->fmts, "liaison");
    if (!native || strcmp(path, "-") == 0 || (a->opt.input_format && a->fmt != native))
        return -2;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -2;   /* reported by the ordinary reading */
    struct stat st;
    unsigned char head[3] = {0};
    unsigned char *buf = malloc(CHUNK + 1 > FIND_WINDOW + 1 ? CHUNK + 1 : FIND_WINDOW + 1);
    off_t mid = 0;
    if (buf && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        (uint64_t)st.st_size >= a->split_min && st.st_size > 1 && pread(fd, head, 2, 0) == 2 && !(head[0] == 0x1f && head[1] == 0x8b) &&
        !(head[0] == 0xFF && head[1] == 0xFE) && !(head[0] == 0xFE && head[1] == 0xFF))
        mid = looks_native(fd, buf) ? find_middle(fd, st.st_size, buf) : 0;
    lia_an_options opt = a->opt;
    opt.events = NULL;
    lia_an_analysis *b = NULL;
    lia_error err;
    if (!mid || lia_an_analysis_new(a->cat, a->fmts, &opt, &b, &err) != LIA_OK) {
        free(buf);
        close(fd);
        return -2;
    }
    b->split_b = 1;
    an_analysis_begin_file(b, path);
    an_parser_free(&b->parser);
    b->fmt = native;
    b->detecting = 0;
    an_parser_init(&b->parser, native);
    struct half h = {b, fd, mid, st.st_size, WAIT, 0, 0, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};
    pthread_t th;
    if (pthread_create(&th, NULL, second_half, &h) != 0) {
        lia_an_analysis_free(b);
        free(buf);
        close(fd);
        return -2;
    }
    /* The first half, here; the second half starts once the format is
     * known to be the native one. */
    an_reader *r = an_analysis_reader(a);
    int rc = 0, e = 0;
    if (!r) {
        publish(&h, STOP);
        rc = -1, e = ENOMEM;
    } else {
        for (off_t off = 0; off < mid && rc == 0;) {
            off_t to = off + CHUNK < mid ? off + CHUNK : mid;
            rc = feed_range(fd, r, off, to, buf);
            e = errno;
            off = to;
            if (!a->detecting)
                publish(&h, a->fmt == native ? GO : STOP);
        }
        publish(&h, !a->detecting && a->fmt == native && rc == 0 ? GO : STOP);
    }
    pthread_join(th, NULL);
    if (r) {
        if (rc == 0 && h.verdict == GO && h.rc == 0 && mergeable(a, b)) {
            an_analysis_flush(a);   /* the second half starts with an event */
            merge(a, b);
            a->split++;
        } else if (rc == 0) {
            if (h.verdict == GO)
                a->split_fallbacks++;
            rc = feed_range(fd, r, mid, st.st_size, buf);   /* read on, serially */
            e = errno;
        }
        an_reader_end(r);
        an_reader_refill(r);   /* buf goes */
        an_reader_free(r);
    }
    lia_an_analysis_free(b);
    free(buf);
    close(fd);
    *is_gzip = 0;
    errno = e;
    return rc;
}
