/* Benchmark of the T-SQL engine: a parameterized INSERT run N times through
 * sim_exec_batch (parsed once, then cached) against the same INSERT through
 * SQLite directly (reference, same machine, same run), and a full scan
 * streamed to a sink. Prints rows/s and the ratios. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim_exec.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static long rows_seen;
static int c_cols(void *c, const sim_column *x, int n) { (void)c; (void)x; (void)n; return 0; }
static int c_row(void *c, const sim_value *v, int n) { (void)c; (void)v; (void)n; rows_seen++; return 0; }
static int c_done(void *c, int64_t a, int b, int d) { (void)c; (void)a; (void)b; (void)d; return 0; }
static int c_msg(void *c, int num, int st, int sev, const char *t, int l)
{
    (void)c; (void)st; (void)l;
    if (sev > 10) {
        fprintf(stderr, "error %d: %s\n", num, t);
        exit(1);
    }
    return 0;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 200000;
    char dir[] = "/tmp/simbenchXXXXXX", err[256];
    if (!mkdtemp(dir))
        return 2;
    sim_server *srv = sim_server_open(dir, err, sizeof err);
    sim_server_add_login(srv, "b", "b", "owner");
    sim_server_create_database(srv, "B", err, sizeof err);
    sim_session *s = sim_session_new(srv, "b", "B");
    sim_sink k = {NULL, c_cols, c_row, c_done, c_msg, NULL, NULL};
    sim_exec_batch(s, "CREATE TABLE F_LIGNE (cbMarq int IDENTITY(1,1) PRIMARY KEY, DO_Piece varchar(13) NOT NULL, "
                      "AR_Ref varchar(19) NULL, DL_Qte decimal(24,6) NOT NULL, DL_MontantHT decimal(24,6) NOT NULL)",
                   NULL, 0, &k);
    sim_param p[4];
    memset(p, 0, sizeof p);
    char piece[16], ref[20], qte[32], mt[32];
    p[0].name = "@p"; p[0].type.kind = SIM_T_VARCHAR; p[0].type.length = 13; p[0].value.text = piece;
    p[1].name = "@r"; p[1].type.kind = SIM_T_VARCHAR; p[1].type.length = 19; p[1].value.text = ref;
    p[2].name = "@q"; p[2].type.kind = SIM_T_DECIMAL; p[2].type.precision = 24; p[2].type.scale = 6; p[2].value.text = qte;
    p[3].name = "@m"; p[3].type.kind = SIM_T_DECIMAL; p[3].type.precision = 24; p[3].type.scale = 6; p[3].value.text = mt;
    double t0 = now();
    sim_exec_batch(s, "BEGIN TRAN", NULL, 0, &k);
    for (long i = 0; i < n; i++) {
        p[0].value.len = (size_t)snprintf(piece, sizeof piece, "FA%06ld", i / 5);
        p[1].value.len = (size_t)snprintf(ref, sizeof ref, "REF%05ld", i % 997);
        p[2].value.len = (size_t)snprintf(qte, sizeof qte, "%ld.000000", 1 + i % 7);
        p[3].value.len = (size_t)snprintf(mt, sizeof mt, "%ld.%02ld0000", i % 1000, i % 100);
        sim_exec_batch(s, "INSERT INTO F_LIGNE (DO_Piece, AR_Ref, DL_Qte, DL_MontantHT) VALUES (@p, @r, @q, @m)", p, 4, &k);
    }
    sim_exec_batch(s, "COMMIT", NULL, 0, &k);
    double t_sim = now() - t0;

    /* reference: the same rows through SQLite directly */
    char path[300];
    snprintf(path, sizeof path, "%s/ref.db", dir);
    sqlite3 *db;
    sqlite3_open(path, &db);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE F_LIGNE (cbMarq INTEGER PRIMARY KEY AUTOINCREMENT, "
                     "DO_Piece TEXT NOT NULL, AR_Ref TEXT, DL_Qte NUMERIC NOT NULL, DL_MontantHT NUMERIC NOT NULL)",
                 NULL, NULL, NULL);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "INSERT INTO F_LIGNE (DO_Piece, AR_Ref, DL_Qte, DL_MontantHT) VALUES (?1, ?2, ?3, ?4)", -1, &st, NULL);
    t0 = now();
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    for (long i = 0; i < n; i++) {
        int a = snprintf(piece, sizeof piece, "FA%06ld", i / 5);
        int b = snprintf(ref, sizeof ref, "REF%05ld", i % 997);
        sqlite3_bind_text(st, 1, piece, a, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, ref, b, SQLITE_STATIC);
        sqlite3_bind_double(st, 3, (double)(1 + i % 7));
        sqlite3_bind_double(st, 4, (double)(i % 1000) + (double)(i % 100) / 100);
        sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    double t_ref = now() - t0;
    sqlite3_finalize(st);
    sqlite3_close(db);

    t0 = now();
    sim_exec_batch(s, "SELECT cbMarq, DO_Piece, AR_Ref, DL_Qte, DL_MontantHT FROM F_LIGNE", NULL, 0, &k);
    double t_scan = now() - t0;

    printf("rows: %ld\n", n);
    printf("insert via sim_exec_batch: %.0f rows/s\n", n / t_sim);
    printf("insert via SQLite directly: %.0f rows/s (reference)\n", n / t_ref);
    printf("ratio engine/reference: %.2f\n", (n / t_sim) / (n / t_ref));
    printf("select streamed to the sink: %.0f rows/s (%ld rows)\n", rows_seen / t_scan, rows_seen);
    sim_session_free(s);
    sim_server_close(srv);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : 2;
}
