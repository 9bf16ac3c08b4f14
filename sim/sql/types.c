/* T-SQL type names <-> sim_type. The declared T-SQL type of every column is
 * kept verbatim as the SQLite declared type, so parsing it back gives the
 * result metadata. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine.h"

static const struct {
    const char *name;
    sim_type_kind kind;
    int length, precision, scale;
} names[] = {
    {"bit", SIM_T_BIT, 1, 1, 0},
    {"tinyint", SIM_T_TINYINT, 1, 3, 0},
    {"smallint", SIM_T_SMALLINT, 2, 5, 0},
    {"int", SIM_T_INT, 4, 10, 0},
    {"integer", SIM_T_INT, 4, 10, 0},
    {"bigint", SIM_T_BIGINT, 8, 19, 0},
    {"decimal", SIM_T_DECIMAL, 17, 18, 0},
    {"numeric", SIM_T_DECIMAL, 17, 18, 0},
    {"money", SIM_T_MONEY, 8, 19, 4},
    {"smallmoney", SIM_T_MONEY, 8, 10, 4},
    {"float", SIM_T_FLOAT, 8, 53, 0},
    {"real", SIM_T_FLOAT, 8, 24, 0},
    {"datetime", SIM_T_DATETIME, 8, 23, 3},
    {"smalldatetime", SIM_T_SMALLDATETIME, 4, 16, 0},
    {"datetime2", SIM_T_DATETIME2, 8, 27, 7},
    {"date", SIM_T_DATE, 3, 10, 0},
    {"time", SIM_T_VARCHAR, 16, 0, 0},
    {"char", SIM_T_CHAR, 1, 0, 0},
    {"varchar", SIM_T_VARCHAR, 1, 0, 0},
    {"nchar", SIM_T_NCHAR, 1, 0, 0},
    {"nvarchar", SIM_T_NVARCHAR, 1, 0, 0},
    {"sysname", SIM_T_NVARCHAR, 128, 0, 0},
    {"text", SIM_T_VARCHAR, -1, 0, 0},
    {"ntext", SIM_T_NVARCHAR, -1, 0, 0},
    {"varbinary", SIM_T_VARBINARY, 1, 0, 0},
    {"binary", SIM_T_VARBINARY, 1, 0, 0},
    {"image", SIM_T_VARBINARY, -1, 0, 0},
    {"uniqueidentifier", SIM_T_CHAR, 36, 0, 0},
    {"xml", SIM_T_NVARCHAR, -1, 0, 0},
    {NULL, 0, 0, 0, 0}};

int type_parse(const char *decl, sim_type *t)
{
    memset(t, 0, sizeof *t);
    t->nullable = 1;
    if (!decl)
        return -1;
    while (isspace((unsigned char)*decl))
        decl++;
    if (strncasecmp(decl, "tsqltext ", 9) == 0) /* date columns keep TEXT affinity */
        decl += 9;
    if (*decl == '[')
        decl++;
    size_t n = 0;
    while (isalnum((unsigned char)decl[n]) || decl[n] == '_')
        n++;
    int i;
    for (i = 0; names[i].name; i++)
        if (strlen(names[i].name) == n && strncasecmp(names[i].name, decl, n) == 0)
            break;
    if (!names[i].name)
        return -1;
    t->kind = names[i].kind;
    t->length = names[i].length;
    t->precision = names[i].precision;
    t->scale = names[i].scale;
    if (t->kind == SIM_T_FLOAT || t->kind == SIM_T_DATETIME || t->kind == SIM_T_SMALLDATETIME)
        t->scale = 0;
    const char *p = strchr(decl + n, '(');
    const char *q = decl + n;
    while (*q == ' ' || *q == ']')
        q++;
    if (p && p == q) {
        p++;
        while (isspace((unsigned char)*p))
            p++;
        if (strncasecmp(p, "max", 3) == 0) {
            t->length = -1;
        } else {
            long a = strtol(p, (char **)&p, 10);
            long b = -1;
            while (isspace((unsigned char)*p))
                p++;
            if (*p == ',')
                b = strtol(p + 1, NULL, 10);
            switch (t->kind) {
            case SIM_T_DECIMAL:
                t->precision = (int)a;
                t->scale = b < 0 ? 0 : (int)b;
                break;
            case SIM_T_DATETIME2:
                t->scale = (int)a;
                break;
            case SIM_T_FLOAT:
                break;
            default:
                t->length = (int)a;
            }
        }
    }
    if (t->kind == SIM_T_DECIMAL)
        t->length = t->precision <= 9 ? 5 : t->precision <= 19 ? 9 : t->precision <= 28 ? 13 : 17;
    return 0;
}

const char *type_name(sim_type_kind k)
{
    switch (k) {
    case SIM_T_BIT: return "bit";
    case SIM_T_TINYINT: return "tinyint";
    case SIM_T_SMALLINT: return "smallint";
    case SIM_T_INT: return "int";
    case SIM_T_BIGINT: return "bigint";
    case SIM_T_DECIMAL: return "decimal";
    case SIM_T_MONEY: return "money";
    case SIM_T_FLOAT: return "float";
    case SIM_T_DATETIME: return "datetime";
    case SIM_T_SMALLDATETIME: return "smalldatetime";
    case SIM_T_DATETIME2: return "datetime2";
    case SIM_T_DATE: return "date";
    case SIM_T_CHAR: return "char";
    case SIM_T_VARCHAR: return "varchar";
    case SIM_T_NCHAR: return "nchar";
    case SIM_T_NVARCHAR: return "nvarchar";
    case SIM_T_VARBINARY: return "varbinary";
    }
    return "?";
}

void type_format(const sim_type *t, sbuf *out)
{
    sb_adds(out, type_name(t->kind));
    switch (t->kind) {
    case SIM_T_DECIMAL:
        sb_printf(out, "(%d,%d)", t->precision, t->scale);
        break;
    case SIM_T_DATETIME2:
        sb_printf(out, "(%d)", t->scale);
        break;
    case SIM_T_CHAR: case SIM_T_VARCHAR: case SIM_T_NCHAR: case SIM_T_NVARCHAR: case SIM_T_VARBINARY:
        if (t->length < 0)
            sb_adds(out, "(max)");
        else
            sb_printf(out, "(%d)", t->length);
        break;
    default:
        break;
    }
}

int type_is_string(const sim_type *t)
{
    return t->kind == SIM_T_CHAR || t->kind == SIM_T_VARCHAR || t->kind == SIM_T_NCHAR ||
           t->kind == SIM_T_NVARCHAR;
}

int type_is_numeric(const sim_type *t)
{
    return t->kind <= SIM_T_FLOAT;
}
