/* ATTENTION watcher: the connection thread only notices a cancel between
 * reply packets; a statement that runs long without producing rows (a big
 * aggregate, a lock wait) would ignore it.  A second thread per connection
 * peeks at the socket while the engine runs and calls sim_session_cancel
 * (thread-safe) as soon as an ATTENTION packet arrives; the connection
 * thread then reads the packet and answers DONE_ATTN as usual. */
#include "tds_int.h"

static void *watch_main(void *arg)
{
    tds_conn *c = arg;
    pthread_mutex_lock(&c->watch_mu);
    for (;;) {
        while (!c->watch_quit && (!c->watch_running || c->watch_seen))
            pthread_cond_wait(&c->watch_cv, &c->watch_mu);
        if (c->watch_quit) break;
        pthread_mutex_unlock(&c->watch_mu);
        int seen = c->io.peek_attention(c->io.ctx, 50);
        pthread_mutex_lock(&c->watch_mu);
        /* Cancel only while the batch still runs, never the next one. */
        if (seen && c->watch_running && !c->watch_seen) {
            c->watch_seen = 1;
            sim_session_cancel(c->sess);
        }
    }
    pthread_mutex_unlock(&c->watch_mu);
    return NULL;
}

void tds_watch_begin(tds_conn *c)
{
    if (!c->io.peek_attention || !c->sess) return;
    if (!c->watcher_started) {
        pthread_mutex_init(&c->watch_mu, NULL);
        pthread_cond_init(&c->watch_cv, NULL);
        if (pthread_create(&c->watcher, NULL, watch_main, c) != 0) {
            pthread_mutex_destroy(&c->watch_mu);
            pthread_cond_destroy(&c->watch_cv);
            return;
        }
        c->watcher_started = 1;
    }
    pthread_mutex_lock(&c->watch_mu);
    c->watch_running = 1;
    c->watch_seen = 0;
    pthread_cond_signal(&c->watch_cv);
    pthread_mutex_unlock(&c->watch_mu);
}

void tds_watch_end(tds_conn *c)
{
    if (!c->watcher_started) return;
    pthread_mutex_lock(&c->watch_mu);
    c->watch_running = 0;
    int seen = c->watch_seen;
    pthread_mutex_unlock(&c->watch_mu);
    /* The engine stopped without a callback noticing: read the ATTENTION now. */
    if (seen && !c->attn && !c->dead) tds_check_attention(c);
}

void tds_watch_stop(tds_conn *c)
{
    if (!c->watcher_started) return;
    pthread_mutex_lock(&c->watch_mu);
    c->watch_quit = 1;
    pthread_cond_signal(&c->watch_cv);
    pthread_mutex_unlock(&c->watch_mu);
    pthread_join(c->watcher, NULL);
    pthread_mutex_destroy(&c->watch_mu);
    pthread_cond_destroy(&c->watch_cv);
    c->watcher_started = 0;
}
