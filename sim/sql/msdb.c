/* msdb: the system database that keeps the backup history.  It exists on
 * every SQL Server, so the simulator creates it in the data folder the first
 * time a name resolves to it; BACKUP DATABASE records its backups there, as
 * SQL Server does, and owners may write rows of their own (test fixtures). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine.h"

/* The columns of SQL Server's backupset and backupmediafamily that backup
 * checks read, with their types. */
static const char *msdb_schema =
    "CREATE TABLE dbo.backupmediafamily (\n"
    "    media_set_id int IDENTITY(1, 1) NOT NULL,\n"
    "    family_sequence_number tinyint NOT NULL,\n"
    "    physical_device_name nvarchar(260) NULL,\n"
    "    device_type tinyint NULL\n"
    ");\n"
    "CREATE TABLE dbo.backupset (\n"
    "    backup_set_id int IDENTITY(1, 1) NOT NULL,\n"
    "    media_set_id int NOT NULL,\n"
    "    name nvarchar(128) NULL,\n"
    "    user_name nvarchar(128) NULL,\n"
    "    database_name nvarchar(128) NULL,\n"
    "    server_name nvarchar(128) NULL,\n"
    "    machine_name nvarchar(128) NULL,\n"
    "    type char(1) NULL,\n"
    "    backup_start_date datetime NULL,\n"
    "    backup_finish_date datetime NULL,\n"
    "    backup_size numeric(20, 0) NULL,\n"
    "    compressed_backup_size numeric(20, 0) NULL,\n"
    "    is_copy_only bit NULL,\n"
    "    recovery_model nvarchar(60) NULL,\n"
    "    collation_name nvarchar(128) NULL\n"
    ");\n";

/* Recursive: creating msdb opens a session on it, which resolves the name
 * again on the same thread; other threads wait until the schema is there. */
static pthread_mutex_t msdb_mu;
static pthread_once_t msdb_once = PTHREAD_ONCE_INIT;

static void msdb_mu_init(void)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&msdb_mu, &a);
    pthread_mutexattr_destroy(&a);
}

static int note_error(void *ctx, int number, int state, int severity, const char *text, int line)
{
    (void)number, (void)state, (void)line;
    if (severity >= 11) {
        *(int *)ctx = 1;
        fprintf(stderr, "liaison-sim: msdb: %s\n", text);
    }
    return 0;
}

int msdb_is(const char *db) { return db && strcasecmp(db, "msdb") == 0; }

int msdb_ensure(sim_server *srv)
{
    if (srv->msdb_ready)
        return 0;
    pthread_once(&msdb_once, msdb_mu_init);
    pthread_mutex_lock(&msdb_mu);
    int rc = 0;
    if (!srv->msdb_ready && !srv->msdb_creating) {
        char *path = server_db_path_plain(srv, "msdb");
        if (!path) {
            char err[512];
            srv->msdb_creating = 1;
            rc = sim_server_create_database(srv, "msdb", err, sizeof err);
            if (rc == 0) {
                /* The schema goes through the engine, so its types are T-SQL's. */
                sim_session *s = sim_session_new(srv, "", "msdb");
                int failed = 0;
                sim_sink sink = {.ctx = &failed, .message = note_error};
                rc = s && sim_exec_batch(s, msdb_schema, NULL, 0, &sink) == 0 && !failed ? 0 : -1;
                sim_session_free(s);
            }
            srv->msdb_creating = 0;
        }
        free(path);
        if (rc == 0)
            srv->msdb_ready = 1;
    }
    pthread_mutex_unlock(&msdb_mu);
    return rc;
}

static sim_param text_param(const char *name, const char *v)
{
    sim_param p = {0};
    p.name = name;
    p.type.kind = SIM_T_NVARCHAR;
    p.type.length = 4000;
    p.value.text = v;
    p.value.len = strlen(v);
    return p;
}

/* The rows go through the engine like any INSERT, so the columns' rules
 * (types, checks, identities) apply as to rows a client writes. */
static const char *record_sql =
    "SET XACT_ABORT ON;\n"
    "BEGIN TRAN;\n"
    "INSERT INTO dbo.backupmediafamily (family_sequence_number, physical_device_name, device_type)\n"
    "VALUES (1, @device, 2);\n"
    "INSERT INTO dbo.backupset (media_set_id, name, user_name, database_name, server_name, machine_name, type,\n"
    "    backup_start_date, backup_finish_date, backup_size, compressed_backup_size, is_copy_only,\n"
    "    recovery_model, collation_name)\n"
    "VALUES (SCOPE_IDENTITY(), @db, @user, @db, @@SERVERNAME, @@SERVERNAME, 'D', @start, @finish,\n"
    "    CAST(@bytes AS numeric(20, 0)), CAST(@bytes AS numeric(20, 0)), CAST(@copy AS bit), @recovery,\n"
    "    @collation);\n"
    "COMMIT;\n";

int msdb_record_backup(sim_server *srv, const char *db, const char *user, const char *device, int copy_only,
                       long long bytes, const char *start, const char *finish, char *err, size_t errlen)
{
    if (msdb_ensure(srv) != 0) {
        snprintf(err, errlen, "msdb cannot be created");
        return -1;
    }
    char collation[64], recovery[64], size[32];
    dbprops_get(srv, db, "Collation", collation, sizeof collation);
    dbprops_get(srv, db, "Recovery", recovery, sizeof recovery);
    snprintf(size, sizeof size, "%lld", bytes);
    sim_param p[] = {
        text_param("@device", device), text_param("@db", db),         text_param("@user", user),
        text_param("@start", start),   text_param("@finish", finish), text_param("@bytes", size),
        text_param("@copy", copy_only ? "1" : "0"), text_param("@recovery", recovery),
        text_param("@collation", collation),
    };
    sim_session *s = sim_session_new(srv, "", "msdb");
    int failed = 0;
    sim_sink sink = {.ctx = &failed, .message = note_error};
    int rc = s && sim_exec_batch(s, record_sql, p, (int)(sizeof p / sizeof p[0]), &sink) == 0 && !failed ? 0 : -1;
    sim_session_free(s);
    if (rc != 0)
        snprintf(err, errlen, "backup history not recorded in msdb");
    return rc;
}
