/* Private state of a connection, shared by the db_*.c files. */
#ifndef LIA_DB_INTERNAL_H
#define LIA_DB_INTERNAL_H

#include "liaison/buf.h"
#include "liaison/db.h"

#include <sybfront.h>
#include <sybdb.h>

enum lia_db_state {
    LIA_DB_IDLE,      /* nothing pending */
    LIA_DB_SENT,      /* batch sent, no result read yet */
    LIA_DB_RESULT,    /* a result set is open: rows may be fetched */
    LIA_DB_ROWS_DONE  /* the open result set has been read to its end */
};

struct lia_db {
    DBPROCESS *proc;
    enum lia_db_state state;
    lia_error pending;     /* filled by the db-lib handlers for this connection */
    int64_t last_count;    /* last DONE row count, -1 if none */
    int ncols;
    lia_buf *colbuf;       /* one text buffer per column of the open result set */
    int ncolbuf;
    char endpoint[200];    /* host:port or host\instance, for messages */
    char query_name[128];  /* name of the T-SQL text being run, for messages */
    /* Copy of the parameters, to reconnect after a lost connection. */
    lia_db_params params;
    char *strings;         /* storage behind params' strings; wiped on close */
    size_t strings_len;
};

/* Handler plumbing (db.c): the error a connection's handlers filled. */
void lia_db_pending_clear(lia_db *db);
/* Copies the handler's error into err, with subject when none was given;
 * returns its code (LIA_E_SQL with the failing call when handlers said nothing). */
lia_code lia_db_pending_take(lia_db *db, const char *call, lia_error *err);

#endif
