/* The two-thread pipeline gives the serial path's results, byte for byte:
 * a generated journal that spans many batches, with continuation lines,
 * unknown lines, binary garbage, a line longer than a batch's arena and
 * a cut last line, read with jobs = 1 and jobs = 2; the same for a regex
 * format whose parsed fields live in the parser's scratch (lines long
 * enough for the scratch to overflow a batch). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "an_test_util.h"
#include <stdio.h>
#include <unistd.h>

struct env {
    lia_an_catalog *c;
    lia_an_formats *f;
};

static const char *const msgs[] = {
    "Enregistrement synchronisé", "Numéro de compte invalide : « cli 0042 » contient des espaces",
    "Widget frobnication failed on shard 7", "Request timed out after 30000 ms", "Tiers mis à jour",
    "Invalid e-mail address 'x@y'", "Insert rejected by the server"};
static const char *const levels[] = {"INFO", "ERROR", "ERROR", "TRANSIENT", "INFO", "WARN", "ERROR"};

/* A native journal: runs of 3000 events over 300 records, every 7th event
 * followed by continuation lines, some garbage; about 60,000 lines. */
static void write_native(const char *path)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    unsigned seed = 12345;
    for (int run = 1; run <= 20; run++) {
        fprintf(f, "2026-03-%02dT08:00:00.000+01:00\tINFO\tR202603%02d-080000-%04d\t1\t-\tRUN\tSTART\t-\t-\t-\tEN_COURS\tDébut\n",
                run, run, run);
        for (int i = 0; i < 3000; i++) {
            seed = seed * 1103515245u + 12345u;
            int m = (int)((seed >> 16) % 7);
            fprintf(f, "2026-03-%02dT%02d:%02d:%02d.000+01:00\t%s\tR202603%02d-080000-%04d\t%d\tCRM>ERP\tTIERS\tUPDATE\tcomp:%d\tCT_Num:CLI%04u\t-\t-\t%s\n",
                    run, 8 + i / 600, i / 10 % 60, i % 60, levels[m], run, run, i + 2, i, (seed >> 8) % 300, msgs[m]);
            if (i % 7 == 0)
                fprintf(f, "\tpayload: {\"n\": %d}\n\tLock request time out period exceeded.\n", i);
            if (i % 997 == 0)
                fputs("garbage\001\002\377 binary\n\tInvalid object name 'x'.\n", f);
        }
        if (run == 10) {   /* one line longer than a batch's arena (1 MiB cap on lines) */
            fputs("2026-03-10T20:00:00.000+01:00\tERROR\tR20260310-080000-0010\t9999\t-\tSESSION\tPULL\t-\t-\t-\t-\t", f);
            for (int k = 0; k < 1200000; k++)
                fputc('a' + k % 26, f);
            fputc('\n', f);
        }
        if (run != 20)
            fprintf(f, "2026-03-%02dT20:00:00.000+01:00\tINFO\tR202603%02d-080000-%04d\t9\t-\tRUN\tEND\t-\t-\t-\tECHEC\tFin\n", run,
                    run, run);
    }
    fputs("2026-03-20T21:00:00.000+01:00\tERROR\tR20260320-080000-0020\t1\t-\tTIERS\tUPDATE\t-\tCT_Num:CLI9999\t-\t-\tcut", f);
    fclose(f);
}

/* A generic-format journal with long messages: the regex parser copies
 * each field to its scratch, which then overflows a batch's arena. */
static void write_generic(const char *path)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    unsigned seed = 99;
    for (int i = 0; i < 40; i++) {
        seed = seed * 1103515245u + 12345u;
        fprintf(f, "2026-03-07T10:%02d:00.000Z [ERROR] Request %d failed: ", i, i);
        for (unsigned k = 0; k < 20000 + (seed >> 8) % 280000; k++)
            fputc('a' + (k + i) % 26, f);
        fputs("\n    at Liaison.Connector.Send(Request r)\n", f);
        fprintf(f, "2026-03-07T10:%02d:30.000Z WARN Invalid e-mail address 'u%d@'\n", i, i);
    }
    fclose(f);
}

static char *report(struct env *e, const char *path, int jobs, size_t *pipelined, size_t *moves)
{
    lia_an_analysis *a = NULL;
    lia_error err;
    lia_error_clear(&err);
    lia_an_options opt = {0};
    opt.jobs = jobs;
    assert_int_equal(lia_an_analysis_new(e->c, e->f, &opt, &a, &err), LIA_OK);
    assert_int_equal(lia_an_analysis_file(a, path, &err), LIA_OK);
    lia_an_analysis_finish(a);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    lia_an_report(a, LIA_AN_OUT_JSON, out);
    fclose(out);
    *pipelined = a->pipelined;
    *moves = a->pipe_moves;
    lia_an_analysis_free(a);
    return buf;
}

static size_t same_both_ways(struct env *e, const char *path)
{
    size_t p1, p2, m1, moves;
    char *serial = report(e, path, 1, &p1, &m1);
    char *piped = report(e, path, 2, &p2, &moves);
    assert_int_equal(p1, 0);
    assert_int_equal(p2, 1);   /* the pipeline did read the file */
    assert_string_equal(piped, serial);
    assert_true(strlen(serial) > 1000);
    free(serial);
    free(piped);
    return moves;
}

static void test_native(void **state)
{
    char path[] = "/tmp/an_pipe_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    write_native(path);
    same_both_ways(*state, path);
    unlink(path);
}

static void test_regex(void **state)
{
    char path[] = "/tmp/an_pipe_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    write_generic(path);
    assert_true(same_both_ways(*state, path) > 0);   /* the scratch did overflow a batch */
    unlink(path);
}

static int setup(void **state)
{
    struct env *e = calloc(1, sizeof *e);
    e->c = t_catalog();
    e->f = t_formats();
    if (!e->c || !e->f)
        return -1;
    *state = e;
    return 0;
}

static int teardown(void **state)
{
    struct env *e = *state;
    lia_an_catalog_free(e->c);
    lia_an_formats_free(e->f);
    free(e);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_native),
        cmocka_unit_test(test_regex),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
