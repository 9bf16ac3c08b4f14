/* Test driver of the simulator's T-SQL engine: runs the batches of a case
 * file (separated by lines "GO") through sim_exec_batch and prints results
 * and messages in a canonical text form, compared with NAME.expected.
 *
 * Directives (lines starting with "--!"):
 *   --! session NAME [USER [DATABASE]]  switch to (or open) a session
 *   --! params @name type value [OUTPUT] ...  parameters of the next batch
 *                                        (value: NULL, 'text' or a literal;
 *                                        type: int, decimal(p,s), nvarchar...;
 *                                        OUTPUT ones are printed after the batch)
 *   --! login USER PASSWORD [DATABASE]   print sim_login's answer
 *   --! repeat N                         run the next batch N times, print once
 *   --! createdb NAME                    sim_server_create_database
 * The data folder is fresh, with databases TEST and OTHER and logins
 * "owner secret owner", "reader secret reader" and "auditor secret auditor"
 * (a reader granted msdb). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim_exec.h"

static int cols_cb(void *ctx, const sim_column *cols, int n)
{
    (void)ctx;
    printf("columns:");
    for (int i = 0; i < n; i++) {
        const sim_type *t = &cols[i].type;
        static const char *k[] = {"bit", "tinyint", "smallint", "int", "bigint", "decimal", "money", "float",
                                  "datetime", "smalldatetime", "datetime2", "date", "char", "varchar", "nchar",
                                  "nvarchar", "varbinary"};
        printf("%s [%s] %s", i ? "," : "", cols[i].name, k[t->kind]);
        if (t->kind == SIM_T_DECIMAL)
            printf("(%d,%d)", t->precision, t->scale);
        else if (t->kind == SIM_T_DATETIME2)
            printf("(%d)", t->scale);
        else if (t->kind >= SIM_T_CHAR)
            t->length < 0 ? printf("(max)") : printf("(%d)", t->length);
    }
    printf("\n");
    return 0;
}

static int kinds[64];
static int nk;

static int cols_keep(void *ctx, const sim_column *cols, int n)
{
    for (int i = 0; i < n && i < 64; i++)
        kinds[i] = cols[i].type.kind;
    nk = n;
    return cols_cb(ctx, cols, n);
}

static int row_cb(void *ctx, const sim_value *v, int n)
{
    (void)ctx;
    printf("row:");
    for (int i = 0; i < n; i++) {
        printf("%s", i ? " |" : "");
        if (v[i].is_null) {
            printf(" NULL");
            continue;
        }
        int k = i < nk ? kinds[i] : SIM_T_VARCHAR;
        if (k <= SIM_T_BIGINT)
            printf(" %lld", (long long)v[i].i);
        else if (k == SIM_T_FLOAT)
            printf(" %.15g", v[i].f);
        else if (k == SIM_T_VARBINARY) {
            printf(" 0x");
            for (size_t j = 0; j < v[i].len; j++)
                printf("%02X", ((const unsigned char *)v[i].blob)[j]);
        } else
            printf(" %.*s", (int)v[i].len, v[i].text);
    }
    printf("\n");
    return 0;
}

static int done_cb(void *ctx, int64_t count, int has, int more)
{
    (void)ctx;
    if (has)
        printf("done: %lld rows%s\n", (long long)count, more ? "" : " (end)");
    else
        printf("done%s\n", more ? "" : " (end)");
    return 0;
}

static int msg_cb(void *ctx, int num, int state, int sev, const char *text, int line)
{
    (void)ctx;
    printf("%s %d, level %d, state %d, line %d: %s\n", sev > 10 ? "error" : "info", num, sev, state, line, text);
    return 0;
}

static int env_cb(void *ctx, const char *o, const char *n)
{
    (void)ctx;
    printf("envchange database: %s -> %s\n", o, n);
    return 0;
}

static const sim_param *out_params;

static int output_cb(void *ctx, int param, const sim_type *t, const sim_value *v)
{
    (void)ctx;
    printf("output %s:", out_params[param].name);
    if (v->is_null)
        printf(" NULL\n");
    else if (t->kind <= SIM_T_BIGINT)
        printf(" %lld\n", (long long)v->i);
    else if (t->kind == SIM_T_FLOAT)
        printf(" %.15g\n", v->f);
    else if (t->kind == SIM_T_VARBINARY) {
        printf(" 0x");
        for (size_t j = 0; j < v->len; j++)
            printf("%02X", ((const unsigned char *)v->blob)[j]);
        printf("\n");
    } else
        printf(" %.*s\n", (int)v->len, v->text);
    return 0;
}

static int quiet_cols(void *c, const sim_column *x, int n) { (void)c; (void)x; (void)n; return 0; }
static int quiet_row(void *c, const sim_value *v, int n) { (void)c; (void)v; (void)n; return 0; }
static int quiet_done(void *c, int64_t a, int b, int d) { (void)c; (void)a; (void)b; (void)d; return 0; }

typedef struct sess {
    char name[256];
    sim_session *s;
} sess;

static sim_type parse_ptype(const char *t)
{
    sim_type ty;
    memset(&ty, 0, sizeof ty);
    ty.nullable = 1;
    if (strncmp(t, "int", 3) == 0) ty.kind = SIM_T_INT;
    else if (strncmp(t, "bigint", 6) == 0) ty.kind = SIM_T_BIGINT;
    else if (strncmp(t, "bit", 3) == 0) ty.kind = SIM_T_BIT;
    else if (strncmp(t, "float", 5) == 0) ty.kind = SIM_T_FLOAT;
    else if (strncmp(t, "decimal", 7) == 0) {
        ty.kind = SIM_T_DECIMAL;
        ty.precision = 24;
        ty.scale = 6;
        sscanf(t + 7, "(%d,%d)", &ty.precision, &ty.scale);
    }
    else if (strncmp(t, "datetime", 8) == 0) ty.kind = SIM_T_DATETIME;
    else if (strncmp(t, "nvarchar", 8) == 0) {
        ty.kind = SIM_T_NVARCHAR;
        ty.length = 4000;
        sscanf(t + 8, "(%d)", &ty.length);
    }
    else if (strncmp(t, "varbinary", 9) == 0) { ty.kind = SIM_T_VARBINARY; ty.length = 8000; }
    else { ty.kind = SIM_T_VARCHAR; ty.length = 8000; }
    return ty;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: sqlrun CASE.sql\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    char dir[] = "/tmp/simsqlXXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/logins", dir);
    FILE *l = fopen(path, "w");
    fprintf(l, "owner secret owner\nreader secret reader\nauditor secret auditor\n");
    fclose(l);
    sim_server *srv = sim_server_open(dir, err, sizeof err);
    if (!srv || sim_server_create_database(srv, "TEST", err, sizeof err) != 0 ||
        sim_server_create_database(srv, "OTHER", err, sizeof err) != 0) {
        fprintf(stderr, "setup: %s\n", err);
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    sess sessions[16];
    int nsess = 1;
    snprintf(sessions[0].name, sizeof sessions[0].name, "main");
    sessions[0].s = sim_session_new(srv, "owner", "TEST");
    sess *cur = &sessions[0];
    sim_sink sink = {NULL, cols_keep, row_cb, done_cb, msg_cb, env_cb, output_cb};
    sim_sink quiet = {NULL, quiet_cols, quiet_row, quiet_done, msg_cb, env_cb, NULL};
    char line[8192];
    char *batch = NULL;
    size_t blen = 0;
    sim_param params[16];
    char *pstore[48];
    int np = 0, nstore = 0, repeat = 1, nbatch = 0;
    for (;;) {
        char *got = fgets(line, sizeof line, f);
        int is_go = got && (strcmp(line, "GO\n") == 0 || strcmp(line, "GO") == 0);
        if (!got || is_go) {
            if (batch && blen) {
                int only_ws = 1;
                for (size_t i = 0; i < blen; i++)
                    if (batch[i] != ' ' && batch[i] != '\n' && batch[i] != '\t')
                        only_ws = 0;
                if (!only_ws) {
                    nbatch++;
                    printf("-- batch %d\n", nbatch);
                    for (int r = 1; r < repeat; r++)
                        sim_exec_batch(cur->s, batch, params, np, &quiet);
                    out_params = params;
                    sim_exec_batch(cur->s, batch, params, np, &sink);
                }
                blen = 0;
                batch[0] = 0;
                np = 0;
                for (int i = 0; i < nstore; i++)
                    free(pstore[i]);
                nstore = 0;
                repeat = 1;
            }
            if (!got)
                break;
            continue;
        }
        if (strncmp(line, "--! ", 4) == 0) {
            char a[256] = "", b[256] = "", c[256] = "";
            if (sscanf(line + 4, "session %255s %255s %255s", a, b, c) >= 1) {
                int i;
                for (i = 0; i < nsess; i++)
                    if (strcmp(sessions[i].name, a) == 0)
                        break;
                if (i == nsess && nsess < 16) {
                    snprintf(sessions[i].name, sizeof sessions[i].name, "%s", a);
                    sessions[i].s = sim_session_new(srv, b[0] ? b : "owner", c[0] ? c : "TEST");
                    if (!sessions[i].s) {
                        printf("session %s: cannot open\n", a);
                        continue;
                    }
                    nsess++;
                }
                cur = &sessions[i];
            } else if (sscanf(line + 4, "login %255s %255s %255s", a, b, c) >= 2) {
                char msg[512];
                int r = sim_login(srv, a, b, c[0] ? c : NULL, msg, sizeof msg);
                printf("login %s: %d %s\n", a, r, msg);
            } else if (sscanf(line + 4, "createdb %255s", a) == 1) {
                int r = sim_server_create_database(srv, a, err, sizeof err);
                printf("createdb %s: %d %s\n", a, r, r ? err : "");
            } else if (sscanf(line + 4, "repeat %d", &repeat) == 1) {
            } else if (strncmp(line + 4, "params", 6) == 0) {
                /* @name type value */
                char *p = line + 10;
                while (*p && np < 16) {
                    while (*p == ' ')
                        p++;
                    if (!*p || *p == '\n')
                        break;
                    char nm[64], ty[64];
                    int used = 0;
                    if (sscanf(p, "%63s %63s %n", nm, ty, &used) < 2)
                        break;
                    p += used;
                    char val[1024];
                    int isnull = 0;
                    if (*p == '\'') {
                        char *e = strchr(p + 1, '\'');
                        if (!e)
                            break;
                        snprintf(val, sizeof val, "%.*s", (int)(e - p - 1), p + 1);
                        p = e + 1;
                    } else {
                        int k = 0;
                        while (*p && *p != ' ' && *p != '\n' && k < 1000)
                            val[k++] = *p++;
                        val[k] = 0;
                        isnull = strcmp(val, "NULL") == 0;
                    }
                    sim_param *pp = &params[np++];
                    memset(pp, 0, sizeof *pp);
                    pstore[nstore++] = strdup(nm);
                    pp->name = pstore[nstore - 1];
                    pp->type = parse_ptype(ty);
                    pp->value.is_null = isnull;
                    pstore[nstore++] = strdup(val);
                    pp->value.text = pstore[nstore - 1];
                    pp->value.len = strlen(val);
                    pp->value.blob = pp->value.text;
                    pp->value.i = strtoll(val, NULL, 10);
                    pp->value.f = strtod(val, NULL);
                    if (strncmp(p, " OUTPUT", 7) == 0 && (p[7] == ' ' || p[7] == '\n' || !p[7])) {
                        pp->output = 1;
                        p += 7;
                    }
                }
            }
            continue;
        }
        size_t n = strlen(line);
        batch = realloc(batch, blen + n + 1);
        memcpy(batch + blen, line, n + 1);
        blen += n;
    }
    free(batch);
    fclose(f);
    for (int i = 0; i < nsess; i++)
        sim_session_free(sessions[i].s);
    sim_server_close(srv);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 2;
    return 0;
}
