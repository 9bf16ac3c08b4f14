/* Connections over FreeTDS db-lib: login, the error and message handlers,
 * batches and result sets.  Column access is in db_value.c, parameter
 * binding in db_bind.c, retries in db_retry.c. */
#include "db_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* db-lib's handlers are process-wide; each DBPROCESS carries its lia_db as
 * user data.  During dbopen() the DBPROCESS is not ours yet, so the login's
 * messages go to the connection being opened (one per thread). */
static _Thread_local lia_db *connecting;
static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t login_mutex = PTHREAD_MUTEX_INITIALIZER;
static int init_ok;

static lia_db *target_of(DBPROCESS *proc)
{
    if (proc) {
        lia_db *db = (lia_db *)dbgetuserdata(proc);
        if (db)
            return db;
    }
    return connecting;
}

static void copy_text(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
    /* Server texts sometimes end with a newline; keep messages on one line. */
    for (char *p = dst; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
}

static int msg_handler(DBPROCESS *proc, DBINT msgno, int msgstate, int severity, char *msgtext,
                       char *srvname, char *procname, int line)
{
    (void)srvname; (void)procname; (void)line;
    lia_db *db = target_of(proc);
    /* Severity 10 and below are informational (5701 database changed...). */
    if (!db || severity <= 10)
        return 0;
    /* Keep the first error: it is the cause (4060 comes before 18456). */
    if (db->pending.sql_number > 0)
        return 0;
    db->pending.code = lia_code_from_sql(msgno);
    db->pending.sql_number = msgno;
    db->pending.sql_severity = severity;
    db->pending.sql_state = msgstate;
    copy_text(db->pending.server_text, sizeof db->pending.server_text, msgtext);
    return 0;
}

static int err_handler(DBPROCESS *proc, int severity, int dberr, int oserr, char *dberrstr,
                       char *oserrstr)
{
    (void)severity;
    lia_db *db = target_of(proc);
    if (!db)
        return INT_CANCEL;
    lia_code code;
    switch (dberr) {
    case SYBESMSG: /* "check messages from the server": the message handler has them */
        return INT_CANCEL;
    case SYBETIME:
        code = LIA_E_TIMEOUT;
        break;
    case SYBECONN:
        code = LIA_E_CONNECT;
        break;
    case SYBEFCON:
        /* Login refused after a server message: keep the server's reason. */
        if (db->pending.sql_number > 0)
            return INT_CANCEL;
        code = LIA_E_CONNECT;
        break;
    case SYBESEOF: case SYBEREAD: case SYBEWRIT: case SYBEDDNE:
        code = db->proc ? LIA_E_CONN_LOST : LIA_E_CONNECT;
        break;
    case SYBEMEM:
        code = LIA_E_NOMEM;
        break;
    default:
        code = LIA_E_SQL;
        break;
    }
    /* A timeout or a dead link outranks an earlier generic report. */
    if (db->pending.code != LIA_OK && db->pending.code != LIA_E_SQL && code == LIA_E_SQL)
        return INT_CANCEL;
    if (db->pending.code == LIA_E_TIMEOUT || db->pending.code == LIA_E_CONN_LOST)
        return INT_CANCEL;
    if (db->pending.sql_number > 0 && code != LIA_E_TIMEOUT && code != LIA_E_CONN_LOST)
        return INT_CANCEL;
    db->pending.code = code;
    db->pending.sql_number = 0;
    /* A timed-out non-blocking connect reports EINPROGRESS: not a cause. */
    if (code == LIA_E_TIMEOUT)
        oserr = 0;
    db->pending.os_errno = oserr > 0 ? oserr : 0;
    if (oserr > 0 && oserrstr && *oserrstr)
        snprintf(db->pending.server_text, sizeof db->pending.server_text, "%s (%s)",
                 dberrstr ? dberrstr : "", oserrstr);
    else
        copy_text(db->pending.server_text, sizeof db->pending.server_text, dberrstr);
    if (code == LIA_E_TIMEOUT && db->proc && db->params.query_timeout > 0)
        snprintf(db->pending.detail, sizeof db->pending.detail, "query_timeout = %d s",
                 db->params.query_timeout);
    /* db-lib names the server by its entry in our private FreeTDS file;
     * the subject already says host:port. */
    char *entry = strstr(db->pending.server_text, " (liaison)");
    if (entry)
        memmove(entry, entry + 10, strlen(entry + 10) + 1);
    /* Never INT_EXIT: a library does not end the process. */
    return INT_CANCEL;
}

/* db-lib has no working per-login switch for encryption (DBSETLENCRYPT is
 * not implemented by FreeTDS 1.3): FreeTDS takes it from a configuration
 * file.  Liaison keeps one private file per process (mode 0600, host, port
 * and levels only, never a password), named by FREETDSCONF once (the
 * environment is not touched again).  The file is unlinked as soon as it is
 * open and FreeTDS reads it through /proc/self/fd, so nothing is left behind
 * even when the process is killed; without /proc it is removed at exit. */
static char conf_path[128];
static int conf_fd = -1;

static void remove_conf(void)
{
    if (conf_path[0])
        unlink(conf_path);
}

/* Names the open, already unlinked file by its descriptor; 0 on success. */
static int conf_by_fd(void)
{
    char fdpath[64];
    snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", conf_fd);
    if (access(fdpath, R_OK) != 0 || fcntl(conf_fd, F_SETFD, FD_CLOEXEC) != 0)
        return -1;
    if (unlink(conf_path) != 0)
        return -1;
    snprintf(conf_path, sizeof conf_path, "%s", fdpath);
    return setenv("FREETDSCONF", conf_path, 1) == 0 ? 0 : -1;
}

static void make_conf(void)
{
    const char *tmpdir = getenv("TMPDIR");
    if (!tmpdir || !*tmpdir || strlen(tmpdir) > 80)
        tmpdir = "/tmp";
    snprintf(conf_path, sizeof conf_path, "%s/liaison-tds-XXXXXX", tmpdir);
    conf_fd = mkstemp(conf_path);
    if (conf_fd < 0) {
        conf_path[0] = '\0';
        return;
    }
    if (conf_by_fd() == 0)
        return;
    if (setenv("FREETDSCONF", conf_path, 1) != 0) {
        close(conf_fd);
        conf_fd = -1;
        unlink(conf_path);
        conf_path[0] = '\0';
        return;
    }
    atexit(remove_conf);
}

static void init_dblib(void)
{
    make_conf();
    if (dbinit() == FAIL)
        return;
    dberrhandle(err_handler);
    dbmsghandle(msg_handler);
    init_ok = 1;
}

void lia_db_pending_clear(lia_db *db)
{
    lia_error_clear(&db->pending);
}

lia_code lia_db_pending_take(lia_db *db, const char *call, lia_error *err)
{
    lia_error e = db->pending;
    if (e.code == LIA_OK) {
        /* The handlers said nothing: still say which call failed on what. */
        e.code = dbdead(db->proc) ? LIA_E_CONN_LOST : LIA_E_SQL;
        snprintf(e.detail, sizeof e.detail, "%s", call);
    }
    if (!e.subject[0])
        snprintf(e.subject, sizeof e.subject, "%.199s", db->query_name[0] ? db->query_name : db->endpoint);
    if (err)
        *err = e;
    lia_db_pending_clear(db);
    return e.code;
}

/* Copies the strings of p into one block owned by db (wiped on close). */
static int keep_params(lia_db *db, const lia_db_params *p)
{
    const char *src[] = {p->label, p->server, p->instance, p->database, p->user, p->password,
                         p->tds_version, p->encryption, p->app_name};
    size_t total = 0;
    for (size_t i = 0; i < sizeof src / sizeof src[0]; i++)
        total += (src[i] ? strlen(src[i]) : 0) + 1;
    db->strings = calloc(1, total);
    if (!db->strings)
        return -1;
    db->strings_len = total;
    const char **dst[] = {&db->params.label, &db->params.server, &db->params.instance,
                          &db->params.database, &db->params.user, &db->params.password,
                          &db->params.tds_version, &db->params.encryption, &db->params.app_name};
    char *w = db->strings;
    db->params = *p;
    for (size_t i = 0; i < sizeof src / sizeof src[0]; i++) {
        if (!src[i]) {
            *dst[i] = NULL;
            continue;
        }
        size_t n = strlen(src[i]);
        memcpy(w, src[i], n + 1);
        *dst[i] = w;
        w += n + 1;
    }
    return 0;
}

static int tds_version_code(const char *v, BYTE *out)
{
    static const struct { const char *name; BYTE code; } versions[] = {
        {"7.0", DBVERSION_70}, {"7.1", DBVERSION_71}, {"7.2", DBVERSION_72},
        {"7.3", DBVERSION_73}, {"7.4", DBVERSION_74},
    };
    for (size_t i = 0; i < sizeof versions / sizeof versions[0]; i++)
        if (strcmp(v, versions[i].name) == 0) {
            *out = versions[i].code;
            return 0;
        }
    return -1;
}

/* Letters, digits and the given punctuation only: the name goes into a
 * FreeTDS configuration file. */
static int plain_name(const char *s, const char *punct)
{
    if (!s || !*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              strchr(punct, *s)))
            return 0;
    return 1;
}

/* Opens the DBPROCESS of db from db->params. */
static lia_code open_proc(lia_db *db, lia_error *err)
{
    const lia_db_params *p = &db->params;
    lia_code rc = LIA_OK;
    LOGINREC *login = dblogin();
    if (!login)
        return lia_fail(err, LIA_E_NOMEM, "%s", db->endpoint);

    const char *ver = p->tds_version && *p->tds_version ? p->tds_version : "7.4";
    BYTE vcode = DBVERSION_74;
    if (strcasecmp(ver, "auto") != 0) {
        if (tds_version_code(ver, &vcode) != 0) {
            rc = lia_fail(err, LIA_E_CONFIG_VALUE, "tds_version=%s", ver);
            lia_error_detail(err, "%s", lia_tr("versions acceptées : 7.0 à 7.4, auto",
                                               "accepted versions: 7.0 to 7.4, auto"));
            goto out;
        }
        DBSETLVERSION(login, vcode);
    }
    DBSETLUSER(login, p->user ? p->user : "");
    DBSETLPWD(login, p->password ? p->password : "");
    DBSETLAPP(login, p->app_name && *p->app_name ? p->app_name : "liaison");
    /* The client side always speaks UTF-8; FreeTDS converts varchar from the
     * column's code page (Windows-1252 for French collations) and nvarchar. */
    DBSETLCHARSET(login, "UTF-8");
    if (p->database && *p->database)
        DBSETLDBNAME(login, p->database);
    const char *enc = p->encryption && *p->encryption ? p->encryption : "request";
    if (strcmp(enc, "off") != 0 && strcmp(enc, "request") != 0 && strcmp(enc, "require") != 0) {
        rc = lia_fail(err, LIA_E_CONFIG_VALUE, "encryption=%s", enc);
        goto out;
    }
    if (!plain_name(p->server, "._:-") || (p->instance && *p->instance && !plain_name(p->instance, "_$#-"))) {
        rc = lia_fail(err, LIA_E_CONFIG_VALUE, "%s", db->endpoint);
        lia_error_detail(err, "%s", lia_tr("nom de serveur ou d'instance invalide", "invalid server or instance name"));
        goto out;
    }
    /* The server gets its own entry in Liaison's private FreeTDS file, so
     * FreeTDS finds it there and reads no other file: nothing of a system
     * freetds.conf overrides these settings. */
    char text[512];
    int tl;
    if (p->port > 0 || !p->instance || !*p->instance)
        tl = snprintf(text, sizeof text, "[global]\n\tencryption = %s\n[liaison]\n\thost = %s\n\tport = %d\n"
                      "\tencryption = %s\n\ttds version = %s\n", enc, p->server, p->port > 0 ? p->port : 1433, enc, ver);
    else
        tl = snprintf(text, sizeof text, "[global]\n\tencryption = %s\n[liaison]\n\thost = %s\n\tinstance = %s\n"
                      "\tencryption = %s\n\ttds version = %s\n", enc, p->server, p->instance, enc, ver);
    if (tl < 0 || (size_t)tl >= sizeof text) {
        rc = lia_fail(err, LIA_E_CONFIG_VALUE, "%s", db->endpoint);
        goto out;
    }

    pthread_mutex_lock(&login_mutex);
    /* The file is rewritten for each login, under the lock dbopen runs in. */
    if (conf_fd < 0 || ftruncate(conf_fd, 0) != 0 || pwrite(conf_fd, text, (size_t)tl, 0) != tl) {
        pthread_mutex_unlock(&login_mutex);
        rc = lia_fail(err, LIA_E_IO, "%s", conf_path[0] ? conf_path : "FREETDSCONF");
        goto out;
    }
    dbsetlogintime(p->login_timeout > 0 ? p->login_timeout : 15);
    lia_db_pending_clear(db);
    connecting = db;
    db->proc = dbopen(login, "liaison");
    connecting = NULL;
    pthread_mutex_unlock(&login_mutex);

    if (!db->proc) {
        lia_error e = db->pending;
        if (e.code == LIA_OK) {
            e.code = LIA_E_CONNECT;
            snprintf(e.detail, sizeof e.detail, "dbopen");
        }
        /* A server that reached the handshake but was dropped by FreeTDS while
         * encryption is required: it does not offer encryption. */
        if (e.code == LIA_E_CONNECT && e.os_errno == 0 && strcmp(enc, "require") == 0) {
            e.code = LIA_E_ENCRYPTION;
            snprintf(e.detail, sizeof e.detail, "%s",
                     lia_tr("encryption = require, le serveur ne propose pas le chiffrement",
                            "encryption = require, the server does not offer encryption"));
        }
        /* Say what the failure is about: the server, the login or the database. */
        if (e.code == LIA_E_LOGIN)
            snprintf(e.subject, sizeof e.subject, "%.50s@%.199s", p->user ? p->user : "", db->endpoint);
        else if (e.code == LIA_E_DB_OPEN)
            snprintf(e.subject, sizeof e.subject, "%s", p->database ? p->database : "");
        else
            snprintf(e.subject, sizeof e.subject, "%.199s", db->endpoint);
        if (err)
            *err = e;
        rc = e.code;
        goto out;
    }
    dbsetuserdata(db->proc, (BYTE *)db);
    if (p->query_timeout > 0) {
        char t[16];
        snprintf(t, sizeof t, "%d", p->query_timeout);
        /* Per connection when db-lib allows it, else for the process. */
        if (dbsetopt(db->proc, DBSETTIME, t, 0) == FAIL)
            dbsettime(p->query_timeout);
    }
    lia_db_pending_clear(db);
    db->state = LIA_DB_IDLE;
out:
    dbloginfree(login);
    return rc;
}

lia_code lia_db_connect(const lia_db_params *p, lia_db **out, lia_error *err)
{
    *out = NULL;
    pthread_once(&init_once, init_dblib);
    if (!init_ok)
        return lia_fail(err, LIA_E_INTERNAL, "dbinit");
    if (!p || !p->server || !*p->server)
        return lia_fail(err, LIA_E_CONFIG_MISSING, "server");
    lia_db *db = calloc(1, sizeof *db);
    if (!db)
        return lia_fail(err, LIA_E_NOMEM, "%s", p->server);
    db->last_count = -1;
    if (keep_params(db, p) != 0) {
        free(db);
        return lia_fail(err, LIA_E_NOMEM, "%s", p->server);
    }
    /* FreeTDS takes "host:port" and "host\instance" without a freetds.conf entry. */
    if (p->port > 0)
        snprintf(db->endpoint, sizeof db->endpoint, "%.180s:%d", p->server, p->port);
    else if (p->instance && *p->instance)
        snprintf(db->endpoint, sizeof db->endpoint, "%.120s\\%.70s", p->server, p->instance);
    else
        snprintf(db->endpoint, sizeof db->endpoint, "%.180s:1433", p->server);
    lia_code rc = open_proc(db, err);
    if (rc != LIA_OK) {
        lia_db_close(db);
        return rc;
    }
    *out = db;
    return LIA_OK;
}

lia_code lia_db_reconnect(lia_db *db, lia_error *err)
{
    if (db->proc) {
        dbsetuserdata(db->proc, NULL);
        dbclose(db->proc);
        db->proc = NULL;
    }
    db->state = LIA_DB_IDLE;
    return open_proc(db, err);
}

static void free_colbufs(lia_db *db)
{
    for (int i = 0; i < db->ncolbuf; i++)
        lia_buf_free(&db->colbuf[i]);
    free(db->colbuf);
    db->colbuf = NULL;
    db->ncolbuf = 0;
}

void lia_db_close(lia_db *db)
{
    if (!db)
        return;
    if (db->proc) {
        dbsetuserdata(db->proc, NULL);
        dbclose(db->proc);
    }
    free_colbufs(db);
    if (db->strings) {
        explicit_bzero(db->strings, db->strings_len);
        free(db->strings);
    }
    explicit_bzero(db, sizeof *db);
    free(db);
}

const char *lia_db_database(const lia_db *db)
{
    return db && db->proc ? dbname(db->proc) : "";
}

const char *lia_db_endpoint(const lia_db *db)
{
    return db ? db->endpoint : "";
}

int lia_db_alive(const lia_db *db)
{
    return db && db->proc && !dbdead(db->proc);
}

/* Drops whatever the previous batch left unread. */
static void settle(lia_db *db)
{
    if (db->state != LIA_DB_IDLE && db->proc && !dbdead(db->proc))
        dbcancel(db->proc);
    db->state = LIA_DB_IDLE;
    db->ncols = 0;
}

void lia_db_cancel(lia_db *db)
{
    if (db)
        settle(db);
}

void lia_db_set_query_name(lia_db *db, const char *name)
{
    snprintf(db->query_name, sizeof db->query_name, "%s", name ? name : "");
}

static lia_code run_query(lia_db *db, const char *name, const char *sql, const lia_param *params,
                          size_t nparams, lia_error *err)
{
    if (!db || !db->proc)
        return lia_fail(err, LIA_E_CONN_LOST, "%s", db ? db->endpoint : "");
    settle(db);
    lia_db_set_query_name(db, name);
    if (dbdead(db->proc)) {
        lia_fail(err, LIA_E_CONN_LOST, "%s", db->endpoint);
        return LIA_E_CONN_LOST;
    }
    lia_buf text = LIA_BUF_INIT;
    lia_code rc = lia_db_bind_sql(sql, params, nparams, &text, err);
    if (rc != LIA_OK) {
        lia_buf_free(&text);
        return rc;
    }
    lia_db_pending_clear(db);
    db->last_count = -1;
    dbfreebuf(db->proc);
    RETCODE r = dbcmd(db->proc, lia_buf_str(&text));
    lia_buf_free(&text);
    if (r == SUCCEED)
        r = dbsqlexec(db->proc);
    if (r == FAIL) {
        rc = lia_db_pending_take(db, "dbsqlexec", err);
        settle(db);
        return rc;
    }
    db->state = LIA_DB_SENT;
    /* Errors of the first statement may arrive with a successful send. */
    if (db->pending.code != LIA_OK) {
        rc = lia_db_pending_take(db, "dbsqlexec", err);
        settle(db);
        return rc;
    }
    return LIA_OK;
}

lia_code lia_db_query(lia_db *db, const char *sql, const lia_param *params, size_t nparams,
                      lia_error *err)
{
    return run_query(db, NULL, sql, params, nparams, err);
}

static int prepare_columns(lia_db *db)
{
    int n = dbnumcols(db->proc);
    if (n > db->ncolbuf) {
        lia_buf *nb = realloc(db->colbuf, (size_t)n * sizeof *nb);
        if (!nb)
            return -1;
        for (int i = db->ncolbuf; i < n; i++)
            nb[i] = (lia_buf)LIA_BUF_INIT;
        db->colbuf = nb;
        db->ncolbuf = n;
    }
    db->ncols = n;
    return 0;
}

int lia_db_next_result(lia_db *db, lia_error *err)
{
    if (!db || db->state == LIA_DB_IDLE)
        return 0;
    if (db->state == LIA_DB_RESULT) {
        /* Skip rows nobody read. */
        RETCODE r;
        while ((r = dbnextrow(db->proc)) != NO_MORE_ROWS)
            if (r == FAIL)
                break;
    }
    for (;;) {
        RETCODE r = dbresults(db->proc);
        if (r == NO_MORE_RESULTS) {
            db->state = LIA_DB_IDLE;
            db->ncols = 0;
            if (db->pending.code != LIA_OK) {
                lia_db_pending_take(db, "dbresults", err);
                return -1;
            }
            return 0;
        }
        if (r == FAIL || db->pending.code != LIA_OK) {
            lia_db_pending_take(db, "dbresults", err);
            settle(db);
            return -1;
        }
        if (dbiscount(db->proc))
            db->last_count = dbcount(db->proc);
        if (dbnumcols(db->proc) > 0) {
            if (prepare_columns(db) != 0) {
                lia_fail(err, LIA_E_NOMEM, "%s", db->endpoint);
                settle(db);
                return -1;
            }
            db->state = LIA_DB_RESULT;
            return 1;
        }
    }
}

int lia_db_fetch(lia_db *db, lia_error *err)
{
    if (!db || db->state != LIA_DB_RESULT)
        return 0;
    for (;;) {
        STATUS s = dbnextrow(db->proc);
        if (s == REG_ROW) {
            if (db->pending.code != LIA_OK) {
                lia_db_pending_take(db, "dbnextrow", err);
                settle(db);
                return -1;
            }
            return 1;
        }
        if (s == NO_MORE_ROWS) {
            if (dbiscount(db->proc))
                db->last_count = dbcount(db->proc);
            db->state = LIA_DB_ROWS_DONE;
            if (db->pending.code != LIA_OK) {
                lia_db_pending_take(db, "dbnextrow", err);
                settle(db);
                return -1;
            }
            return 0;
        }
        if (s == FAIL || s == BUF_FULL) {
            lia_db_pending_take(db, "dbnextrow", err);
            settle(db);
            return -1;
        }
        /* A COMPUTE row: Liaison's T-SQL has none; skip it. */
    }
}

int64_t lia_db_last_count(const lia_db *db)
{
    return db ? db->last_count : -1;
}

static lia_code run_exec(lia_db *db, const char *name, const char *sql, const lia_param *params,
                         size_t nparams, int64_t *rows, lia_error *err)
{
    lia_code rc = run_query(db, name, sql, params, nparams, err);
    if (rc != LIA_OK)
        return rc;
    int r;
    while ((r = lia_db_next_result(db, err)) > 0) {
        int f;
        while ((f = lia_db_fetch(db, err)) > 0)
            ;
        if (f < 0)
            return err ? err->code : LIA_E_SQL;
    }
    if (r < 0)
        return err ? err->code : LIA_E_SQL;
    if (rows)
        *rows = db->last_count;
    return LIA_OK;
}

lia_code lia_db_exec(lia_db *db, const char *sql, const lia_param *params, size_t nparams,
                     int64_t *rows, lia_error *err)
{
    return run_exec(db, NULL, sql, params, nparams, rows, err);
}

lia_code lia_db_query_file(lia_db *db, const char *relpath, const lia_param *params,
                           size_t nparams, lia_error *err)
{
    char *sql = NULL;
    lia_code rc = lia_sql_load(relpath, &sql, err);
    if (rc != LIA_OK)
        return rc;
    rc = run_query(db, relpath, sql, params, nparams, err);
    free(sql);
    return rc;
}

lia_code lia_db_exec_file(lia_db *db, const char *relpath, const lia_param *params,
                          size_t nparams, int64_t *rows, lia_error *err)
{
    char *sql = NULL;
    lia_code rc = lia_sql_load(relpath, &sql, err);
    if (rc != LIA_OK)
        return rc;
    rc = run_exec(db, relpath, sql, params, nparams, rows, err);
    free(sql);
    return rc;
}

/* Transactions: the T-SQL lives in sql/engine/ like every other text. */
lia_code lia_db_begin(lia_db *db, lia_error *err)
{
    return lia_db_exec_file(db, "engine/tran_begin.sql", NULL, 0, NULL, err);
}

lia_code lia_db_commit(lia_db *db, lia_error *err)
{
    return lia_db_exec_file(db, "engine/tran_commit.sql", NULL, 0, NULL, err);
}

lia_code lia_db_rollback(lia_db *db, lia_error *err)
{
    return lia_db_exec_file(db, "engine/tran_rollback.sql", NULL, 0, NULL, err);
}
