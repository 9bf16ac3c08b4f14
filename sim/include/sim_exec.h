/* Contract between the simulator's TDS front (sim/tds/) and its T-SQL engine
 * (sim/sql/): the TDS side decodes requests and calls sim_exec_batch(); the
 * engine translates the T-SQL to SQLite, runs it and reports results through
 * the sink, row by row (rows are streamed, never collected). */
#ifndef SIM_EXEC_H
#define SIM_EXEC_H

#include <stddef.h>
#include <stdint.h>

/* SQL Server types the simulator serves. */
typedef enum sim_type_kind {
    SIM_T_BIT, SIM_T_TINYINT, SIM_T_SMALLINT, SIM_T_INT, SIM_T_BIGINT,
    SIM_T_DECIMAL,   /* precision, scale; value as exact text "-123.450000" */
    SIM_T_MONEY,     /* value as exact text, scale 4 */
    SIM_T_FLOAT,     /* 8-byte float */
    SIM_T_DATETIME, SIM_T_SMALLDATETIME, SIM_T_DATETIME2, SIM_T_DATE,
    SIM_T_CHAR, SIM_T_VARCHAR,   /* Windows-1252 on the wire; UTF-8 in text */
    SIM_T_NCHAR, SIM_T_NVARCHAR, /* UTF-16LE on the wire; UTF-8 in text */
    SIM_T_VARBINARY
} sim_type_kind;

typedef struct sim_type {
    sim_type_kind kind;
    int length;     /* chars for (n)char/(n)varchar, bytes for varbinary; -1 = max */
    int precision;  /* decimal */
    int scale;      /* decimal, datetime2 */
    int nullable;
} sim_type;

typedef struct sim_column {
    const char *name;   /* UTF-8 */
    sim_type type;
} sim_column;

/* A value: text carries decimal/money as exact text, dates as
 * "YYYY-MM-DD HH:MM:SS[.fffffff]" or "YYYY-MM-DD", strings as UTF-8. */
typedef struct sim_value {
    int is_null;
    int64_t i;          /* bit and integer kinds */
    double f;           /* float */
    const char *text;   /* decimal, money, dates, strings */
    size_t len;         /* bytes of text, or of blob */
    const void *blob;   /* varbinary */
} sim_value;

/* Parameter of an RPC (sp_executesql) call, already decoded by the TDS side. */
typedef struct sim_param {
    const char *name;   /* "@p1", UTF-8 */
    sim_type type;
    sim_value value;
    int output;
} sim_param;

/* Results go back through these callbacks; a non-zero return from any of
 * them (e.g. the client cancelled) stops the batch. */
typedef struct sim_sink {
    void *ctx;
    int (*columns)(void *ctx, const sim_column *cols, int ncols);
    int (*row)(void *ctx, const sim_value *vals, int ncols);
    /* End of one statement: count = rows affected or returned, has_count
     * as in DONE_COUNT; more = another statement follows. */
    int (*done)(void *ctx, int64_t count, int has_count, int more);
    /* SQL Server error (severity >= 11) or info message (severity <= 10). */
    int (*message)(void *ctx, int number, int state, int severity,
                   const char *text, int line);
    /* The current database changed (USE): the TDS side sends ENVCHANGE. */
    int (*env_database)(void *ctx, const char *old_db, const char *new_db);
    /* Optional (NULL: not wanted): after the batch's last DONE, the value of
     * each OUTPUT parameter (param = its index in the batch's parameters) as
     * the batch left it, in the parameter's type; value is valid during the
     * call only.  The TDS side turns them into RETURNVALUE tokens. */
    int (*output)(void *ctx, int param, const sim_type *type, const sim_value *value);
} sim_sink;

typedef struct sim_server sim_server;   /* data folder, logins, databases */
typedef struct sim_session sim_session; /* one connection: current db, variables, transaction */

/* Opens the data folder: one SQLite file per database (docs/simulator.md). */
sim_server *sim_server_open(const char *data_dir, char *errbuf, size_t errlen);
void sim_server_close(sim_server *srv);
/* 0 when the database exists (case-insensitive), -1 otherwise. */
int sim_server_has_database(sim_server *srv, const char *db);

/* Logins: replaces them with a file's (one per line: user password
 * owner|reader); sim_server_open already reads data_dir/logins if present.
 * 0 ok, -1 with errbuf. */
int sim_server_set_logins(sim_server *srv, const char *path, char *errbuf, size_t errlen);
/* Adds one login; role "owner" (everything) or "reader" (SELECT only). */
int sim_server_add_login(sim_server *srv, const char *user, const char *password, const char *role);
/* Creates an empty database data_dir/<name>.sqlite: 0 ok, 1801 when it
 * exists (SQL Server's text in errbuf), -1 other errors. */
int sim_server_create_database(sim_server *srv, const char *name, char *errbuf, size_t errlen);

/* Login check: 0 ok; otherwise a SQL Server error number (18456, 4060)
 * with the text SQL Server would send written into msg. */
int sim_login(sim_server *srv, const char *user, const char *password,
              const char *database, char *msg, size_t msglen);

sim_session *sim_session_new(sim_server *srv, const char *user, const char *database);
void sim_session_free(sim_session *s);
const char *sim_session_database(const sim_session *s);

/* Executes one batch (several statements possible).  Returns 0 when the
 * batch ran (errors included, they were sent to the sink), -1 when the sink
 * asked to stop. */
int sim_exec_batch(sim_session *s, const char *sql, const sim_param *params,
                   int nparams, sim_sink *sink);

/* Asks a running batch of this session to stop (ATTENTION); thread-safe. */
void sim_session_cancel(sim_session *s);

#endif
