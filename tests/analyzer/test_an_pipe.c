/* The two threaded readers give the serial path's results, byte for byte.
 *
 * The pipeline:
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

struct counts {
    size_t pipelined, moves, split, fallbacks;
};

static char *report_c(struct env *e, const char *path, int jobs, uint64_t split_min, struct counts *n)
{
    lia_an_analysis *a = NULL;
    lia_error err;
    lia_error_clear(&err);
    lia_an_options opt = {0};
    opt.jobs = jobs;
    assert_int_equal(lia_an_analysis_new(e->c, e->f, &opt, &a, &err), LIA_OK);
    a->split_min = split_min;
    assert_int_equal(lia_an_analysis_file(a, path, &err), LIA_OK);
    lia_an_analysis_finish(a);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    lia_an_report(a, LIA_AN_OUT_JSON, out);
    fclose(out);
    n->pipelined = a->pipelined;
    n->moves = a->pipe_moves;
    n->split = a->split;
    n->fallbacks = a->split_fallbacks;
    lia_an_analysis_free(a);
    return buf;
}

static char *report(struct env *e, const char *path, int jobs, size_t *pipelined, size_t *moves)
{
    struct counts n;
    char *r = report_c(e, path, jobs, UINT64_MAX, &n);   /* never split: the pipeline */
    *pipelined = n.pipelined;
    *moves = n.moves;
    return r;
}

/* Split in two halves (any size): the same report as the serial path, and
 * the file merged (or not) as expected. */
static void split_same(struct env *e, const char *path, size_t want_split, size_t want_fallbacks)
{
    struct counts n1, n2;
    char *serial = report_c(e, path, 1, 0, &n1);
    char *split = report_c(e, path, 2, 0, &n2);
    assert_int_equal(n1.split, 0);
    assert_string_equal(split, serial);
    assert_int_equal(n2.split, want_split);
    assert_int_equal(n2.fallbacks, want_fallbacks);
    free(serial);
    free(split);
}

/* Runs in shuffled time order over a small pool of records, so that most
 * records are touched in both halves by runs started before and after; the
 * middle falls inside a run.  kind 1: a run id comes back with a RUN START
 * in the second half; kind 2: an event without run id there; kind 3:
 * unknown lines, binary garbage and foreign lines on both sides. */
static void write_shuffled(const char *path, int kind)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    unsigned seed = 777u + (unsigned)kind;
    int days[24];
    for (int i = 0; i < 24; i++)
        days[i] = i + 1;
    for (int i = 23; i > 0; i--) {
        seed = seed * 1103515245u + 12345u;
        int j = (int)((seed >> 16) % (unsigned)(i + 1)), t = days[i];
        days[i] = days[j];
        days[j] = t;
    }
    static const char *const lv[] = {"INFO", "ERROR", "INFO", "WARN", "ERROR", "INFO", "FATAL"};
    static const char *const ms[] = {"ok", "Numéro de compte invalide : cli", "ok", "Valeur tronquée",
                                     "Gadget %d exploded on rack %d", "ok", "Login failed for user 'x'. (18456)"};
    for (int r = 0; r < 24; r++) {
        int d = days[r], id = kind == 1 && r == 20 ? days[2] : d;
        fprintf(f, "2026-01-%02dT08:00:00.000+01:00\tINFO\tR202601%02d-080000-%04d\t1\t-\tRUN\tSTART\t-\t-\t-\tEN_COURS\tstart\n",
                d, id, id);
        for (int i = 0; i < 150; i++) {
            seed = seed * 1103515245u + 12345u;
            int m = (int)((seed >> 16) % 7);
            char msg[96];
            snprintf(msg, sizeof msg, ms[m], i % 5, r % 3);
            fprintf(f, "2026-01-%02dT09:%02d:%02d.000+01:00\t%s\tR202601%02d-080000-%04d\t%d\tCRM>ERP\tTIERS\tUPDATE\t-\tCT_Num:C%02u\t-\t-\t%s\n",
                    d, i / 60, i % 60, lv[m], id, id, i + 2, (seed >> 8) % 40, msg);
            if (i % 11 == 0)
                fputs("\tat Liaison.Sync()\n", f);
            if (kind == 3 && i % 37 == 0)
                fputs("garbage\001\377\n2026-01-01 not a journal line\n", f);
        }
        if (kind == 2 && r == 20)
            fputs("2026-01-20T10:00:00.000+01:00\tERROR\t-\t1\t-\tTIERS\tUPDATE\t-\tCT_Num:C01\t-\t-\tno run\n", f);
        if (r != 23)
            fprintf(f, "2026-01-%02dT18:00:00.000+01:00\tINFO\tR202601%02d-080000-%04d\t999\t-\tRUN\tEND\t-\t-\t-\tECHEC\tend\tread=1\n",
                    d, id, id);
    }
    fclose(f);
}

/* Without --jobs: a large native journal in halves when two CPUs are
 * online, any other file with one thread (the pipeline is slower since
 * classification is cheap); the reports as with --jobs 1. */
static void test_default_jobs(void **state)
{
    struct env *e = *state;
    char path[] = "/tmp/an_jobs_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    struct counts n0, n1;
    write_native(path);
    char *one = report_c(e, path, 1, 0, &n1);
    char *def = report_c(e, path, 0, 0, &n0);
    assert_string_equal(def, one);
    assert_int_equal(n0.split, sysconf(_SC_NPROCESSORS_ONLN) >= 2 ? 1 : 0);
    assert_int_equal(n0.pipelined, 0);
    free(one);
    free(def);
    write_generic(path);
    one = report_c(e, path, 1, 0, &n1);
    def = report_c(e, path, 0, 0, &n0);
    assert_string_equal(def, one);
    assert_int_equal(n0.split + n0.pipelined, 0);
    free(one);
    free(def);
    unlink(path);
}

static void test_split(void **state)
{
    char path[] = "/tmp/an_split_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    write_native(path);   /* long line, garbage, continuations, cut last line */
    split_same(*state, path, 1, 0);
    write_shuffled(path, 0);   /* runs out of time order: the records' last state */
    split_same(*state, path, 1, 0);
    write_shuffled(path, 3);   /* unknown lines (templates), garbage, foreign lines */
    split_same(*state, path, 1, 0);
    write_shuffled(path, 1);   /* a run started again: merged it would differ */
    split_same(*state, path, 0, 1);
    write_shuffled(path, 2);   /* an event without run id in the second half */
    split_same(*state, path, 0, 1);
    unlink(path);
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
        cmocka_unit_test(test_default_jobs),
        cmocka_unit_test(test_native),
        cmocka_unit_test(test_regex),
        cmocka_unit_test(test_split),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
