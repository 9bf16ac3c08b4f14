/* 50 sessions on one server from 50 threads: concurrent inserts, reads, and
 * a read-modify-write counter kept consistent by sp_getapplock (a lost
 * update would show if the lock did not exclude the other sessions). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sim_exec.h"

#define THREADS 50
#define ROUNDS 10

static sim_server *srv;
static int failures;
static pthread_mutex_t fmu = PTHREAD_MUTEX_INITIALIZER;

typedef struct res {
    int64_t last_int;
    int errors;
    char first_error[256];
} res;

static int r_cols(void *c, const sim_column *x, int n) { (void)c; (void)x; (void)n; return 0; }
static int r_row(void *c, const sim_value *v, int n)
{
    res *r = c;
    if (n > 0 && !v[0].is_null)
        r->last_int = v[0].i;
    return 0;
}
static int r_done(void *c, int64_t a, int b, int d) { (void)c; (void)a; (void)b; (void)d; return 0; }
static int r_msg(void *c, int num, int state, int sev, const char *text, int line)
{
    res *r = c;
    (void)state;
    (void)line;
    if (sev > 10) {
        if (!r->errors)
            snprintf(r->first_error, sizeof r->first_error, "%d %s", num, text);
        r->errors++;
    }
    return 0;
}

static int run(sim_session *s, const char *sql, const sim_param *p, int np, res *r)
{
    sim_sink k = {r, r_cols, r_row, r_done, r_msg, NULL, NULL};
    return sim_exec_batch(s, sql, p, np, &k);
}

static void fail(const char *what, const res *r)
{
    pthread_mutex_lock(&fmu);
    failures++;
    fprintf(stderr, "FAIL %s: %s\n", what, r ? r->first_error : "");
    pthread_mutex_unlock(&fmu);
}

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    sim_session *s = sim_session_new(srv, "owner", "TEST");
    if (!s) {
        fail("session", NULL);
        return NULL;
    }
    for (int i = 0; i < ROUNDS; i++) {
        res r = {0};
        sim_param p[2];
        memset(p, 0, sizeof p);
        p[0].name = "@id";
        p[0].type.kind = SIM_T_INT;
        p[0].value.i = id;
        char txt[32];
        snprintf(txt, sizeof txt, "t%d-%d", id, i);
        p[1].name = "@txt";
        p[1].type.kind = SIM_T_VARCHAR;
        p[1].type.length = 30;
        p[1].value.text = txt;
        p[1].value.len = strlen(txt);
        run(s, "INSERT INTO rows_ (thread, label) VALUES (@id, @txt)", p, 2, &r);
        if (r.errors)
            fail("insert", &r);
        memset(&r, 0, sizeof r);
        run(s, "SELECT COUNT(*) FROM rows_ WHERE thread = @id", p, 1, &r);
        if (r.errors || r.last_int != i + 1)
            fail("count", &r);
        /* counter under an application lock */
        memset(&r, 0, sizeof r);
        run(s,
            "DECLARE @rc int, @v int\n"
            "EXEC @rc = sp_getapplock @Resource = 'counter', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 60000\n"
            "IF @rc < 0 RAISERROR('lock not granted', 16, 1)\n"
            "SELECT @v = n FROM counter\n"
            "UPDATE counter SET n = @v + 1\n"
            "EXEC sp_releaseapplock @Resource = 'counter', @LockOwner = 'Session'",
            NULL, 0, &r);
        if (r.errors)
            fail("counter", &r);
    }
    sim_session_free(s);
    return NULL;
}

static sim_session *canceller_target;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void *canceller(void *arg)
{
    (void)arg;
    struct timespec d = {0, 200000000};
    nanosleep(&d, NULL);
    sim_session_cancel(canceller_target);
    return NULL;
}

int main(void)
{
    char dir[] = "/tmp/simthrXXXXXX", err[256];
    if (!mkdtemp(dir))
        return 2;
    srv = sim_server_open(dir, err, sizeof err);
    if (!srv || sim_server_add_login(srv, "owner", "pw", "owner") != 0 ||
        sim_server_create_database(srv, "TEST", err, sizeof err) != 0) {
        fprintf(stderr, "setup: %s\n", err);
        return 2;
    }
    sim_session *s = sim_session_new(srv, "owner", "TEST");
    res r = {0};
    run(s, "CREATE TABLE rows_ (id int IDENTITY(1,1) PRIMARY KEY, thread int NOT NULL, label varchar(30) NOT NULL)\n"
           "CREATE TABLE counter (n int NOT NULL)\nINSERT INTO counter VALUES (0)",
        NULL, 0, &r);
    if (r.errors) {
        fprintf(stderr, "setup: %s\n", r.first_error);
        return 2;
    }
    pthread_t th[THREADS];
    for (int i = 0; i < THREADS; i++)
        pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i);
    for (int i = 0; i < THREADS; i++)
        pthread_join(th[i], NULL);
    memset(&r, 0, sizeof r);
    run(s, "SELECT COUNT(*) FROM rows_", NULL, 0, &r);
    if (r.last_int != THREADS * ROUNDS) {
        fprintf(stderr, "FAIL rows: %lld, expected %d\n", (long long)r.last_int, THREADS * ROUNDS);
        failures++;
    }
    memset(&r, 0, sizeof r);
    run(s, "SELECT n FROM counter", NULL, 0, &r);
    if (r.last_int != THREADS * ROUNDS) {
        fprintf(stderr, "FAIL counter: %lld, expected %d (lost updates: applock did not exclude)\n",
                (long long)r.last_int, THREADS * ROUNDS);
        failures++;
    }
    /* cancel: a long query stops soon after sim_session_cancel, without an error */
    {
        pthread_t c;
        memset(&r, 0, sizeof r);
        canceller_target = s;
        pthread_create(&c, NULL, canceller, NULL);
        double t0 = now_s();
        int rc = run(s,
                     "WITH n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000) "
                     "SELECT COUNT(*) FROM n",
                     NULL, 0, &r);
        double took = now_s() - t0;
        pthread_join(c, NULL);
        if (rc != 0 || r.errors || took > 5.0) {
            fprintf(stderr, "FAIL cancel: rc %d, errors %d, %.1f s\n", rc, r.errors, took);
            failures++;
        }
        memset(&r, 0, sizeof r);
        run(s, "SELECT COUNT(*) FROM counter", NULL, 0, &r); /* the session still works */
        if (r.errors || r.last_int != 1) {
            fprintf(stderr, "FAIL after cancel: %s\n", r.first_error);
            failures++;
        }
    }
    sim_session_free(s);
    sim_server_close(srv);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 2;
    printf("%d threads x %d rounds: %s\n", THREADS, ROUNDS, failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
