/* Private parts of the SOAP client (soap_*.c). */
#ifndef LIA_SOAP_INTERNAL_H
#define LIA_SOAP_INTERNAL_H

#include <curl/curl.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xpath.h>

#include "liaison/buf.h"
#include "liaison/soap.h"

struct lia_soap {
    lia_soap_opts o;            /* strings below are owned copies */
    char *url, *user, *password, *company, *ca_file;
    CURL *curl;                 /* one handle: connections are kept alive */
    char session[128];
    char expires_at[40];
    char server_version[64];
    char curl_err[CURL_ERROR_SIZE];
};

/* --- soap_http.c: one POST --- */
typedef struct lia_soap_http {
    long status;                /* HTTP status, 0 when no response */
    long retry_after_s;         /* Retry-After in seconds, -1 when absent */
    CURLcode cc;
    int too_big;                /* the body passed max_response: cut off */
    lia_buf body;
} lia_soap_http;

void lia_soap_http_post(lia_soap *s, const char *action, const char *body, size_t len,
                        lia_soap_http *r);
void lia_soap_http_free(lia_soap_http *r);

/* --- soap_xml.c: hardened parsing and namespace-aware queries --- */
/* Parses a response: refuses any DOCTYPE (so no DTD, no entity), no network,
 * libxml2's default size limits.  LIA_E_XML with a reason on failure. */
lia_code lia_soap_xml_parse(const char *data, size_t len, xmlDocPtr *out, lia_error *err);
/* XPath context with prefixes s (SOAP envelope) and l (the contract). */
xmlXPathContextPtr lia_soap_xml_xpath(xmlDocPtr doc);
xmlNodePtr lia_soap_xml_node(xmlXPathContextPtr xp, xmlNodePtr ctx, const char *expr);
/* Copies the text of the first match; 1 found, 0 absent ("" written). */
int lia_soap_xml_text(xmlXPathContextPtr xp, xmlNodePtr ctx, const char *expr, char *out,
                      size_t size);

/* --- soap_envelope.c: requests built with xmlTextWriter --- */
typedef struct lia_soap_env {
    xmlBufferPtr buf;
    xmlTextWriterPtr w;
    int bad;                    /* a write failed */
} lia_soap_env;

int lia_soap_env_begin(lia_soap_env *e, const char *session);
/* <l:name>text</l:name>; nothing when text is NULL. */
void lia_soap_env_elem(lia_soap_env *e, const char *name, const char *text);
void lia_soap_env_start(lia_soap_env *e, const char *name);
void lia_soap_env_stop(lia_soap_env *e);
/* The request element of one write (CreateTiers, ...), fields checked. */
lia_code lia_soap_env_write(lia_soap_env *e, const lia_soap_write *w, lia_error *err);
/* Closes the envelope; the text is e->buf->content. */
int lia_soap_env_end(lia_soap_env *e);
void lia_soap_env_free(lia_soap_env *e);
const char *lia_soap_op_name(lia_soap_op op);
/* 1 when s is a plain XML element name we accept ([A-Za-z_][A-Za-z0-9_]*, <= 64). */
int lia_soap_name_ok(const char *s);
/* 1 when s is UTF-8 with only characters XML 1.0 allows. */
int lia_soap_text_ok(const char *s);

#endif
