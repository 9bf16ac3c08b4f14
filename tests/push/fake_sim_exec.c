/* Test double of the simulator's T-SQL engine (sim_exec.h) for as long as
 * the real one (sim/sql) is not in the build: each batch is one statement
 * handed to SQLite as is, parameters bound by name.  The GesCom backend of
 * the SOAP endpoint only sends SQL that SQLite and T-SQL both accept, so its
 * rules can be tested on real tables. */
#include "sim_exec.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct sim_server {
    sqlite3 *db;
};
struct sim_session {
    sim_server *srv;
};

sqlite3 *fake_sim_db(sim_server *srv);
sqlite3 *fake_sim_db(sim_server *srv)
{
    return srv->db;
}

sim_server *sim_server_open(const char *data_dir, char *errbuf, size_t errlen)
{
    (void)data_dir, (void)errbuf, (void)errlen;
    sim_server *s = calloc(1, sizeof *s);
    if (s && sqlite3_open(":memory:", &s->db) != SQLITE_OK) {
        free(s);
        return NULL;
    }
    return s;
}

void sim_server_close(sim_server *srv)
{
    if (srv) {
        sqlite3_close(srv->db);
        free(srv);
    }
}

int sim_server_has_database(sim_server *srv, const char *db)
{
    (void)srv;
    return strcasecmp(db, "BIJOU") == 0 ? 0 : -1;
}

int sim_login(sim_server *srv, const char *user, const char *password, const char *database,
              char *msg, size_t msglen)
{
    (void)srv;
    if (msglen)
        msg[0] = '\0';
    if (strcmp(user, "liaison") || strcmp(password, "demo"))
        return 18456;
    return strcasecmp(database, "BIJOU") == 0 ? 0 : 4060;
}

sim_session *sim_session_new(sim_server *srv, const char *user, const char *database)
{
    (void)user, (void)database;
    sim_session *s = calloc(1, sizeof *s);
    if (s)
        s->srv = srv;
    return s;
}

void sim_session_free(sim_session *s)
{
    free(s);
}

const char *sim_session_database(const sim_session *s)
{
    (void)s;
    return "BIJOU";
}

void sim_session_cancel(sim_session *s)
{
    (void)s;
}

int sim_exec_batch(sim_session *s, const char *sql, const sim_param *params, int nparams,
                   sim_sink *sink)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->srv->db, sql, -1, &st, NULL) != SQLITE_OK) {
        sink->message(sink->ctx, 102, 1, 15, sqlite3_errmsg(s->srv->db), 1);
        return 0;
    }
    for (int i = 0; i < nparams; i++) {
        int k = sqlite3_bind_parameter_index(st, params[i].name);
        if (k == 0)
            continue;
        if (params[i].value.is_null)
            sqlite3_bind_null(st, k);
        else
            sqlite3_bind_text(st, k, params[i].value.text, (int)params[i].value.len, SQLITE_TRANSIENT);
    }
    int rc, rows = 0, ncols = sqlite3_column_count(st);
    sim_column cols[32];
    sim_value vals[32];
    if (ncols > 32)
        ncols = 32;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (rows++ == 0) {
            for (int i = 0; i < ncols; i++) {
                memset(&cols[i], 0, sizeof cols[i]);
                cols[i].name = sqlite3_column_name(st, i);
                cols[i].type.kind = SIM_T_NVARCHAR;
            }
            sink->columns(sink->ctx, cols, ncols);
        }
        for (int i = 0; i < ncols; i++) {
            memset(&vals[i], 0, sizeof vals[i]);
            vals[i].is_null = sqlite3_column_type(st, i) == SQLITE_NULL;
            vals[i].text = (const char *)sqlite3_column_text(st, i);
            vals[i].len = (size_t)sqlite3_column_bytes(st, i);
        }
        sink->row(sink->ctx, vals, ncols);
    }
    if (rc != SQLITE_DONE)
        sink->message(sink->ctx, 2627, 1, 14, sqlite3_errmsg(s->srv->db), 1);
    sink->done(sink->ctx, rows ? rows : sqlite3_changes(s->srv->db), 1, 0);
    sqlite3_finalize(st);
    return 0;
}
