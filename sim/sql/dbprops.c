/* Database properties (collation, user access, updateability, recovery):
 * what DATABASEPROPERTYEX reads and ALTER DATABASE sets.  They live in the
 * database's own file (table __sim_dbprops), so they survive a restart like
 * SQL Server's; a database without the table has SQL Server's defaults.
 * Also counts the sessions using each database, for SINGLE_USER (924). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine.h"

typedef struct prop_default {
    const char *name, *value;
} prop_default;

/* The server's collation is French_CI_AS, so a new database gets it. */
static const prop_default defaults[] = {
    {"Collation", "French_CI_AS"}, {"UserAccess", "MULTI_USER"}, {"Updateability", "READ_WRITE"},
    {"Status", "ONLINE"},          {"Recovery", "SIMPLE"},
};

/* Collations a CREATE/ALTER DATABASE ... COLLATE may name: the ones GesCom
 * sites use.  Anything else is 448, as SQL Server says for an unknown name. */
static const char *collations[] = {
    "French_CI_AS",  "French_CS_AS",  "French_CI_AI",  "French_BIN",  "French_BIN2",
    "Latin1_General_CI_AS", "Latin1_General_CS_AS", "Latin1_General_CI_AI", "Latin1_General_BIN",
    "Latin1_General_BIN2", "SQL_Latin1_General_CP1_CI_AS", "SQL_Latin1_General_CP1_CS_AS",
    "SQL_Latin1_General_CP1_CI_AI",
};

const char *dbprops_collation(const char *name)
{
    for (size_t i = 0; name && i < sizeof collations / sizeof collations[0]; i++)
        if (strcasecmp(name, collations[i]) == 0)
            return collations[i];
    return NULL;
}

static const char *default_of(const char *prop)
{
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
        if (strcasecmp(prop, defaults[i].name) == 0)
            return defaults[i].value;
    return NULL;
}

int dbprops_get(sim_server *srv, const char *db, const char *prop, char *out, size_t len)
{
    const char *def = default_of(prop);
    if (!def)
        return -1;
    if (!db || strcasecmp(db, "master") == 0 || strcasecmp(db, "tempdb") == 0) {
        snprintf(out, len, "%s", def);
        return 0;
    }
    char *path = server_db_path(srv, db);
    if (!path)
        return -1;
    snprintf(out, len, "%s", def);
    sqlite3 *c;
    if (sqlite3_open_v2(path, &c, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_busy_timeout(c, 10000);
        sqlite3_stmt *q;
        if (sqlite3_prepare_v2(c, "SELECT value FROM __sim_dbprops WHERE name = ?1 COLLATE NOCASE", -1, &q, NULL) ==
            SQLITE_OK) {
            sqlite3_bind_text(q, 1, prop, -1, SQLITE_STATIC);
            if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
                snprintf(out, len, "%s", (const char *)sqlite3_column_text(q, 0));
            sqlite3_finalize(q);
        }
    }
    sqlite3_close(c);
    free(path);
    return 0;
}

int dbprops_set(sim_server *srv, const char *db, const char *prop, const char *value, char *err, size_t errlen)
{
    char *path = server_db_path(srv, db);
    if (!path) {
        snprintf(err, errlen, "database '%s' does not exist", db);
        return -1;
    }
    sqlite3 *c;
    int rc = sqlite3_open_v2(path, &c, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(c, 10000);
        rc = sqlite3_exec(c, "CREATE TABLE IF NOT EXISTS __sim_dbprops(name TEXT PRIMARY KEY COLLATE NOCASE, value TEXT)",
                          NULL, NULL, NULL);
    }
    sqlite3_stmt *q = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(c, "INSERT OR REPLACE INTO __sim_dbprops(name, value) VALUES (?1, ?2)", -1, &q, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(q, 1, prop, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, value, -1, SQLITE_STATIC);
        rc = sqlite3_step(q) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    if (rc != SQLITE_OK)
        snprintf(err, errlen, "cannot record %s of '%s': %s", prop, db, sqlite3_errmsg(c));
    sqlite3_finalize(q);
    sqlite3_close(c);
    free(path);
    if (rc == SQLITE_OK)
        srv->props_gen++;   /* sessions re-read READ_ONLY before their next write */
    return rc == SQLITE_OK ? 0 : -1;
}

int dbprops_readonly(sim_session *s)
{
    int gen = s->srv->props_gen;
    if (s->ro_gen != gen + 1) {
        char v[64];
        s->ro = s->database && dbprops_get(s->srv, s->database, "Updateability", v, sizeof v) == 0 &&
                strcasecmp(v, "READ_ONLY") == 0;
        s->ro_gen = gen + 1;
    }
    return s->ro;
}

/* Sessions per database: a fixed table is enough for a test server. */
void dbprops_use(sim_server *srv, const char *db, int delta)
{
    if (!db)
        return;
    pthread_mutex_lock(&srv->mu);
    int free_slot = -1;
    for (int i = 0; i < SIM_MAX_DBS; i++) {
        if (srv->use[i].n > 0 && strcasecmp(srv->use[i].name, db) == 0) {
            srv->use[i].n += delta;
            pthread_mutex_unlock(&srv->mu);
            return;
        }
        if (srv->use[i].n <= 0 && free_slot < 0)
            free_slot = i;
    }
    if (delta > 0 && free_slot >= 0) {
        snprintf(srv->use[free_slot].name, sizeof srv->use[free_slot].name, "%s", db);
        srv->use[free_slot].n = delta;
    }
    pthread_mutex_unlock(&srv->mu);
}

int dbprops_single_user_busy(sim_server *srv, const char *db)
{
    char v[64];
    if (!db || dbprops_get(srv, db, "UserAccess", v, sizeof v) != 0 || strcasecmp(v, "SINGLE_USER") != 0)
        return 0;
    int n = 0;
    pthread_mutex_lock(&srv->mu);
    for (int i = 0; i < SIM_MAX_DBS; i++)
        if (srv->use[i].n > 0 && strcasecmp(srv->use[i].name, db) == 0)
            n = srv->use[i].n;
    pthread_mutex_unlock(&srv->mu);
    return n > 0;
}
