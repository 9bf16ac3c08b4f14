/* Server: data folder (one <NAME>.sqlite file per database, names matched
 * case-insensitively), logins, sessions (one SQLite connection each). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "engine.h"

#define DB_SUFFIX ".sqlite"

static char *canon_in_dir(const char *dir, const char *db)
{
    if (!db || !*db || strchr(db, '/') || strchr(db, '\\') || strstr(db, ".."))
        return NULL;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    struct dirent *e;
    char *r = NULL;
    size_t sl = strlen(DB_SUFFIX);
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n <= sl || strcmp(e->d_name + n - sl, DB_SUFFIX) != 0)
            continue;
        if (n - sl == strlen(db) && strncasecmp(e->d_name, db, n - sl) == 0) {
            r = strndup(e->d_name, n - sl);
            break;
        }
    }
    closedir(d);
    return r;
}

char *server_db_canon(sim_server *srv, const char *db)
{
    if (msdb_is(db))
        msdb_ensure(srv);
    return canon_in_dir(srv->dir, db);
}

char *server_db_path(sim_server *srv, const char *db)
{
    if (msdb_is(db))
        msdb_ensure(srv);
    return server_db_path_plain(srv, db);
}

char *server_db_path_plain(sim_server *srv, const char *db)
{
    char *c = canon_in_dir(srv->dir, db);
    if (!c)
        return NULL;
    size_t n = strlen(srv->dir) + strlen(c) + sizeof DB_SUFFIX + 2;
    char *p = malloc(n);
    if (!p)
        abort();
    snprintf(p, n, "%s/%s%s", srv->dir, c, DB_SUFFIX);
    free(c);
    return p;
}

int sim_server_has_database(sim_server *srv, const char *db)
{
    if (msdb_is(db))
        msdb_ensure(srv);
    char *c = canon_in_dir(srv->dir, db);
    free(c);
    return c ? 0 : -1;
}

static void free_logins(sim_server *srv)
{
    for (int i = 0; i < srv->nlogins; i++) {
        free(srv->logins[i].user);
        free(srv->logins[i].password);
    }
    free(srv->logins);
    srv->logins = NULL;
    srv->nlogins = 0;
}

int sim_server_add_login(sim_server *srv, const char *user, const char *password, const char *role)
{
    /* auditor: a reader that was also granted SELECT on msdb's backup history */
    if (!user || !password || !role ||
        (strcmp(role, "owner") != 0 && strcmp(role, "reader") != 0 && strcmp(role, "auditor") != 0))
        return -1;
    pthread_mutex_lock(&srv->mu);
    sim_login_entry *n = realloc(srv->logins, (size_t)(srv->nlogins + 1) * sizeof *n);
    if (!n) {
        pthread_mutex_unlock(&srv->mu);
        return -1;
    }
    srv->logins = n;
    n[srv->nlogins].user = strdup(user);
    n[srv->nlogins].password = strdup(password);
    n[srv->nlogins].reader = strcmp(role, "owner") != 0;
    n[srv->nlogins].msdb = strcmp(role, "reader") != 0;
    srv->nlogins++;
    pthread_mutex_unlock(&srv->mu);
    return 0;
}

int sim_server_set_logins(sim_server *srv, const char *path, char *errbuf, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(errbuf, errlen, "cannot read logins file '%s': %s", path, strerror(errno));
        return -1;
    }
    pthread_mutex_lock(&srv->mu);
    free_logins(srv);
    pthread_mutex_unlock(&srv->mu);
    char line[1024];
    int ln = 0, rc = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        char *p = line;
        while (isspace((unsigned char)*p))
            p++;
        if (!*p || *p == '#')
            continue;
        char u[256], pw[256], role[32];
        if (sscanf(p, "%255s %255s %31s", u, pw, role) != 3 || sim_server_add_login(srv, u, pw, role) != 0) {
            snprintf(errbuf, errlen, "bad login line %d in '%s' (expected: user password owner|reader|auditor)", ln, path);
            rc = -1;
            break;
        }
    }
    fclose(f);
    return rc;
}

sim_server *sim_server_open(const char *data_dir, char *errbuf, size_t errlen)
{
    struct stat st;
    if (!data_dir || stat(data_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(errbuf, errlen, "data folder '%s' does not exist", data_dir ? data_dir : "(null)");
        return NULL;
    }
    sim_server *srv = calloc(1, sizeof *srv);
    if (!srv) {
        snprintf(errbuf, errlen, "out of memory");
        return NULL;
    }
    srv->dir = strdup(data_dir);
    pthread_mutex_init(&srv->mu, NULL);
    pthread_cond_init(&srv->cv, NULL);
    srv->next_spid = 51;
    char path[4096];
    snprintf(path, sizeof path, "%s/logins", data_dir);
    if (stat(path, &st) == 0 && sim_server_set_logins(srv, path, errbuf, errlen) != 0) {
        sim_server_close(srv);
        return NULL;
    }
    return srv;
}

void sim_server_close(sim_server *srv)
{
    if (!srv)
        return;
    free_logins(srv);
    for (int i = 0; i < srv->nlocks; i++)
        free(srv->locks[i].resource);
    free(srv->locks);
    pthread_mutex_destroy(&srv->mu);
    pthread_cond_destroy(&srv->cv);
    free(srv->dir);
    free(srv);
}

int sim_server_create_database(sim_server *srv, const char *name, char *errbuf, size_t errlen)
{
    if (!name || !*name || strlen(name) > 120) {
        snprintf(errbuf, errlen, "invalid database name");
        return -1;
    }
    for (const char *c = name; *c; c++)
        if (!(isalnum((unsigned char)*c) || *c == '_' || *c == '-' || *c == '$')) {
            snprintf(errbuf, errlen, "invalid database name '%s'", name);
            return -1;
        }
    pthread_mutex_lock(&srv->mu);
    char *exists = canon_in_dir(srv->dir, name);
    free(exists);
    if (exists) {
        pthread_mutex_unlock(&srv->mu);
        snprintf(errbuf, errlen, "Database '%s' already exists. Choose a different database name.", name);
        return 1801;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s%s", srv->dir, name, DB_SUFFIX);
    sqlite3 *db;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db,
                          "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS __sim_schemas(name nvarchar(128) PRIMARY KEY COLLATE NOCASE);"
                          "CREATE TABLE IF NOT EXISTS __sim_identity(tbl TEXT, col TEXT, type TEXT, PRIMARY KEY (tbl, col))",
                          NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        snprintf(errbuf, errlen, "cannot create database '%s': %s", path, sqlite3_errmsg(db));
    sqlite3_close(db);
    pthread_mutex_unlock(&srv->mu);
    return rc == SQLITE_OK ? 0 : -1;
}

int sim_login(sim_server *srv, const char *user, const char *password, const char *database, char *msg,
              size_t msglen)
{
    int ok = 0;
    pthread_mutex_lock(&srv->mu);
    for (int i = 0; i < srv->nlogins; i++)
        if (user && password && strcmp(srv->logins[i].user, user) == 0 &&
            strcmp(srv->logins[i].password, password) == 0)
            ok = 1;
    pthread_mutex_unlock(&srv->mu);
    if (!ok) {
        snprintf(msg, msglen, "Login failed for user '%s'.", user ? user : "");
        return 18456;
    }
    if (database && *database && strcasecmp(database, "master") != 0 && sim_server_has_database(srv, database) != 0) {
        snprintf(msg, msglen, "Cannot open database \"%s\" requested by the login. The login failed.", database);
        return 4060;
    }
    if (database && dbprops_single_user_busy(srv, database)) {
        snprintf(msg, msglen, "Database '%s' is already open and can only have one user at a time.", database);
        return 924;
    }
    if (msglen)
        msg[0] = 0;
    return 0;
}

static int progress(void *arg)
{
    sim_session *s = arg;
    return s->cancel;
}

sqlite3 *server_open_db(sim_server *srv, const char *path, sim_session *s, char *err, size_t errlen)
{
    (void)srv;
    sqlite3 *db;
    int rc = sqlite3_open_v2(path ? path : ":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "%s", sqlite3_errmsg(db));
        sqlite3_close(db);
        return NULL;
    }
    /* "x" is always an identifier (QUOTED_IDENTIFIER ON), never a string */
    sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, (int *)0);
    sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, (int *)0);
    sqlite3_busy_timeout(db, 10000);
    sqlite3_exec(db, "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16000", NULL, NULL,
                 NULL);
    extern int exec_register(sqlite3 * db, sim_session * s);
    if (collate_register(db) != SQLITE_OK || funcs_register(db, s) != SQLITE_OK || decfn_register(db, s) != SQLITE_OK || exec_register(db, s) != SQLITE_OK ||
        catalog_install(db) != SQLITE_OK) {
        snprintf(err, errlen, "cannot prepare connection: %s", sqlite3_errmsg(db));
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_progress_handler(db, 1000, progress, s);
    return db;
}

int session_attach(sim_session *s, const char *db)
{
    char up[256];
    snprintf(up, sizeof up, "%s", db);
    for (char *u = up; *u; u++)
        *u = (char)toupper((unsigned char)*u);
    for (int i = 0; i < s->nattached; i++)
        if (strcmp(s->attached[i], up) == 0)
            return 0;
    if (s->nattached >= SIM_MAX_DBS)
        return -1;
    char *path = server_db_path(s->srv, db);
    if (!path)
        return -1;
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, "ATTACH DATABASE ?1 AS ?2", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, up, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_finalize(st);
    }
    free(path);
    if (rc != SQLITE_OK)
        return -1;
    s->attached[s->nattached++] = strdup(up);
    return 0;
}

static void cache_clear(sim_session *s)
{
    for (int i = 0; i < s->ncache; i++)
        plan_free(s->cache[i]);
    s->ncache = 0;
}

/* (Re)opens the session connection on database db (NULL or master = an
 * empty in-memory database). */
int session_open_db(sim_session *s, const char *db, char *err, size_t errlen)
{
    char *path = NULL, *canon = NULL;
    if (db && *db && strcasecmp(db, "master") != 0) {
        path = server_db_path(s->srv, db);
        canon = server_db_canon(s->srv, db);
        if (!path) {
            snprintf(err, errlen, "Cannot open database \"%s\" requested by the login. The login failed.", db);
            free(canon);
            return -1;
        }
    }
    sqlite3 *conn = server_open_db(s->srv, path, s, err, errlen);
    free(path);
    if (!conn) {
        free(canon);
        return -1;
    }
    if (!s->db)
        cache_clear(s);
    else
        s->cache_dirty = 1; /* the running batch still uses its plan; cleared after it */
    if (s->db)
        sqlite3_close_v2(s->db);
    for (int i = 0; i < s->nattached; i++)
        free(s->attached[i]);
    s->nattached = 0;
    s->db = conn;
    dbprops_use(s->srv, s->database, -1);
    free(s->database);
    s->database = canon ? canon : strdup("master");
    dbprops_use(s->srv, s->database, +1);
    s->ro_gen = 0;
    return 0;
}

sim_session *sim_session_new(sim_server *srv, const char *user, const char *database)
{
    sim_session *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->srv = srv;
    s->user = strdup(user ? user : "");
    pthread_mutex_lock(&srv->mu);
    s->msdb = 1;   /* the engine's own sessions (no login) are owners */
    for (int i = 0; i < srv->nlogins; i++)
        if (user && strcmp(srv->logins[i].user, user) == 0) {
            s->reader = srv->logins[i].reader;
            s->msdb = srv->logins[i].msdb;
        }
    s->spid = srv->next_spid++;
    pthread_mutex_unlock(&srv->mu);
    char err[256];
    if (session_open_db(s, database, err, sizeof err) != 0) {
        if (getenv("SIM_SQL_DEBUG"))
            fprintf(stderr, "session: %s\n", err);
        free(s->user);
        free(s);
        return NULL;
    }
    return s;
}

void sim_session_free(sim_session *s)
{
    if (!s)
        return;
    applock_release_all(s);
    cache_clear(s);
    dbprops_use(s->srv, s->database, -1);
    if (s->db) {
        if (!sqlite3_get_autocommit(s->db))
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close_v2(s->db);
    }
    for (int i = 0; i < s->nattached; i++)
        free(s->attached[i]);
    free(s->ident_insert_table);
    free(s->user);
    free(s->database);
    free(s);
}

const char *sim_session_database(const sim_session *s) { return s->database; }

void sim_session_cancel(sim_session *s)
{
    s->cancel = 1;
    if (s->db)
        sqlite3_interrupt(s->db);
}
