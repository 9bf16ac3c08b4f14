/* Deterministic mutation fuzzing of the line path, seeded with the sample
 * journals; bounded in iterations and time so it runs in every ctest (and
 * under ASan+UBSan in scripts/test).  FUZZ_ITER overrides the count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "an_mutate.h"
#include "fuzz_an_core.h"
#include <time.h>

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
