/* One HTTP POST on the session's reused CURL handle.  The body is collected
 * up to max_response bytes: past that the write callback aborts the transfer,
 * so a hostile or broken server cannot make us allocate without bound. */
#include "soap_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct sink {
    lia_soap_http *r;
    size_t max;
} sink;

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    sink *k = ud;
    size_t len = size * n;
    if (k->r->body.len + len > k->max) {
        k->r->too_big = 1;
        return 0; /* CURLE_WRITE_ERROR: transfer stops here */
    }
    if (lia_buf_add(&k->r->body, p, len) != 0)
        return 0;
    return len;
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
    sink *k = ud;
    size_t len = size * n;
    static const char name[] = "retry-after:";
    if (len > sizeof name - 1 && strncasecmp(p, name, sizeof name - 1) == 0) {
        /* Seconds only; an HTTP-date falls back to our own back-off. */
        size_t i = sizeof name - 1;
        while (i < len && (p[i] == ' ' || p[i] == '\t'))
            i++;
        long v = 0;
        int digits = 0;
        while (i < len && isdigit((unsigned char)p[i]) && v < 86400)
            v = v * 10 + (p[i++] - '0'), digits++;
        if (digits)
            k->r->retry_after_s = v;
    }
    /* A new response (e.g. after 100 Continue) starts over. */
    if (len >= 5 && strncmp(p, "HTTP/", 5) == 0)
        k->r->retry_after_s = -1;
    return len;
}

void lia_soap_http_post(lia_soap *s, const char *action, const char *body, size_t len,
                        lia_soap_http *r)
{
    memset(r, 0, sizeof *r);
    r->retry_after_s = -1;
    sink k = {r, s->o.max_response};
    char soap_action[160];
    snprintf(soap_action, sizeof soap_action, "SOAPAction: \"%s/%s\"", LIA_SOAP_NS, action);
    struct curl_slist *h = NULL;
    h = curl_slist_append(h, "Content-Type: text/xml; charset=utf-8");
    h = curl_slist_append(h, soap_action);
    h = curl_slist_append(h, "Expect:"); /* no 100-continue round trip */
    CURL *c = s->curl;
    s->curl_err[0] = '\0';
    curl_easy_setopt(c, CURLOPT_URL, s->url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &k);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &k);
    r->cc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(h);
}

void lia_soap_http_free(lia_soap_http *r)
{
    lia_buf_free(&r->body);
}
