/* The native fast lane (analyzer/an_fast.c) changes no result: mutated
 * Liaison journals (cut lines, NUL, invalid UTF-8, CR, continuation lines,
 * runs and hours changing) give byte-identical JSON reports with the lane
 * off, on with SSE2 and on with AVX2 when the CPU has it, read from memory
 * in uneven slices, from a file, and from a file split in two halves.
 * FUZZ_ITER overrides the number of inputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "an_mutate.h"
#include <time.h>
#include <unistd.h>

enum { FROM_BUFFER, FROM_FILE, FROM_HALVES };

/* The JSON report of data read with LIAISON_AN_FAST=lane (NULL: default). */
static char *report(lia_an_catalog *c, lia_an_formats *f, const char *lane, const uint8_t *data, size_t len,
                    int how, const char *path, int detect, uint64_t *taken)
{
    if (lane)
        setenv("LIAISON_AN_FAST", lane, 1);
    else
        unsetenv("LIAISON_AN_FAST");
    lia_an_options opt = {0};
    opt.input_format = detect ? NULL : "liaison";
    opt.jobs = how == FROM_HALVES ? 2 : 1;
    lia_an_analysis *a = NULL;
    lia_error err;
    char *out = NULL;
    size_t outlen = 0;
    if (lia_an_analysis_new(c, f, &opt, &a, &err) != LIA_OK)
        return NULL;
    if (how == FROM_BUFFER) {
        lia_an_analysis_buffer(a, "j.log", data, len);
    } else {
        FILE *w = fopen(path, "wb");
        assert_non_null(w);
        assert_int_equal(fwrite(data, 1, len, w), len);
        fclose(w);
        lia_an_analysis_file(a, path, &err);
    }
    lia_an_analysis_finish(a);
    FILE *m = open_memstream(&out, &outlen);
    lia_an_report(a, LIA_AN_OUT_JSON, m);
    fclose(m);
    if (taken)
        *taken += a->fast_taken;
    lia_an_analysis_free(a);
    unsetenv("LIAISON_AN_FAST");
    return out;
}

/* A journal of two runs (the second begun earlier) with records seen again, continuation lines, hour
 * changes and conditions: the lane's common case and its borders. */
static size_t native_journal(uint8_t *buf, size_t cap)
{
    size_t n = 0;
    for (int run = 0; run < 2; run++) {
        char id[32];
        snprintf(id, sizeof id, "R20260301-0%d0000-0001", run + 8);
        /* The second run read began before the first: its events do not
         * replace the states the first left. */
        n += (size_t)snprintf((char *)buf + n, cap - n,
                              "2026-03-01T0%d:00:00.000+01:00\tINFO\t%s\t1\t-\tRUN\tSTART\t-\t-\t-\tEN_COURS\tDébut\n",
                              9 - run, id);
        for (int i = 0; i < 120 && n + 600 < cap; i++) {
            const char *lvl = i % 17 == 5 ? "ERROR" : i % 13 == 4 ? "WARN" : "INFO";
            const char *code = i % 17 == 5 ? "ERP-TIERS-0101" : "-";
            char erp[32] = "-";   /* none: the crm key is the record's */
            if (i % 9 != 0)
                snprintf(erp, sizeof erp, "CT_Num:CLI%d", i % 23);
            n += (size_t)snprintf((char *)buf + n, cap - n,
                                  "2026-03-01T%02d:%02d:%02d.000+01:00\t%s\t%s\t%d\tCRM>ERP\t%s\tUPDATE\tcomp:%d\t%s\t%s\t"
                                  "SUCCES\tTiers mis à jour\n",
                                  8 + run + i / 50, i % 60, i % 60, lvl, id, i + 2, i % 11 == 3 ? "CONTACT" : "TIERS",
                                  i % 31, erp, code);
            if (i % 7 == 0)
                n += (size_t)snprintf((char *)buf + n, cap - n, "\tdétail %d\n", i);
        }
        if (run == 0)   /* blocked at the end of the later run, touched again by the earlier */
            n += (size_t)snprintf((char *)buf + n, cap - n,
                                  "2026-03-01T09:58:00.000+01:00\tERROR\t%s\t998\tCRM>ERP\tTIERS\tUPDATE\t-\tCT_Num:CLI5\t"
                                  "ERP-TIERS-0101\tECHEC\tNuméro de compte invalide\n", id);
        if (run == 0)
            n += (size_t)snprintf((char *)buf + n, cap - n,
                                  "2026-03-01T09:59:00.000+01:00\tINFO\t%s\t999\t-\tRUN\tEND\t-\t-\t-\tECHEC\tFin\n", id);
    }
    return n;
}

static void test_fast_same(void **state)
{
    (void)state;
    lia_an_catalog *c = t_catalog();
    lia_an_formats *f = t_formats();
    assert_non_null(c);
    assert_non_null(f);
    setenv("LIAISON_AN_SPLIT_MIN", "1", 1);   /* split even small files */
    const char *src = getenv("LIA_SOURCE_DIR");
    const char *seeds[] = {"tests/analyzer/data/liaison.log", "tests/analyzer/cont/liaison.log"};
    char *corpus[3];
    size_t lens[3];
    for (int i = 0; i < 2; i++) {
        char p[4096];
        snprintf(p, sizeof p, "%s/%s", src ? src : ".", seeds[i]);
        corpus[i] = slurp(p, &lens[i]);
        assert_non_null(corpus[i]);
    }
    corpus[2] = malloc(49152);
    lens[2] = native_journal((uint8_t *)corpus[2], 49152);
    char path[] = "/tmp/lia_fast_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    long iters = getenv("FUZZ_ITER") ? atol(getenv("FUZZ_ITER")) : 400;
    time_t start = time(NULL);
    uint8_t *buf = malloc(65536);
    uint64_t taken = 0;
    long done = 0, differ = 0;
    for (long i = 0; i < iters && time(NULL) - start < 30; i++, done++) {
        int s = (int)(next() % 3);
        size_t len = lens[s] < 49152 ? lens[s] : 49152;
        memcpy(buf, corpus[s], len);
        if (i % 4 != 0)   /* one in four as is */
            len = mutate(buf, len, 65536);
        int how = (int)(i % 3), detect = (int)(next() % 2);
        char *off = report(c, f, "0", buf, len, how, path, detect, NULL);
        char *sse = report(c, f, "sse2", buf, len, how, path, detect, NULL);
        char *def = report(c, f, NULL, buf, len, how, path, detect, &taken);
        assert_non_null(off);
        assert_non_null(sse);
        assert_non_null(def);
        if (strcmp(off, sse) != 0 || strcmp(off, def) != 0) {
            if (differ++ == 0) {
                FILE *w = fopen("fast_differs.log", "wb");
                if (w) {
                    fwrite(buf, 1, len, w);
                    fclose(w);
                }
                printf("reports differ (input kept in fast_differs.log, reading %d)\n", how);
            }
        }
        free(off);
        free(sse);
        free(def);
    }
    printf("fast lane: %ld inputs, %llu events taken\n", done, (unsigned long long)taken);
    assert_int_equal(differ, 0);
    assert_true(done > 50);
    unlink(path);
    free(buf);
    for (int i = 0; i < 3; i++)
        free(corpus[i]);
    unsetenv("LIAISON_AN_SPLIT_MIN");
    lia_an_catalog_free(c);
    lia_an_formats_free(f);
}

/* The lane takes the common lines: without it this test would pass
 * trivially.  An analysis counts what the lane took (tests only). */
static void test_fast_takes(void **state)
{
    (void)state;
    lia_an_catalog *c = t_catalog();
    lia_an_formats *f = t_formats();
    uint8_t *buf = malloc(65536);
    size_t len = native_journal(buf, 65536);
    lia_an_options opt = {0};
    opt.input_format = "liaison";
    opt.jobs = 1;
    for (int on = 0; on < 2; on++) {
        setenv("LIAISON_AN_FAST", on ? "1" : "0", 1);
        lia_an_analysis *a = NULL;
        lia_error err;
        assert_int_equal(lia_an_analysis_new(c, f, &opt, &a, &err), LIA_OK);
        char path[] = "/tmp/lia_fast_XXXXXX";
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        assert_int_equal(write(fd, buf, len), (ssize_t)len);
        close(fd);
        lia_an_analysis_file(a, path, &err);
        unlink(path);
        if (on)
            assert_true(a->fast_taken > a->events / 2);
        else
            assert_int_equal(a->fast_taken, 0);
        lia_an_analysis_free(a);
    }
    unsetenv("LIAISON_AN_FAST");
    free(buf);
    lia_an_catalog_free(c);
    lia_an_formats_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_fast_takes), cmocka_unit_test(test_fast_same)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
