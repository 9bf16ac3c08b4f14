/* Charset conversions between the engine (UTF-8) and the wire. */
#include "tds_text.h"

/* Reserves room and keeps the buffer a valid (empty) string meanwhile. */
static int reserve(lia_buf *out, size_t n)
{
    if (lia_buf_reserve(out, n) != 0) return -1;
    out->data[out->len] = '\0';
    return 0;
}

/* Unicode code points of cp1252 bytes 0x80..0x9F (0 = undefined). */
static const uint16_t cp1252_hi[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

/* Decodes one UTF-8 sequence at s[*i]; returns the code point or 0xFFFD. */
static uint32_t utf8_next(const unsigned char *s, size_t n, size_t *i)
{
    unsigned char c = s[*i];
    uint32_t cp;
    int extra;
    if (c < 0x80) { (*i)++; return c; }
    if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; extra = 1; }
    else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; extra = 2; }
    else if ((c & 0xF8) == 0xF0) { cp = c & 0x07; extra = 3; }
    else { (*i)++; return 0xFFFD; }
    if (*i + (size_t)extra >= n) { (*i)++; return 0xFFFD; }
    for (int k = 1; k <= extra; k++) {
        if ((s[*i + k] & 0xC0) != 0x80) { (*i)++; return 0xFFFD; }
        cp = (cp << 6) | (s[*i + k] & 0x3F);
    }
    *i += (size_t)extra + 1;
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000)
        || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0xFFFD;
    return cp;
}

static int put_utf8(lia_buf *out, uint32_t cp)
{
    char b[4];
    size_t k;
    if (cp < 0x80) { b[0] = (char)cp; k = 1; }
    else if (cp < 0x800) { b[0] = (char)(0xC0 | (cp >> 6)); b[1] = (char)(0x80 | (cp & 0x3F)); k = 2; }
    else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12)); b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F)); k = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18)); b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[3] = (char)(0x80 | (cp & 0x3F)); k = 4;
    }
    return lia_buf_add(out, b, k);
}

int tds_utf8_to_cp1252(const char *s, size_t n, lia_buf *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    if (reserve(out, n) != 0) return -1;
    while (i < n) {
        uint32_t cp = utf8_next(u, n, &i);
        char c = '?';
        if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) c = (char)cp;
        else {
            for (int k = 0; k < 32; k++)
                if (cp1252_hi[k] == cp) { c = (char)(0x80 + k); break; }
        }
        if (lia_buf_addc(out, c) != 0) return -1;
    }
    return 0;
}

int tds_cp1252_to_utf8(const uint8_t *s, size_t n, lia_buf *out)
{
    if (reserve(out, n) != 0) return -1;
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = s[i];
        if (cp >= 0x80 && cp < 0xA0) cp = cp1252_hi[cp - 0x80] ? cp1252_hi[cp - 0x80] : 0xFFFD;
        if (put_utf8(out, cp) != 0) return -1;
    }
    return 0;
}

static int put_u16(lia_buf *out, uint32_t u)
{
    char b[2] = {(char)(u & 0xFF), (char)(u >> 8)};
    return lia_buf_add(out, b, 2);
}

int tds_utf8_to_utf16(const char *s, size_t n, lia_buf *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    if (reserve(out, n * 2) != 0) return -1;
    while (i < n) {
        uint32_t cp = utf8_next(u, n, &i);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            if (put_u16(out, 0xD800 | (cp >> 10)) != 0 || put_u16(out, 0xDC00 | (cp & 0x3FF)) != 0)
                return -1;
        } else if (put_u16(out, cp) != 0) {
            return -1;
        }
    }
    return 0;
}

size_t tds_utf16_units(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, units = 0;
    while (i < n)
        units += utf8_next(u, n, &i) >= 0x10000 ? 2 : 1;
    return units;
}

int tds_utf16_to_utf8(const uint8_t *s, size_t n, lia_buf *out)
{
    if (reserve(out, n) != 0) return -1;
    for (size_t i = 0; i + 1 < n; i += 2) {
        uint32_t cp = (uint32_t)s[i] | ((uint32_t)s[i + 1] << 8);
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < n) {
            uint32_t lo = (uint32_t)s[i + 2] | ((uint32_t)s[i + 3] << 8);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            } else {
                cp = 0xFFFD;
            }
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;
        }
        if (put_utf8(out, cp) != 0) return -1;
    }
    return 0;
}
