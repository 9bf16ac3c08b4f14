/* Private structures of the T-SQL engine: server, session, translated
 * batches ("plans") and the helpers shared by the engine's files. */
#ifndef SIM_ENGINE_H
#define SIM_ENGINE_H

#include <pthread.h>
#include <sqlite3.h>

#include "sim_exec.h"
#include "sbuf.h"

#define SIM_MAX_DBS 64

typedef struct sim_login_entry {
    char *user, *password;
    int reader;
    int msdb;       /* may read msdb (owner, auditor) */
} sim_login_entry;

typedef struct sim_applock {
    char *resource;
    sim_session *owner;
    int count;
} sim_applock;

struct sim_server {
    char *dir;
    pthread_mutex_t mu;
    pthread_cond_t cv;          /* applock released */
    sim_login_entry *logins;
    int nlogins;
    sim_applock *locks;
    int nlocks, caplocks;
    int next_spid;
    _Atomic int props_gen;      /* bumped by ALTER DATABASE (dbprops.c) */
    _Atomic int msdb_ready;     /* msdb.c */
    int msdb_creating;
    struct {
        char name[128];
        int n;
    } use[SIM_MAX_DBS];         /* sessions per database, for SINGLE_USER */
};

/* Statement kinds of a translated batch. */
typedef enum st_kind {
    ST_SQL,      /* SQLite statement, result rows when it is a query */
    ST_BLOCK, ST_IF, ST_WHILE, ST_TRY,
    ST_DECLARE,  /* var [= expr] */
    ST_SETVAR,   /* var = expr (sql is "SELECT expr") */
    ST_SELVAR,   /* SELECT @a = x, @b = y ... (sql selects x, y) */
    ST_BEGIN, ST_COMMIT, ST_ROLLBACK, ST_SAVE,
    ST_USE, ST_PRINT, ST_RAISERROR, ST_THROW,
    ST_GETLOCK, ST_RELLOCK, ST_NOOP, ST_CREATEDB, ST_RETURN, ST_BREAK, ST_CONTINUE,
    ST_CREATE_SCHEMA, ST_IDENTITY_INSERT,
    ST_ALTERDB, ST_BACKUP, ST_WAITFOR   /* exec_admin.c */
} st_kind;

/* Deferred type of a result column: known, or derived from the declared
 * type of a column expression (probe) by an aggregate. */
typedef enum hint_op { H_UNKNOWN, H_KNOWN, H_SAME, H_SUM, H_AVG, H_FLOOR } hint_op;
/* H_FLOOR: FLOOR/CEILING of a column, a decimal(p,s) becomes decimal(p,0) */

typedef struct col_hint {
    hint_op op;
    sim_type type;   /* H_KNOWN */
    char *probe;     /* SQLite text of the column expression (H_SAME/SUM/AVG) */
    char *name;      /* result column name ("" for an unnamed expression), NULL = SQLite's */
    char *tail;      /* FROM clause to probe with, when not the statement's (CTE, subquery) */
    int star;        /* this select item is * or t.* */
} col_hint;

typedef struct stmt stmt;
struct stmt {
    st_kind kind;
    int line;
    char *sql;            /* SQLite text */
    sqlite3_stmt *ps;     /* prepared lazily, kept with the cached plan */
    int query;            /* returns rows */
    int counts;           /* DML: rows affected go to DONE */
    col_hint *hints;
    int nhints;
    char *probe_tail;     /* " FROM ..." to probe the declared types of hint columns */
    int *vars;            /* ST_SELVAR: target variable per column; */
    int nvars;
    int var;              /* ST_DECLARE/ST_SETVAR target */
    sim_type vtype;       /* ST_DECLARE */
    char *perm;           /* write statement: "INSERT", "UPDATE", "DELETE", "CREATE TABLE"... */
    char *obj;            /* its object (for 229) */
    char *text;           /* USE: database; PRINT/RAISERROR/THROW: extra */
    char *ident_table;    /* INSERT into a table: SQLite name, for SCOPE_IDENTITY */
    int args[4];
    stmt *body, *alt;     /* IF / WHILE / TRY-CATCH */
    stmt **list;          /* BLOCK */
    int nlist;
    int create_view;      /* CREATE VIEW: record column types */
    char *inscols;        /* INSERT: ",col,col," as written (lower case), NULL without a list */
    int ins_at;           /* INSERT without a column list: offset in sql after the table */
    char *identcol;       /* INSERT: the target's identity column ("" none), found once */
    char *dec_table;      /* INSERT/UPDATE: SQLite name of the target ("T", "DB"."T") when sql
                             holds decstore markers around the values it stores (decstore.c) */
    char *prop, *arg;     /* ALTER/CREATE DATABASE: property and value; BACKUP: device;
                             writes: the database of a three-part target name */
};

typedef struct plan_var {
    char *name;      /* "@x", lower-case */
    sim_type type;
    int param;       /* index in the batch parameters, or -1 */
} plan_var;

typedef struct plan {
    char *key;
    stmt *root;          /* ST_BLOCK */
    plan_var *vars;
    int nvars;
    /* compile error: the batch does not run at all */
    int err, err_state, err_sev, err_line;
    char *err_text;
    int uses;
    uint32_t hash;
    char **attach;       /* databases the plan names with three-part names */
    int nattach;
} plan;

void plan_note_attach(plan *pl, const char *db);

#define PLAN_CACHE 64

struct sim_session {
    sim_server *srv;
    sqlite3 *db;
    char *user;
    char *database;       /* canonical name as the folder spells it */
    int reader;
    int msdb;             /* may read msdb */
    int ro, ro_gen;       /* current database READ_ONLY, as of props_gen ro_gen - 1 */
    int spid;
    int trancount;
    int64_t rowcount;
    int64_t scope_identity;
    int has_identity;
    int last_error;
    _Atomic int cancel;
    int xact_abort;
    int nocount;
    int cache_dirty;
    plan *cache[PLAN_CACHE];
    int ncache;
    char *attached[SIM_MAX_DBS];
    int nattached;
    /* current execution */
    sim_sink *sink;
    sqlite3_value **vals;
    int nvals;
    int ident_insert_on;
    char *ident_insert_table;
    /* error raised by one of our SQL functions during a step */
    int fn_err, fn_state, fn_sev;
    char fn_text[1024];
    char dupkey[512];
    int in_catch;
    int catch_err, catch_sev, catch_state, catch_line;
    char catch_text[1024];
};

/* types.c */
int type_parse(const char *decl, sim_type *t);      /* 0 ok */
void type_format(const sim_type *t, sbuf *out);      /* "decimal(24,6)" */
const char *type_name(sim_type_kind k);
int type_is_string(const sim_type *t);
int type_is_numeric(const sim_type *t);

/* collate.c */
int collate_register(sqlite3 *db);
int collate_french_ci(const char *a, int na, const char *b, int nb);
int collate_cs(const char *a, int na, const char *b, int nb);
int tsql_like(const char *pat, int np, const char *s, int ns, int esc, int ci);

/* funcs.c */
int funcs_register(sqlite3 *db, sim_session *s);
/* Sets an error that the executor reports with SQL Server's number. */
void fn_error(sqlite3_context *ctx, sim_session *s, int num, int state, int sev, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
uint32_t object_id_of(const char *sqlite_name);

/* decfn.c: exact decimal functions, SUM/AVG and the TSQL_DEC collation */
int decfn_register(sqlite3 *db, sim_session *s);
/* + - * / when an operand is a decimal text: 1 when it set the result. */
int dec_arith(sqlite3_context *ctx, sqlite3_value **argv, int op);

/* decstore.c: values stored into decimal columns are rounded to the
 * column's scale.  The translator wraps each stored value in markers
 * (DS_BEGIN kind arg DS_MID value DS_END; kind 'V' = k-th target column of
 * the INSERT, 'C' = the named column of an UPDATE, 'S' = a SELECT feeding
 * all the target columns); before the statement is first prepared they
 * become t_dround(value, scale) for decimal columns and vanish otherwise. */
#define DS_BEGIN '\x01'
#define DS_MID '\x02'
#define DS_END '\x03'
int decstore_resolve(sqlite3 *db, stmt *st);   /* rewrites st->sql; 0 ok */

/* translate.c */
plan *plan_build(sim_session *s, const char *sql, const sim_param *params, int nparams);
void plan_free(plan *p);

/* catalog.c */
int catalog_install(sqlite3 *db);
/* "dbo.T" / "T" / "liaison.X" -> SQLite table name (malloc) */
char *catalog_sqlite_name(const char *two_part);
/* SQLite name -> schema and object parts */
void catalog_split(const char *sqlite_name, char *schema, size_t sl, char *name, size_t nl);

/* dbprops.c */
/* Property of database db (SQL Server's default when never set) into out; -1
 * when db does not exist or prop is unknown. */
int dbprops_get(sim_server *srv, const char *db, const char *prop, char *out, size_t len);
int dbprops_set(sim_server *srv, const char *db, const char *prop, const char *value, char *err, size_t errlen);
const char *dbprops_collation(const char *name);   /* canonical spelling, NULL when unknown */
int dbprops_readonly(sim_session *s);               /* current database is READ_ONLY */
void dbprops_use(sim_server *srv, const char *db, int delta);
int dbprops_single_user_busy(sim_server *srv, const char *db);

/* msdb.c */
int msdb_is(const char *db);
int msdb_ensure(sim_server *srv);                   /* creates msdb on first use */
int msdb_record_backup(sim_server *srv, const char *db, const char *user, const char *device, int copy_only,
                       long long bytes, const char *start, const char *finish, char *err, size_t errlen);

/* server.c */
char *server_db_path_plain(sim_server *srv, const char *db); /* without creating msdb */
char *server_db_path(sim_server *srv, const char *db);   /* NULL when missing */
char *server_db_canon(sim_server *srv, const char *db);  /* canonical spelling or NULL */
sqlite3 *server_open_db(sim_server *srv, const char *path, sim_session *s, char *err, size_t errlen);
int session_attach(sim_session *s, const char *db);      /* 0 ok; attaches as its upper name */
int session_open_db(sim_session *s, const char *db, char *err, size_t errlen);
void applock_release_all(sim_session *s);

/* exec.c */
int send_error(sim_session *s, int num, int state, int sev, int line, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

#endif
