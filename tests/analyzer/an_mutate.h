/* Deterministic input mutation shared by the analyzer's fuzz tests
 * (test_an_fuzz.c, test_an_fast.c): a xorshift generator, a file reader and
 * byte mutations biased to the bytes the line path cares about. */
#ifndef AN_MUTATE_H
#define AN_MUTATE_H
#include "an_test_util.h"
#include <stdio.h>

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    lia_buf b = LIA_BUF_INIT;
    char tmp[4096];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        lia_buf_add(&b, tmp, n);
    fclose(f);
    *len = b.len;
    return b.data;
}

static const char interesting[] = {'\0', '\t', '\n', '\r', '\\', '{', '}', '"', ':', (char)0xFF, (char)0xFE,
                                   (char)0xC3, (char)0xE9, (char)0xD8, (char)0xEF, (char)0xBB, (char)0xBF, '-', ' '};

static size_t mutate(uint8_t *buf, size_t len, size_t cap)
{
    int rounds = 1 + (int)(next() % 8);
    for (int r = 0; r < rounds && len > 0; r++) {
        size_t at = next() % len;
        switch (next() % 7) {
        case 0: buf[at] ^= (uint8_t)(1u << (next() % 8)); break;
        case 1: buf[at] = (uint8_t)interesting[next() % sizeof interesting]; break;
        case 2: /* insert */
            if (len < cap) {
                memmove(buf + at + 1, buf + at, len - at);
                buf[at] = (uint8_t)interesting[next() % sizeof interesting];
                len++;
            }
            break;
        case 3: { /* delete a span */
            size_t n = next() % 16;
            if (at + n > len)
                n = len - at;
            memmove(buf + at, buf + at + n, len - at - n);
            len -= n;
            break;
        }
        case 4: /* duplicate a span */ {
            size_t n = next() % 64, to = next() % len;
            if (at + n > len)
                n = len - at;
            if (len + n <= cap) {
                memmove(buf + to + n, buf + to, len - to);
                memmove(buf + to, buf + (at < to ? at : at + n), n);
                len += n;
            }
            break;
        }
        case 5: len = at; break;   /* truncate */
        default: buf[at] = (uint8_t)(next() & 0xFF); break;
        }
    }
    return len;
}
#endif
