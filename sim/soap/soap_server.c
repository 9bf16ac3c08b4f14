/* HTTP side of the simulator's SOAP endpoint (libmicrohttpd, one thread per
 * connection so an injected delay never blocks other clients), sessions,
 * idempotency by requestId and fault injection. */
#include "sim_soap.h"
#include "soap_proto.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_BODY (1u << 20)
#define MAX_SESSIONS 256
#define MAX_DONE 4096

typedef struct done_entry {
    char request_id[64];
    sim_soap_result res;
} done_entry;

struct sim_soap {
    struct MHD_Daemon *d;
    int port;
    sim_soap_backend be;
    pthread_mutex_t lock;       /* sessions, done, faults, backend writes */
    sim_soap_faults faults;
    struct {
        char id[40];
        char company[130];
        char user[130];
    } sessions[MAX_SESSIONS];
    unsigned session_seq;
    done_entry *done;           /* requestId -> first result (ring when full) */
    size_t ndone;
    long writes;
};

typedef struct upload {
    char *data;
    size_t len;
    int too_big;
} upload;

static void fields_parse(const char *query, sim_soap_faults *f)
{
    /* "busy=2&retry_after=1": the keys of sim_soap_faults */
    char buf[256];
    snprintf(buf, sizeof buf, "%s", query);
    for (char *save = NULL, *kv = strtok_r(buf, "&", &save); kv; kv = strtok_r(NULL, "&", &save)) {
        char *eq = strchr(kv, '=');
        if (!eq)
            continue;
        *eq = '\0';
        int v = atoi(eq + 1);
        if (!strcmp(kv, "delay_ms")) f->delay_ms = v;
        else if (!strcmp(kv, "busy")) f->busy = v;
        else if (!strcmp(kv, "retry_after")) f->retry_after_s = v;
        else if (!strcmp(kv, "expire")) f->expire = v;
        else if (!strcmp(kv, "malformed")) f->malformed = v;
        else if (!strcmp(kv, "logon_fault")) f->logon_fault = v;
    }
}

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status, const char *body,
                             size_t len, int retry_after)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", "text/xml; charset=utf-8");
    if (retry_after >= 0) {
        char v[16];
        snprintf(v, sizeof v, "%d", retry_after);
        MHD_add_response_header(r, "Retry-After", v);
    }
    enum MHD_Result ok = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ok;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Session id -> its slot, or -1. */
static int session_find(sim_soap *s, const char *id)
{
    for (int i = 0; i < MAX_SESSIONS; i++)
        if (s->sessions[i].id[0] && strcmp(s->sessions[i].id, id) == 0)
            return i;
    return -1;
}

static const char *session_new(sim_soap *s, const char *user, const char *company)
{
    unsigned k = s->session_seq++ % MAX_SESSIONS;
    snprintf(s->sessions[k].id, sizeof s->sessions[k].id, "SIM-%u-%08lx", s->session_seq,
             (unsigned long)random());
    snprintf(s->sessions[k].company, sizeof s->sessions[k].company, "%s", company);
    snprintf(s->sessions[k].user, sizeof s->sessions[k].user, "%s", user);
    return s->sessions[k].id;
}

static const sim_soap_result *done_find(sim_soap *s, const char *rid)
{
    for (size_t i = 0; i < s->ndone && i < MAX_DONE; i++)
        if (strcmp(s->done[i].request_id, rid) == 0)
            return &s->done[i].res;
    return NULL;
}

static void done_add(sim_soap *s, const char *rid, const sim_soap_result *r)
{
    done_entry *e = &s->done[s->ndone % MAX_DONE];
    snprintf(e->request_id, sizeof e->request_id, "%s", rid);
    e->res = *r;
    s->ndone++;
}

static int transient(const sim_soap_result *r)
{
    for (int i = 0; i < r->ndiags; i++)
        if (!strcmp(r->diags[i].severity, "transient"))
            return 1;
    return 0;
}

/* One write with idempotency: a known requestId gets its stored result. */
static void do_write(sim_soap *s, const char *user, const char *company, const sim_soap_write_req *w,
                     sim_soap_result *res, int *replayed)
{
    const sim_soap_result *prev = done_find(s, w->request_id);
    if (prev) {
        *res = *prev;
        *replayed = 1;
        return;
    }
    memset(res, 0, sizeof *res);
    snprintf(res->status, sizeof res->status, "SUCCES");
    *replayed = 0;
    s->be.write(s->be.ctx, user, company, w->op, w->ct_num, w->sub_no, &w->fields, res);
    s->writes++;
    if (!transient(res)) /* a transient outcome must be tried again */
        done_add(s, w->request_id, res);
}

static void handle(sim_soap *s, const char *body, size_t len, sim_soap_out *out)
{
    sim_soap_req req;
    if (sim_soap_parse(body, len, &req) != 0) {
        sim_soap_fault(out, "Client", "XML mal formé ou enveloppe SOAP 1.1 absente", "ERP-XML-0001",
                       "error", -1);
        return;
    }
    pthread_mutex_lock(&s->lock);
    if (req.kind == SIM_REQ_PING) {
        sim_soap_ping(out);
    } else if (req.kind == SIM_REQ_LOGON) {
        if (s->faults.logon_fault)
            sim_soap_fault(out, "Server", "Service d'intégration indisponible", "ERP-DB-0001",
                           "fatal", -1);
        else if (s->be.logon(s->be.ctx, req.user, req.password, req.company) != 0)
            sim_soap_fault(out, "Client", "Authentification refusée", "ERP-AUTH-0001", "fatal", -1);
        else
            sim_soap_logon(out, session_new(s, req.user, req.company));
    } else {
        int slot = req.session[0] ? session_find(s, req.session) : -1;
        const char *company = slot >= 0 ? s->sessions[slot].company : NULL;
        const char *user = slot >= 0 ? s->sessions[slot].user : NULL;
        if (company && s->faults.expire > 0) {
            s->faults.expire--;
            for (int i = 0; i < MAX_SESSIONS; i++)
                s->sessions[i].id[0] = '\0';
            company = NULL;
        }
        if (!company) {
            sim_soap_fault(out, "Client", "Session expirée ou invalide", "ERP-SESSION-0001", "error", -1);
        } else if (req.kind == SIM_REQ_LOGOFF) {
            for (int i = 0; i < MAX_SESSIONS; i++)
                if (!strcmp(s->sessions[i].id, req.session))
                    s->sessions[i].id[0] = '\0';
            sim_soap_empty(out, "LogoffResponse");
        } else if (req.kind == SIM_REQ_WRITE) {
            sim_soap_result res;
            int replayed;
            do_write(s, user, company, &req.items[0], &res, &replayed);
            sim_soap_write_response(out, req.items[0].op, &req.items[0], &res, replayed);
        } else if (req.kind == SIM_REQ_BATCH) {
            sim_soap_batch_begin(out);
            int stop = 0;
            for (int i = 0; i < req.nitems; i++) {
                sim_soap_result res;
                int replayed = 0;
                if (stop) {
                    memset(&res, 0, sizeof res);
                    snprintf(res.status, sizeof res.status, "NON_TRAITE");
                } else {
                    do_write(s, user, company, &req.items[i], &res, &replayed);
                    if (!req.continue_on_error && !strcmp(res.status, "ECHEC"))
                        stop = 1;
                }
                sim_soap_batch_item(out, &req.items[i], &res, replayed);
            }
            sim_soap_batch_end(out);
        } else {
            sim_soap_fault(out, "Client", "Opération inconnue", "ERP-XML-0002", "error", -1);
        }
    }
    pthread_mutex_unlock(&s->lock);
    sim_soap_req_free(&req);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *data,
                                  size_t *data_size, void **con_cls)
{
    (void)version;
    sim_soap *s = cls;
    upload *u = *con_cls;
    if (!u) {
        u = calloc(1, sizeof *u);
        if (!u)
            return MHD_NO;
        *con_cls = u;
        return MHD_YES;
    }
    if (*data_size) {
        if (u->len + *data_size > MAX_BODY) {
            u->too_big = 1;
        } else {
            char *p = realloc(u->data, u->len + *data_size + 1);
            if (!p)
                return MHD_NO;
            u->data = p;
            memcpy(u->data + u->len, data, *data_size);
            u->len += *data_size;
            u->data[u->len] = '\0';
        }
        *data_size = 0;
        return MHD_YES;
    }
    if (strcmp(method, "POST") != 0)
        return reply(c, 405, "POST only\n", 10, -1);
    if (u->too_big)
        return reply(c, 413, "too large\n", 10, -1);
    if (strncmp(url, "/_control", 9) == 0) {
        /* fault injection for tests: POST /_control with k=v&k=v as the body */
        pthread_mutex_lock(&s->lock);
        sim_soap_faults f = {0};
        f.retry_after_s = 1;
        fields_parse(u->data ? u->data : "", &f);
        s->faults = f;
        pthread_mutex_unlock(&s->lock);
        return reply(c, 200, "ok\n", 3, -1);
    }
    pthread_mutex_lock(&s->lock);
    sim_soap_faults f = s->faults;
    if (s->faults.busy > 0)
        s->faults.busy--;
    int cut = s->faults.malformed > 0;
    if (cut)
        s->faults.malformed--;
    pthread_mutex_unlock(&s->lock);
    if (f.delay_ms > 0)
        sleep_ms(f.delay_ms);
    if (f.busy > 0)
        return reply(c, 503, "busy\n", 5, f.retry_after_s > 0 ? f.retry_after_s : 1);
    sim_soap_out out;
    sim_soap_out_init(&out);
    handle(s, u->data ? u->data : "", u->len, &out);
    size_t len = out.len;
    if (cut && len > 40)
        len /= 2; /* malformed: the document stops in the middle */
    enum MHD_Result ok = reply(c, out.status, out.data ? out.data : "", len, -1);
    sim_soap_out_free(&out);
    return ok;
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls,
                    enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)c, (void)toe;
    upload *u = *con_cls;
    if (u) {
        free(u->data);
        free(u);
        *con_cls = NULL;
    }
}

sim_soap *sim_soap_start(const char *host, int port, const sim_soap_backend *be, char *err,
                         size_t errlen)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((unsigned short)port);
    if (inet_pton(AF_INET, host ? host : "127.0.0.1", &sa.sin_addr) != 1) {
        snprintf(err, errlen, "invalid listen address '%s'", host ? host : "");
        return NULL;
    }
    sim_soap *s = calloc(1, sizeof *s);
    if (!s || !(s->done = calloc(MAX_DONE, sizeof *s->done))) {
        free(s);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->be = *be;
    s->faults.retry_after_s = 1;
    pthread_mutex_init(&s->lock, NULL);
    s->d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD, 0,
                            NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                            MHD_OPTION_NOTIFY_COMPLETED, on_done, s,
                            MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60, MHD_OPTION_END);
    if (!s->d) {
        snprintf(err, errlen, "cannot listen on %s:%d", host ? host : "127.0.0.1", port);
        pthread_mutex_destroy(&s->lock);
        free(s->done);
        free(s);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : port;
    return s;
}

int sim_soap_port(const sim_soap *s)
{
    return s->port;
}

void sim_soap_set_faults(sim_soap *s, const sim_soap_faults *f)
{
    pthread_mutex_lock(&s->lock);
    s->faults = *f;
    pthread_mutex_unlock(&s->lock);
}

long sim_soap_writes(const sim_soap *s)
{
    return s->writes;
}

void sim_soap_stop(sim_soap *s)
{
    if (!s)
        return;
    MHD_stop_daemon(s->d);
    pthread_mutex_destroy(&s->lock);
    free(s->done);
    free(s);
}
