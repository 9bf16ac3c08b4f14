/* Growable buffer and report-format escapers. */
#include "liaison/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void lia_buf_free(lia_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

void lia_buf_reset(lia_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

int lia_buf_reserve(lia_buf *b, size_t extra)
{
    if (b->oom)
        return -1;
    if (extra > (size_t)-1 / 2 - b->len) {
        b->oom = 1;
        return -1;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

int lia_buf_add(lia_buf *b, const void *p, size_t n)
{
    if (lia_buf_reserve(b, n) != 0)
        return -1;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int lia_buf_adds(lia_buf *b, const char *s) { return lia_buf_add(b, s, strlen(s)); }
int lia_buf_addc(lia_buf *b, char c) { return lia_buf_add(b, &c, 1); }

int lia_buf_vprintf(lia_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || lia_buf_reserve(b, (size_t)n) != 0)
        return -1;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int lia_buf_printf(lia_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = lia_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

const char *lia_buf_str(const lia_buf *b) { return b->data ? b->data : ""; }

int lia_buf_json_str(lia_buf *b, const char *s)
{
    lia_buf_addc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': lia_buf_adds(b, "\\\""); break;
        case '\\': lia_buf_adds(b, "\\\\"); break;
        case '\n': lia_buf_adds(b, "\\n"); break;
        case '\r': lia_buf_adds(b, "\\r"); break;
        case '\t': lia_buf_adds(b, "\\t"); break;
        default:
            if (*p < 0x20)
                lia_buf_printf(b, "\\u%04x", *p);
            else
                lia_buf_addc(b, (char)*p);
        }
    }
    return lia_buf_addc(b, '"');
}

int lia_buf_csv_field(lia_buf *b, const char *s, char sep)
{
    int quote = s[0] == ' ' || (s[0] && s[strlen(s) - 1] == ' ');
    for (const char *p = s; *p && !quote; p++)
        quote = *p == sep || *p == '"' || *p == '\n' || *p == '\r';
    if (!quote)
        return lia_buf_adds(b, s);
    lia_buf_addc(b, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            lia_buf_addc(b, '"');
        lia_buf_addc(b, *p);
    }
    return lia_buf_addc(b, '"');
}

int lia_buf_html(lia_buf *b, const char *s)
{
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '<': lia_buf_adds(b, "&lt;"); break;
        case '>': lia_buf_adds(b, "&gt;"); break;
        case '&': lia_buf_adds(b, "&amp;"); break;
        case '"': lia_buf_adds(b, "&quot;"); break;
        case '\'': lia_buf_adds(b, "&#39;"); break;
        default: lia_buf_addc(b, *p);
        }
    }
    return b->oom ? -1 : 0;
}

int lia_buf_md_cell(lia_buf *b, const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '|')
            lia_buf_adds(b, "\\|");
        else if (*p == '\n' || *p == '\r')
            lia_buf_addc(b, ' ');
        else
            lia_buf_addc(b, *p);
    }
    return b->oom ? -1 : 0;
}
