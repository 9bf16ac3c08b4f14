/* Two-thread pipeline for one file.  A reading thread does what does not
 * depend on the analysis state: read (or gunzip), decode, split, validate,
 * detect the format and parse each line into an event; it hands batches of
 * parsed lines to the caller's thread, which folds them into the analysis
 * in reading order.  The consumer sees exactly the sequence the serial path
 * produces, so the results are the same by construction (no merge of
 * partial states), and it works on any input, pipes and gzip included.
 * Memory is fixed: NBATCH batches of an arena and an item array. */
#include "an.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define NBATCH 4
#define ARENA (256u << 10)
#define ITEMS 512

enum { IT_EVENT, IT_CONT, IT_UNPARSED, IT_BINARY };

typedef struct an_item {
    int kind;
    uint64_t no;
    char *text;     /* EVENT: the line with its fields' NULs; else the line */
    size_t len;
    char *sc;       /* EVENT: copy of the parser's scratch (regex, JSON) */
    size_t slen;
    an_event ev;
} an_item;

typedef struct batch {
    char *arena;
    size_t used, cap;
    an_item *items;
    size_t n;
} batch;

struct an_pipe {
    lia_an_analysis *a;
    const char *path;
    batch b[NBATCH];
    pthread_mutex_t mu;
    pthread_cond_t cv;
    uint64_t filled;     /* batches handed to the consumer */
    uint64_t consumed;   /* batches it gave back */
    int done;
    batch *cur;          /* the one the reading thread fills */
    int rc, err, gz;
    lia_buf tmp;
};

/* Hands the current batch over and waits for a free one. */
static void handoff(an_pipe *p)
{
    pthread_mutex_lock(&p->mu);
    p->filled++;
    pthread_cond_broadcast(&p->cv);
    while (p->filled >= p->consumed + NBATCH)
        pthread_cond_wait(&p->cv, &p->mu);
    pthread_mutex_unlock(&p->mu);
    p->cur = &p->b[p->filled % NBATCH];
    p->cur->used = 0;
    p->cur->n = 0;
}

/* Room for need bytes and one item in the current batch (a new one if
 * needed, its arena grown for a line longer than it). */
static int room(an_pipe *p, size_t need)
{
    batch *b = p->cur;
    if (b->n >= ITEMS || b->used + need > b->cap) {
        if (b->n || b->used)
            handoff(p);
        b = p->cur;
        if (need > b->cap) {
            char *na = realloc(b->arena, need);
            if (!na)
                return -1;
            b->arena = na;
            b->cap = need;
        }
    }
    return 0;
}

static an_item *item(an_pipe *p, int kind)
{
    an_item *it = &p->cur->items[p->cur->n++];
    it->kind = kind;
    it->text = it->sc = NULL;
    it->len = it->slen = 0;
    it->no = 0;
    return it;
}

char *an_pipe_line(an_pipe *p, const char *line, size_t len)
{
    if (room(p, len + 1) != 0)
        return NULL;
    char *d = p->cur->arena + p->cur->used;
    memcpy(d, line, len);
    d[len] = '\0';
    p->cur->used += len + 1;
    return d;
}

void an_pipe_event(an_pipe *p, const an_event *ev, char *line, size_t len, const char *sc, size_t slen)
{
    batch *b = p->cur;
    an_item *it;
    if (b->used + slen > b->cap) {
        /* The scratch does not fit after the line: both move to the next
         * batch (the line, last in this arena, is not an item yet). */
        lia_buf_reset(&p->tmp);
        lia_buf_add(&p->tmp, line, len + 1);
        lia_buf_add(&p->tmp, sc, slen);
        if (p->tmp.oom)
            return;
        b->used -= len + 1;
        if (room(p, len + 1 + slen) != 0)   /* cannot fit here: a new batch */
            return;
        b = p->cur;
        p->a->pipe_moves++;   /* only the consumer's thread reads it, after the join */
        char *d = b->arena + b->used;
        memcpy(d, p->tmp.data, len + 1 + slen);
        b->used += len + 1 + slen;
        it = item(p, IT_EVENT);
        it->ev = *ev;
        an_event_rebase(&it->ev, line, len + 1, d);
        if (slen)
            an_event_rebase(&it->ev, sc, slen, d + len + 1);
        it->text = d;
        it->sc = slen ? d + len + 1 : NULL;
    } else {
        char *d = b->arena + b->used;
        if (slen)
            memcpy(d, sc, slen);
        b->used += slen;
        it = item(p, IT_EVENT);
        it->ev = *ev;
        if (slen)
            an_event_rebase(&it->ev, sc, slen, d);
        it->text = line;
        it->sc = slen ? d : NULL;
    }
    it->len = len + 1;
    it->slen = slen;
}

void an_pipe_cont(an_pipe *p, const char *line, size_t len)
{
    an_item *it = item(p, IT_CONT);
    it->text = (char *)line;
    it->len = len;
}

void an_pipe_unparsed(an_pipe *p, const char *line, uint64_t no)
{
    an_item *it = item(p, IT_UNPARSED);
    it->text = (char *)line;
    it->no = no;
}

void an_pipe_binary(an_pipe *p)
{
    if (room(p, 0) == 0)
        item(p, IT_BINARY);
}

static void *produce(void *arg)
{
    an_pipe *p = arg;
    lia_an_analysis *a = p->a;
    an_reader *r = an_reader_new(an_analysis_line, a, a->st);
    if (!r) {
        p->rc = -1;
        p->err = ENOMEM;
    } else {
        an_reader_on_binary(r, an_analysis_binary);
        p->rc = an_read_path(p->path, r, &p->gz);
        p->err = errno;
        an_reader_free(r);
        an_analysis_end_detection(a);   /* a short file: what detection held */
    }
    pthread_mutex_lock(&p->mu);
    p->filled++;
    p->done = 1;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* The record map of a long journal is larger than the caches: its probe
 * is a miss the consumer would wait for.  So the record key of the event
 * PF_AHEAD items on is hashed now and its slot prefetched; by the time that
 * event is handled, the slot is in cache (and the hash is not redone). */
#define PF_AHEAD 8

static void prefetch_record(lia_an_analysis *a, an_item *it)
{
    if (it->kind != IT_EVENT)
        return;
    char k[AN_RECORD_KEY];
    size_t n = an_record_key(&it->ev, k, sizeof k);
    if (!n)
        return;
    it->ev.rec_hash = an_hash(k, n);   /* 0 (unlikely) only means "hash again" */
    const void *slot = an_map_slot(&a->records, it->ev.rec_hash);
    if (slot)
        __builtin_prefetch(slot);
}

static void consume(lia_an_analysis *a, batch *b)
{
    for (size_t i = 0; i < b->n && i < PF_AHEAD; i++)
        prefetch_record(a, &b->items[i]);
    for (size_t i = 0; i < b->n; i++) {
        const an_item *it = &b->items[i];
        if (i + 2 * PF_AHEAD < b->n) {
            /* Further on, the item and its line: written by the other
             * core, they are not in this one's cache. */
            const an_item *far = &b->items[i + 2 * PF_AHEAD];
            __builtin_prefetch(far);
            __builtin_prefetch((const char *)far + 64);
            __builtin_prefetch((const char *)far + 128);
            __builtin_prefetch((const char *)far + 192);
            if (far->text) {
                __builtin_prefetch(far->text);
                __builtin_prefetch(far->text + 64);
                __builtin_prefetch(far->text + 128);
            }
        }
        if (i + PF_AHEAD < b->n)
            prefetch_record(a, &b->items[i + PF_AHEAD]);
        switch (it->kind) {
        case IT_EVENT: an_consume_event(a, &it->ev, it->text, it->len, it->sc, it->slen); break;
        case IT_CONT: an_consume_cont(a, it->text, it->len); break;
        case IT_UNPARSED: an_consume_unparsed(a, it->text, it->no); break;
        default: an_analysis_flush(a); break;
        }
    }
    an_analysis_detach(a);   /* the held event must outlive the batch */
}

static void pipe_free(an_pipe *p)
{
    for (int i = 0; i < NBATCH; i++) {
        free(p->b[i].arena);
        free(p->b[i].items);
    }
    lia_buf_free(&p->tmp);
    free(p);
}

int an_pipe_read(lia_an_analysis *a, const char *path, int *is_gzip)
{
    an_pipe *p = calloc(1, sizeof *p);
    if (!p)
        return -2;
    for (int i = 0; i < NBATCH; i++) {
        p->b[i].arena = malloc(ARENA);
        p->b[i].cap = ARENA;
        p->b[i].items = malloc(ITEMS * sizeof *p->b[i].items);
        if (!p->b[i].arena || !p->b[i].items) {
            pipe_free(p);
            return -2;   /* the caller reads serially */
        }
    }
    p->a = a;
    p->path = path;
    p->cur = &p->b[0];
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    a->pipe = p;
    pthread_t th;
    if (pthread_create(&th, NULL, produce, p) != 0) {
        a->pipe = NULL;
        pthread_mutex_destroy(&p->mu);
        pthread_cond_destroy(&p->cv);
        pipe_free(p);
        return -2;
    }
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (p->consumed == p->filled && !p->done)
            pthread_cond_wait(&p->cv, &p->mu);
        int have = p->consumed < p->filled;
        pthread_mutex_unlock(&p->mu);
        if (!have)
            break;
        consume(a, &p->b[p->consumed % NBATCH]);
        pthread_mutex_lock(&p->mu);
        p->consumed++;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    pthread_join(th, NULL);
    a->pipe = NULL;
    a->pipelined++;
    *is_gzip = p->gz;
    int rc = p->rc, e = p->err;
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    pipe_free(p);
    errno = e;
    return rc;
}
