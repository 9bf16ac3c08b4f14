/* Input: bytes (plain or gzip) to lines of valid UTF-8.
 *
 * The encoding is decided by the BOM (UTF-8, UTF-16 LE/BE); without one
 * the text is UTF-8, and a line that is not valid UTF-8 is read as
 * Windows-1252 (counted, so the report says so).  Lines holding NUL bytes
 * or control characters are binary garbage: counted and skipped.  Memory is
 * one read chunk plus the longest line kept (capped at LIA_AN_MAX_LINE). */
#include "an.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define CHUNK (256u << 10)

struct an_reader {
    an_line_cb cb;
    void (*on_binary)(void *ctx, uint64_t line_no);
    void (*on_refill)(void *ctx);
    an_bulk_cb bulk;
    int *stable;            /* told, for each line, whether it stays until on_refill */
    void *ctx;
    an_input_stats *st;
    int started;            /* BOM sniffed */
    unsigned char head[4];
    size_t nhead;
    unsigned char odd[4];   /* UTF-16: bytes of an incomplete unit pair */
    size_t nodd;
    unsigned hi_surrogate;
    lia_buf u8;             /* UTF-16 converted to UTF-8 */
    lia_buf line;           /* a line that spans chunks */
    int dropping;           /* the current line is over the cap */
    lia_buf conv;           /* Windows-1252 conversion */
};

an_reader *an_reader_new(an_line_cb cb, void *ctx, an_input_stats *st)
{
    an_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->cb = cb;
    r->ctx = ctx;
    r->st = st;
    return r;
}

void an_reader_on_binary(an_reader *r, void (*fn)(void *ctx, uint64_t line_no)) { r->on_binary = fn; }

void an_reader_bulk(an_reader *r, an_bulk_cb fn) { r->bulk = fn; }

void an_reader_stable(an_reader *r, int *stable, void (*on_refill)(void *ctx))
{
    r->stable = stable;
    r->on_refill = on_refill;
}

void an_reader_refill(an_reader *r)
{
    if (r->on_refill)
        r->on_refill(r->ctx);
}

void an_reader_free(an_reader *r)
{
    if (!r)
        return;
    lia_buf_free(&r->u8);
    lia_buf_free(&r->line);
    lia_buf_free(&r->conv);
    free(r);
}

/* Validates UTF-8 (no overlongs, no surrogates); ASCII sixteen (SSE2) or eight bytes at a time. */
int an_utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
#if defined(__SSE2__)
        while (i + 16 <= n &&
               !_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i))))
            i += 16;
#endif
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t len = an_utf8_char(s + i, n - i);
        if (!len)
            return 0;
        i += len;
    }
    return 1;
}

static void put_utf8(lia_buf *b, unsigned cp)
{
    char o[4];
    if (cp < 0x80) {
        o[0] = (char)cp;
        lia_buf_add(b, o, 1);
    } else if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        lia_buf_add(b, o, 2);
    } else if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        lia_buf_add(b, o, 3);
    } else {
        o[0] = (char)(0xF0 | (cp >> 18));
        o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[3] = (char)(0x80 | (cp & 0x3F));
        lia_buf_add(b, o, 4);
    }
}

/* Windows-1252 0x80..0x9F; undefined slots map to U+FFFD. */
static const unsigned short cp1252_hi[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

static int is_binary(const unsigned char *s, size_t n)
{
    if (memchr(s, 0, n))
        return 1;
    return 0;
}

/* Control characters other than TAB and ESC mark garbage in a line that was
 * not valid UTF-8 either. */
static int has_controls(const unsigned char *s, size_t n)
{
    size_t bad = 0;
    for (size_t i = 0; i < n; i++)
        if ((s[i] < 0x20 && s[i] != '\t' && s[i] != 0x1B) || s[i] == 0x7F)
            bad++;
    return bad > 0;
}

enum { SCAN_NUL = 1, SCAN_HIGH = 2, SCAN_UNKNOWN = 3 };

/* The newline in p[0..n) (NULL if none) and, on the way, whether the bytes
 * before it hold a NUL or a byte over 0x7F: one pass instead of three
 * (newline, NUL, UTF-8) for the common, ASCII, line. */
static unsigned char *scan(unsigned char *p, size_t n, int *flags)
{
    int f = 0;
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        unsigned mn = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl));
        unsigned mz = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, zero));
        unsigned mh = (unsigned)_mm_movemask_epi8(v);
        if (mn) {
            unsigned before = (mn & -mn) - 1;
            *flags = f | (mz & before ? SCAN_NUL : 0) | (mh & before ? SCAN_HIGH : 0);
            return p + i + __builtin_ctz(mn);
        }
        f |= (mz ? SCAN_NUL : 0) | (mh ? SCAN_HIGH : 0);
    }
#endif
    for (; i < n; i++) {
        if (p[i] == '\n') {
            *flags = f;
            return p + i;
        }
        f |= p[i] == 0 ? SCAN_NUL : p[i] >= 0x80 ? SCAN_HIGH : 0;
    }
    *flags = f;
    return NULL;
}

/* stable: s lies in the buffer being fed, which stays as it is until the
 * next refill; the line's end is then left NUL (split has moved past it).
 * flags: what scan() saw in the line (SCAN_UNKNOWN: look again). */
static void emit(an_reader *r, unsigned char *s, size_t n, int stable, int flags)
{
    an_input_stats *st = r->st;
    st->lines++;
    if (n > 0 && s[n - 1] == '\r')
        n--;
    if ((flags & SCAN_NUL) && is_binary(s, n)) {
        st->binary++;
        if (!st->first_binary_line)
            st->first_binary_line = st->lines;
        if (r->on_binary)
            r->on_binary(r->ctx, st->lines);
        return;
    }
    if ((flags & SCAN_HIGH) && !an_utf8_valid(s, n)) {
        if (has_controls(s, n)) {
            st->binary++;
            if (!st->first_binary_line)
                st->first_binary_line = st->lines;
            if (r->on_binary)
                r->on_binary(r->ctx, st->lines);
            return;
        }
        st->cp1252++;
        lia_buf_reset(&r->conv);
        lia_buf_reserve(&r->conv, n * 3 + 1);
        for (size_t i = 0; i < n; i++) {
            unsigned c = s[i];
            put_utf8(&r->conv, c >= 0x80 && c < 0xA0 ? cp1252_hi[c - 0x80] : c);
        }
        if (r->conv.oom)
            return;
        if (r->stable)
            *r->stable = 0;   /* the conversion buffer serves the next such line */
        r->cb(r->ctx, r->conv.data, r->conv.len, st->lines);
        return;
    }
    char keep = (char)s[n];
    s[n] = '\0';
    if (r->stable)
        *r->stable = stable;
    r->cb(r->ctx, (char *)s, n, st->lines);
    if (!stable)
        s[n] = (unsigned char)keep;
}

/* Splits UTF-8 bytes into lines; p must have one writable byte past n. */
static void split(an_reader *r, unsigned char *p, size_t n, int stable)
{
    while (n > 0) {
        if (r->bulk && r->line.len == 0 && !r->dropping) {
            size_t k = r->bulk(r->ctx, p, n);
            p += k;
            n -= k;
            if (n == 0)
                return;
        }
        int flags;
        unsigned char *nl = scan(p, n, &flags);
        size_t take = nl ? (size_t)(nl - p) : n;
        if (r->line.len == 0 && !r->dropping && nl) {
            emit(r, p, take, stable, flags);   /* the common case: no copy */
        } else {
            if (!r->dropping) {
                size_t room = LIA_AN_MAX_LINE - r->line.len;
                if (take > room) {
                    lia_buf_add(&r->line, p, room);
                    r->dropping = 1;
                    r->st->too_long++;
                } else {
                    lia_buf_add(&r->line, p, take);
                }
            }
            if (nl) {
                lia_buf_reserve(&r->line, 1);
                if (!r->line.oom)
                    emit(r, (unsigned char *)r->line.data, r->line.len, 0, SCAN_UNKNOWN);
                lia_buf_reset(&r->line);
                r->dropping = 0;
            }
        }
        if (!nl)
            return;
        p = nl + 1;
        n -= take + 1;
    }
}

static void utf16(an_reader *r, const unsigned char *p, size_t n, int be, int stable)
{
    lia_buf_reset(&r->u8);
    lia_buf_reserve(&r->u8, n * 2 + 8);
    size_t i = 0;
    while (i < n) {
        unsigned char pair[2];
        if (r->nodd) {
            pair[0] = r->odd[0];
            pair[1] = p[i++];
            r->nodd = 0;
        } else if (i + 1 < n) {
            pair[0] = p[i];
            pair[1] = p[i + 1];
            i += 2;
        } else {
            r->odd[0] = p[i++];
            r->nodd = 1;
            break;
        }
        unsigned u = be ? (unsigned)(pair[0] << 8 | pair[1]) : (unsigned)(pair[1] << 8 | pair[0]);
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (r->hi_surrogate)
                put_utf8(&r->u8, 0xFFFD);
            r->hi_surrogate = u;
            continue;
        }
        if (u >= 0xDC00 && u <= 0xDFFF) {
            if (r->hi_surrogate)
                put_utf8(&r->u8, 0x10000 + ((r->hi_surrogate - 0xD800) << 10) + (u - 0xDC00));
            else
                put_utf8(&r->u8, 0xFFFD);
            r->hi_surrogate = 0;
            continue;
        }
        if (r->hi_surrogate) {
            put_utf8(&r->u8, 0xFFFD);
            r->hi_surrogate = 0;
        }
        if (u == 0) {
            char z = 0;   /* kept so the line is reported as binary */
            lia_buf_add(&r->u8, &z, 1);
        } else {
            put_utf8(&r->u8, u);
        }
    }
    if (r->u8.oom)
        return;
    lia_buf_reserve(&r->u8, 1);
    split(r, (unsigned char *)r->u8.data, r->u8.len, stable);   /* u8 is kept until the next feed */
}

static void feed(an_reader *r, unsigned char *p, size_t n, int stable)
{
    r->st->bytes += n;
    if (r->st->encoding == AN_ENC_UTF16LE || r->st->encoding == AN_ENC_UTF16BE)
        utf16(r, p, n, r->st->encoding == AN_ENC_UTF16BE, stable);
    else
        split(r, p, n, stable);
}

/* p needs one writable byte past n (the readers below guarantee it). */
static void feed_raw(an_reader *r, unsigned char *p, size_t n)
{
    if (!r->started) {
        /* Gather up to 3 bytes to sniff the BOM. */
        while (r->nhead < 3 && n > 0) {
            r->head[r->nhead++] = *p++;
            n--;
        }
        if (r->nhead < 3 && n == 0)
            return;
        r->started = 1;
        unsigned char *h = r->head;
        size_t skip = 0;
        if (r->nhead >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF)
            r->st->encoding = AN_ENC_UTF8_BOM, skip = 3;
        else if (r->nhead >= 2 && h[0] == 0xFF && h[1] == 0xFE)
            r->st->encoding = AN_ENC_UTF16LE, skip = 2;
        else if (r->nhead >= 2 && h[0] == 0xFE && h[1] == 0xFF)
            r->st->encoding = AN_ENC_UTF16BE, skip = 2;
        r->st->bytes += skip;
        unsigned char tmp[5];
        size_t nt = r->nhead - skip;
        memcpy(tmp, h + skip, nt);
        if (nt)
            feed(r, tmp, nt, 0);   /* on the stack: not kept */
    }
    if (n)
        feed(r, p, n, 1);
}

void an_reader_feed_mut(an_reader *r, unsigned char *p, size_t n) { feed_raw(r, p, n); }

void an_reader_feed(an_reader *r, const unsigned char *p, size_t n)
{
    /* Callers' buffers are const: copy through a bounded scratch. */
    static _Thread_local unsigned char *scratch;
    static _Thread_local size_t cap;
    an_reader_refill(r);   /* the scratch is about to change (held text is copied out first) */
    if (cap < n + 1) {
        free(scratch);
        scratch = malloc(n + 1);
        cap = scratch ? n + 1 : 0;
        if (!scratch)
            return;
    }
    memcpy(scratch, p, n);
    feed_raw(r, scratch, n);
    if (cap > CHUNK * 2) {   /* keep the memory bound after a big buffer */
        an_reader_refill(r);
        free(scratch);
        scratch = NULL;
        cap = 0;
    }
}

void an_reader_end(an_reader *r)
{
    if (!r->started && r->nhead) {
        r->started = 1;
        unsigned char tmp[5];
        memcpy(tmp, r->head, r->nhead);
        feed(r, tmp, r->nhead, 0);
    }
    if (r->nodd || r->hi_surrogate) {   /* UTF-16 cut in the middle */
        r->nodd = 0;
        r->hi_surrogate = 0;
    }
    if (r->line.len > 0 || r->dropping) {
        r->st->truncated_last = 1;
        lia_buf_reserve(&r->line, 1);
        if (!r->line.oom)
            emit(r, (unsigned char *)r->line.data, r->line.len, 0, SCAN_UNKNOWN);
        lia_buf_reset(&r->line);
        r->dropping = 0;
    }
}

int an_read_path(const char *path, an_reader *r, int *is_gzip)
{
    int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    unsigned char *buf = malloc(CHUNK + 1);
    if (!buf) {
        if (fd)
            close(fd);
        errno = ENOMEM;
        return -1;
    }
    /* Sniff gzip's magic: rotated journals are often compressed. */
    ssize_t got = read(fd, buf, 2);
    int rc = 0;
    *is_gzip = got == 2 && buf[0] == 0x1f && buf[1] == 0x8b;
    if (got < 0) {
        rc = -1;
    } else if (*is_gzip) {
        gzFile gz = gzdopen(fd, "rb");
        /* The two bytes read are re-fed by seeking back when possible. */
        if (!gz || lseek(fd, 0, SEEK_SET) != 0) {
            if (gz)
                gzclose(gz);
            else if (fd)
                close(fd);
            free(buf);
            errno = gz ? ESPIPE : ENOMEM;
            return -1;
        }
        int n;
        while (an_reader_refill(r), (n = gzread(gz, buf, CHUNK)) > 0)
            feed_raw(r, buf, (size_t)n);
        int zerr = 0;
        gzerror(gz, &zerr);
        if (n < 0 || (zerr != Z_OK && zerr != Z_BUF_ERROR)) {
            errno = EILSEQ;
            rc = -1;
        }
        gzclose(gz);
        fd = -1;
    } else {
        if (got > 0)
            feed_raw(r, buf, (size_t)got);
        ssize_t n;
        while (an_reader_refill(r), (n = read(fd, buf, CHUNK)) > 0)
            feed_raw(r, buf, (size_t)n);
        if (n < 0)
            rc = -1;
    }
    int keep = errno;
    an_reader_end(r);
    an_reader_refill(r);   /* buf goes */
    if (fd > 0)
        close(fd);
    free(buf);
    errno = keep;
    return rc;
}
