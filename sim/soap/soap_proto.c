/* XML of the simulator's endpoint: requests parsed namespace-aware with
 * libxml2 (no DTD, no entities, no network), responses written with
 * xmlTextWriter. */
#include "soap_proto.h"

#include <libxml/parser.h>
#include <libxml/xmlwriter.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *sim_soap_field(const sim_soap_fields *f, const char *name)
{
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->name[i], name) == 0)
            return f->value[i];
    return NULL;
}

void sim_soap_diag(sim_soap_result *r, const char *severity, const char *code, const char *field,
                   const char *fmt, ...)
{
    if (strcmp(severity, "error") == 0 || strcmp(severity, "fatal") == 0 ||
        strcmp(severity, "transient") == 0)
        snprintf(r->status, sizeof r->status, "ECHEC");
    else if (strcmp(severity, "warning") == 0 && strcmp(r->status, "SUCCES") == 0)
        snprintf(r->status, sizeof r->status, "AVERTISSEMENT");
    if (r->ndiags >= SIM_SOAP_MAX_DIAGS)
        return;
    int k = r->ndiags++;
    snprintf(r->diags[k].severity, sizeof r->diags[k].severity, "%s", severity);
    snprintf(r->diags[k].code, sizeof r->diags[k].code, "%s", code);
    snprintf(r->diags[k].field, sizeof r->diags[k].field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->diags[k].message, sizeof r->diags[k].message, fmt, ap);
    va_end(ap);
}

/* --- parsing --- */

static const char *keep(sim_soap_req *q, xmlNodePtr n)
{
    xmlChar *t = xmlNodeGetContent(n);
    char **p = realloc(q->strs, (q->nstrs + 1) * sizeof *p);
    if (!t || !p) {
        xmlFree(t);
        if (p)
            q->strs = p;
        return NULL;
    }
    q->strs = p;
    char *s = strdup((const char *)t);
    xmlFree(t);
    if (s)
        q->strs[q->nstrs++] = s;
    return s;
}

static int is(xmlNodePtr n, const char *ns, const char *local)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           strcmp((const char *)n->ns->href, ns) == 0 && strcmp((const char *)n->name, local) == 0;
}

static xmlNodePtr first_elem(xmlNodePtr n)
{
    for (; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
            return n;
    return NULL;
}

static xmlNodePtr child(xmlNodePtr p, const char *ns, const char *local)
{
    for (xmlNodePtr n = p ? p->children : NULL; n; n = n->next)
        if (is(n, ns, local))
            return n;
    return NULL;
}

static const char *child_text(sim_soap_req *q, xmlNodePtr p, const char *local)
{
    xmlNodePtr n = child(p, SIM_SOAP_NS, local);
    return n ? keep(q, n) : NULL;
}

static int parse_write(sim_soap_req *q, xmlNodePtr op, sim_soap_write_req *w)
{
    static const struct { const char *name, *entity, *sub; sim_soap_op op; } ops[] = {
        {"CreateTiers", "tiers", NULL, SIM_SOAP_CREATE_TIERS},
        {"UpdateTiers", "tiers", NULL, SIM_SOAP_UPDATE_TIERS},
        {"UpsertContact", "contact", "CT_No", SIM_SOAP_UPSERT_CONTACT},
        {"UpsertAdresse", "adresse", "LI_No", SIM_SOAP_UPSERT_ADRESSE},
    };
    memset(w, 0, sizeof *w);
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        if (!is(op, SIM_SOAP_NS, ops[i].name))
            continue;
        w->op = ops[i].op;
        w->request_id = child_text(q, op, "requestId");
        if (!w->request_id || !*w->request_id)
            return -1;
        if (w->op != SIM_SOAP_CREATE_TIERS && !(w->ct_num = child_text(q, op, "CT_Num")))
            return -1;
        xmlNodePtr e = child(op, SIM_SOAP_NS, ops[i].entity);
        if (!e)
            return -1;
        for (xmlNodePtr f = e->children; f; f = f->next) {
            if (f->type != XML_ELEMENT_NODE || !f->ns || strcmp((const char *)f->ns->href, SIM_SOAP_NS))
                continue;
            const char *v = keep(q, f);
            if (!v)
                return -1;
            if (ops[i].sub && !strcmp((const char *)f->name, ops[i].sub)) {
                w->sub_no = v;
                continue;
            }
            if (w->fields.n >= SIM_SOAP_MAX_FIELDS)
                return -1;
            /* the element name lives as long as the doc: keep a copy */
            char **p = realloc(q->strs, (q->nstrs + 1) * sizeof *p);
            if (!p)
                return -1;
            q->strs = p;
            char *nm = strdup((const char *)f->name);
            if (!nm)
                return -1;
            q->strs[q->nstrs++] = nm;
            w->fields.name[w->fields.n] = nm;
            w->fields.value[w->fields.n++] = v;
        }
        return 0;
    }
    return -1;
}

int sim_soap_parse(const char *body, size_t len, sim_soap_req *q)
{
    memset(q, 0, sizeof *q);
    /* A DOCTYPE has no place in a SOAP message (SOAP 1.1 §3): refused unread. */
    if (len == 0 || len > (1u << 20) || strstr(body, "<!DOCTYPE") || strstr(body, "<!ENTITY"))
        return -1;
    xmlDocPtr doc = xmlReadMemory(body, (int)len, "request.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc)
        return -1;
    int rc = -1;
    xmlNodePtr env = xmlDocGetRootElement(doc);
    xmlNodePtr bodyn = is(env, SIM_SOAP_ENV, "Envelope") ? child(env, SIM_SOAP_ENV, "Body") : NULL;
    xmlNodePtr op = bodyn ? first_elem(bodyn->children) : NULL;
    xmlNodePtr hdr = child(env, SIM_SOAP_ENV, "Header");
    xmlNodePtr sh = child(hdr, SIM_SOAP_NS, "SessionHeader");
    xmlNodePtr sid = child(sh, SIM_SOAP_NS, "sessionId");
    if (sid) {
        xmlChar *t = xmlNodeGetContent(sid);
        snprintf(q->session, sizeof q->session, "%s", t ? (const char *)t : "");
        xmlFree(t);
    }
    if (!op || !op->ns || strcmp((const char *)op->ns->href, SIM_SOAP_NS) != 0)
        goto out;
    const char *name = (const char *)op->name;
    if (!strcmp(name, "Ping")) {
        q->kind = SIM_REQ_PING;
    } else if (!strcmp(name, "Logoff")) {
        q->kind = SIM_REQ_LOGOFF;
    } else if (!strcmp(name, "Logon")) {
        q->kind = SIM_REQ_LOGON;
        q->user = child_text(q, op, "user");
        q->password = child_text(q, op, "password");
        q->company = child_text(q, op, "company");
        if (!q->user || !q->password || !q->company)
            goto out;
    } else if (!strcmp(name, "SubmitBatch")) {
        q->kind = SIM_REQ_BATCH;
        const char *mode = child_text(q, op, "mode");
        q->continue_on_error = mode && !strcmp(mode, "continueOnError");
        q->items = calloc(SIM_SOAP_MAX_ITEMS, sizeof *q->items);
        xmlNodePtr items = child(op, SIM_SOAP_NS, "items");
        if (!q->items || !items)
            goto out;
        for (xmlNodePtr n = first_elem(items->children); n; n = first_elem(n->next)) {
            if (q->nitems >= SIM_SOAP_MAX_ITEMS || parse_write(q, n, &q->items[q->nitems]) != 0)
                goto out;
            q->nitems++;
        }
    } else {
        q->kind = SIM_REQ_WRITE;
        q->items = calloc(1, sizeof *q->items);
        if (!q->items || parse_write(q, op, &q->items[0]) != 0)
            goto out;
        q->nitems = 1;
    }
    rc = 0;
out:
    xmlFreeDoc(doc);
    if (rc != 0)
        sim_soap_req_free(q);
    return rc;
}

void sim_soap_req_free(sim_soap_req *q)
{
    for (size_t i = 0; i < q->nstrs; i++)
        free(q->strs[i]);
    free(q->strs);
    free(q->items);
    memset(q, 0, sizeof *q);
}

/* --- responses --- */

typedef struct writer {
    xmlBufferPtr buf;
    xmlTextWriterPtr w;
} writer;

void sim_soap_out_init(sim_soap_out *o)
{
    memset(o, 0, sizeof *o);
    o->status = 200;
}

void sim_soap_out_free(sim_soap_out *o)
{
    free(o->data);
    memset(o, 0, sizeof *o);
}

/* The response is written in one go per call; batches keep a writer open
 * between calls, stored in the out's data pointer until batch_end. */
static writer *begin(void)
{
    writer *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->buf = xmlBufferCreate();
    w->w = w->buf ? xmlNewTextWriterMemory(w->buf, 0) : NULL;
    if (!w->w) {
        if (w->buf)
            xmlBufferFree(w->buf);
        free(w);
        return NULL;
    }
    xmlTextWriterStartDocument(w->w, "1.0", "UTF-8", NULL);
    xmlTextWriterStartElementNS(w->w, BAD_CAST "soap", BAD_CAST "Envelope", BAD_CAST SIM_SOAP_ENV);
    xmlTextWriterWriteAttribute(w->w, BAD_CAST "xmlns:g", BAD_CAST SIM_SOAP_NS);
    xmlTextWriterStartElementNS(w->w, BAD_CAST "soap", BAD_CAST "Body", NULL);
    return w;
}

static void end(writer *w, sim_soap_out *o)
{
    xmlTextWriterEndDocument(w->w);
    xmlTextWriterFlush(w->w);
    free(o->data);
    o->len = (size_t)w->buf->use;
    o->data = malloc(o->len + 1);
    if (o->data) {
        memcpy(o->data, w->buf->content, o->len);
        o->data[o->len] = '\0';
    } else {
        o->len = 0;
        o->status = 500;
    }
    xmlFreeTextWriter(w->w);
    xmlBufferFree(w->buf);
    free(w);
}

static void el(writer *w, const char *name, const char *text)
{
    xmlTextWriterWriteElementNS(w->w, BAD_CAST "g", BAD_CAST name, NULL, BAD_CAST text);
}

static void start(writer *w, const char *name)
{
    xmlTextWriterStartElementNS(w->w, BAD_CAST "g", BAD_CAST name, NULL);
}

static void stop(writer *w)
{
    xmlTextWriterEndElement(w->w);
}

void sim_soap_fault(sim_soap_out *o, const char *code, const char *string, const char *dcode,
                    const char *severity, int retry_after)
{
    writer *w = begin();
    if (!w) {
        o->status = 500;
        return;
    }
    xmlTextWriterStartElementNS(w->w, BAD_CAST "soap", BAD_CAST "Fault", NULL);
    char qn[64];
    snprintf(qn, sizeof qn, "soap:%s", code);
    xmlTextWriterWriteElement(w->w, BAD_CAST "faultcode", BAD_CAST qn);
    xmlTextWriterWriteElement(w->w, BAD_CAST "faultstring", BAD_CAST string);
    xmlTextWriterStartElement(w->w, BAD_CAST "detail");
    start(w, "fault");
    el(w, "code", dcode);
    el(w, "severity", severity);
    if (retry_after >= 0) {
        char v[16];
        snprintf(v, sizeof v, "%d", retry_after);
        el(w, "retryAfterSeconds", v);
    }
    stop(w);
    stop(w); /* detail */
    stop(w); /* Fault */
    end(w, o);
    o->status = 500;
}

void sim_soap_ping(sim_soap_out *o)
{
    writer *w = begin();
    if (!w) {
        o->status = 500;
        return;
    }
    char t[32];
    time_t now = time(NULL);
    struct tm tm;
    strftime(t, sizeof t, "%Y-%m-%dT%H:%M:%S", localtime_r(&now, &tm));
    start(w, "PingResponse");
    el(w, "serverTime", t);
    el(w, "erpReachable", "true");
    stop(w);
    end(w, o);
}

void sim_soap_logon(sim_soap_out *o, const char *session)
{
    writer *w = begin();
    if (!w) {
        o->status = 500;
        return;
    }
    start(w, "LogonResponse");
    el(w, "sessionId", session);
    el(w, "expiresAt", "2099-12-31T23:59:59");
    el(w, "serverVersion", "liaison-sim 1");
    stop(w);
    end(w, o);
}

void sim_soap_empty(sim_soap_out *o, const char *element)
{
    writer *w = begin();
    if (!w) {
        o->status = 500;
        return;
    }
    start(w, element);
    stop(w);
    end(w, o);
}

static void result(writer *w, const sim_soap_write_req *q, const sim_soap_result *r, int replayed)
{
    start(w, "result");
    el(w, "status", r->status);
    el(w, "requestId", q->request_id);
    if (r->ct_num[0]) {
        start(w, "key");
        el(w, "CT_Num", r->ct_num);
        if (r->sub_no[0] && r->sub_kind[0])
            el(w, r->sub_kind, r->sub_no);
        stop(w);
    }
    if (r->row_version[0])
        el(w, "rowVersion", r->row_version);
    if (replayed)
        el(w, "replayed", "true");
    for (int i = 0; i < r->ndiags; i++) {
        start(w, "diagnosis");
        el(w, "severity", r->diags[i].severity);
        el(w, "code", r->diags[i].code);
        el(w, "message", r->diags[i].message);
        if (r->diags[i].field[0])
            el(w, "field", r->diags[i].field);
        stop(w);
    }
    stop(w);
}

static const char *op_name(sim_soap_op op)
{
    switch (op) {
    case SIM_SOAP_CREATE_TIERS: return "CreateTiersResponse";
    case SIM_SOAP_UPDATE_TIERS: return "UpdateTiersResponse";
    case SIM_SOAP_UPSERT_CONTACT: return "UpsertContactResponse";
    case SIM_SOAP_UPSERT_ADRESSE: return "UpsertAdresseResponse";
    }
    return "Response";
}

void sim_soap_write_response(sim_soap_out *o, sim_soap_op op, const sim_soap_write_req *q,
                             const sim_soap_result *r, int replayed)
{
    writer *w = begin();
    if (!w) {
        o->status = 500;
        return;
    }
    start(w, op_name(op));
    result(w, q, r, replayed);
    stop(w);
    end(w, o);
}

/* Batches: the open writer rides in o->data (cast) until batch_end. */
void sim_soap_batch_begin(sim_soap_out *o)
{
    writer *w = begin();
    if (w)
        start(w, "SubmitBatchResponse");
    o->data = (char *)w;
}

void sim_soap_batch_item(sim_soap_out *o, const sim_soap_write_req *q, const sim_soap_result *r,
                         int replayed)
{
    if (o->data)
        result((writer *)o->data, q, r, replayed);
}

void sim_soap_batch_end(sim_soap_out *o)
{
    writer *w = (writer *)o->data;
    o->data = NULL;
    if (!w) {
        o->status = 500;
        return;
    }
    stop(w);
    end(w, o);
}
