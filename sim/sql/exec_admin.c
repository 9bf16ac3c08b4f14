/* Runs the administration statements of xlate_admin.c: ALTER DATABASE,
 * the collation of CREATE DATABASE, BACKUP DATABASE (a real copy of the
 * database file, recorded in msdb like SQL Server does) and the delay of
 * WAITFOR.  Messages go back to the executor, which reports them in order. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "exec_admin.h"

static void msg(admin_out *o, int num, int state, int sev, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void msg(admin_out *o, int num, int state, int sev, const char *fmt, ...)
{
    if (o->n >= (int)(sizeof o->m / sizeof o->m[0]))
        return;
    admin_msg *m = &o->m[o->n++];
    m->num = num;
    m->state = state;
    m->sev = sev;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->text, sizeof m->text, fmt, ap);
    va_end(ap);
}

void admin_alter_database(sim_session *s, const stmt *st, admin_out *o)
{
    const char *db = st->text ? st->text : s->database;
    char *canon = server_db_canon(s->srv, db);
    if (s->trancount > 0) {
        msg(o, 226, 6, 16, "ALTER DATABASE statement not allowed within multi-statement transaction.");
    } else if (s->reader || !canon || strcasecmp(db, "master") == 0) {
        msg(o, 5011, 9, 14,
            "User does not have permission to alter database '%s', the database does not exist, or the database is "
            "not in a state that allows access checks.", db);
        msg(o, 5069, 1, 16, "ALTER DATABASE statement failed.");
    } else {
        char err[512];
        if (dbprops_set(s->srv, canon, st->prop, st->arg, err, sizeof err) != 0)
            msg(o, 50000, 1, 16, "Liaison simulator: %s", err);
    }
    free(canon);
}

void admin_create_database(sim_session *s, const stmt *st, admin_out *o)
{
    char err[512];
    int rc = sim_server_create_database(s->srv, st->text, err, sizeof err);
    if (rc == 1801)
        msg(o, 1801, 3, 16, "%s", err);
    else if (rc != 0)
        msg(o, 50000, 1, 16, "Liaison simulator: %s", err);
    else if (st->arg && dbprops_set(s->srv, st->text, "Collation", st->arg, err, sizeof err) != 0)
        msg(o, 50000, 1, 16, "Liaison simulator: %s", err);
}

/* Where a device path points: a relative name is in DATA/backup, like SQL
 * Server's default backup folder; no way up from there. */
static int device_path(sim_server *srv, const char *dev, char *out, size_t len)
{
    if (!*dev)
        return -1;
    if (dev[0] == '/') {
        snprintf(out, len, "%s", dev);
        return 0;
    }
    if (strstr(dev, ".."))
        return -1;
    int n = snprintf(out, len, "%s/backup", srv->dir);
    if (n < 0 || (size_t)n >= len || (mkdir(out, 0700) != 0 && errno != EEXIST))
        return -1;
    n = snprintf(out, len, "%s/backup/%s", srv->dir, dev);
    return n < 0 || (size_t)n >= len ? -1 : 0;
}

static void now_datetime(char *out, size_t len)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(out, len, "%Y-%m-%d %H:%M:%S.000", &tm);
}

/* Copies database file src into dst with SQLite's online backup: a
 * consistent image even while other sessions write. */
static int copy_database(const char *src, const char *dst, long long *bytes)
{
    sqlite3 *from = NULL, *to = NULL;
    int rc = sqlite3_open_v2(src, &from, SQLITE_OPEN_READONLY, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_open_v2(dst, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(from, 10000);
        sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
        if (!b) {
            rc = SQLITE_ERROR;
        } else {
            do
                rc = sqlite3_backup_step(b, 256);
            while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
            int pages = sqlite3_backup_pagecount(b);
            sqlite3_backup_finish(b);
            if (rc == SQLITE_DONE) {
                rc = SQLITE_OK;
                sqlite3_stmt *q;
                int psize = 4096;
                if (sqlite3_prepare_v2(to, "PRAGMA page_size", -1, &q, NULL) == SQLITE_OK) {
                    if (sqlite3_step(q) == SQLITE_ROW)
                        psize = sqlite3_column_int(q, 0);
                    sqlite3_finalize(q);
                }
                *bytes = (long long)pages * psize;
            }
        }
    }
    sqlite3_close(from);
    sqlite3_close(to);
    return rc == SQLITE_OK ? 0 : -1;
}

void admin_backup(sim_session *s, const stmt *st, admin_out *o)
{
    char *canon = server_db_canon(s->srv, st->text);
    char dev[4096];
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char start[32], finish[32];
    now_datetime(start, sizeof start);
    long long bytes = 0;
    if (s->trancount > 0) {
        msg(o, 3021, 0, 16, "Cannot perform a backup or restore operation within a transaction.");
    } else if (!canon || strcasecmp(st->text, "master") == 0) {
        msg(o, 911, 11, 16, "Database '%s' does not exist. Make sure that the name is entered correctly.", st->text);
    } else if (s->reader) {
        msg(o, 262, 1, 14, "BACKUP DATABASE permission denied in database '%s'.", canon);
    } else if (device_path(s->srv, st->arg, dev, sizeof dev) != 0) {
        msg(o, 3201, 1, 16, "Cannot open backup device '%s'. Operating system error 3(The system cannot find the path specified.).",
            st->arg);
    } else {
        char *src = server_db_path(s->srv, canon);
        if (!src || copy_database(src, dev, &bytes) != 0)
            msg(o, 3201, 1, 16, "Cannot open backup device '%s'. Operating system error 3(The system cannot find the path specified.).",
                dev);
        free(src);
    }
    if (o->n == 0) {
        char err[512];
        now_datetime(finish, sizeof finish);
        if (msdb_record_backup(s->srv, canon, s->user, dev, st->args[0], bytes, start, finish, err, sizeof err) != 0) {
            msg(o, 50000, 1, 16, "Liaison simulator: %s", err);
        } else {
            clock_gettime(CLOCK_MONOTONIC, &t1);
            double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
            long long pages = (bytes + 8191) / 8192;   /* SQL Server counts 8 KB pages */
            msg(o, 4035, 1, 0, "Processed %lld pages for database '%s', file '%s' on file 1.", pages, canon, canon);
            msg(o, 3014, 1, 0, "BACKUP DATABASE successfully processed %lld pages in %.3f seconds (%.3f MB/sec).", pages,
                secs, secs > 0 ? (double)bytes / 1048576.0 / secs : 0.0);
        }
    }
    if (o->n > 0 && o->m[0].sev >= 11)
        msg(o, 3013, 1, 16, "BACKUP DATABASE is terminating abnormally.");
    free(canon);
}

int admin_delay_ms(const char *text, long *ms)
{
    /* hh:mm[:ss[.mmm]], at most 24 hours as SQL Server allows */
    int h = 0, m = 0, sec = 0, frac = 0, nf = 0, used = 0;
    if (!text)
        return -1;
    int n = sscanf(text, "%d:%d%n", &h, &m, &used);
    if (n != 2)
        return -1;
    const char *p = text + used;
    if (*p == ':') {
        if (sscanf(p + 1, "%d%n", &sec, &used) != 1)
            return -1;
        p += 1 + used;
        if (*p == '.') {
            p++;
            while (*p >= '0' && *p <= '9' && nf < 3) {
                frac = frac * 10 + (*p++ - '0');
                nf++;
            }
            while (nf++ < 3)
                frac *= 10;
            while (*p >= '0' && *p <= '9')
                p++;
        }
    }
    while (*p == ' ')
        p++;
    if (*p || h < 0 || h > 24 || m < 0 || m > 59 || sec < 0 || sec > 59 || (h == 24 && (m || sec || frac)))
        return -1;
    *ms = ((long)h * 3600 + m * 60 + sec) * 1000 + frac;
    return 0;
}
