/* TCP listener: one thread per connection; shutdown closes every socket and
 * waits for the threads so that the engine is closed with no session open. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "tds_conn.h"
#include "tds_server.h"

#define MAX_CONNS 512

typedef struct conn_slot {
    int fd;
    int used;
} conn_slot;

struct tds_server {
    sim_server *srv;
    int lfd;
    int port;
    int wake[2];            /* self-pipe: stop() writes, run() wakes */
    volatile int stop;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    conn_slot slots[MAX_CONNS];
    int active;
    int next_id;
};

typedef struct conn_arg {
    tds_server *s;
    int slot;
    int fd;
    int id;
    char peer[64];
} conn_arg;

static ssize_t sock_read(void *ctx, void *buf, size_t n)
{
    int fd = *(int *)ctx;
    for (;;) {
        ssize_t r = recv(fd, buf, n, 0);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) errno = ETIMEDOUT;
        return r;
    }
}

static int sock_write(void *ctx, const void *buf, size_t n)
{
    int fd = *(int *)ctx;
    const char *p = buf;
    while (n > 0) {
        ssize_t r = send(fd, p, n, MSG_NOSIGNAL);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

static int sock_readable(void *ctx)
{
    struct pollfd pf = {*(int *)ctx, POLLIN, 0};
    return poll(&pf, 1, 0) > 0;
}

static int sock_peek_attention(void *ctx, int timeout_ms)
{
    int fd = *(int *)ctx;
    struct pollfd pf = {fd, POLLIN, 0};
    unsigned char type;
    if (poll(&pf, 1, timeout_ms) <= 0) return 0;
    ssize_t n = recv(fd, &type, 1, MSG_PEEK | MSG_DONTWAIT);
    /* A client that went away cancels its batch too, as SQL Server ends the
     * request of a closed connection (a timed-out client often just closes). */
    if (n == 0 || (pf.revents & (POLLHUP | POLLERR))) return 1;
    return n == 1 && type == TDS_PKT_ATTN;
}

/* A client has LOGIN_TIMEOUT seconds to log in; then no limit (pools keep
 * idle connections open). */
#define LOGIN_TIMEOUT 30

static void set_rcvtimeo(int fd, int seconds)
{
    struct timeval tv = {seconds, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

static void sock_logged_in(void *ctx) { set_rcvtimeo(*(int *)ctx, 0); }

static void *conn_thread(void *argp)
{
    conn_arg *a = argp;
    tds_server *s = a->s;
    tds_io io = {&a->fd, sock_read, sock_write, sock_readable, sock_peek_attention, sock_logged_in};
    set_rcvtimeo(a->fd, LOGIN_TIMEOUT);
    tds_conn_stats st;
    memset(&st, 0, sizeof st);
    int rc = tds_conn_run(s->srv, &io, a->id, &s->stop, &st);
    fprintf(stderr,
            "liaison-sim: connection %d from %s user '%s' app '%s' database '%s' TDS %d.%d: "
            "%llu request(s), %s: %s\n",
            a->id, a->peer, st.user, st.app, st.database, st.tds_version / 10, st.tds_version % 10,
            (unsigned long long)st.requests, rc == 0 ? "closed" : "dropped", st.reason);
    pthread_mutex_lock(&s->mu);
    close(a->fd);
    s->slots[a->slot].used = 0;
    s->slots[a->slot].fd = -1;
    s->active--;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
    free(a);
    return NULL;
}

tds_server *tds_server_listen(sim_server *srv, const char *host, int port, char *err, size_t errlen)
{
    tds_server *s = calloc(1, sizeof *s);
    if (!s) { snprintf(err, errlen, "out of memory"); return NULL; }
    s->srv = srv;
    s->lfd = -1;
    s->wake[0] = s->wake[1] = -1;
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cv, NULL);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
        snprintf(err, errlen, "invalid IPv4 address '%s'", host);
        goto fail;
    }
    s->lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    if (s->lfd < 0 || setsockopt(s->lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0
        || bind(s->lfd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(s->lfd, 128) != 0) {
        snprintf(err, errlen, "cannot listen on %s:%d: %s", host, port, strerror(errno));
        goto fail;
    }
    socklen_t sl = sizeof sa;
    getsockname(s->lfd, (struct sockaddr *)&sa, &sl);
    s->port = ntohs(sa.sin_port);
    if (pipe(s->wake) != 0) { snprintf(err, errlen, "pipe: %s", strerror(errno)); goto fail; }
    fcntl(s->wake[1], F_SETFL, O_NONBLOCK);
    for (int i = 0; i < MAX_CONNS; i++) s->slots[i].fd = -1;
    return s;
fail:
    tds_server_free(s);
    return NULL;
}

int tds_server_port(const tds_server *s) { return s->port; }

void tds_server_stop(tds_server *s)
{
    s->stop = 1;
    if (s->wake[1] >= 0) {
        ssize_t r = write(s->wake[1], "x", 1);
        (void)r;
    }
}

int tds_server_run(tds_server *s)
{
    while (!s->stop) {
        struct pollfd pf[2] = {{s->lfd, POLLIN, 0}, {s->wake[0], POLLIN, 0}};
        if (poll(pf, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (s->stop || (pf[1].revents & POLLIN)) break;
        if (!(pf[0].revents & POLLIN)) continue;
        struct sockaddr_in peer;
        socklen_t pl = sizeof peer;
        int fd = accept(s->lfd, (struct sockaddr *)&peer, &pl);
        if (fd >= 0) fcntl(fd, F_SETFD, FD_CLOEXEC);
        if (fd < 0) continue;
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        conn_arg *a = calloc(1, sizeof *a);
        char addr[INET_ADDRSTRLEN] = "?";
        inet_ntop(AF_INET, &peer.sin_addr, addr, sizeof addr);
        pthread_mutex_lock(&s->mu);
        int slot = -1;
        for (int i = 0; i < MAX_CONNS && a; i++)
            if (!s->slots[i].used) { slot = i; break; }
        if (slot < 0) {
            pthread_mutex_unlock(&s->mu);
            fprintf(stderr, "liaison-sim: connection from %s refused: %d connections already open\n", addr, MAX_CONNS);
            close(fd);
            free(a);
            continue;
        }
        s->slots[slot].used = 1;
        s->slots[slot].fd = fd;
        s->active++;
        a->id = ++s->next_id + 50;   /* spids below 51 are system sessions on SQL Server */
        pthread_mutex_unlock(&s->mu);
        a->s = s;
        a->slot = slot;
        a->fd = fd;
        snprintf(a->peer, sizeof a->peer, "%s:%u", addr, ntohs(peer.sin_port));
        pthread_t th;
        pthread_attr_t at;
        pthread_attr_init(&at);
        pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
        if (pthread_create(&th, &at, conn_thread, a) != 0) {
            pthread_mutex_lock(&s->mu);
            s->slots[slot].used = 0;
            s->active--;
            pthread_mutex_unlock(&s->mu);
            close(fd);
            free(a);
        }
        pthread_attr_destroy(&at);
    }
    /* Wake every connection thread blocked in recv/send, then wait for them. */
    pthread_mutex_lock(&s->mu);
    for (int i = 0; i < MAX_CONNS; i++)
        if (s->slots[i].used && s->slots[i].fd >= 0) shutdown(s->slots[i].fd, SHUT_RDWR);
    while (s->active > 0) pthread_cond_wait(&s->cv, &s->mu);
    pthread_mutex_unlock(&s->mu);
    return 0;
}

void tds_server_free(tds_server *s)
{
    if (!s) return;
    if (s->lfd >= 0) close(s->lfd);
    if (s->wake[0] >= 0) close(s->wake[0]);
    if (s->wake[1] >= 0) close(s->wake[1]);
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->cv);
    free(s);
}
