/* sim_demo_build: the company loaded through the engine holds exactly the
 * rows the generator produced (count per table, from a counting writer) and
 * the CA per tiers of the oracle; a second build does not overwrite it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demo_gen.h"
#include "sim_exec.h"

typedef struct answer {
    char cells[4096][3][40];
    sim_type_kind kind[3];
    int nrows, ncols, errors;
    char msg[256];
} answer;

static int a_cols(void *ctx, const sim_column *c, int n)
{
    answer *a = ctx;
    a->ncols = n;
    for (int i = 0; i < n && i < 3; i++)
        a->kind[i] = c[i].type.kind;
    return 0;
}
static int a_row(void *ctx, const sim_value *v, int n)
{
    answer *a = ctx;
    if (a->nrows >= 4096)
        return 0;
    for (int i = 0; i < n && i < 3; i++) {
        if (v[i].is_null)
            snprintf(a->cells[a->nrows][i], 40, "NULL");
        else if (a->kind[i] == SIM_T_FLOAT) /* a SUM the engine typed float */
            snprintf(a->cells[a->nrows][i], 40, "%.2f", v[i].f);
        else if (v[i].text)
            snprintf(a->cells[a->nrows][i], 40, "%.*s", (int)v[i].len, v[i].text);
        else
            snprintf(a->cells[a->nrows][i], 40, "%lld", (long long)v[i].i);
    }
    a->nrows++;
    return 0;
}
static int a_done(void *ctx, int64_t c, int h, int m) { (void)ctx, (void)c, (void)h, (void)m; return 0; }
static int a_msg(void *ctx, int number, int state, int sev, const char *text, int line)
{
    answer *a = ctx;
    (void)state, (void)line;
    if (sev >= 11) {
        a->errors++;
        snprintf(a->msg, sizeof a->msg, "%d %s", number, text);
    }
    return 0;
}
static int a_env(void *ctx, const char *o, const char *n) { (void)ctx, (void)o, (void)n; return 0; }

static answer *query(sim_session *s, const char *sql)
{
    answer *a = calloc(1, sizeof *a);
    sim_sink sink = {a, a_cols, a_row, a_done, a_msg, a_env, NULL};
    assert_int_equal(sim_exec_batch(s, sql, NULL, 0, &sink), 0);
    if (a->errors)
        fail_msg("%s: %s", sql, a->msg);
    return a;
}

/* Rows per table as the generator writes them. */
typedef struct tally { const char *name[64]; long long n[64]; int k; } tally;
static int t_row(void *ctx, const demo_table *t, const demo_val *v)
{
    tally *c = ctx;
    (void)v;
    if (c->k == 0 || strcmp(c->name[c->k - 1], t->name) != 0)
        c->name[c->k++] = t->name;
    c->n[c->k - 1]++;
    return 0;
}

static int64_t cents(const char *s)
{
    int neg = *s == '-';
    if (neg)
        s++;
    long long units = 0, frac = 0;
    int digits = 0;
    const char *dot = strchr(s, '.');
    units = atoll(s);
    if (dot)
        for (const char *p = dot + 1; *p && digits < 2; p++, digits++)
            frac = frac * 10 + (*p - '0');
    while (digits++ < 2)
        frac *= 10;
    return (neg ? -1 : 1) * (units * 100 + frac);
}

static void builds_what_it_generates(void **state)
{
    (void)state;
    char dir[] = "/tmp/demo-build-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char data[300], oracle[300], manifest[300];
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(oracle, sizeof oracle, "%s/ca.csv", dir);
    snprintf(manifest, sizeof manifest, "%s/m.json", dir);
    sim_demo_options o = {.scale = "small", .seed = 4, .defects = 1,
                          .reference_date = "2026-06-15", .oracle_path = oracle,
                          .manifest_path = manifest};
    char err[512] = "";
    if (sim_demo_build(data, &o, err, sizeof err) != 0)
        fail_msg("build: %s", err);

    demo_cfg cfg;
    assert_int_equal(demo_cfg_resolve(&o, &cfg, err, sizeof err), 0);
    tally c = {{0}, {0}, 0};
    demo_writer w = {&c, NULL, t_row, NULL};
    assert_int_equal(demo_generate(&cfg, &w, NULL, NULL, NULL, err, sizeof err), 0);

    sim_server *srv = sim_server_open(data, err, sizeof err);
    assert_non_null(srv);
    assert_int_equal(sim_server_has_database(srv, "BIJOU"), 0);
    assert_int_equal(sim_server_has_database(srv, "LIAISON_CRM"), 0);
    sim_session *s = sim_session_new(srv, NULL, "BIJOU");
    assert_non_null(s);
    for (int i = 0; i < c.k; i++) {
        char sql[200];
        snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM [dbo].[%s]", c.name[i]);
        answer *a = query(s, sql);
        assert_int_equal(a->nrows, 1);
        if (atoll(a->cells[0][0]) != c.n[i])
            fail_msg("%s: %s rows loaded, %lld generated", c.name[i], a->cells[0][0], c.n[i]);
        free(a);
    }
    /* CA N and N-1 from the loaded documents equal the oracle. */
    answer *a = query(s,
        "SELECT e.DO_Tiers,"
        /* The decimal column comes first in each CASE: the engine types a
         * CASE by its first branch (SQL Server by precedence). */
        " SUM(CASE WHEN e.DO_Provenance NOT IN (1, 2) AND e.DO_Date >= '2026-01-01T00:00:00'"
        " THEN l.DL_MontantHT WHEN e.DO_Date >= '2026-01-01T00:00:00' THEN -ABS(l.DL_MontantHT)"
        " ELSE 0 END),"
        " SUM(CASE WHEN e.DO_Provenance NOT IN (1, 2) AND e.DO_Date < '2026-01-01T00:00:00'"
        " THEN l.DL_MontantHT WHEN e.DO_Date < '2026-01-01T00:00:00' THEN -ABS(l.DL_MontantHT)"
        " ELSE 0 END)"
        " FROM F_DOCENTETE AS e INNER JOIN F_DOCLIGNE AS l ON l.DO_Domaine = e.DO_Domaine"
        " AND l.DO_Type = e.DO_Type AND l.DO_Piece = e.DO_Piece"
        " WHERE e.DO_Domaine = 0 AND e.DO_Type IN (6, 7) AND e.DO_Date >= '2025-01-01T00:00:00'"
        " AND e.DO_Date < '2027-01-01T00:00:00' GROUP BY e.DO_Tiers");
    assert_true(a->nrows > 50);
    FILE *f = fopen(oracle, "r");
    assert_non_null(f);
    char line[200];
    int matched = 0, nonzero = 0;
    assert_non_null(fgets(line, sizeof line, f));
    while (fgets(line, sizeof line, f)) {
        char *n = strtok(line, ";"), *ca_n = strtok(NULL, ";"), *ca_n1 = strtok(NULL, ";\n");
        int64_t want_n = cents(ca_n), want_n1 = cents(ca_n1);
        int found = 0;
        for (int r = 0; r < a->nrows; r++)
            if (strcmp(a->cells[r][0], n) == 0) {
                found = 1;
                if (cents(a->cells[r][1]) != want_n || cents(a->cells[r][2]) != want_n1)
                    fail_msg("CA of %s: loaded %s %s, oracle %s %s", n, a->cells[r][1],
                             a->cells[r][2], ca_n, ca_n1);
                matched++;
            }
        if (want_n || want_n1)
            nonzero++;
        if (!found && (want_n || want_n1))
            fail_msg("CA of %s missing from the database", n);
    }
    fclose(f);
    assert_int_equal(matched, a->nrows);
    assert_true(nonzero > 50);
    free(a);
    sim_session_free(s);
    sim_server_close(srv);

    /* A second build refuses to overwrite the company. */
    err[0] = '\0';
    assert_int_equal(sim_demo_build(data, &o, err, sizeof err), -1);
    assert_non_null(strstr(err, "already exists"));
    srv = sim_server_open(data, err, sizeof err);
    assert_int_equal(sim_server_has_database(srv, "BIJOU"), 0);
    sim_server_close(srv);

    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void bad_folder_is_reported(void **state)
{
    (void)state;
    sim_demo_options o = {.scale = "small", .seed = 1};
    char err[512] = "";
    assert_int_equal(sim_demo_build("/nonexistent-dir/sub/data", &o, err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent-dir/sub/data"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builds_what_it_generates),
        cmocka_unit_test(bad_folder_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
