/* A tiny stand-in for the T-SQL engine (sim_exec.h), compiled only into the
 * TDS tests so the protocol is tested on its own, with known results.
 * Commands (whole batch, case-sensitive):
 *   SELECT 1 | TYPES | TWO | ROWS n | SLEEP | ECHO | USE db | ERROR n |
 *   BULKCOUNT | anything with LIMIT (error 102) | INSERT INTO ... (bulk rows) |
 *   OUTPUTS (one row, then each OUTPUT parameter reported with the value it came with). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "sim_exec.h"

struct sim_server { int dummy; };
struct sim_session { char db[64]; volatile int cancel; };

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static long g_bulk_rows;
static char g_bulk_last[256];

sim_server *sim_server_open(const char *data_dir, char *errbuf, size_t errlen)
{
    (void)data_dir; (void)errbuf; (void)errlen;
    return calloc(1, sizeof(sim_server));
}

void sim_server_close(sim_server *srv) { free(srv); }

int sim_server_has_database(sim_server *srv, const char *db)
{
    (void)srv;
    return strcasecmp(db, "master") == 0 || strcasecmp(db, "BIJOU") == 0 || strcasecmp(db, "LIAISON_CRM") == 0 ? 0 : -1;
}

static char g_logins[16][2][64];
static int g_nlogins;

int sim_server_add_login(sim_server *srv, const char *user, const char *password, const char *role)
{
    (void)srv; (void)role;
    if (g_nlogins >= 16) return -1;
    snprintf(g_logins[g_nlogins][0], 64, "%s", user);
    snprintf(g_logins[g_nlogins][1], 64, "%s", password);
    g_nlogins++;
    return 0;
}

/* Logins of a file are accepted besides the fixed liaison/demo, lecteur/demo. */
int sim_server_set_logins(sim_server *srv, const char *path, char *errbuf, size_t errlen)
{
    char u[64], p[64], r[16];
    FILE *f = fopen(path, "r");
    if (!f) { snprintf(errbuf, errlen, "cannot open"); return -1; }
    while (fscanf(f, "%63s %63s %15s", u, p, r) == 3) sim_server_add_login(srv, u, p, r);
    fclose(f);
    return 0;
}

int sim_server_create_database(sim_server *srv, const char *name, char *errbuf, size_t errlen)
{
    (void)srv; (void)name; (void)errbuf; (void)errlen;
    return -1;
}

static int known_login(const char *user, const char *password)
{
    if ((strcmp(user, "liaison") == 0 || strcmp(user, "lecteur") == 0) && strcmp(password, "demo") == 0) return 1;
    for (int i = 0; i < g_nlogins; i++)
        if (strcmp(user, g_logins[i][0]) == 0 && strcmp(password, g_logins[i][1]) == 0) return 1;
    return 0;
}

int sim_login(sim_server *srv, const char *user, const char *password, const char *database, char *msg, size_t msglen)
{
    if (!known_login(user, password)) {
        snprintf(msg, msglen, "Login failed for user '%s'.", user);
        return 18456;
    }
    if (database && sim_server_has_database(srv, database) != 0) {
        snprintf(msg, msglen, "Cannot open database \"%s\" requested by the login. The login failed.", database);
        return 4060;
    }
    return 0;
}

sim_session *sim_session_new(sim_server *srv, const char *user, const char *database)
{
    (void)srv; (void)user;
    sim_session *s = calloc(1, sizeof *s);
    if (s) snprintf(s->db, sizeof s->db, "%s", database ? database : "master");
    return s;
}

void sim_session_free(sim_session *s) { free(s); }
const char *sim_session_database(const sim_session *s) { return s->db; }
void sim_session_cancel(sim_session *s) { s->cancel = 1; }

static sim_value txt(const char *s)
{
    sim_value v;
    memset(&v, 0, sizeof v);
    v.text = s;
    v.len = strlen(s);
    return v;
}

static sim_value num(int64_t i)
{
    sim_value v;
    memset(&v, 0, sizeof v);
    v.i = i;
    return v;
}

#define COL(n, k, l, p, sc) {n, {k, l, p, sc, 1}}

static int types(sim_sink *k)
{
    static const sim_column cols[] = {
        COL("b", SIM_T_BIT, 0, 0, 0), COL("ti", SIM_T_TINYINT, 0, 0, 0),
        COL("si", SIM_T_SMALLINT, 0, 0, 0), COL("i", SIM_T_INT, 0, 0, 0),
        COL("bi", SIM_T_BIGINT, 0, 0, 0), COL("dec", SIM_T_DECIMAL, 0, 18, 4),
        COL("m", SIM_T_MONEY, 0, 19, 4), COL("f", SIM_T_FLOAT, 0, 0, 0),
        COL("dt", SIM_T_DATETIME, 0, 0, 0), COL("sdt", SIM_T_SMALLDATETIME, 0, 0, 0),
        COL("dt2", SIM_T_DATETIME2, 0, 0, 7), COL("d", SIM_T_DATE, 0, 0, 0),
        COL("c", SIM_T_CHAR, 5, 0, 0), COL("vc", SIM_T_VARCHAR, 35, 0, 0),
        COL("nc", SIM_T_NCHAR, 3, 0, 0), COL("nvc", SIM_T_NVARCHAR, 35, 0, 0),
        COL("vmax", SIM_T_VARCHAR, -1, 0, 0), COL("nmax", SIM_T_NVARCHAR, -1, 0, 0),
        COL("vb", SIM_T_VARBINARY, 16, 0, 0)};
    enum { N = sizeof cols / sizeof cols[0] };
    sim_value v[N];
    if (k->columns(k->ctx, cols, N)) return -1;
    v[0] = num(1); v[1] = num(255); v[2] = num(-32768); v[3] = num(-2147483647 - 1);
    v[4] = num(INT64_C(9007199254740993)); v[5] = txt("-12345678901234.5678");
    v[6] = txt("1234.5600"); v[7] = num(0); v[7].f = 3.25;
    v[8] = txt("2024-02-29 13:45:30.123"); v[9] = txt("2024-02-29 13:46:00");
    v[10] = txt("2024-02-29 13:45:30.1234567"); v[11] = txt("2024-02-29");
    v[12] = txt("ab"); v[13] = txt("Bijouterie Élégance – été €"); v[14] = txt("é");
    v[15] = txt("Ça coûte 5 € – 日本"); v[16] = txt("grand texte éà"); v[17] = txt("𝄞 clé");
    v[18] = num(0); v[18].blob = "\x01\x02\xff"; v[18].len = 3;
    if (k->row(k->ctx, v, N)) return -1;
    for (int i = 0; i < N; i++) { memset(&v[i], 0, sizeof v[i]); v[i].is_null = 1; }
    if (k->row(k->ctx, v, N)) return -1;
    return k->done(k->ctx, 2, 1, 0) ? -1 : 0;
}

static int rows(sim_session *s, sim_sink *k, long n, int forever)
{
    static const sim_column cols[] = {COL("n", SIM_T_INT, 0, 0, 0), COL("label", SIM_T_VARCHAR, 40, 0, 0)};
    char buf[64];
    if (k->columns(k->ctx, cols, 2)) return -1;
    long i;
    for (i = 0; forever ? i < 200000L : i < n && i < 5000000L; i++) {
        if (s->cancel) { s->cancel = 0; return -1; }
        sim_value v[2] = {num(i + 1), txt("")};
        snprintf(buf, sizeof buf, "ligne numéro %ld", i + 1);
        v[1] = txt(buf);
        if (k->row(k->ctx, v, 2)) return -1;
    }
    return k->done(k->ctx, i, 1, 0) ? -1 : 0;
}

static int echo(sim_sink *k, const sim_param *p, int n)
{
    sim_column cols[64];
    sim_value v[64];
    if (n > 64) n = 64;
    for (int i = 0; i < n; i++) {
        cols[i].name = p[i].name;
        cols[i].type = p[i].type;
        cols[i].type.nullable = 1;
        v[i] = p[i].value;
    }
    if (k->columns(k->ctx, cols, n) || k->row(k->ctx, v, n)) return -1;
    return k->done(k->ctx, 1, 1, 0) ? -1 : 0;
}

int sim_exec_batch(sim_session *s, const char *sql_in, const sim_param *params, int nparams, sim_sink *k)
{
    static const sim_column one[] = {COL("", SIM_T_INT, 0, 0, 0)};
    char msg[256], sql[512];
    /* Clients add spaces and newlines around a batch. */
    while (*sql_in == ' ' || *sql_in == '\n' || *sql_in == '\r' || *sql_in == '\t') sql_in++;
    snprintf(sql, sizeof sql, "%s", sql_in);
    for (size_t n = strlen(sql); n > 0 && strchr(" \r\n\t;", sql[n - 1]); n--) sql[n - 1] = '\0';
    s->cancel = 0;
    if (strcasecmp(sql, "select * from BULKT") == 0 || strcasecmp(sql, "select * from dbo.BULKT") == 0) {
        static const sim_column bc[] = {{"id", {SIM_T_INT, 0, 0, 0, 0}}, {"nom", {SIM_T_VARCHAR, 40, 0, 0, 1}},
                                        {"montant", {SIM_T_DECIMAL, 0, 24, 6, 1}}};
        if (k->columns(k->ctx, bc, 3)) return -1;
        return k->done(k->ctx, 0, 1, 0) ? -1 : 0;
    }
    if (strstr(sql, "LIMIT")) {
        k->message(k->ctx, 102, 1, 15, "Incorrect syntax near 'LIMIT'.", 1);
        return 0;
    }
    if (strcmp(sql, "SELECT 1") == 0) {
        sim_value v = num(1);
        if (k->columns(k->ctx, one, 1) || k->row(k->ctx, &v, 1)) return -1;
        return k->done(k->ctx, 1, 1, 0) ? -1 : 0;
    }
    if (strcmp(sql, "SELECT TWO") == 0) {
        sim_value v = num(1);
        if (k->columns(k->ctx, one, 1) || k->row(k->ctx, &v, 1) || k->done(k->ctx, 1, 1, 1)) return -1;
        v = num(2);
        if (k->columns(k->ctx, one, 1) || k->row(k->ctx, &v, 1) || k->row(k->ctx, &v, 1)) return -1;
        return k->done(k->ctx, 2, 1, 0) ? -1 : 0;
    }
    if (strcmp(sql, "TYPES") == 0) return types(k);
    if (strcmp(sql, "BUSY") == 0) {
        /* Works 10 s without a callback unless cancelled (watcher test). */
        for (int i = 0; i < 10000 && !s->cancel; i++) {
            struct timespec ts = {0, 1000000};
            nanosleep(&ts, NULL);
        }
        if (s->cancel) { s->cancel = 0; return -1; }
        return k->done(k->ctx, 0, 0, 0) ? -1 : 0;
    }
    if (strncmp(sql, "ROWS ", 5) == 0) return rows(s, k, atol(sql + 5), 0);
    if (strcmp(sql, "SLEEP") == 0) return rows(s, k, 0, 1);
    if (strncmp(sql, "ECHO", 4) == 0) return echo(k, params, nparams);
    if (strcmp(sql, "OUTPUTS") == 0) {
        sim_value v = num(1);
        if (k->columns(k->ctx, one, 1) || k->row(k->ctx, &v, 1) || k->done(k->ctx, 1, 1, 0)) return -1;
        for (int i = 0; i < nparams; i++)
            if (params[i].output && k->output && k->output(k->ctx, i, &params[i].type, &params[i].value)) return -1;
        return 0;
    }
    if (strncmp(sql, "USE ", 4) == 0) {
        if (sim_server_has_database(NULL, sql + 4) != 0) {
            snprintf(msg, sizeof msg, "Database '%.60s' does not exist. Make sure that the name is entered correctly.", sql + 4);
            k->message(k->ctx, 911, 1, 16, msg, 1);
            return 0;
        }
        char old[64];
        snprintf(old, sizeof old, "%s", s->db);
        snprintf(s->db, sizeof s->db, "%.60s", sql + 4);
        return k->env_database(k->ctx, old, s->db) ? -1 : 0;
    }
    if (strncmp(sql, "ERROR ", 6) == 0) {
        snprintf(msg, sizeof msg, "Simulated error %d.", atoi(sql + 6));
        k->message(k->ctx, atoi(sql + 6), 1, 16, msg, 1);
        return k->done(k->ctx, 0, 0, 0) ? -1 : 0;
    }
    if (strcmp(sql, "BULKCOUNT") == 0) {
        pthread_mutex_lock(&g_mu);
        sim_value v[2] = {num(g_bulk_rows), txt(g_bulk_last)};
        static const sim_column c2[] = {COL("n", SIM_T_INT, 0, 0, 0), COL("last", SIM_T_NVARCHAR, 200, 0, 0)};
        int r = k->columns(k->ctx, c2, 2) || k->row(k->ctx, v, 2);
        pthread_mutex_unlock(&g_mu);
        if (r) return -1;
        return k->done(k->ctx, 1, 1, 0) ? -1 : 0;
    }
    if (strncmp(sql, "INSERT INTO ", 12) == 0) {
        pthread_mutex_lock(&g_mu);
        g_bulk_rows++;
        snprintf(g_bulk_last, sizeof g_bulk_last, "%.180s|%d", sql, nparams);
        for (int i = 0; i < nparams; i++) {
            size_t l = strlen(g_bulk_last);
            const sim_value *v = &params[i].value;
            if (v->is_null) snprintf(g_bulk_last + l, sizeof g_bulk_last - l, "|NULL");
            else if (v->text) snprintf(g_bulk_last + l, sizeof g_bulk_last - l, "|%s", v->text);
            else snprintf(g_bulk_last + l, sizeof g_bulk_last - l, "|%lld", (long long)v->i);
        }
        pthread_mutex_unlock(&g_mu);
        return k->done(k->ctx, 1, 1, 0) ? -1 : 0;
    }
    if (strncasecmp(sql, "set ", 4) == 0) return k->done(k->ctx, 0, 0, 0) ? -1 : 0;
    if (strstr(sql, "TRANSACTION")) return k->done(k->ctx, 0, 0, 0) ? -1 : 0;
    snprintf(msg, sizeof msg, "Incorrect syntax near '%.40s'.", sql);
    k->message(k->ctx, 102, 1, 15, msg, 1);
    return 0;
}
