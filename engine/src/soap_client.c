/* The SOAP client: session, calls with retry, results.
 *
 * Retry policy (docs/push.md): only transient failures are retried -- network
 * errors and timeouts, HTTP 502/503/504 (waiting Retry-After when given),
 * faults and diagnoses of severity transient -- with a capped exponential
 * back-off, and the request body is rebuilt with the same requestId, so a
 * replay is answered from the service's memory.  An expired session gets one
 * re-logon per call.  Everything else fails at once with a clear lia_error. */
#include "soap_internal.h"

#include "liaison/journal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SESSION_EXPIRED_CODE "ERP-SESSION-0001"

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

lia_code lia_soap_open(const lia_soap_opts *o, lia_soap **out, lia_error *err)
{
    *out = NULL;
    if (!o->url || (strncmp(o->url, "http://", 7) != 0 && strncmp(o->url, "https://", 8) != 0))
        return lia_fail(err, LIA_E_CONFIG_VALUE, "soap_url=%s", o->url ? o->url : "");
    static int curl_ready;
    if (!curl_ready) {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            return lia_fail(err, LIA_E_INTERNAL, "curl_global_init");
        curl_ready = 1;
    }
    lia_soap *s = calloc(1, sizeof *s);
    if (!s)
        return lia_fail(err, LIA_E_NOMEM, "soap");
    s->o = *o;
    s->url = dup_or_null(o->url);
    s->user = dup_or_null(o->user ? o->user : "");
    s->password = dup_or_null(o->password ? o->password : "");
    s->company = dup_or_null(o->company ? o->company : "");
    s->ca_file = dup_or_null(o->ca_file);
    if (!s->o.connect_timeout_ms) s->o.connect_timeout_ms = 10000;
    if (!s->o.total_timeout_ms) s->o.total_timeout_ms = 60000;
    if (!s->o.stall_timeout_s) s->o.stall_timeout_s = 30;
    if (!s->o.max_response) s->o.max_response = 8u << 20;
    if (s->o.max_attempts <= 0) s->o.max_attempts = 5;
    if (!s->o.backoff_initial_ms) s->o.backoff_initial_ms = 500;
    if (!s->o.backoff_max_ms) s->o.backoff_max_ms = 30000;
    s->curl = curl_easy_init();
    if (!s->url || !s->user || !s->password || !s->company || (o->ca_file && !s->ca_file) ||
        !s->curl) {
        lia_soap_close(s);
        return lia_fail(err, LIA_E_NOMEM, "soap");
    }
    CURL *c = s->curl;
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, s->curl_err);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, s->o.connect_timeout_ms);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, s->o.total_timeout_ms);
    /* Stall: fewer than 1 byte/s during stall_timeout_s aborts the transfer. */
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, s->o.stall_timeout_s);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, s->o.insecure ? 0L : 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, s->o.insecure ? 0L : 2L);
    if (s->ca_file)
        curl_easy_setopt(c, CURLOPT_CAINFO, s->ca_file);
    curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "liaison-soap/1");
    *out = s;
    return LIA_OK;
}

static void journal(lia_soap *s, lia_level lvl, const char *op, const char *code,
                    const char *status, const char *msg, const char *extra)
{
    if (!s->o.journal)
        return;
    lia_event ev = {lvl, "CRM>ERP", "SESSION", op, NULL, NULL, code, status, msg, extra};
    lia_journal_event(s->o.journal, &ev);
}

const char *lia_soap_session(const lia_soap *s)
{
    return s->session;
}

const char *lia_soap_server_version(const lia_soap *s)
{
    return s->server_version;
}

/* What one exchange came to. */
typedef enum outcome { OUT_OK, OUT_FAIL, OUT_RETRY, OUT_RELOGON } outcome;

typedef struct fault_info {
    char code[64], string[512], dcode[48], severity[16], retry[16], dmessage[256];
} fault_info;

static void read_fault(xmlXPathContextPtr xp, xmlNodePtr f, fault_info *fi)
{
    memset(fi, 0, sizeof *fi);
    /* faultcode is a QName: resolve its prefix, compare namespace + local name. */
    xmlNodePtr fc = lia_soap_xml_node(xp, f, "faultcode");
    if (fc) {
        xmlChar *q = xmlNodeGetContent(fc);
        const char *qs = q ? (const char *)q : "";
        while (*qs == ' ' || *qs == '\n' || *qs == '\t') qs++;
        const char *colon = strchr(qs, ':');
        const char *local = colon ? colon + 1 : qs;
        const char *uri = "";
        if (colon) {
            char prefix[64];
            snprintf(prefix, sizeof prefix, "%.*s", (int)(colon - qs), qs);
            xmlNsPtr ns = xmlSearchNs(fc->doc, fc, BAD_CAST prefix);
            uri = ns && ns->href ? (const char *)ns->href : "";
        }
        if (strcmp(uri, LIA_SOAP_ENV_NS) == 0)
            snprintf(fi->code, sizeof fi->code, "soap:%s", local);
        else
            snprintf(fi->code, sizeof fi->code, "%s", qs);
        size_t n = strlen(fi->code);
        while (n && (fi->code[n - 1] == ' ' || fi->code[n - 1] == '\n'))
            fi->code[--n] = '\0';
        xmlFree(q);
    }
    lia_soap_xml_text(xp, f, "faultstring", fi->string, sizeof fi->string);
    lia_soap_xml_text(xp, f, "detail/l:fault/l:code", fi->dcode, sizeof fi->dcode);
    lia_soap_xml_text(xp, f, "detail/l:fault/l:severity", fi->severity, sizeof fi->severity);
    lia_soap_xml_text(xp, f, "detail/l:fault/l:retryAfterSeconds", fi->retry, sizeof fi->retry);
    lia_soap_xml_text(xp, f, "detail/l:fault/l:message", fi->dmessage, sizeof fi->dmessage);
}

/* Any WriteResult of the response with status ECHEC and a transient diagnosis. */
static int response_transient(xmlXPathContextPtr xp)
{
    return lia_soap_xml_node(xp, NULL,
                             "/s:Envelope/s:Body/*/l:result[l:status='ECHEC']"
                             "[l:diagnosis/l:severity='transient']") != NULL;
}

static long backoff(const lia_soap *s, int attempt, long retry_after_s)
{
    long d = s->o.backoff_initial_ms;
    for (int i = 1; i < attempt && d < s->o.backoff_max_ms; i++)
        d *= 2;
    if (retry_after_s >= 0)
        d = retry_after_s * 1000;
    return d > s->o.backoff_max_ms ? s->o.backoff_max_ms : d;
}

static int curl_transient(CURLcode cc)
{
    switch (cc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
        return 1;
    default:
        return 0;
    }
}

static int curl_tls(CURLcode cc)
{
    return cc == CURLE_PEER_FAILED_VERIFICATION || cc == CURLE_SSL_CONNECT_ERROR ||
           cc == CURLE_SSL_CACERT_BADFILE || cc == CURLE_SSL_CERTPROBLEM ||
           cc == CURLE_SSL_ISSUER_ERROR;
}

typedef lia_code (*body_fn)(lia_soap_env *e, const void *ctx, lia_error *err);

/* One call: logon when needed, exchange, classify, retry.  On LIA_OK the
 * caller owns *doc_out. */
static lia_code soap_call(lia_soap *s, const char *action, int needs_session, body_fn body,
                          const void *ctx, xmlDocPtr *doc_out, int *attempts_out,
                          lia_error *err)
{
    *doc_out = NULL;
    int relogged = 0, attempt = 0;
    lia_code last = LIA_E_INTERNAL;
    for (;;) {
        attempt++;
        if (attempts_out)
            *attempts_out = attempt;
        if (needs_session && !s->session[0]) {
            lia_code rc = lia_soap_logon(s, err);
            if (rc != LIA_OK)
                return rc;
        }
        lia_soap_env e;
        if (lia_soap_env_begin(&e, needs_session ? s->session : NULL) != 0) {
            lia_soap_env_free(&e);
            return lia_fail(err, LIA_E_NOMEM, "%s", action);
        }
        lia_code rc = body(&e, ctx, err);
        if (rc == LIA_OK && lia_soap_env_end(&e) != 0)
            rc = lia_fail(err, LIA_E_NOMEM, "%s", action);
        if (rc != LIA_OK) {
            lia_soap_env_free(&e);
            return rc;
        }
        lia_soap_http r;
        lia_soap_http_post(s, action, (const char *)e.buf->content, (size_t)e.buf->use, &r);
        lia_soap_env_free(&e);

        outcome out = OUT_FAIL;
        long retry_after = -1;
        xmlDocPtr doc = NULL;
        xmlXPathContextPtr xp = NULL;
        lia_error_clear(err);
        if (r.too_big) {
            lia_fail(err, LIA_E_SOAP_TOO_BIG, "%s", s->url);
            lia_error_detail(err, "%s %zu %s", lia_tr("réponse coupée après", "response cut off after"),
                             s->o.max_response, lia_tr("octets", "bytes"));
        } else if (r.cc != CURLE_OK) {
            lia_code code = curl_tls(r.cc) ? LIA_E_TLS
                            : r.cc == CURLE_OPERATION_TIMEDOUT ? LIA_E_TIMEOUT
                            : curl_transient(r.cc) ? LIA_E_CONNECT : LIA_E_HTTP;
            lia_fail(err, code, "%s", s->url);
            snprintf(err->server_text, sizeof err->server_text, "%s",
                     s->curl_err[0] ? s->curl_err : curl_easy_strerror(r.cc));
            out = curl_transient(r.cc) ? OUT_RETRY : OUT_FAIL;
        } else if (r.status == 401 || r.status == 403) {
            lia_fail(err, LIA_E_HTTP_AUTH, "%s", s->url);
            lia_error_detail(err, "HTTP %ld", r.status);
        } else if (r.status == 502 || r.status == 503 || r.status == 504) {
            lia_fail(err, LIA_E_HTTP, "%s", s->url);
            lia_error_detail(err, "HTTP %ld", r.status);
            retry_after = r.retry_after_s;
            out = OUT_RETRY;
        } else if (r.status != 200 && r.status != 500) {
            lia_fail(err, LIA_E_HTTP, "%s", s->url);
            lia_error_detail(err, "HTTP %ld", r.status);
        } else if (lia_soap_xml_parse(r.body.data, r.body.len, &doc, err) != LIA_OK) {
            /* err says why (malformed, DOCTYPE refused) */
        } else if (!(xp = lia_soap_xml_xpath(doc))) {
            lia_fail(err, LIA_E_NOMEM, "xpath");
        } else {
            xmlNodePtr f = lia_soap_xml_node(xp, NULL, "/s:Envelope/s:Body/s:Fault");
            if (f) {
                fault_info fi;
                read_fault(xp, f, &fi);
                lia_fail(err, strcmp(fi.dcode, SESSION_EXPIRED_CODE) == 0 ? LIA_E_SESSION
                                                                          : LIA_E_SOAP_FAULT,
                         "%s", action);
                snprintf(err->server_text, sizeof err->server_text, "%.60s: %.440s", fi.code, fi.string);
                lia_error_detail(err, "code=%s severity=%s%s%s%s%s", fi.dcode[0] ? fi.dcode : "-",
                                 fi.severity[0] ? fi.severity : "-", fi.retry[0] ? " retryAfterSeconds=" : "",
                                 fi.retry, fi.dmessage[0] ? " " : "", fi.dmessage);
                if (strcmp(fi.dcode, SESSION_EXPIRED_CODE) == 0 && needs_session && !relogged)
                    out = OUT_RELOGON;
                else if (strcmp(fi.severity, "transient") == 0) {
                    out = OUT_RETRY;
                    retry_after = fi.retry[0] ? atol(fi.retry) : -1;
                }
            } else if (r.status != 200) {
                lia_fail(err, LIA_E_HTTP, "%s", s->url);
                lia_error_detail(err, "HTTP %ld %s", r.status,
                                 lia_tr("sans SOAP Fault", "without a SOAP Fault"));
            } else if (!lia_soap_xml_node(xp, NULL, "/s:Envelope/s:Body/*")) {
                lia_fail(err, LIA_E_XML, "%s", action);
                lia_error_detail(err, "%s", lia_tr("pas d'enveloppe SOAP 1.1 ni de corps",
                                                   "no SOAP 1.1 envelope or body"));
            } else if (response_transient(xp) && attempt < s->o.max_attempts) {
                out = OUT_RETRY;
            } else {
                out = OUT_OK;
            }
        }
        xmlXPathFreeContext(xp);
        lia_soap_http_free(&r);
        if (out == OUT_OK) {
            *doc_out = doc;
            return LIA_OK;
        }
        xmlFreeDoc(doc);
        last = err->code;
        if (out == OUT_RELOGON) {
            journal(s, LIA_LVL_WARN, "LOGON", SESSION_EXPIRED_CODE, NULL,
                    lia_tr("session expirée, reconnexion", "session expired, logging on again"), NULL);
            s->session[0] = '\0';
            relogged = 1;
            attempt--; /* a re-logon is not a failed attempt */
            continue;
        }
        if (out == OUT_FAIL || attempt >= s->o.max_attempts) {
            if (out == OUT_RETRY) {
                char prev[sizeof err->detail];
                memcpy(prev, err->detail, sizeof prev);
                lia_error_detail(err, "%.400s%s%d %s", prev, prev[0] ? "; " : "", attempt,
                                 lia_tr("tentatives", "attempts"));
            }
            return last;
        }
        long wait = backoff(s, attempt, retry_after);
        char extra[64];
        snprintf(extra, sizeof extra, "retry=%d\tdelay_ms=%ld", attempt, wait);
        journal(s, LIA_LVL_TRANSIENT, action, NULL, NULL, lia_code_message(err->code), extra);
        sleep_ms(wait);
    }
}

/* --- Logon / Logoff / Ping --- */

static lia_code logon_body(lia_soap_env *e, const void *ctx, lia_error *err)
{
    const lia_soap *s = ctx;
    if (!lia_soap_text_ok(s->user) || !lia_soap_text_ok(s->password) ||
        !lia_soap_text_ok(s->company))
        return lia_fail(err, LIA_E_ENCODING, "Logon");
    lia_soap_env_start(e, "Logon");
    lia_soap_env_elem(e, "user", s->user);
    lia_soap_env_elem(e, "password", s->password);
    lia_soap_env_elem(e, "company", s->company);
    lia_soap_env_stop(e);
    return LIA_OK;
}

lia_code lia_soap_logon(lia_soap *s, lia_error *err)
{
    xmlDocPtr doc;
    lia_code rc = soap_call(s, "Logon", 0, logon_body, s, &doc, NULL, err);
    if (rc != LIA_OK) {
        journal(s, LIA_LVL_ERROR, "LOGON", NULL, NULL, lia_code_message(rc), NULL);
        return rc;
    }
    xmlXPathContextPtr xp = lia_soap_xml_xpath(doc);
    xmlNodePtr r = lia_soap_xml_node(xp, NULL, "/s:Envelope/s:Body/l:LogonResponse");
    char sid[sizeof s->session];
    if (!r || !lia_soap_xml_text(xp, r, "l:sessionId", sid, sizeof sid) || !sid[0] ||
        !lia_soap_text_ok(sid)) {
        xmlXPathFreeContext(xp);
        xmlFreeDoc(doc);
        lia_fail(err, LIA_E_XML, "Logon");
        lia_error_detail(err, "%s", lia_tr("LogonResponse/sessionId absent", "LogonResponse/sessionId missing"));
        return LIA_E_XML;
    }
    memcpy(s->session, sid, sizeof sid);
    lia_soap_xml_text(xp, r, "l:expiresAt", s->expires_at, sizeof s->expires_at);
    lia_soap_xml_text(xp, r, "l:serverVersion", s->server_version, sizeof s->server_version);
    xmlXPathFreeContext(xp);
    xmlFreeDoc(doc);
    char extra[300];
    /* The user is fine to log; the password and the session id are not. */
    snprintf(extra, sizeof extra, "user=%.100s\tcompany=%.100s\tsession=***", s->user, s->company);
    journal(s, LIA_LVL_INFO, "LOGON", NULL, "SUCCES", lia_tr("session ouverte", "session opened"), extra);
    return LIA_OK;
}

static lia_code empty_body(lia_soap_env *e, const void *ctx, lia_error *err)
{
    (void)err;
    lia_soap_env_start(e, ctx);
    lia_soap_env_stop(e);
    return LIA_OK;
}

lia_code lia_soap_ping(lia_soap *s, char *server_time, size_t size, lia_error *err)
{
    xmlDocPtr doc;
    lia_code rc = soap_call(s, "Ping", 0, empty_body, "Ping", &doc, NULL, err);
    if (rc != LIA_OK)
        return rc;
    xmlXPathContextPtr xp = lia_soap_xml_xpath(doc);
    char t[64];
    int ok = lia_soap_xml_text(xp, NULL, "/s:Envelope/s:Body/l:PingResponse/l:serverTime", t, sizeof t);
    xmlXPathFreeContext(xp);
    xmlFreeDoc(doc);
    if (!ok)
        return lia_fail(err, LIA_E_XML, "Ping");
    if (server_time && size)
        snprintf(server_time, size, "%s", t);
    return LIA_OK;
}

void lia_soap_close(lia_soap *s)
{
    if (!s)
        return;
    if (s->session[0] && s->curl) {
        xmlDocPtr doc = NULL;
        lia_error e;
        lia_error_clear(&e);
        int saved = s->o.max_attempts;
        s->o.max_attempts = 1; /* best effort: the session expires anyway */
        curl_easy_setopt(s->curl, CURLOPT_TIMEOUT_MS,
                         s->o.total_timeout_ms < 5000 ? s->o.total_timeout_ms : 5000L);
        if (soap_call(s, "Logoff", 1, empty_body, "Logoff", &doc, NULL, &e) == LIA_OK)
            xmlFreeDoc(doc);
        s->o.max_attempts = saved;
        journal(s, LIA_LVL_INFO, "LOGOFF", NULL, NULL, lia_tr("session fermée", "session closed"), NULL);
    }
    if (s->curl)
        curl_easy_cleanup(s->curl);
    if (s->password)
        memset(s->password, 0, strlen(s->password));
    memset(s->session, 0, sizeof s->session);
    free(s->url), free(s->user), free(s->password), free(s->company), free(s->ca_file);
    free(s);
}

/* --- Writes --- */

static void read_result(xmlXPathContextPtr xp, xmlNodePtr n, lia_soap_result *res)
{
    int attempts = res->attempts;
    memset(res, 0, sizeof *res);
    res->attempts = attempts;
    lia_soap_xml_text(xp, n, "l:status", res->status, sizeof res->status);
    lia_soap_xml_text(xp, n, "l:requestId", res->request_id, sizeof res->request_id);
    lia_soap_xml_text(xp, n, "l:key/l:CT_Num", res->ct_num, sizeof res->ct_num);
    if (!lia_soap_xml_text(xp, n, "l:key/l:CT_No", res->sub_no, sizeof res->sub_no))
        lia_soap_xml_text(xp, n, "l:key/l:LI_No", res->sub_no, sizeof res->sub_no);
    lia_soap_xml_text(xp, n, "l:rowVersion", res->row_version, sizeof res->row_version);
    char rep[8];
    lia_soap_xml_text(xp, n, "l:replayed", rep, sizeof rep);
    res->replayed = strcmp(rep, "true") == 0 || strcmp(rep, "1") == 0;
    xp->node = n;
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST "l:diagnosis", xp);
    if (o && o->nodesetval) {
        for (int i = 0; i < o->nodesetval->nodeNr && res->ndiags < LIA_SOAP_MAX_DIAGS; i++) {
            xmlNodePtr d = o->nodesetval->nodeTab[i];
            lia_soap_diag *g = &res->diags[res->ndiags++];
            lia_soap_xml_text(xp, d, "l:severity", g->severity, sizeof g->severity);
            lia_soap_xml_text(xp, d, "l:code", g->code, sizeof g->code);
            lia_soap_xml_text(xp, d, "l:message", g->message, sizeof g->message);
            lia_soap_xml_text(xp, d, "l:field", g->field, sizeof g->field);
            lia_soap_xml_text(xp, d, "l:hint", g->hint, sizeof g->hint);
        }
    }
    xmlXPathFreeObject(o);
}

static lia_code check_result(const char *op, const char *request_id, const lia_soap_result *res,
                             lia_error *err)
{
    if (strcmp(res->status, "SUCCES") != 0 && strcmp(res->status, "AVERTISSEMENT") != 0 &&
        strcmp(res->status, "ECHEC") != 0 && strcmp(res->status, "NON_TRAITE") != 0) {
        lia_fail(err, LIA_E_XML, "%s", op);
        lia_error_detail(err, "status='%s'", res->status);
        return LIA_E_XML;
    }
    /* A result for another request would record the wrong key. */
    if (request_id && strcmp(res->request_id, request_id) != 0) {
        lia_fail(err, LIA_E_XML, "%s", op);
        lia_error_detail(err, "requestId '%s' != '%s'", res->request_id, request_id);
        return LIA_E_XML;
    }
    return LIA_OK;
}

static lia_code write_body(lia_soap_env *e, const void *ctx, lia_error *err)
{
    return lia_soap_env_write(e, ctx, err);
}

lia_code lia_soap_write_one(lia_soap *s, const lia_soap_write *w, lia_soap_result *res,
                            lia_error *err)
{
    memset(res, 0, sizeof *res);
    const char *op = lia_soap_op_name(w->op);
    xmlDocPtr doc;
    lia_code rc = soap_call(s, op, 1, write_body, w, &doc, &res->attempts, err);
    if (rc != LIA_OK)
        return rc;
    xmlXPathContextPtr xp = lia_soap_xml_xpath(doc);
    char expr[96];
    snprintf(expr, sizeof expr, "/s:Envelope/s:Body/l:%sResponse/l:result", op);
    xmlNodePtr n = lia_soap_xml_node(xp, NULL, expr);
    if (!n) {
        rc = lia_fail(err, LIA_E_XML, "%s", op);
        lia_error_detail(err, "%sResponse/result %s", op, lia_tr("absent", "missing"));
    } else {
        read_result(xp, n, res);
        rc = check_result(op, w->request_id, res, err);
    }
    xmlXPathFreeContext(xp);
    xmlFreeDoc(doc);
    return rc;
}

typedef struct batch_ctx {
    const char *batch_id;
    const lia_soap_write *items;
    size_t n;
    int continue_on_error;
} batch_ctx;

static lia_code batch_body(lia_soap_env *e, const void *ctx, lia_error *err)
{
    const batch_ctx *b = ctx;
    if (!b->batch_id || !lia_soap_text_ok(b->batch_id))
        return lia_fail(err, LIA_E_USAGE, "SubmitBatch: batchId");
    lia_soap_env_start(e, "SubmitBatch");
    lia_soap_env_elem(e, "batchId", b->batch_id);
    lia_soap_env_elem(e, "mode", b->continue_on_error ? "continueOnError" : "stopOnFirstError");
    lia_soap_env_start(e, "items");
    for (size_t i = 0; i < b->n; i++) {
        lia_code rc = lia_soap_env_write(e, &b->items[i], err);
        if (rc != LIA_OK)
            return rc;
    }
    lia_soap_env_stop(e);
    lia_soap_env_stop(e);
    return LIA_OK;
}

lia_code lia_soap_batch(lia_soap *s, const char *batch_id, const lia_soap_write *items, size_t n,
                        int continue_on_error, lia_soap_result *results, lia_error *err)
{
    memset(results, 0, n * sizeof *results);
    batch_ctx b = {batch_id, items, n, continue_on_error};
    xmlDocPtr doc;
    int attempts = 0;
    lia_code rc = soap_call(s, "SubmitBatch", 1, batch_body, &b, &doc, &attempts, err);
    if (rc != LIA_OK)
        return rc;
    xmlXPathContextPtr xp = lia_soap_xml_xpath(doc);
    xp->node = xmlDocGetRootElement(doc);
    xmlXPathObjectPtr o =
        xmlXPathEvalExpression(BAD_CAST "/s:Envelope/s:Body/l:SubmitBatchResponse/l:result", xp);
    size_t got = o && o->nodesetval ? (size_t)o->nodesetval->nodeNr : 0;
    if (got != n) {
        rc = lia_fail(err, LIA_E_XML, "SubmitBatch");
        lia_error_detail(err, "%zu/%zu %s", got, n, lia_tr("résultats", "results"));
    } else {
        for (size_t i = 0; i < n && rc == LIA_OK; i++) {
            results[i].attempts = attempts;
            read_result(xp, o->nodesetval->nodeTab[i], &results[i]);
            rc = check_result("SubmitBatch", items[i].request_id, &results[i], err);
        }
    }
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(xp);
    xmlFreeDoc(doc);
    return rc;
}

int lia_soap_result_transient(const lia_soap_result *res)
{
    for (int i = 0; i < res->ndiags; i++)
        if (strcmp(res->diags[i].severity, "transient") == 0)
            return 1;
    return 0;
}

lia_code lia_soap_uuid(char out[37], lia_error *err)
{
    unsigned char b[16];
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return lia_fail(err, LIA_E_IO, "/dev/urandom");
    ssize_t got = read(fd, b, sizeof b);
    close(fd);
    if (got != (ssize_t)sizeof b)
        return lia_fail(err, LIA_E_IO, "/dev/urandom");
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
             b[13], b[14], b[15]);
    return LIA_OK;
}
