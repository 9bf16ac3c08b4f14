/* Deterministic mutation fuzzing of the line path, seeded with the sample
 * journals; bounded in iterations and time so it runs in every ctest (and
 * under ASan+UBSan in scripts/test).  FUZZ_ITER overrides the count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fuzz_an_core.h"
#include <time.h>

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

static void test_fuzz(void **state)
{
    (void)state;
    lia_an_catalog *c = t_catalog();
    lia_an_formats *f = t_formats();
    assert_non_null(c);
    assert_non_null(f);
    const char *seeds[] = {"liaison.log", "sage.log", "generic.log", "sample.jsonl"};
    char *corpus[4];
    size_t lens[4];
    const char *src = getenv("LIA_SOURCE_DIR");
    for (int i = 0; i < 4; i++) {
        char p[4096];
        snprintf(p, sizeof p, "%s/tests/analyzer/data/%s", src ? src : ".", seeds[i]);
        corpus[i] = slurp(p, &lens[i]);
        assert_non_null(corpus[i]);
    }
    long iters = getenv("FUZZ_ITER") ? atol(getenv("FUZZ_ITER")) : 6000;
    time_t start = time(NULL);
    uint8_t *buf = malloc(65536);
    long done = 0;
    for (long i = 0; i < iters && time(NULL) - start < 20; i++, done++) {
        int s = (int)(next() % 4);
        /* a window of the seed, so inputs stay small and varied */
        size_t off = lens[s] > 2048 ? next() % (lens[s] - 2048) : 0;
        size_t len = lens[s] - off < 4096 ? lens[s] - off : 4096;
        memcpy(buf, corpus[s] + off, len);
        len = mutate(buf, len, 65536);
        fuzz_one(c, f, buf, len, (int)(next() % 5));
    }
    printf("fuzz: %ld inputs\n", done);
    assert_true(done > 50);
    free(buf);
    for (int i = 0; i < 4; i++)
        free(corpus[i]);
    lia_an_catalog_free(c);
    lia_an_formats_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_fuzz)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
