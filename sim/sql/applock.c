/* sp_getapplock / sp_releaseapplock: server-wide named locks held by a
 * session (or its transaction), released at disconnect. Shared locks are
 * compatible with each other; every other mode is exclusive. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "engine.h"

/* count > 0: exclusive holds; count < 0: shared holds; args packed in the
 * resource entry: one entry per (resource, session). */
typedef struct lk {
    char *res;
    sim_session *owner;
    int shared;
    int txn;
    int count;
} lk;

/* One lock table per process, with its own mutex: every server of the
 * process shares it (a process runs one server in practice). */
static lk *locks;
static int nlocks, caplocks;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;

static int conflicts(const char *res, sim_session *s, int shared)
{
    for (int i = 0; i < nlocks; i++)
        if (locks[i].owner != s && strcasecmp(locks[i].res, res) == 0 && (!shared || !locks[i].shared))
            return 1;
    return 0;
}

int applock_get(sim_session *s, const char *res, const char *mode, const char *owner, int timeout_ms)
{
    int shared = mode && strcasecmp(mode, "Shared") == 0;
    int txn = owner && strcasecmp(owner, "Transaction") == 0;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    if (timeout_ms > 0) {
        until.tv_sec += timeout_ms / 1000;
        until.tv_nsec += (long)(timeout_ms % 1000) * 1000000;
        if (until.tv_nsec >= 1000000000) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000;
        }
    }
    int waited = 0;
    pthread_mutex_lock(&mu);
    while (conflicts(res, s, shared)) {
        if (timeout_ms == 0 || s->cancel) {
            pthread_mutex_unlock(&mu);
            return s->cancel ? -2 : -1;
        }
        waited = 1;
        if (timeout_ms < 0) {
            /* wake up now and then to notice a cancel */
            struct timespec t;
            clock_gettime(CLOCK_REALTIME, &t);
            t.tv_nsec += 200000000;
            if (t.tv_nsec >= 1000000000) {
                t.tv_sec++;
                t.tv_nsec -= 1000000000;
            }
            pthread_cond_timedwait(&cv, &mu, &t);
        } else if (pthread_cond_timedwait(&cv, &mu, &until) == ETIMEDOUT && conflicts(res, s, shared)) {
            pthread_mutex_unlock(&mu);
            return -1;
        }
    }
    int i;
    for (i = 0; i < nlocks; i++)
        if (locks[i].owner == s && strcasecmp(locks[i].res, res) == 0 && locks[i].txn == txn)
            break;
    if (i == nlocks) {
        if (nlocks == caplocks) {
            caplocks = caplocks ? caplocks * 2 : 16;
            locks = realloc(locks, (size_t)caplocks * sizeof *locks);
            if (!locks)
                abort();
        }
        locks[nlocks++] = (lk){strdup(res), s, shared, txn, 0};
    }
    locks[i].count++;
    if (!shared)
        locks[i].shared = 0;
    pthread_mutex_unlock(&mu);
    return waited ? 1 : 0;
}

static void drop_at(int i)
{
    free(locks[i].res);
    locks[i] = locks[--nlocks];
}

int applock_release(sim_session *s, const char *res, const char *owner)
{
    int txn = owner && strcasecmp(owner, "Transaction") == 0;
    int r = -999;
    pthread_mutex_lock(&mu);
    for (int i = 0; i < nlocks; i++)
        if (locks[i].owner == s && strcasecmp(locks[i].res, res) == 0 && locks[i].txn == txn) {
            if (--locks[i].count <= 0)
                drop_at(i);
            r = 0;
            break;
        }
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
    return r;
}

static void release_where(sim_session *s, int only_txn)
{
    pthread_mutex_lock(&mu);
    for (int i = 0; i < nlocks;)
        if (locks[i].owner == s && (!only_txn || locks[i].txn))
            drop_at(i);
        else
            i++;
    if (nlocks == 0) {
        free(locks);
        locks = NULL;
        caplocks = 0;
    }
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
}

void applock_release_all(sim_session *s) { release_where(s, 0); }
void applock_release_txn(sim_session *s);
void applock_release_txn(sim_session *s) { release_where(s, 1); }
