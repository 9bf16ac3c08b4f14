/* Rounding of the values stored into decimal columns (SQL Server rounds
 * half away from zero to the column's scale, then checks the precision).
 *
 * SQLite cannot change a value in a CHECK or a BEFORE trigger, so the
 * translator wraps every value an INSERT or UPDATE stores in markers
 * (engine.h); the column types are only known for sure when the statement
 * runs (the table may be created by the same batch), so the markers are
 * resolved here, once, before the statement is first prepared: around a
 * value for a decimal(p,s)/money column they become t_dround(value, s),
 * otherwise they vanish and cost nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine.h"

typedef struct tcol {
    char *name;
    int scale;   /* -1: not a decimal column */
    int ident;   /* identity (INTEGER PRIMARY KEY) */
} tcol;

/* Scale of a declared type: "tsqltext decimal(24,6)" -> 6, money -> 4. */
static int decl_scale(const char *decl)
{
    if (!decl)
        return -1;
    const char *d = decl;
    if (strncasecmp(d, "tsqltext ", 9) == 0)
        d += 9;
    sim_type t;
    if (type_parse(d, &t) != 0)
        return -1;
    if (t.kind == SIM_T_MONEY)
        return 4;
    if (t.kind == SIM_T_DECIMAL)
        return t.scale;
    return -1;
}

/* "T" or "DB"."T" -> schema (may be empty) and table, unquoted. */
static int split_name(const char *q, char *schema, size_t sl, char *table, size_t tl)
{
    char part[2][256];
    int n = 0;
    const char *p = q;
    while (*p && n < 2) {
        size_t o = 0;
        if (*p == '"') {
            for (p++; *p; p++) {
                if (*p == '"') {
                    if (p[1] == '"') {
                        p++;
                    } else {
                        p++;
                        break;
                    }
                }
                if (o + 1 < sizeof part[n])
                    part[n][o++] = *p;
            }
        } else {
            while (*p && *p != '.' && o + 1 < sizeof part[n])
                part[n][o++] = *p++;
        }
        part[n++][o] = 0;
        if (*p != '.')
            break;
        p++;
    }
    if (n == 0)
        return -1;
    snprintf(schema, sl, "%s", n == 2 ? part[0] : "");
    snprintf(table, tl, "%s", part[n - 1]);
    return 0;
}

static int load_cols(sqlite3 *db, const char *qname, tcol **out)
{
    char schema[256], table[256];
    *out = NULL;
    if (split_name(qname, schema, sizeof schema, table, sizeof table) != 0)
        return 0;
    sqlite3_stmt *q;
    const char *sql = schema[0] ? "SELECT name, type, pk FROM pragma_table_info(?1, ?2) ORDER BY cid"
                                : "SELECT name, type, pk FROM pragma_table_info(?1) ORDER BY cid";
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_text(q, 1, table, -1, SQLITE_STATIC);
    if (schema[0])
        sqlite3_bind_text(q, 2, schema, -1, SQLITE_STATIC);
    int n = 0, cap = 0;
    tcol *c = NULL;
    while (sqlite3_step(q) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            tcol *nc = realloc(c, (size_t)cap * sizeof *nc);
            if (!nc)
                abort();
            c = nc;
        }
        const char *type = (const char *)sqlite3_column_text(q, 1);
        c[n].name = strdup((const char *)sqlite3_column_text(q, 0));
        c[n].scale = decl_scale(type);
        c[n].ident = sqlite3_column_int(q, 2) == 1 && type && strcmp(type, "INTEGER") == 0;
        n++;
    }
    sqlite3_finalize(q);
    *out = c;
    return n;
}

static int scale_named(const tcol *c, int n, const char *name, size_t len)
{
    for (int i = 0; i < n; i++)
        if (strlen(c[i].name) == len && strncasecmp(c[i].name, name, len) == 0)
            return c[i].scale;
    return -1;
}

/* Scales of the INSERT's target columns in order: the column list as
 * written, or the table's columns other than the identity. */
static int target_scales(const stmt *st, const tcol *c, int n, int **out)
{
    int *sc = calloc((size_t)n + 1, sizeof *sc), k = 0;
    if (!sc)
        abort();
    if (st->inscols) {
        const char *p = st->inscols + 1;
        while (*p) {
            const char *e = strchr(p, ',');
            if (!e)
                break;
            if (k < n)
                sc[k++] = scale_named(c, n, p, (size_t)(e - p));
            p = e + 1;
        }
    } else {
        for (int i = 0; i < n; i++)
            if (!c[i].ident)
                sc[k++] = c[i].scale;
    }
    *out = sc;
    return k;
}

int decstore_resolve(sqlite3 *db, stmt *st)
{
    if (!st->dec_table || !st->sql || !strchr(st->sql, DS_BEGIN))
        return 0;
    tcol *c;
    int n = load_cols(db, st->dec_table, &c);
    int *pos = NULL;
    int npos = target_scales(st, c, n, &pos);
    int any = 0;
    for (int i = 0; i < n; i++)
        any |= c[i].scale >= 0;
    sbuf o = {0};
    int stack[64], depth = 0;
    for (const char *p = st->sql; *p; p++) {
        if (*p == DS_BEGIN) {
            char kind = p[1];
            const char *arg = p + 2, *mid = strchr(arg, DS_MID);
            if (!mid)
                break;
            int scale = -1;
            if (kind == 'V') {
                int k = atoi(arg);
                scale = k >= 0 && k < npos ? pos[k] : -1;
                sb_adds(&o, scale >= 0 ? "t_dround(" : "(");
            } else if (kind == 'C') {
                scale = scale_named(c, n, arg, (size_t)(mid - arg));
                sb_adds(&o, scale >= 0 ? "t_dround(" : "(");
            } else if (kind == 'S' && any) {
                /* the SELECT becomes a CTE whose columns are rounded one by one */
                scale = -2;
                sb_adds(&o, "WITH \"__sim_ins\"(");
                for (int k = 0; k < npos; k++)
                    sb_printf(&o, "%s\"c%d\"", k ? ", " : "", k);
                sb_adds(&o, ") AS (");
            } else {
                scale = -3;
            }
            if (depth < 64)
                stack[depth] = scale;
            depth++;
            p = mid;
        } else if (*p == DS_END) {
            int scale = depth > 0 && depth <= 64 ? stack[depth - 1] : -1;
            if (depth > 0)
                depth--;
            if (scale >= 0) {
                sb_printf(&o, ", %d)", scale);
            } else if (scale == -1) {
                sb_addc(&o, ')');
            } else if (scale == -2) {
                sb_adds(&o, ") SELECT ");
                for (int k = 0; k < npos; k++) {
                    if (k)
                        sb_adds(&o, ", ");
                    if (pos[k] >= 0)
                        sb_printf(&o, "t_dround(\"c%d\", %d)", k, pos[k]);
                    else
                        sb_printf(&o, "\"c%d\"", k);
                }
                sb_adds(&o, " FROM \"__sim_ins\"");
            }
        } else {
            sb_addc(&o, *p);
        }
    }
    for (int i = 0; i < n; i++)
        free(c[i].name);
    free(c);
    free(pos);
    free(st->sql);
    st->sql = sb_take(&o);
    return 0;
}
