/* Expression and clause translation: T-SQL tokens -> SQLite text. Names are
 * always quoted, variables become numbered parameters, T-SQL functions map
 * to SQLite built-ins or to our t_* functions (funcs.c), and `+` / `/`
 * become t_add / t_div so that string concatenation and divide-by-zero
 * behave as in SQL Server. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xlate.h"

void perr(P *p, int line, int num, int sev, const char *fmt, ...)
{
    if (p->failed)
        return;
    p->failed = 1;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    p->pl->err = num;
    p->pl->err_state = 1;
    p->pl->err_sev = sev;
    p->pl->err_line = line;
    p->pl->err_text = strdup(buf);
}

void syntax_near(P *p, int i)
{
    if (i >= p->n)
        i = p->n - 1;
    token *t = &p->t[i];
    if (t->type == TK_EOF && i > 0)
        t = &p->t[i - 1];
    if (tk_reserved(t))
        perr(p, t->line, 156, 15, "Incorrect syntax near the keyword '%.*s'.", t->len, t->p);
    else if (t->type == TK_ERR && (t->p[0] == '\'' || t->p[0] == 'N' || t->p[0] == 'n')) {
        int skip = t->p[0] == '\'' ? 1 : 2;
        perr(p, t->line, 105, 15, "Unclosed quotation mark after the character string '%.*s'.", t->len - skip,
             t->p + skip);
    }
    else
        perr(p, t->line, 102, 15, "Incorrect syntax near '%.*s'.", t->len, t->p);
}

void quote_ident(sbuf *o, const char *name)
{
    sb_addc(o, '"');
    for (const char *c = name; *c; c++) {
        if (*c == '"')
            sb_addc(o, '"');
        sb_addc(o, *c);
    }
    sb_addc(o, '"');
}

int paren_close(P *p, int i, int b)
{
    int d = 0;
    for (int k = i; k < b; k++) {
        if (p->t[k].type == TK_LP)
            d++;
        else if (p->t[k].type == TK_RP && --d == 0)
            return k;
    }
    return b;
}

/* Simple CASE: the first WHEN of the CASE body [a, b) at depth 0 when a
 * base expression precedes it, else a (searched CASE). */
static int simple_case_when(P *p, int a, int b)
{
    if (a >= b || tk_is(&p->t[a], "WHEN"))
        return a;
    int d = 0;
    for (int k = a; k < b; k++) {
        if (p->t[k].type == TK_LP)
            d++;
        else if (p->t[k].type == TK_RP)
            d--;
        else if (d == 0 && tk_is(&p->t[k], "CASE"))
            k = group_end(p, k) - 1;
        else if (d == 0 && tk_is(&p->t[k], "WHEN"))
            return k;
    }
    return a;
}

static int case_base_keeps(P *p, int a, int e);

int group_end(P *p, int i)
{
    if (p->t[i].type == TK_LP)
        return paren_close(p, i, p->n) + 1;
    /* CASE ... END */
    int d = 0;
    for (int k = i; k < p->n; k++) {
        if (p->t[k].type == TK_LP)
            k = paren_close(p, k, p->n);
        else if (tk_is(&p->t[k], "CASE"))
            d++;
        else if (tk_is(&p->t[k], "END") && --d == 0)
            return k + 1;
        if (p->t[k].type == TK_EOF)
            return k;
    }
    return p->n - 1;
}

int var_index(P *p, const token *t, int declare)
{
    char name[256];
    int n = t->len < 255 ? t->len : 255;
    for (int k = 0; k < n; k++)
        name[k] = (char)tolower((unsigned char)t->p[k]);
    name[n] = 0;
    for (int k = 0; k < p->pl->nvars; k++)
        if (strcmp(p->pl->vars[k].name, name) == 0) {
            if (declare && p->pl->vars[k].param < 0) {
                perr(p, t->line, 134, 15,
                     "The variable name '%s' has already been declared. Variable names must be unique within a query batch or stored procedure.",
                     name);
                return -1;
            }
            return k;
        }
    if (!declare) {
        perr(p, t->line, 137, 15, "Must declare the scalar variable \"%.*s\".", t->len, t->p);
        return -1;
    }
    p->pl->vars = realloc(p->pl->vars, (size_t)(p->pl->nvars + 1) * sizeof *p->pl->vars);
    if (!p->pl->vars)
        abort();
    plan_var *v = &p->pl->vars[p->pl->nvars];
    v->name = strdup(name);
    memset(&v->type, 0, sizeof v->type);
    v->type.kind = SIM_T_INT;
    v->type.nullable = 1;
    v->param = -1;
    return p->pl->nvars++;
}

/* Keywords that end a FROM list or an expression. */
int is_clause_kw(const token *t)
{
    static const char *kw[] = {"WHERE", "GROUP", "ORDER", "HAVING", "UNION", "EXCEPT", "INTERSECT", "ON",
                               "SET", "OPTION", "VALUES", "SELECT", "FROM", "INTO", "WHEN", "THEN", "ELSE",
                               "END", "AND", "OR", "NOT", "AS", "IS", "IN", "LIKE", "BETWEEN", "ESCAPE",
                               "ASC", "DESC", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "OUTER",
                               "OFFSET", "FETCH", "ROWS", "ROW", "OVER", "PARTITION", "COLLATE", "WITH",
                               "LIMIT", "NULL", "FOR", "OUTPUT", "DEFAULT", "EXISTS", "DISTINCT", "TOP",
                               "BY", "ALL", "ANY", "SOME", "APPLY", "RANGE", "UNBOUNDED", "PRECEDING",
                               "FOLLOWING", "CURRENT", "FIRST", "NEXT", "ONLY", "TIES", "PERCENT", NULL};
    if (t->type != TK_IDENT)
        return 0;
    for (int i = 0; kw[i]; i++)
        if (tk_is(t, kw[i]))
            return 1;
    return 0;
}

/* ---- functions ---- */

enum { F_PLAIN, F_PART, F_CAST, F_CONVERT, F_LATER, F_SQLITE, F_NOPAREN };

static const struct fmap {
    const char *tsql, *out;
    int kind;
} fns[] = {
    {"ISNULL", "ifnull", F_PLAIN}, {"COALESCE", "coalesce", F_PLAIN}, {"NULLIF", "t_nullif", F_PLAIN},
    {"ABS", "t_abs", F_PLAIN}, {"LEN", "t_len", F_PLAIN}, {"DATALENGTH", "t_datalength", F_PLAIN},
    {"LTRIM", "t_ltrim", F_PLAIN}, {"RTRIM", "t_rtrim", F_PLAIN}, {"UPPER", "t_upper", F_PLAIN},
    {"LOWER", "t_lower", F_PLAIN}, {"SUBSTRING", "t_substring", F_PLAIN},
    {"CHARINDEX", "t_charindex", F_PLAIN}, {"PATINDEX", "t_patindex", F_PLAIN},
    {"REPLACE", "t_replace", F_PLAIN}, {"LEFT", "t_left", F_PLAIN}, {"RIGHT", "t_right", F_PLAIN},
    {"ROUND", "t_round", F_PLAIN}, {"FLOOR", "t_floor", F_PLAIN}, {"CEILING", "t_ceiling", F_PLAIN},
    {"POWER", "t_power", F_PLAIN}, {"SQRT", "t_sqrt", F_PLAIN}, {"SIGN", "t_sign", F_PLAIN},
    {"YEAR", "t_year", F_PLAIN}, {"MONTH", "t_month", F_PLAIN}, {"DAY", "t_day", F_PLAIN},
    {"GETDATE", "t_getdate", F_PLAIN}, {"SYSDATETIME", "t_sysdatetime", F_PLAIN},
    {"GETUTCDATE", "t_getutcdate", F_PLAIN}, {"SYSUTCDATETIME", "t_sysutcdatetime", F_PLAIN},
    {"DATEFROMPARTS", "t_datefromparts", F_PLAIN}, {"EOMONTH", "t_eomonth", F_PLAIN},
    {"DATEADD", "t_dateadd", F_PART}, {"DATEDIFF", "t_datediff", F_PART},
    {"DATEPART", "t_datepart", F_PART}, {"DATENAME", "t_datename", F_PART},
    {"NEWID", "t_newid", F_PLAIN}, {"COUNT", "count", F_PLAIN}, {"COUNT_BIG", "count", F_PLAIN},
    {"SUM", "t_sum", F_PLAIN}, {"AVG", "t_avg", F_PLAIN}, {"MIN", "min", F_PLAIN}, {"MAX", "max", F_PLAIN},
    {"OBJECT_ID", "t_object_id", F_PLAIN}, {"OBJECT_NAME", "t_object_name", F_PLAIN},
    {"DB_NAME", "t_db_name", F_PLAIN}, {"DB_ID", "t_db_id", F_PLAIN},
    {"SCHEMA_NAME", "t_schema_name", F_PLAIN}, {"SCHEMA_ID", "t_schema_id", F_PLAIN},
    {"COL_LENGTH", "t_col_length", F_PLAIN}, {"SERVERPROPERTY", "t_serverproperty", F_PLAIN},
    {"DATABASEPROPERTYEX", "t_databasepropertyex", F_PLAIN}, {"SUSER_SNAME", "t_suser_sname", F_PLAIN},
    {"SUSER_NAME", "t_suser_sname", F_PLAIN}, {"USER_NAME", "t_user_name", F_PLAIN},
    {"HAS_PERMS_BY_NAME", "t_has_perms_by_name", F_PLAIN}, {"IS_MEMBER", "t_is_member", F_PLAIN},
    {"IS_ROLEMEMBER", "t_is_member", F_PLAIN}, {"IS_SRVROLEMEMBER", "t_is_srvrolemember", F_PLAIN},
    {"SCOPE_IDENTITY", "t_scope_identity", F_PLAIN}, {"IDENT_CURRENT", "t_ident_current", F_PLAIN},
    {"ROW_NUMBER", "row_number", F_PLAIN}, {"RANK", "rank", F_PLAIN}, {"DENSE_RANK", "dense_rank", F_PLAIN},
    {"NTILE", "ntile", F_PLAIN}, {"LAG", "lag", F_PLAIN}, {"LEAD", "lead", F_PLAIN},
    {"FIRST_VALUE", "first_value", F_PLAIN}, {"LAST_VALUE", "last_value", F_PLAIN},
    {"IIF", "iif", F_PLAIN}, {"CONCAT", "t_concat", F_PLAIN}, {"CHAR", "char", F_PLAIN},
    {"NCHAR", "char", F_PLAIN}, {"ASCII", "unicode", F_PLAIN}, {"UNICODE", "unicode", F_PLAIN},
    {"SPACE", "t_space", F_PLAIN}, {"REPLICATE", "t_replicate", F_PLAIN}, {"REVERSE", "t_reverse", F_PLAIN},
    {"STUFF", "t_stuff", F_PLAIN}, {"STR", "t_str", F_PLAIN}, {"ISNUMERIC", "t_isnumeric", F_PLAIN},
    {"ISDATE", "t_isdate", F_PLAIN}, {"QUOTENAME", "t_quotename", F_PLAIN},
    {"TYPE_NAME", "t_type_name", F_PLAIN}, {"ERROR_MESSAGE", "t_error_message", F_PLAIN},
    {"ERROR_NUMBER", "t_error_number", F_PLAIN}, {"ERROR_SEVERITY", "t_error_severity", F_PLAIN},
    {"ERROR_STATE", "t_error_state", F_PLAIN}, {"ERROR_LINE", "t_error_line", F_PLAIN},
    {"XACT_STATE", "t_xact_state", F_PLAIN}, {"OBJECTPROPERTY", "t_objectproperty", F_PLAIN},
    {"CAST", NULL, F_CAST}, {"TRY_CAST", NULL, F_CAST}, {"CONVERT", NULL, F_CONVERT},
    {"TRY_CONVERT", NULL, F_CONVERT},
    /* came after SQL Server 2012 */
    {"STRING_AGG", "2017", F_LATER}, {"TRIM", "2017", F_LATER}, {"CONCAT_WS", "2017", F_LATER},
    {"TRANSLATE", "2017", F_LATER}, {"GREATEST", "2022", F_LATER}, {"LEAST", "2022", F_LATER},
    {"STRING_SPLIT", "2016", F_LATER}, {"DATETRUNC", "2022", F_LATER}, {"JSON_VALUE", "2016", F_LATER},
    {"JSON_QUERY", "2016", F_LATER}, {"ISJSON", "2016", F_LATER}, {"OPENJSON", "2016", F_LATER},
    {"DATEDIFF_BIG", "2016", F_LATER}, {"COMPRESS", "2016", F_LATER}, {"DECOMPRESS", "2016", F_LATER},
    {"APPROX_COUNT_DISTINCT", "2019", F_LATER}, {"GENERATE_SERIES", "2022", F_LATER},
    {"DATE_BUCKET", "2022", F_LATER}, {"JSON_OBJECT", "2022", F_LATER}, {"JSON_ARRAY", "2022", F_LATER},
    {NULL, NULL, 0}};

static const struct fmap *fn_find(const token *t)
{
    if (t->type != TK_IDENT)
        return NULL;
    for (int i = 0; fns[i].tsql; i++)
        if (tk_is(t, fns[i].tsql))
            return &fns[i];
    return NULL;
}

static void xl(P *p, int a, int b, sbuf *o, int top);

/* Type text of tokens [a, b) as written, e.g. "varchar(10)" (for t_conv). */
static void type_text(P *p, int a, int b, sbuf *o)
{
    for (int k = a; k < b; k++) {
        token *t = &p->t[k];
        if (t->type == TK_QIDENT) {
            char *s = tk_text(t);
            sb_adds(o, s);
            free(s);
        } else {
            for (int c = 0; c < t->len; c++)
                sb_addc(o, (char)tolower((unsigned char)t->p[c]));
        }
    }
}

static void emit_sql_string(sbuf *o, const char *s)
{
    sb_addc(o, '\'');
    for (; *s; s++) {
        if (*s == '\'')
            sb_addc(o, '\'');
        sb_addc(o, *s);
    }
    sb_addc(o, '\'');
}

int split_args(P *p, int lp, int rp, int *starts, int *ends, int max)
{
    int n = 0, d = 0, s = lp + 1;
    if (rp == lp + 1)
        return 0;
    for (int k = lp + 1; k <= rp; k++) {
        token *t = &p->t[k];
        if (t->type == TK_LP)
            d++;
        else if (t->type == TK_RP && k < rp)
            d--;
        else if (tk_is(t, "CASE"))
            d++;
        else if (tk_is(t, "END") && d > 0)
            d--;
        if ((k == rp || (t->type == TK_COMMA && d == 0)) && n < max) {
            starts[n] = s;
            ends[n] = k;
            n++;
            s = k + 1;
        }
    }
    return n;
}

void infer_hint(P *p, int a, int b, col_hint *h);

/* ", s" when tokens [a, b) are known to be decimal(p,s)/money: a string
 * conversion then prints the number at its scale, as SQL Server does. */
static const char *decimal_scale_arg(P *p, int a, int b)
{
    static __thread char buf[16];
    col_hint h = {0};
    infer_hint(p, a, b, &h);
    buf[0] = 0;
    if (h.op == H_KNOWN && (h.type.kind == SIM_T_DECIMAL || h.type.kind == SIM_T_MONEY))
        snprintf(buf, sizeof buf, ", %d", h.type.kind == SIM_T_MONEY ? 2 : h.type.scale); /* money: style 0 */
    hint_free(&h);
    return buf;
}

static void emit_function(P *p, int ni, int lp, int rp, sbuf *o)
{
    token *nt = &p->t[ni];
    const struct fmap *f = fn_find(nt);
    if (!f) {
        if (tk_is(nt, "ifnull") || tk_is(nt, "substr") || tk_is(nt, "strftime") || tk_is(nt, "printf") ||
            tk_is(nt, "instr") || tk_is(nt, "group_concat") || tk_is(nt, "julianday") || tk_is(nt, "length") ||
            tk_is(nt, "datetime") || tk_is(nt, "date") || tk_is(nt, "typeof") || tk_is(nt, "random") ||
            tk_is(nt, "total") || tk_is(nt, "glob"))
            perr(p, nt->line, 195, 15,
                 "'%.*s' is not a recognized built-in function name. (Liaison simulator: this is a SQLite function, not T-SQL.)",
                 nt->len, nt->p);
        else
            perr(p, nt->line, 195, 15, "'%.*s' is not a recognized built-in function name.", nt->len, nt->p);
        return;
    }
    if (f->kind == F_LATER) {
        perr(p, nt->line, 195, 15,
             "'%.*s' is not a recognized built-in function name. (Liaison simulator: %s came with SQL Server %s; Liaison targets SQL Server 2012.)",
             nt->len, nt->p, f->tsql, f->out);
        return;
    }
    int as[16], ae[16];
    int n = split_args(p, lp, rp, as, ae, 16);
    if (f->kind == F_CAST) {
        /* CAST(expr AS type) */
        int asp = -1, d = 0;
        for (int k = lp + 1; k < rp; k++) {
            if (p->t[k].type == TK_LP)
                d++;
            else if (p->t[k].type == TK_RP)
                d--;
            else if (d == 0 && tk_is(&p->t[k], "AS"))
                asp = k;
        }
        if (asp < 0) {
            syntax_near(p, rp);
            return;
        }
        sb_adds(o, tk_is(nt, "TRY_CAST") ? "t_tryconv('" : "t_conv('");
        type_text(p, asp + 1, rp, o);
        sb_adds(o, "', ");
        xl(p, lp + 1, asp, o, 0);
        sb_printf(o, ", NULL%s)", decimal_scale_arg(p, lp + 1, asp));
        return;
    }
    if (f->kind == F_CONVERT) {
        if (n < 2) {
            syntax_near(p, rp);
            return;
        }
        sb_adds(o, tk_is(nt, "TRY_CONVERT") ? "t_tryconv('" : "t_conv('");
        type_text(p, as[0], ae[0], o);
        sb_adds(o, "', ");
        xl(p, as[1], ae[1], o, 0);
        sb_adds(o, ", ");
        if (n > 2)
            xl(p, as[2], ae[2], o, 0);
        else
            sb_adds(o, "NULL");
        sb_printf(o, "%s)", decimal_scale_arg(p, as[1], ae[1]));
        return;
    }
    sb_adds(o, f->out);
    sb_addc(o, '(');
    for (int k = 0; k < n; k++) {
        if (k)
            sb_adds(o, ", ");
        if (k == 0 && f->kind == F_PART) {
            char *s = tk_text(&p->t[as[0]]);
            emit_sql_string(o, s);
            free(s);
        } else if (ae[k] == as[k] + 1 && p->t[as[k]].type == TK_OP && p->t[as[k]].p[0] == '*') {
            sb_addc(o, '*');
        } else {
            xl(p, as[k], ae[k], o, 0);
        }
    }
    sb_addc(o, ')');
}

/* ---- names ---- */

typedef struct chain {
    int start, end;      /* tokens */
    char *part[5];       /* NULL for an empty part (a..b) */
    int nparts;
    int star;            /* ends with .* */
} chain;

static int is_name_tok(const token *t)
{
    return t->type == TK_QIDENT || (t->type == TK_IDENT);
}

static void chain_read(P *p, int i, int b, chain *c)
{
    memset(c, 0, sizeof *c);
    c->start = i;
    int k = i;
    for (;;) {
        if (k < b && is_name_tok(&p->t[k])) {
            if (c->nparts < 5)
                c->part[c->nparts++] = tk_text(&p->t[k]);
            k++;
        } else if (c->nparts < 5) {
            c->part[c->nparts++] = NULL; /* empty part */
        }
        if (k < b && p->t[k].type == TK_DOT) {
            k++;
            if (k < b && p->t[k].type == TK_OP && p->t[k].p[0] == '*' && p->t[k].len == 1) {
                c->star = 1;
                k++;
                break;
            }
            continue;
        }
        break;
    }
    c->end = k;
}

static void chain_free(chain *c)
{
    for (int k = 0; k < c->nparts; k++)
        free(c->part[k]);
}

static int is_dbo(const char *s) { return !s || !*s || strcasecmp(s, "dbo") == 0; }

/* SQLite name of an object [db.][schema.]name; records it for 208. */
static void emit_table(P *p, chain *c, sbuf *o, int *needs_alias)
{
    const char *db = NULL, *schema = NULL, *name = c->part[c->nparts - 1];
    if (c->nparts >= 3) {
        db = c->part[c->nparts - 3];
        schema = c->part[c->nparts - 2];
    } else if (c->nparts == 2) {
        schema = c->part[0];
    }
    if (!name) {
        syntax_near(p, c->end);
        return;
    }
    sbuf sq = {0};
    if (strncasecmp(name, "sqlite_", 7) == 0 || strncasecmp(name, "__sim", 5) == 0)
        sb_adds(&sq, "\x01"); /* SQLite's and our own tables are not T-SQL objects */
    if (name[0] == '#' || is_dbo(schema)) {
        sb_adds(&sq, name);
    } else {
        sb_adds(&sq, schema);
        sb_addc(&sq, '.');
        sb_adds(&sq, name);
    }
    *needs_alias = !is_dbo(schema) && name[0] != '#';
    /* msdb keeps the backup history: only logins granted it may read it */
    if (!p->s->msdb && name[0] != '#' && (msdb_is(db) || (!db && msdb_is(p->cur_db))) && !p->failed) {
        perr(p, p->t[c->start].line, 229, 14, "The SELECT permission was denied on the object '%s', database 'msdb', schema '%s'.",
             name, schema && *schema ? schema : "dbo");
        p->pl->err_state = 5;
    }
    if (db && name[0] != '#' && strcasecmp(db, p->cur_db) != 0 && strcasecmp(db, "tempdb") != 0) {
        session_attach(p->s, db);
        plan_note_attach(p->pl, db);
        char up[256];
        snprintf(up, sizeof up, "%s", db);
        for (char *u = up; *u; u++)
            *u = (char)toupper((unsigned char)*u);
        quote_ident(o, up);
        sb_addc(o, '.');
        *needs_alias = 1;
    }
    quote_ident(o, sb_str(&sq));
    /* remember the name as written, for "Invalid object name" */
    if (p->cur) {
        sbuf r = {0};
        if (p->cur->text && p->cur->kind == ST_SQL)
            sb_adds(&r, p->cur->text);
        sb_adds(&r, sb_str(&sq));
        sb_addc(&r, '\t');
        for (int k = c->start; k < c->end; k++)
            sb_add(&r, p->t[k].p, (size_t)p->t[k].len);
        sb_addc(&r, '\n');
        free(p->cur->text);
        p->cur->text = sb_take(&r);
    }
    sb_free(&sq);
}

static void emit_column(P *p, chain *c, sbuf *o, int i)
{
    (void)i;
    int np = c->nparts;
    if (np == 1 && !c->star) {
        token *t = &p->t[c->start];
        if (t->type == TK_IDENT) {
            if (tk_is(t, "CURRENT_TIMESTAMP")) {
                sb_adds(o, "t_getdate()");
                return;
            }
            if (tk_is(t, "SYSTEM_USER") || tk_is(t, "SESSION_USER")) {
                sb_adds(o, "t_suser_sname()");
                return;
            }
            if (tk_is(t, "CURRENT_USER") || tk_is(t, "USER")) {
                sb_adds(o, "t_user_name()");
                return;
            }
        }
    }
    /* a.b -> "a"."b"; schema.table.col -> "table"."col"; db.schema.table.col too */
    int first = np > 2 ? np - 2 : 0;
    if (c->star && np > 1)
        first = np - 1; /* t.* : parts are [.., t] */
    for (int k = first; k < np; k++) {
        if (!c->part[k]) {
            syntax_near(p, c->end);
            return;
        }
        if (k > first)
            sb_addc(o, '.');
        quote_ident(o, c->part[k]);
    }
    if (c->star)
        sb_adds(o, ".*");
}

/* ---- operands and chains ---- */

static int operand_end(P *p, int i, int b)
{
    if (i >= b)
        return -1;
    token *t = &p->t[i];
    switch (t->type) {
    case TK_OP:
        if (t->len == 1 && (t->p[0] == '-' || t->p[0] == '+' || t->p[0] == '~'))
            return operand_end(p, i + 1, b);
        return -1;
    case TK_STR: case TK_NSTR: case TK_INT: case TK_DEC: case TK_FLOAT: case TK_BIN: case TK_VAR:
    case TK_SYSVAR:
        i++;
        break;
    case TK_LP:
        i = paren_close(p, i, b) + 1;
        break;
    case TK_IDENT:
        if (tk_is(t, "CASE")) {
            i = group_end(p, i);
            break;
        }
        if (tk_is(t, "NULL")) {
            i++;
            break;
        }
        if (is_clause_kw(t) && !(i + 1 < b && p->t[i + 1].type == TK_LP && fn_find(t)))
            return -1;
        if (tk_reserved(t) && !(i + 1 < b && p->t[i + 1].type == TK_LP))
            return -1;
        /* fallthrough */
    case TK_QIDENT: {
        chain c;
        chain_read(p, i, b, &c);
        i = c.end;
        chain_free(&c);
        if (i < b && p->t[i].type == TK_LP && t->type == TK_IDENT) {
            i = paren_close(p, i, b) + 1;
            if (i < b && tk_is(&p->t[i], "OVER") && i + 1 < b && p->t[i + 1].type == TK_LP)
                i = paren_close(p, i + 1, b) + 1;
        }
        break;
    }
    default:
        return -1;
    }
    if (i < b && tk_is(&p->t[i], "COLLATE") && i + 1 < b)
        i += 2;
    return i > b ? b : i;
}

static void emit_collate(P *p, int k, sbuf *o)
{
    char *c = tk_text(&p->t[k]);
    const char *m = "FRENCH_CI_AS";
    if (ci_contains(c, "_BIN"))
        m = "TSQL_BIN";
    else if (ci_contains(c, "_CS"))
        m = "TSQL_CS";
    sb_adds(o, " COLLATE ");
    sb_adds(o, m);
    free(c);
}

/* A numeric literal: as written, or as exact text when a double would not
 * hold it (more than 15 significant digits, or beyond 64-bit integers). */
static void emit_number(const token *t, int neg, sbuf *o)
{
    int sig = 0, lead = 1, dot = 0;
    for (int k = 0; k < t->len; k++) {
        if (t->p[k] == '.') {
            dot = 1;
            continue;
        }
        if (lead && t->p[k] == '0')
            continue;
        lead = 0;
        sig++;
    }
    int big = dot ? sig > 15 : sig > 18;
    if (big)
        sb_addc(o, '\'');
    if (neg)
        sb_addc(o, '-');
    sb_add(o, t->p, (size_t)t->len);
    if (big)
        sb_addc(o, '\'');
}

static void emit_operand(P *p, int i, int e, sbuf *o)
{
    token *t = &p->t[i];
    int coll = -1;
    if (e - 2 >= i && tk_is(&p->t[e - 2], "COLLATE")) {
        coll = e - 1;
        e -= 2;
    }
    switch (t->type) {
    case TK_OP:
        if (t->p[0] == '-' && i + 2 == e && (p->t[i + 1].type == TK_INT || p->t[i + 1].type == TK_DEC)) {
            emit_number(&p->t[i + 1], 1, o);
        } else if (t->p[0] == '-') {
            /* exact for decimal texts (SQLite's minus makes them REAL) */
            sb_adds(o, "t_neg(");
            emit_operand(p, i + 1, e, o);
            sb_addc(o, ')');
        } else {
            sb_add(o, t->p, 1);
            emit_operand(p, i + 1, e, o);
        }
        break;
    case TK_STR:
        sb_add(o, t->p, (size_t)t->len);
        break;
    case TK_NSTR:
        sb_add(o, t->p + 1, (size_t)t->len - 1);
        break;
    case TK_INT: case TK_DEC:
        emit_number(t, 0, o);
        break;
    case TK_FLOAT:
        sb_add(o, t->p, (size_t)t->len);
        break;
    case TK_BIN:
        sb_adds(o, "X'");
        if ((t->len - 2) % 2)
            sb_addc(o, '0');
        sb_add(o, t->p + 2, (size_t)t->len - 2);
        sb_addc(o, '\'');
        break;
    case TK_VAR: {
        int v = var_index(p, t, 0);
        sb_printf(o, "?%d", v + 1);
        break;
    }
    case TK_SYSVAR:
        sb_adds(o, "t_sysvar('");
        for (int k = 2; k < t->len; k++)
            sb_addc(o, (char)toupper((unsigned char)t->p[k]));
        sb_adds(o, "')");
        break;
    case TK_LP: {
        int rp = paren_close(p, i, e);
        sb_addc(o, '(');
        xl(p, i + 1, rp, o, 0);
        sb_addc(o, ')');
        break;
    }
    case TK_IDENT:
        if (tk_is(t, "CASE")) {
            sb_adds(o, "CASE ");
            int w = simple_case_when(p, i + 1, e - 1);
            if (w > i + 1 && !case_base_keeps(p, i + 1, w)) {
                /* CASE x WHEN 'a': x compared as by =, under French_CI_AS */
                sb_addc(o, '(');
                xl(p, i + 1, w, o, 0);
                sb_adds(o, ") COLLATE FRENCH_CI_AS ");
                xl(p, w, e - 1, o, 0);
            } else {
                xl(p, i + 1, e - 1, o, 0);
            }
            sb_adds(o, " END");
            break;
        }
        if (tk_is(t, "NULL")) {
            sb_adds(o, "NULL");
            break;
        }
        /* fallthrough */
    case TK_QIDENT: {
        chain c;
        chain_read(p, i, e, &c);
        if (c.end < e && p->t[c.end].type == TK_LP && t->type == TK_IDENT && c.nparts == 1) {
            int rp = paren_close(p, c.end, e);
            emit_function(p, i, c.end, rp, o);
            if (rp + 1 < e && tk_is(&p->t[rp + 1], "OVER")) {
                sb_adds(o, " OVER ");
                emit_operand(p, rp + 2, paren_close(p, rp + 2, e) + 1, o);
            }
        } else if (c.end < e && p->t[c.end].type == TK_LP) {
            perr(p, t->line, 4121, 16,
                 "Cannot find either column \"%s\" or the user-defined function or aggregate \"%.*s\", or the name is ambiguous.",
                 c.part[0] ? c.part[0] : "", p->t[c.end - 1].len, p->t[c.end - 1].p);
        } else {
            emit_column(p, &c, o, i);
        }
        chain_free(&c);
        break;
    }
    default:
        syntax_near(p, i);
    }
    if (coll >= 0)
        emit_collate(p, coll, o);
}

static int is_arith(const token *t)
{
    return t->type == TK_OP && t->len == 1 && strchr("+-*/%&|^", t->p[0]);
}

static int is_str_lit(P *p, int a, int e)
{
    return e == a + 1 && (p->t[a].type == TK_STR || p->t[a].type == TK_NSTR);
}

static int is_num_lit(P *p, int a, int e)
{
    return e == a + 1 && (p->t[a].type == TK_INT || p->t[a].type == TK_DEC || p->t[a].type == TK_FLOAT);
}

static int add_kind(P *p, int a1, int e1, int a2, int e2);

/* Emits the chain operand (op operand)* starting at i; returns its end. */
static int emit_chain(P *p, int i, int b, sbuf *o)
{
    int os[64], oe[64], ops[64], n = 0;
    int k = i;
    int need = 0;
    for (;;) {
        int e = operand_end(p, k, b);
        if (e < 0 || n == 64) {
            if (n == 0) {
                syntax_near(p, k);
                return b;
            }
            /* dangling operator: SQL Server reports the token after it */
            syntax_near(p, k);
            return b;
        }
        os[n] = k;
        oe[n] = e;
        n++;
        if (e < b && is_arith(&p->t[e])) {
            ops[n] = p->t[e].p[0];
            if (ops[n] == '+' || ops[n] == '/' || ops[n] == '-' || ops[n] == '*')
                need = 1;
            k = e + 1;
            continue;
        }
        k = e;
        break;
    }
    if (!need) {
        for (int j = 0; j < n; j++) {
            if (j)
                sb_printf(o, " %c ", ops[j]);
            emit_operand(p, os[j], oe[j], o);
        }
        return k;
    }
    /* precedence: * / % bind tighter than + - & | ^ */
    sbuf acc = {0};
    int j = 0;
    int acc_str = 0, acc_num = 0;
    while (j < n) {
        sbuf term = {0};
        int term_from = j;
        int t_str = is_str_lit(p, os[j], oe[j]), t_num = is_num_lit(p, os[j], oe[j]);
        emit_operand(p, os[j], oe[j], &term);
        j++;
        while (j < n && (ops[j] == '*' || ops[j] == '/' || ops[j] == '%')) {
            sbuf rhs = {0}, nt = {0};
            emit_operand(p, os[j], oe[j], &rhs);
            if (ops[j] == '/')
                sb_printf(&nt, "t_div(%s, %s)", sb_str(&term), sb_str(&rhs));
            else if (ops[j] == '*')
                sb_printf(&nt, "t_mul(%s, %s)", sb_str(&term), sb_str(&rhs));
            else
                sb_printf(&nt, "(%s %c %s)", sb_str(&term), ops[j], sb_str(&rhs));
            sb_free(&term);
            sb_free(&rhs);
            term = nt;
            t_str = t_num = 0;
            j++;
        }
        if (!acc.s) {
            acc = term;
            acc_str = t_str;
            acc_num = t_num;
            continue;
        }
        int op = ops[j - 1 - 0];
        /* the additive operator before this term */
        int idx = j - 1;
        while (idx > 0 && (ops[idx] == '*' || ops[idx] == '/' || ops[idx] == '%'))
            idx--;
        op = ops[idx];
        sbuf nt = {0};
        if (op == '+') {
            if (acc_str && t_str)
                sb_printf(&nt, "(%s || %s)", sb_str(&acc), sb_str(&term));
            else if (acc_num && t_num)
                sb_printf(&nt, "(%s + %s)", sb_str(&acc), sb_str(&term));
            else
                sb_printf(&nt, "t_add(%s, %s, %d)", sb_str(&acc), sb_str(&term),
                          add_kind(p, os[0], oe[term_from - 1], os[term_from], oe[j - 1]));
            acc_str = acc_str && t_str;
        } else if (op == '-' && !(acc_num && t_num)) {
            sb_printf(&nt, "t_sub(%s, %s)", sb_str(&acc), sb_str(&term));
            acc_str = 0;
        } else {
            sb_printf(&nt, "(%s %c %s)", sb_str(&acc), op, sb_str(&term));
            acc_str = 0;
        }
        acc_num = acc_num && t_num;
        sb_free(&acc);
        sb_free(&term);
        acc = nt;
    }
    sb_adds(o, sb_str(&acc));
    sb_free(&acc);
    return k;
}


/* ---- comparisons without a column (French_CI_AS, exact decimals) ---- */

/* End of the chain operand (op operand)* at i, or -1. */
static int chain_end(P *p, int i, int b)
{
    for (int k = i;;) {
        int e = operand_end(p, k, b);
        if (e < 0)
            return -1;
        if (e < b && is_arith(&p->t[e])) {
            k = e + 1;
            continue;
        }
        return e;
    }
}

static const char *cmp_sql(const token *t)
{
    if (t->type != TK_OP)
        return NULL;
    if (t->len == 1)
        return t->p[0] == '=' ? "=" : t->p[0] == '<' ? "<" : t->p[0] == '>' ? ">" : NULL;
    if (t->len != 2)
        return NULL;
    if (t->p[0] == '<' && t->p[1] == '>')
        return "<>";
    if (t->p[0] == '<' && t->p[1] == '=')
        return "<=";
    if (t->p[0] == '>' && t->p[1] == '=')
        return ">=";
    if (t->p[0] == '!' && t->p[1] == '=')
        return "<>";
    if (t->p[0] == '!' && t->p[1] == '<')
        return ">=";
    if (t->p[0] == '!' && t->p[1] == '>')
        return "<=";
    return NULL;
}

/* The side [a, e) is a bare column (SQLite then applies its affinity and
 * collation), has its own COLLATE, or is NULL: left as written. */
static int side_keeps(P *p, int a, int e)
{
    if (e - 2 >= a && tk_is(&p->t[e - 2], "COLLATE"))
        return 1;
    token *t = &p->t[a];
    if (e == a + 1 && tk_is(t, "NULL"))
        return 1;
    if (t->type != TK_IDENT && t->type != TK_QIDENT)
        return 0;
    if (t->type == TK_IDENT && tk_reserved(t))
        return 0;
    int k = a;
    while (k < e && (p->t[k].type == TK_IDENT || p->t[k].type == TK_QIDENT || p->t[k].type == TK_DOT))
        k++;
    return k == e;
}

enum { K_UNKNOWN, K_STRING, K_NUMBER, K_DECIMAL, K_DATE };

static int side_kind(P *p, int a, int e)
{
    col_hint h = {0};
    infer_hint(p, a, e, &h);
    int k = K_UNKNOWN;
    if (h.op == H_KNOWN) {
        if (type_is_string(&h.type))
            k = K_STRING;
        else if (h.type.kind == SIM_T_DECIMAL || h.type.kind == SIM_T_MONEY)
            k = K_DECIMAL;
        else if (type_is_numeric(&h.type))
            k = K_NUMBER;
        else if (h.type.kind >= SIM_T_DATETIME && h.type.kind <= SIM_T_DATE)
            k = K_DATE;
    }
    hint_free(&h);
    return k;
}

/* The base of a simple CASE keeps its own comparison when it is a column
 * (its collation), a number or a date, or already has a COLLATE. */
static int case_base_keeps(P *p, int a, int e)
{
    if (side_keeps(p, a, e) || is_num_lit(p, a, e))
        return 1;
    for (int k = a; k < e; k++)
        if (tk_is(&p->t[k], "COLLATE"))
            return 1;
    int k = side_kind(p, a, e);
    return !(k == K_STRING || k == K_UNKNOWN);
}

/* What + means for t_add: 1 concatenation (a side is a string), 2 addition
 * (a side is a number), 0 unknown (decided on the values). Decimal column
 * values are texts, so two of them would otherwise concatenate. */
static int add_kind(P *p, int a1, int e1, int a2, int e2)
{
    int k1 = side_kind(p, a1, e1), k2 = side_kind(p, a2, e2);
    if (k1 == K_STRING || k2 == K_STRING)
        return 1;
    if (k1 == K_NUMBER || k1 == K_DECIMAL || k2 == K_NUMBER || k2 == K_DECIMAL)
        return 2;
    return 0;
}

/* Emits the chain at i and, when a comparison follows whose sides are not
 * columns, the comparison: strings under French_CI_AS (SQLite would compare
 * them in binary), dates as dates, decimals exactly through t_cmp (their
 * values may be texts). An ORDER BY item that is an expression gets the
 * collation of its type. Returns the index after what it emitted. */
static int emit_cmp(P *p, int i, int b, sbuf *o, int order_item)
{
    int le = chain_end(p, i, b);
    if (le < 0)
        return emit_chain(p, i, b, o);
    if (order_item) {
        emit_chain(p, i, le, o);
        if (!side_keeps(p, i, le) && !is_num_lit(p, i, le) && !(le < b && tk_is(&p->t[le], "COLLATE"))) {
            int k = side_kind(p, i, le);
            if (k == K_STRING || k == K_UNKNOWN)
                sb_adds(o, " COLLATE FRENCH_CI_AS");
            else if (k == K_DECIMAL)
                sb_adds(o, " COLLATE TSQL_DEC");
        }
        return le;
    }
    if (le < b && (tk_is(&p->t[le], "BETWEEN") ||
                   (tk_is(&p->t[le], "NOT") && le + 1 < b && tk_is(&p->t[le + 1], "BETWEEN")))) {
        /* x BETWEEN a AND b compares as x >= a AND x <= b: strings under
         * French_CI_AS, dates as dates (a column keeps its collation) */
        emit_chain(p, i, le, o);
        int k = side_keeps(p, i, le) || is_num_lit(p, i, le) ? -1 : side_kind(p, i, le);
        if (k == K_STRING || k == K_UNKNOWN)
            sb_adds(o, " COLLATE FRENCH_CI_AS");
        else if (k == K_DATE)
            sb_adds(o, " COLLATE TSQL_DATE");
        return le;
    }
    if (le < b && (tk_is(&p->t[le], "IN") || (tk_is(&p->t[le], "NOT") && le + 1 < b && tk_is(&p->t[le + 1], "IN")))) {
        emit_chain(p, i, le, o);
        int k = side_keeps(p, i, le) ? -1 : side_kind(p, i, le);
        if (k == K_STRING || k == K_UNKNOWN)
            sb_adds(o, " COLLATE FRENCH_CI_AS");
        return le;
    }
    const char *op = le < b ? cmp_sql(&p->t[le]) : NULL;
    int re = op ? chain_end(p, le + 1, b) : -1;
    if (!op || re <= le + 1 || side_keeps(p, i, le) || side_keeps(p, le + 1, re))
        return emit_chain(p, i, b, o);
    int kl = side_kind(p, i, le), kr = side_kind(p, le + 1, re);
    if (kl == K_NUMBER && kr == K_NUMBER)
        return emit_chain(p, i, b, o);
    if ((kl == K_DATE || kr == K_DATE) && kl != K_NUMBER && kr != K_NUMBER && kl != K_DECIMAL && kr != K_DECIMAL) {
        emit_chain(p, i, le, o);
        sb_printf(o, " COLLATE TSQL_DATE %s ", op);
        emit_chain(p, le + 1, re, o);
        return re;
    }
    if ((kl == K_STRING && (kr == K_STRING || kr == K_UNKNOWN)) || (kr == K_STRING && kl == K_UNKNOWN)) {
        emit_chain(p, i, le, o);
        sb_printf(o, " COLLATE FRENCH_CI_AS %s ", op);
        emit_chain(p, le + 1, re, o);
        return re;
    }
    int numeric = kl == K_DECIMAL || kr == K_DECIMAL || kl == K_NUMBER || kr == K_NUMBER;
    sb_adds(o, "t_cmp(");
    emit_chain(p, i, le, o);
    sb_adds(o, ", ");
    emit_chain(p, le + 1, re, o);
    sb_printf(o, ", %d) %s 0", numeric, op);
    return re;
}

/* ---- clauses ---- */

static int skip_table_hints(P *p, int i, int b)
{
    if (i + 1 < b && tk_is(&p->t[i], "WITH") && p->t[i + 1].type == TK_LP)
        return paren_close(p, i + 1, b) + 1;
    if (i + 1 < b && p->t[i].type == TK_LP && tk_is(&p->t[i + 1], "NOLOCK"))
        return paren_close(p, i, b) + 1;
    return i;
}

static int select_list_end(P *p, int i, int b)
{
    for (int k = i; k < b; k++) {
        token *t = &p->t[k];
        if (t->type == TK_LP) {
            k = paren_close(p, k, b);
            continue;
        }
        if (tk_is(t, "CASE")) {
            k = group_end(p, k) - 1;
            continue;
        }
        if (tk_is(t, "FROM") || tk_is(t, "INTO") || tk_is(t, "WHERE") || tk_is(t, "GROUP") ||
            tk_is(t, "HAVING") || tk_is(t, "ORDER") || tk_is(t, "UNION") || tk_is(t, "EXCEPT") ||
            tk_is(t, "INTERSECT") || tk_is(t, "OPTION") || tk_is(t, "FOR") || tk_is(t, "LIMIT") ||
            tk_is(t, "OFFSET") || t->type == TK_SEMI)
            return k;
    }
    return b;
}

void infer_hint(P *p, int a, int b, col_hint *h);

/* SELECT [ALL|DISTINCT] [TOP n] list: returns index after the list. */
static int emit_select_head(P *p, int i, int b, sbuf *o, int top, char **limit)
{
    sb_adds(o, "SELECT ");
    i++;
    if (i < b && (tk_is(&p->t[i], "DISTINCT") || tk_is(&p->t[i], "ALL"))) {
        sb_add(o, p->t[i].p, (size_t)p->t[i].len);
        sb_addc(o, ' ');
        i++;
    }
    if (i < b && tk_is(&p->t[i], "TOP")) {
        i++;
        sbuf l = {0};
        if (i < b && p->t[i].type == TK_LP) {
            int rp = paren_close(p, i, b);
            xl(p, i + 1, rp, &l, 0);
            i = rp + 1;
        } else if (i < b && (p->t[i].type == TK_INT || p->t[i].type == TK_VAR)) {
            emit_operand(p, i, i + 1, &l);
            i++;
        } else {
            syntax_near(p, i);
            return b;
        }
        if (i < b && tk_is(&p->t[i], "PERCENT")) {
            perr(p, p->t[i].line, 50000, 16, "Liaison simulator: TOP ... PERCENT is not supported.");
            return b;
        }
        if (i + 1 < b && tk_is(&p->t[i], "WITH") && tk_is(&p->t[i + 1], "TIES"))
            i += 2;
        free(*limit);
        *limit = sb_take(&l);
    }
    int e = select_list_end(p, i, b);
    if (e == i) {
        syntax_near(p, e);
        return b;
    }
    int collect = top && p->cur && p->cur->kind != ST_SETVAR && !p->cur->hints;
    /* the FROM clause, translated now, lets column types be probed while
     * the list is typed */
    char *saved_tail = p->tail_now;
    p->tail_now = NULL;
    if (collect) {
        int d = 0, from = -1, end = b;
        for (int k = e; k < b; k++) {
            token *t = &p->t[k];
            if (t->type == TK_LP)
                d++;
            else if (t->type == TK_RP)
                d--;
            else if (d == 0 && from < 0 && tk_is(t, "FROM"))
                from = k;
            else if (d == 0 && from >= 0 &&
                     (tk_is(t, "WHERE") || tk_is(t, "GROUP") || tk_is(t, "HAVING") || tk_is(t, "ORDER") ||
                      tk_is(t, "UNION") || tk_is(t, "EXCEPT") || tk_is(t, "INTERSECT") || tk_is(t, "OPTION") ||
                      t->type == TK_SEMI)) {
                end = k;
                break;
            }
        }
        if (from >= 0) {
            stmt dummy;
            memset(&dummy, 0, sizeof dummy);
            stmt *sv = p->cur;
            p->cur = &dummy;
            sbuf tb = {0};
            xl(p, from, end, &tb, 0);
            p->cur = sv;
            free(dummy.text);
            for (int j = 0; j < dummy.nhints; j++)
                hint_free(&dummy.hints[j]);
            free(dummy.hints);
            free(dummy.probe_tail);
            free(dummy.vars);
            p->tail_now = sb_take(&tb);
        }
    }
    if (collect) {
        /* derived tables of the FROM clause come after the list but type it */
        for (int k = e; k < b; k++) {
            token *t = &p->t[k];
            if (tk_is(t, "UNION") || tk_is(t, "EXCEPT") || tk_is(t, "INTERSECT"))
                break;
            if (t->type != TK_LP)
                continue;
            int rp = paren_close(p, k, b);
            int al = rp + 1;
            if (al < b && tk_is(&p->t[al], "AS"))
                al++;
            if (k + 1 < rp && tk_is(&p->t[k + 1], "SELECT") && al < b &&
                (p->t[al].type == TK_QIDENT || (p->t[al].type == TK_IDENT && !tk_reserved(&p->t[al])))) {
                stmt tmp;
                memset(&tmp, 0, sizeof tmp);
                xl_capture(p, k + 1, rp, &tmp);
                char *an = tk_text(&p->t[al]);
                named_add(p, an, &tmp, -1, -1);
                free(an);
            }
            k = rp;
        }
    }
    /* SQL Server's rule for grouped queries (8120): a bare column of the
     * select list must be in the GROUP BY list. */
    int grouped = 0;
    char *groups = NULL; /* ",name,name," lower case */
    {
        int d = 0;
        for (int k = e; k < b; k++) {
            token *t = &p->t[k];
            if (t->type == TK_LP)
                d++;
            else if (t->type == TK_RP)
                d--;
            if (d != 0)
                continue;
            if (tk_is(t, "UNION") || tk_is(t, "EXCEPT") || tk_is(t, "INTERSECT"))
                break;
            if (tk_is(t, "HAVING"))
                grouped = 1;
            if (tk_is(t, "GROUP") && k + 1 < b && tk_is(&p->t[k + 1], "BY")) {
                grouped = 1;
                sbuf g = {0};
                sb_addc(&g, ',');
                int dd = 0;
                for (int q = k + 2; q < b; q++) {
                    token *u = &p->t[q];
                    if (u->type == TK_LP)
                        dd++;
                    else if (u->type == TK_RP) {
                        if (dd == 0)
                            break;
                        dd--;
                    }
                    if (dd == 0 && u->type == TK_IDENT && (tk_is(u, "HAVING") || tk_is(u, "ORDER") || tk_is(u, "UNION") ||
                                                           tk_is(u, "OPTION") || tk_is(u, "EXCEPT") ||
                                                           tk_is(u, "INTERSECT")))
                        break;
                    if ((u->type == TK_IDENT || u->type == TK_QIDENT) && !(q + 1 < b && p->t[q + 1].type == TK_DOT)) {
                        char *c = tk_text(u);
                        for (char *z = c; *z; z++)
                            *z = (char)tolower((unsigned char)*z);
                        sb_adds(&g, c);
                        sb_addc(&g, ',');
                        free(c);
                    }
                }
                groups = sb_take(&g);
            }
        }
        for (int k = i; k < e && !grouped; k++) {
            token *t = &p->t[k];
            if (t->type == TK_LP && k + 1 < e && tk_is(&p->t[k + 1], "SELECT")) {
                k = paren_close(p, k, e);
                continue;
            }
            if ((tk_is(t, "COUNT") || tk_is(t, "SUM") || tk_is(t, "AVG") || tk_is(t, "MIN") || tk_is(t, "MAX") ||
                 tk_is(t, "COUNT_BIG")) &&
                k + 1 < e && p->t[k + 1].type == TK_LP) {
                int rp = paren_close(p, k + 1, e);
                if (!(rp + 1 < e && tk_is(&p->t[rp + 1], "OVER")))
                    grouped = 1;
            }
        }
    }
    int item = 0;
    int k = i;
    while (k < e && !p->failed) {
        /* one item */
        int ie = k, d = 0;
        for (; ie < e; ie++) {
            token *t = &p->t[ie];
            if (t->type == TK_LP)
                d++;
            else if (t->type == TK_RP)
                d--;
            else if (tk_is(t, "CASE"))
                d++;
            else if (tk_is(t, "END") && d > 0)
                d--;
            else if (t->type == TK_COMMA && d == 0)
                break;
        }
        if (ie == k) {
            syntax_near(p, k);
            free(groups);
            free(p->tail_now);
            p->tail_now = saved_tail;
            return b;
        }
        if (item)
            sb_adds(o, ", ");
        int ea = k, eb = ie;
        char *alias = NULL;
        int assign = -1;
        token *t0 = &p->t[k];
        if (ie - k >= 3 && p->t[k + 1].type == TK_OP && p->t[k + 1].len == 1 && p->t[k + 1].p[0] == '=') {
            if (t0->type == TK_VAR) {
                assign = var_index(p, t0, 0);
                ea = k + 2;
            } else if (t0->type == TK_QIDENT || t0->type == TK_STR || t0->type == TK_NSTR ||
                       (t0->type == TK_IDENT && !tk_reserved(t0))) {
                alias = tk_text(t0);
                ea = k + 2;
            }
        }
        if (!alias && assign < 0 && eb - ea >= 2) {
            token *l = &p->t[eb - 1], *pl = &p->t[eb - 2];
            int alias_tok = l->type == TK_QIDENT || l->type == TK_STR || l->type == TK_NSTR ||
                            (l->type == TK_IDENT && !tk_reserved(l) && !is_clause_kw(l));
            if (alias_tok && tk_is(pl, "AS")) {
                alias = tk_text(l);
                eb -= 2;
            } else if (alias_tok && pl->type != TK_DOT && !tk_is(pl, "COLLATE") &&
                       (pl->type == TK_RP || pl->type == TK_QIDENT || pl->type == TK_INT ||
                        pl->type == TK_DEC || pl->type == TK_STR || pl->type == TK_NSTR ||
                        pl->type == TK_VAR || pl->type == TK_SYSVAR || tk_is(pl, "END") || tk_is(pl, "NULL") ||
                        (pl->type == TK_IDENT && !tk_reserved(pl)))) {
                alias = tk_text(l);
                eb -= 1;
            }
        }
        int star = eb - ea == 1 && p->t[ea].type == TK_OP && p->t[ea].p[0] == '*';
        if (star) {
            sb_adds(o, "*");
        } else {
            xl(p, ea, eb, o, 0);
        }
        if (assign >= 0 && p->cur && top) {
            p->cur->vars = realloc(p->cur->vars, (size_t)(p->cur->nvars + 1) * sizeof(int));
            if (!p->cur->vars)
                abort();
            p->cur->vars[p->cur->nvars++] = assign;
        }
        int simple_col = 0;
        {
            chain c;
            if (!star && (p->t[ea].type == TK_IDENT || p->t[ea].type == TK_QIDENT)) {
                chain_read(p, ea, eb, &c);
                simple_col = c.end == eb && !(eb > ea && p->t[eb - 1].type == TK_LP);
                if (c.star)
                    star = 1;
                chain_free(&c);
                if (p->t[ea].type == TK_IDENT && tk_reserved(&p->t[ea]))
                    simple_col = 0;
            }
        }
        if (grouped && simple_col && !star && assign < 0) {
            char *c = tk_text(&p->t[eb - 1]);
            for (char *z = c; *z; z++)
                *z = (char)tolower((unsigned char)*z);
            sbuf key = {0};
            sb_printf(&key, ",%s,", c);
            if (!groups || !strstr(groups, sb_str(&key))) {
                sbuf w = {0};
                for (int q = ea; q < eb; q++) {
                    char *x = p->t[q].type == TK_DOT ? strdup(".") : tk_text(&p->t[q]);
                    sb_adds(&w, x);
                    free(x);
                }
                perr(p, p->t[ea].line, 8120, 16,
                     "Column '%s' is invalid in the select list because it is not contained in either an aggregate function or the GROUP BY clause.",
                     sb_str(&w));
                sb_free(&w);
            }
            sb_free(&key);
            free(c);
        }
        if (alias) {
            sb_adds(o, " AS ");
            quote_ident(o, alias);
        } else if (top && !star && !simple_col) {
            sb_printf(o, " AS \"__c%d\"", item);
        }
        if (collect) {
            p->cur->hints = realloc(p->cur->hints, (size_t)(p->cur->nhints + 1) * sizeof(col_hint));
            if (!p->cur->hints)
                abort();
            col_hint *h = &p->cur->hints[p->cur->nhints++];
            memset(h, 0, sizeof *h);
            h->star = star;
            if (!star)
                infer_hint(p, ea, eb, h);
            if (alias)
                h->name = strdup(alias);
            else if (!star && !simple_col)
                h->name = strdup("");
            else if (!star && (p->t[eb - 1].type == TK_IDENT || p->t[eb - 1].type == TK_QIDENT))
                h->name = tk_text(&p->t[eb - 1]);
        }
        free(alias);
        item++;
        k = ie < e ? ie + 1 : ie;
    }
    if (collect && !p->cur->hints)
        p->cur->hints = calloc(1, sizeof(col_hint)); /* mark as collected */
    free(groups);
    free(p->tail_now);
    p->tail_now = saved_tail;
    return e;
}

static void emit_cte_list(P *p, int *ip, int b, sbuf *o)
{
    int i = *ip;
    size_t with_at = o->len;
    sb_adds(o, "WITH ");
    for (;;) {
        if (i >= b || !is_name_tok(&p->t[i])) {
            syntax_near(p, i);
            *ip = b;
            return;
        }
        char *name = tk_text(&p->t[i]);
        quote_ident(o, name);
        free(name);
        int name_at = i, cols_at = -1, cols_end = -1;
        i++;
        if (i < b && p->t[i].type == TK_LP) {
            cols_at = i + 1;
            cols_end = paren_close(p, i, b);
            int rp = paren_close(p, i, b);
            sb_addc(o, '(');
            for (int k = i + 1; k < rp; k++) {
                if (p->t[k].type == TK_COMMA) {
                    sb_adds(o, ", ");
                } else {
                    char *c = tk_text(&p->t[k]);
                    quote_ident(o, c);
                    free(c);
                }
            }
            sb_addc(o, ')');
            i = rp + 1;
        }
        if (i >= b || !tk_is(&p->t[i], "AS") || i + 1 >= b || p->t[i + 1].type != TK_LP) {
            syntax_near(p, i);
            *ip = b;
            return;
        }
        int rp = paren_close(p, i + 1, b);
        sb_adds(o, " AS (");
        {
            stmt tmp;
            memset(&tmp, 0, sizeof tmp);
            stmt *save = p->cur;
            p->cur = &tmp;
            xl(p, i + 2, rp, o, 1);
            p->cur = save;
            char *cn = tk_text(&p->t[name_at]);
            named_add(p, cn, &tmp, cols_at, cols_end);
            free(cn);
        }
        sb_adds(o, ")");
        /* later probes may name this CTE */
        free(p->cte_prefix);
        p->cte_prefix = strndup(o->s + with_at, o->len - with_at);
        i = rp + 1;
        if (i < b && p->t[i].type == TK_COMMA) {
            sb_adds(o, ", ");
            i++;
            continue;
        }
        break;
    }
    sb_addc(o, ' ');
    *ip = i;
}

static void xl(P *p, int a, int b, sbuf *o, int top)
{
    int i = a;
    int table_ctx = p->start_table, from_list = p->start_table;
    p->start_table = 0;
    char *limit = NULL;
    char *offset = NULL;
    int probe_from = -1;
    int order_by = 0; /* in the items of an ORDER BY */
    while (i < b && !p->failed) {
        token *t = &p->t[i];
        if (t->type == TK_IDENT && order_by && !tk_is(t, "ASC") && !tk_is(t, "DESC") &&
            (is_clause_kw(t) || tk_reserved(t)) && !tk_is(t, "CASE") && !tk_is(t, "NULL") &&
            !(i + 1 < b && p->t[i + 1].type == TK_LP))
            order_by = 0;
        if (t->type == TK_IDENT && tk_is(t, "BY") && i > a && tk_is(&p->t[i - 1], "ORDER"))
            order_by = 2; /* set after BY is emitted */
        if (o->len && o->s[o->len - 1] != ' ' && o->s[o->len - 1] != '(')
            sb_addc(o, ' ');
        if (table_ctx && (is_name_tok(t) && !(t->type == TK_IDENT && tk_reserved(t)))) {
            chain c;
            chain_read(p, i, b, &c);
            int needs_alias = 0;
            emit_table(p, &c, o, &needs_alias);
            i = c.end;
            char *last = c.part[c.nparts - 1] ? strdup(c.part[c.nparts - 1]) : NULL;
            chain_free(&c);
            i = skip_table_hints(p, i, b);
            int has_alias = i < b && (tk_is(&p->t[i], "AS") || p->t[i].type == TK_QIDENT ||
                                      (p->t[i].type == TK_IDENT && !tk_reserved(&p->t[i]) && !is_clause_kw(&p->t[i])));
            if (needs_alias && !has_alias && last) {
                sb_adds(o, " AS ");
                quote_ident(o, last);
            }
            free(last);
            if (has_alias) {
                if (tk_is(&p->t[i], "AS"))
                    i++;
                if (i < b) {
                    char *al = tk_text(&p->t[i]);
                    sb_adds(o, " AS ");
                    quote_ident(o, al);
                    free(al);
                    i++;
                }
                i = skip_table_hints(p, i, b);
            }
            table_ctx = 0;
            continue;
        }
        if (table_ctx && t->type == TK_LP) {
            /* derived table: its select list types serve the outer query */
            int rp = paren_close(p, i, b);
            sb_addc(o, '(');
            int al = rp + 1;
            if (al < b && tk_is(&p->t[al], "AS"))
                al++;
            if (al < b && (p->t[al].type == TK_QIDENT || (p->t[al].type == TK_IDENT && !tk_reserved(&p->t[al]))) &&
                i + 1 < rp && tk_is(&p->t[i + 1], "SELECT")) {
                stmt tmp;
                memset(&tmp, 0, sizeof tmp);
                stmt *save = p->cur;
                p->cur = &tmp;
                xl(p, i + 1, rp, o, 1);
                p->cur = save;
                char *an = tk_text(&p->t[al]);
                named_add(p, an, &tmp, -1, -1);
                free(an);
            } else {
                xl(p, i + 1, rp, o, 0);
            }
            sb_addc(o, ')');
            i = rp + 1;
            table_ctx = 0;
            continue;
        }
        if (t->type == TK_IDENT) {
            if (tk_is(t, "SELECT")) {
                i = emit_select_head(p, i, b, o, top, &limit);
                continue;
            }
            if (tk_is(t, "WITH") && i + 1 < b && is_name_tok(&p->t[i + 1]) && !tk_is(&p->t[i + 1], "TIES")) {
                i++;
                emit_cte_list(p, &i, b, o);
                continue;
            }
            if (tk_is(t, "FROM") || tk_is(t, "JOIN") || tk_is(t, "INTO") || tk_is(t, "UPDATE") ||
                tk_is(t, "TABLE")) {
                sb_add(o, t->p, (size_t)t->len);
                if (tk_is(t, "FROM")) {
                    from_list = 1;
                    if (top && probe_from < 0)
                        probe_from = (int)o->len - 4;
                }
                table_ctx = 1;
                i++;
                continue;
            }
            if (tk_is(t, "APPLY")) {
                perr(p, t->line, 50000, 16, "Liaison simulator: CROSS/OUTER APPLY is not supported.");
                break;
            }
            if (tk_is(t, "LIMIT")) {
                syntax_near(p, i + 1 < b ? i + 1 : i);
                break;
            }
            if (tk_is(t, "OUTPUT")) {
                perr(p, t->line, 50000, 16, "Liaison simulator: the OUTPUT clause is not supported.");
                break;
            }
            if (tk_is(t, "OPTION") && i + 1 < b && p->t[i + 1].type == TK_LP) {
                i = paren_close(p, i + 1, b) + 1;
                continue;
            }
            if (tk_is(t, "OFFSET")) {
                /* OFFSET n ROW[S] [FETCH FIRST|NEXT m ROW[S] ONLY] */
                int e = operand_end(p, i + 1, b);
                if (e < 0 || e >= b + 1) {
                    syntax_near(p, i + 1);
                    break;
                }
                sbuf ob = {0};
                xl(p, i + 1, e, &ob, 0);
                free(offset);
                offset = sb_take(&ob);
                i = e;
                if (i < b && (tk_is(&p->t[i], "ROWS") || tk_is(&p->t[i], "ROW")))
                    i++;
                if (i < b && tk_is(&p->t[i], "FETCH")) {
                    i++;
                    if (i < b && (tk_is(&p->t[i], "NEXT") || tk_is(&p->t[i], "FIRST")))
                        i++;
                    int e2 = operand_end(p, i, b);
                    if (e2 < 0) {
                        syntax_near(p, i);
                        break;
                    }
                    sbuf lb = {0};
                    xl(p, i, e2, &lb, 0);
                    free(limit);
                    limit = sb_take(&lb);
                    i = e2;
                    if (i < b && (tk_is(&p->t[i], "ROWS") || tk_is(&p->t[i], "ROW")))
                        i++;
                    if (i < b && tk_is(&p->t[i], "ONLY"))
                        i++;
                }
                continue;
            }
            if (tk_is(t, "COLLATE") && i + 1 < b) {
                emit_collate(p, i + 1, o);
                i += 2;
                continue;
            }
            if (tk_is(t, "ORDER") || tk_is(t, "UNION") || tk_is(t, "EXCEPT") || tk_is(t, "INTERSECT") ||
                tk_is(t, "WHERE") || tk_is(t, "GROUP") || tk_is(t, "HAVING")) {
                if (top && probe_from >= 0 && p->cur && !p->cur->probe_tail)
                    p->cur->probe_tail = strndup(o->s + probe_from, o->len - (size_t)probe_from);
                if (tk_is(t, "UNION") || tk_is(t, "EXCEPT") || tk_is(t, "INTERSECT"))
                    top = 0; /* hints come from the first SELECT */
            }
            if (is_clause_kw(t) || tk_reserved(t)) {
                if (tk_is(t, "WHERE") || tk_is(t, "GROUP") || tk_is(t, "ORDER") || tk_is(t, "HAVING") ||
                    tk_is(t, "ON") || tk_is(t, "UNION") || tk_is(t, "SET") || tk_is(t, "VALUES"))
                    from_list = 0;
                if (tk_is(t, "CASE") || tk_is(t, "NULL") ||
                    ((tk_is(t, "LEFT") || tk_is(t, "RIGHT") || tk_is(t, "CONVERT")) && i + 1 < b &&
                     p->t[i + 1].type == TK_LP)) {
                    i = emit_cmp(p, i, b, o, order_by);
                    continue;
                }
                sb_add(o, t->p, (size_t)t->len);
                i++;
                continue;
            }
        }
        if (t->type == TK_COMMA) {
            sb_adds(o, ",");
            if (from_list)
                table_ctx = 1;
            i++;
            continue;
        }
        if (t->type == TK_OP) {
            if (t->len == 2 && t->p[0] == '|' && t->p[1] == '|') {
                perr(p, t->line, 102, 15, "Incorrect syntax near '|'.");
                break;
            }
            if (t->len == 2 && t->p[0] == '=' && t->p[1] == '=') {
                perr(p, t->line, 102, 15, "Incorrect syntax near '='.");
                break;
            }
            if (t->len == 2 && t->p[0] == '!' && t->p[1] == '<') {
                sb_adds(o, ">=");
            } else if (t->len == 2 && t->p[0] == '!' && t->p[1] == '>') {
                sb_adds(o, "<=");
            } else if (t->len == 2 && t->p[0] == '!' && t->p[1] == '=') {
                sb_adds(o, "<>");
            } else if (t->len == 1 && t->p[0] == '*') {
                sb_adds(o, "*");
            } else if (t->len == 1 && (t->p[0] == '-' || t->p[0] == '+' || t->p[0] == '~')) {
                i = emit_cmp(p, i, b, o, order_by);
                continue;
            } else if (t->len == 1 && strchr("=<>", t->p[0])) {
                sb_add(o, t->p, 1);
            } else if (t->len == 2 && strchr("<>", t->p[0])) {
                sb_add(o, t->p, 2);
            } else {
                syntax_near(p, i);
                break;
            }
            i++;
            continue;
        }
        if (t->type == TK_SEMI) {
            i++;
            continue;
        }
        if (t->type == TK_ERR || t->type == TK_EOF || t->type == TK_RP || t->type == TK_DOT) {
            syntax_near(p, i);
            break;
        }
        i = emit_cmp(p, i, b, o, order_by);
    }
    if (top && probe_from >= 0 && p->cur && !p->cur->probe_tail)
        p->cur->probe_tail = strndup(o->s + probe_from, o->len - (size_t)probe_from);
    if (limit || offset)
        sb_printf(o, " LIMIT %s", limit ? limit : "-1");
    if (offset)
        sb_printf(o, " OFFSET %s", offset);
    free(limit);
    free(offset);
}

void xl_range(P *p, int a, int b, sbuf *o) { xl(p, a, b, o, 1); }
void xl_sub(P *p, int a, int b, sbuf *o);
void xl_sub(P *p, int a, int b, sbuf *o) { xl(p, a, b, o, 0); }
void xl_table(P *p, int *i, int b, sbuf *o);
/* Emits the object name at *i (no alias handling). */
void xl_table(P *p, int *i, int b, sbuf *o)
{
    chain c;
    chain_read(p, *i, b, &c);
    int na = 0;
    emit_table(p, &c, o, &na);
    *i = c.end;
    chain_free(&c);
}

int operand_end_pub(P *p, int i, int b) { return operand_end(p, i, b); }

void hint_free(col_hint *h)
{
    free(h->probe);
    free(h->name);
    free(h->tail);
    memset(h, 0, sizeof *h);
}

void xl_capture(P *p, int a, int b, stmt *tmp)
{
    stmt *save = p->cur;
    p->cur = tmp;
    sbuf scratch = {0};
    xl(p, a, b, &scratch, 1);
    sb_free(&scratch);
    p->cur = save;
}

void named_add(P *p, const char *name, stmt *tmp, int cols_from, int cols_to)
{
    /* keep the table references for "Invalid object name" */
    if (tmp->text && p->cur) {
        sbuf r = {0};
        if (p->cur->text)
            sb_adds(&r, p->cur->text);
        sb_adds(&r, tmp->text);
        free(p->cur->text);
        p->cur->text = sb_take(&r);
    }
    free(tmp->text);
    tmp->text = NULL;
    free(tmp->vars);
    tmp->vars = NULL;
    p->nh = realloc(p->nh, (size_t)(p->nnh + 1) * sizeof *p->nh);
    if (!p->nh)
        abort();
    named_hint *n = &p->nh[p->nnh++];
    n->name = strdup(name);
    n->hints = tmp->hints;
    n->nhints = tmp->nhints;
    n->tail = tmp->probe_tail;
    tmp->hints = NULL;
    tmp->probe_tail = NULL;
    /* WITH x (a, b) AS (...): the list names the columns */
    if (cols_from >= 0) {
        int k = 0;
        for (int t = cols_from; t < cols_to && k < n->nhints; t++) {
            if (p->t[t].type == TK_COMMA)
                continue;
            free(n->hints[k].name);
            n->hints[k].name = tk_text(&p->t[t]);
            k++;
        }
    }
}
