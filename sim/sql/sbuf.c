#include "sbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void sb_grow(sbuf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap * 2 : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->s, cap);
    if (!p)
        abort();
    b->s = p;
    b->cap = cap;
}

void sb_add(sbuf *b, const char *p, size_t n)
{
    sb_grow(b, n);
    memcpy(b->s + b->len, p, n);
    b->len += n;
    b->s[b->len] = 0;
}

void sb_adds(sbuf *b, const char *p) { sb_add(b, p, strlen(p)); }
void sb_addc(sbuf *b, char c) { sb_add(b, &c, 1); }

void sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        sb_add(b, tmp, (size_t)n);
        return;
    }
    sb_grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *sb_str(const sbuf *b) { return b->s ? b->s : ""; }

char *sb_take(sbuf *b)
{
    char *s = b->s ? b->s : strdup("");
    if (!s)
        abort();
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

void sb_free(sbuf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

void sb_reset(sbuf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = 0;
}
