/* The TDS connection layer over FreeTDS db-lib (module prefix lia_db_).
 *
 * One lia_db is one connection.  Queries are T-SQL texts loaded from sql/
 * (lia_sql_load) with parameters bound safely, never concatenated.  Rows are
 * streamed: a result set is read row by row with typed column access. */
#ifndef LIAISON_DB_H
#define LIAISON_DB_H

#include <stddef.h>
#include <stdint.h>

#include "liaison/buf.h"
#include "liaison/error.h"

typedef struct lia_db lia_db;

typedef struct lia_db_params {
    const char *label;        /* "gescom" or "crm": for messages and the journal */
    const char *server;       /* host name or address */
    int port;                 /* 0 = default 1433 (or the instance's port) */
    const char *instance;     /* named instance, or NULL */
    const char *database;
    const char *user;
    const char *password;     /* never logged, never printed */
    const char *tds_version;  /* "7.4" by default */
    const char *encryption;   /* "off", "request", "require" */
    int login_timeout;        /* seconds, 0 = 15 */
    int query_timeout;        /* seconds, 0 = none */
    const char *app_name;     /* "liaison" by default */
} lia_db_params;

lia_code lia_db_connect(const lia_db_params *p, lia_db **out, lia_error *err);
void lia_db_close(lia_db *db);
const char *lia_db_database(const lia_db *db);  /* current database name */

/* Parameter types.  Text is UTF-8 and sent as nvarchar; decimals and dates
 * as exact text ("1234.50", "2026-03-04 10:15:00"). */
typedef enum lia_param_type {
    LIA_P_NULL, LIA_P_INT, LIA_P_BIGINT, LIA_P_TEXT, LIA_P_DECIMAL, LIA_P_DATETIME, LIA_P_BIT
} lia_param_type;

typedef struct lia_param {
    const char *name;    /* "@CT_Num" */
    lia_param_type type;
    int64_t i;           /* INT, BIGINT, BIT */
    const char *s;       /* TEXT, DECIMAL, DATETIME; NULL means SQL NULL */
} lia_param;

#define LIA_PARAM_INT(n, v) ((lia_param){(n), LIA_P_INT, (v), NULL})
#define LIA_PARAM_BIGINT(n, v) ((lia_param){(n), LIA_P_BIGINT, (v), NULL})
#define LIA_PARAM_TEXT(n, v) ((lia_param){(n), LIA_P_TEXT, 0, (v)})
#define LIA_PARAM_DECIMAL(n, v) ((lia_param){(n), LIA_P_DECIMAL, 0, (v)})
#define LIA_PARAM_DATETIME(n, v) ((lia_param){(n), LIA_P_DATETIME, 0, (v)})

/* Sends a batch and positions before its first result set. */
lia_code lia_db_query(lia_db *db, const char *sql, const lia_param *params, size_t nparams,
                      lia_error *err);
/* 1: a result set with columns is ready; 0: no more results; -1: error (err set). */
int lia_db_next_result(lia_db *db, lia_error *err);
/* 1: a row is ready; 0: end of this result set; -1: error. */
int lia_db_fetch(lia_db *db, lia_error *err);
/* Runs a batch to completion, discarding rows; *rows (may be NULL) gets the
 * last DONE count.  Errors of any statement fail the call. */
lia_code lia_db_exec(lia_db *db, const char *sql, const lia_param *params, size_t nparams,
                     int64_t *rows, lia_error *err);
/* Cancels what is left of the current batch. */
void lia_db_cancel(lia_db *db);

int lia_db_ncols(lia_db *db);
const char *lia_db_colname(lia_db *db, int col);   /* col from 0 */
int lia_db_isnull(lia_db *db, int col);
/* Any value as UTF-8 text: decimals exact, dates "YYYY-MM-DD HH:MM:SS[.mmm]";
 * NULL for SQL NULL.  Valid until the next fetch. */
const char *lia_db_str(lia_db *db, int col);
/* 0 ok, -1 NULL or not an integer. */
int lia_db_int64(lia_db *db, int col, int64_t *out);
/* Exact decimal scaled by 10^scale (money never goes through float): 0 ok, -1 otherwise. */
int lia_db_decimal(lia_db *db, int col, int scale, int64_t *scaled);

lia_code lia_db_begin(lia_db *db, lia_error *err);
lia_code lia_db_commit(lia_db *db, lia_error *err);
lia_code lia_db_rollback(lia_db *db, lia_error *err);

/* Calls fn until it succeeds or fails with a non-transient error (deadlock
 * victim and lost connection are transient); capped exponential back-off.
 * Only for operations that are safe to repeat. */
lia_code lia_db_retry(lia_code (*fn)(void *ctx, lia_error *err), void *ctx, int max_attempts,
                      lia_error *err);

/* T-SQL texts live in sql/ (C code holds no SQL).  Loads sql/<relpath>,
 * looking in LIAISON_SQL_DIR, the source tree, then the install data dir.
 * Caller frees *text. */
lia_code lia_sql_load(const char *relpath, char **text, lia_error *err);

/* ---- Additions to the contract (engine) ---- */

/* lia_db_query/lia_db_exec on the T-SQL text sql/<relpath>; errors carry
 * relpath as their subject. */
lia_code lia_db_query_file(lia_db *db, const char *relpath, const lia_param *params,
                           size_t nparams, lia_error *err);
lia_code lia_db_exec_file(lia_db *db, const char *relpath, const lia_param *params,
                          size_t nparams, int64_t *rows, lia_error *err);
/* Row count of the last statement that reported one, -1 if none. */
int64_t lia_db_last_count(const lia_db *db);
/* "host:port" or "host\instance" as connected to. */
const char *lia_db_endpoint(const lia_db *db);
/* 1 while the connection is usable. */
int lia_db_alive(const lia_db *db);
/* Closes and reopens the connection with the same parameters (after
 * LIA_E_CONN_LOST, typically inside a lia_db_retry callback). */
lia_code lia_db_reconnect(lia_db *db, lia_error *err);
/* Name used as the subject of errors of the next statements (a file name). */
void lia_db_set_query_name(lia_db *db, const char *name);

/* 1 for codes lia_db_retry tries again (deadlock victim, connection lost). */
int lia_db_transient(lia_code code);
/* Back-off of lia_db_retry: first delay and cap in milliseconds
 * (default 200 ms doubling up to 5 s). */
void lia_db_retry_delays(int first_ms, int max_ms);

/* Parameter binding, as lia_db_query does it: each @name of params in sql
 * (outside strings, quoted names and comments) becomes a typed literal.
 * Text: N'...' with quotes doubled, valid UTF-8 without NUL required;
 * INT/BIGINT: "(n)"; DECIMAL: "([+-]digits[.digits])" validated;
 * DATETIME: CAST('YYYY-MM-DDTHH:MM:SS.mmm' AS datetime) validated;
 * BIT: CAST(0|1 AS bit).  Appends to out. */
lia_code lia_db_bind_sql(const char *sql, const lia_param *params, size_t nparams, lia_buf *out,
                         lia_error *err);
/* Appends one parameter's literal. */
lia_code lia_db_param_literal(lia_buf *out, const lia_param *p, lia_error *err);
/* Appends s (len bytes) as an N'...' literal; fails on NUL or invalid UTF-8. */
lia_code lia_db_quote_text(lia_buf *out, const char *s, size_t len, lia_error *err);

/* Exact decimal text ("-1234.5", "0.125") to an integer scaled by
 * 10^scale (0..18); extra digits round half away from zero.  0 ok, -1 on
 * syntax error or overflow. */
int lia_decimal_parse(const char *text, int scale, int64_t *scaled);
/* Scaled integer back to text with exactly scale decimals; returns buf. */
const char *lia_decimal_format(int64_t scaled, int scale, char *buf, size_t size);

#define LIA_PARAM_BIT(n, v) ((lia_param){(n), LIA_P_BIT, (v), NULL})
#define LIA_PARAM_NULL(n) ((lia_param){(n), LIA_P_NULL, 0, NULL})

#endif
