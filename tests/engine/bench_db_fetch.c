/* Streams one query through the engine's db layer, reading every column of
 * every row as text (as report writers do), and prints the row count and
 * the seconds it took.  Used by bench/engine_fetch.sh.
 *   bench_db_fetch PORT USER DATABASE QUERY   (password in LIA_BENCH_PASSWORD) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "liaison/db.h"

int main(int argc, char **argv)
{
    if (argc != 5 || !getenv("LIA_BENCH_PASSWORD")) {
        fprintf(stderr, "usage: LIA_BENCH_PASSWORD=... bench_db_fetch PORT USER DATABASE QUERY\n");
        return 2;
    }
    lia_db_params p;
    memset(&p, 0, sizeof p);
    p.server = "127.0.0.1";
    p.port = atoi(argv[1]);
    p.user = argv[2];
    p.password = getenv("LIA_BENCH_PASSWORD");
    p.database = argv[3];
    p.login_timeout = 10;
    lia_db *db;
    lia_error err;
    lia_error_clear(&err);
    char msg[1400];
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (lia_db_connect(&p, &db, &err) != LIA_OK || lia_db_query(db, argv[4], NULL, 0, &err) != LIA_OK) {
        fprintf(stderr, "bench_db_fetch: %s\n", lia_error_format(&err, msg, sizeof msg));
        return 1;
    }
    long rows = 0;
    size_t bytes = 0;
    int r;
    while ((r = lia_db_next_result(db, &err)) > 0) {
        int f;
        int n = lia_db_ncols(db);
        while ((f = lia_db_fetch(db, &err)) > 0) {
            for (int c = 0; c < n; c++) {
                const char *s = lia_db_str(db, c);
                bytes += s ? strlen(s) : 0;
            }
            rows++;
        }
        if (f < 0)
            r = -1;
        if (r < 0)
            break;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (r < 0) {
        fprintf(stderr, "bench_db_fetch: %s\n", lia_error_format(&err, msg, sizeof msg));
        return 1;
    }
    lia_db_close(db);
    printf("%ld %.6f %zu\n", rows, (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9, bytes);
    return 0;
}
