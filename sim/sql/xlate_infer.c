/* Result column types inferred from T-SQL select items: literals, CAST and
 * CONVERT targets, aggregates and functions. A bare column gets its declared
 * type from SQLite at prepare time (probe). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xlate.h"

void infer_hint(P *p, int a, int b, col_hint *h);
void xl_sub(P *p, int a, int b, sbuf *o);

static void known(col_hint *h, sim_type_kind k, int len, int prec, int scale)
{
    h->op = H_KNOWN;
    memset(&h->type, 0, sizeof h->type);
    h->type.kind = k;
    h->type.length = len;
    h->type.precision = prec;
    h->type.scale = scale;
    h->type.nullable = 1;
}

static void known_decl(col_hint *h, const char *decl)
{
    if (type_parse(decl, &h->type) == 0)
        h->op = H_KNOWN;
    else
        h->op = H_UNKNOWN;
}

static int rank_of(const sim_type *t)
{
    switch (t->kind) {
    case SIM_T_FLOAT: return 9;
    case SIM_T_MONEY: return 8;
    case SIM_T_DECIMAL: return 7;
    case SIM_T_BIGINT: return 6;
    case SIM_T_INT: return 5;
    case SIM_T_SMALLINT: return 4;
    case SIM_T_TINYINT: return 3;
    case SIM_T_BIT: return 2;
    default: return 0;
    }
}

static void as_decimal(const sim_type *t, int *prec, int *scale)
{
    switch (t->kind) {
    case SIM_T_DECIMAL: *prec = t->precision; *scale = t->scale; return;
    case SIM_T_MONEY: *prec = 19; *scale = 4; return;
    case SIM_T_BIGINT: *prec = 19; *scale = 0; return;
    case SIM_T_INT: *prec = 10; *scale = 0; return;
    case SIM_T_SMALLINT: *prec = 5; *scale = 0; return;
    default: *prec = 3; *scale = 0; return;
    }
}

static void combine(col_hint *h, const col_hint *x, const col_hint *y, int op)
{
    if (x->op != H_KNOWN || y->op != H_KNOWN) {
        h->op = H_UNKNOWN;
        return;
    }
    const sim_type *a = &x->type, *b = &y->type;
    if (op == '+' && type_is_string(a) && type_is_string(b)) {
        int nv = a->kind == SIM_T_NVARCHAR || a->kind == SIM_T_NCHAR || b->kind == SIM_T_NVARCHAR ||
                 b->kind == SIM_T_NCHAR;
        int la = type_is_string(a) ? a->length : 30, lb = type_is_string(b) ? b->length : 30;
        int len = (la < 0 || lb < 0) ? -1 : la + lb;
        if (len > (nv ? 4000 : 8000))
            len = nv ? 4000 : 8000;
        known(h, nv ? SIM_T_NVARCHAR : SIM_T_VARCHAR, len, 0, 0);
        return;
    }
    /* string with a number: the string converts to the number's type */
    if (type_is_string(a) && type_is_numeric(b)) {
        *h = *y;
        return;
    }
    if (type_is_string(b) && type_is_numeric(a)) {
        *h = *x;
        return;
    }
    if (!type_is_numeric(a) || !type_is_numeric(b)) {
        if (a->kind >= SIM_T_DATETIME && a->kind <= SIM_T_DATE) {
            *h = *x;
            return;
        }
        h->op = H_UNKNOWN;
        return;
    }
    const sim_type *hi = rank_of(a) >= rank_of(b) ? a : b;
    if (hi->kind != SIM_T_DECIMAL || (op != '+' && op != '-' && op != '*' && op != '/' && op != '%')) {
        if (hi->kind == SIM_T_BIT || hi->kind == SIM_T_TINYINT || hi->kind == SIM_T_SMALLINT)
            known(h, SIM_T_INT, 4, 10, 0);
        else
            *h = rank_of(a) >= rank_of(b) ? *x : *y;
        h->op = H_KNOWN;
        return;
    }
    int p1, s1, p2, s2, pr, sc;
    as_decimal(a, &p1, &s1);
    as_decimal(b, &p2, &s2);
    if (op == '*') {
        sc = s1 + s2;
        pr = p1 + p2 + 1;
    } else if (op == '/') {
        sc = s1 + p2 + 1 > 6 ? s1 + p2 + 1 : 6;
        pr = p1 - s1 + s2 + sc;
    } else {
        sc = s1 > s2 ? s1 : s2;
        pr = (p1 - s1 > p2 - s2 ? p1 - s1 : p2 - s2) + sc + 1;
    }
    if (pr > 38) {
        int intd = pr - sc;
        sc = 38 - intd < 6 ? (sc < 6 ? sc : 6) : 38 - intd;
        pr = 38;
    }
    known(h, SIM_T_DECIMAL, 17, pr, sc);
}

static void type_from_tokens(P *p, int a, int b, col_hint *h)
{
    sbuf s = {0};
    for (int k = a; k < b; k++) {
        if (p->t[k].type == TK_QIDENT) {
            char *x = tk_text(&p->t[k]);
            sb_adds(&s, x);
            free(x);
        } else {
            sb_add(&s, p->t[k].p, (size_t)p->t[k].len);
        }
    }
    known_decl(h, sb_str(&s));
    /* CAST(x AS varchar) without length is varchar(30) */
    if (h->op == H_KNOWN && b == a + 1 && type_is_string(&h->type))
        h->type.length = 30;
    sb_free(&s);
}

static void infer_case(P *p, int a, int b, col_hint *h)
{
    int d = 0;
    for (int k = a + 1; k < b; k++) {
        token *t = &p->t[k];
        if (t->type == TK_LP) {
            k = paren_close(p, k, b);
            continue;
        }
        if (tk_is(t, "CASE"))
            d++;
        else if (tk_is(t, "END"))
            d--;
        else if (d == 0 && (tk_is(t, "THEN") || tk_is(t, "ELSE"))) {
            int e = k + 1, dd = 0;
            for (; e < b; e++) {
                token *u = &p->t[e];
                if (u->type == TK_LP) {
                    e = paren_close(p, e, b);
                    continue;
                }
                if (tk_is(u, "CASE"))
                    dd++;
                else if (tk_is(u, "END")) {
                    if (dd == 0)
                        break;
                    dd--;
                } else if (dd == 0 && (tk_is(u, "WHEN") || tk_is(u, "ELSE")))
                    break;
            }
            infer_hint(p, k + 1, e, h);
            if (h->op != H_UNKNOWN && !(e == k + 2 && tk_is(&p->t[k + 1], "NULL")))
                return;
            hint_free(h);
        }
    }
    h->op = H_UNKNOWN;
}

static void infer_fn(P *p, int ni, int lp, int rp, col_hint *h)
{
    token *t = &p->t[ni];
    int as[8], ae[8];
    int n = split_args(p, lp, rp, as, ae, 8);
    h->op = H_UNKNOWN;
    if (tk_is(t, "CAST") || tk_is(t, "TRY_CAST")) {
        int d = 0;
        for (int k = lp + 1; k < rp; k++) {
            if (p->t[k].type == TK_LP)
                d++;
            else if (p->t[k].type == TK_RP)
                d--;
            else if (d == 0 && tk_is(&p->t[k], "AS")) {
                type_from_tokens(p, k + 1, rp, h);
                return;
            }
        }
        return;
    }
    if ((tk_is(t, "CONVERT") || tk_is(t, "TRY_CONVERT")) && n >= 1) {
        type_from_tokens(p, as[0], ae[0], h);
        return;
    }
    static const char *ints[] = {"LEN", "CHARINDEX", "PATINDEX", "YEAR", "MONTH", "DAY", "DATEDIFF",
                                 "DATEPART", "ASCII", "UNICODE", "RANK", "DENSE_RANK", "NTILE", "OBJECT_ID",
                                 "SCHEMA_ID", "DB_ID", "IS_MEMBER", "IS_ROLEMEMBER", "IS_SRVROLEMEMBER",
                                 "HAS_PERMS_BY_NAME", "ERROR_NUMBER", "ERROR_SEVERITY", "ERROR_STATE",
                                 "ERROR_LINE", "COUNT", "ISNUMERIC", "ISDATE", "DATALENGTH", "SIGN",
                                 "OBJECTPROPERTY", NULL};
    for (int k = 0; ints[k]; k++)
        if (tk_is(t, ints[k])) {
            known(h, SIM_T_INT, 4, 10, 0);
            return;
        }
    if (tk_is(t, "COUNT_BIG") || tk_is(t, "ROW_NUMBER")) {
        known(h, SIM_T_BIGINT, 8, 19, 0);
        return;
    }
    if (tk_is(t, "XACT_STATE") || tk_is(t, "COL_LENGTH")) {
        known(h, SIM_T_SMALLINT, 2, 5, 0);
        return;
    }
    if (tk_is(t, "GETDATE") || tk_is(t, "GETUTCDATE")) {
        known(h, SIM_T_DATETIME, 8, 23, 3);
        return;
    }
    if (tk_is(t, "SYSDATETIME") || tk_is(t, "SYSUTCDATETIME")) {
        known(h, SIM_T_DATETIME2, 8, 27, 7);
        return;
    }
    if (tk_is(t, "DATEFROMPARTS") || tk_is(t, "EOMONTH")) {
        known(h, SIM_T_DATE, 3, 10, 0);
        return;
    }
    if (tk_is(t, "SCOPE_IDENTITY") || tk_is(t, "IDENT_CURRENT")) {
        known(h, SIM_T_DECIMAL, 17, 38, 0);
        return;
    }
    if (tk_is(t, "NEWID")) {
        known(h, SIM_T_CHAR, 36, 0, 0);
        return;
    }
    static const char *names[] = {"DB_NAME", "SCHEMA_NAME", "OBJECT_NAME", "SUSER_SNAME", "SUSER_NAME",
                                  "USER_NAME", "TYPE_NAME", "SERVERPROPERTY", "DATABASEPROPERTYEX",
                                  "QUOTENAME", "DATENAME", NULL};
    for (int k = 0; names[k]; k++)
        if (tk_is(t, names[k])) {
            known(h, SIM_T_NVARCHAR, 128, 0, 0);
            return;
        }
    if (tk_is(t, "ERROR_MESSAGE")) {
        known(h, SIM_T_NVARCHAR, 4000, 0, 0);
        return;
    }
    if (tk_is(t, "CONCAT")) {
        known(h, SIM_T_VARCHAR, 8000, 0, 0);
        return;
    }
    if (tk_is(t, "STR") || tk_is(t, "SPACE") || tk_is(t, "REPLICATE")) {
        known(h, SIM_T_VARCHAR, 8000, 0, 0);
        return;
    }
    if (tk_is(t, "DATEADD") && n == 3) {
        infer_hint(p, as[2], ae[2], h);
        if (h->op == H_UNKNOWN)
            known(h, SIM_T_DATETIME, 8, 23, 3);
        return;
    }
    if (tk_is(t, "IIF") && n == 3) {
        infer_hint(p, as[1], ae[1], h);
        return;
    }
    if ((tk_is(t, "SUM") || tk_is(t, "AVG")) && n == 1) {
        int a0 = as[0];
        if (tk_is(&p->t[a0], "DISTINCT") || tk_is(&p->t[a0], "ALL"))
            a0++;
        col_hint x = {0};
        infer_hint(p, a0, ae[0], &x);
        int sum = tk_is(t, "SUM");
        if (x.op == H_SAME || x.op == H_SUM || x.op == H_AVG) {
            *h = x;
            if (x.op == H_SAME)
                h->op = sum ? H_SUM : H_AVG;
            return;
        }
        if (x.op == H_KNOWN) {
            sim_type ty = x.type;
            if (ty.kind == SIM_T_DECIMAL) {
                known(h, SIM_T_DECIMAL, 17, 38, sum ? ty.scale : (ty.scale > 6 ? ty.scale : 6));
            } else if (ty.kind == SIM_T_BIT || ty.kind == SIM_T_TINYINT || ty.kind == SIM_T_SMALLINT) {
                known(h, SIM_T_INT, 4, 10, 0);
            } else {
                h->op = H_KNOWN;
                h->type = ty;
            }
            free(x.probe);
            return;
        }
        free(x.probe);
        return;
    }
    if ((tk_is(t, "FLOOR") || tk_is(t, "CEILING")) && n == 1) {
        /* SQL Server: decimal(p,s) -> decimal(p,0), other types unchanged */
        infer_hint(p, as[0], ae[0], h);
        if (h->op == H_SAME)
            h->op = H_FLOOR;
        else if (h->op == H_KNOWN && h->type.kind == SIM_T_DECIMAL)
            h->type.scale = 0;
        return;
    }
    static const char *same[] = {"MIN", "MAX", "ISNULL", "COALESCE", "UPPER", "LOWER", "LTRIM", "RTRIM",
                                 "REPLACE", "SUBSTRING", "LEFT", "RIGHT", "ABS", "ROUND",
                                 "NULLIF", "REVERSE", "STUFF", "LAG", "LEAD", "FIRST_VALUE", "LAST_VALUE",
                                 "POWER", NULL};
    for (int k = 0; same[k]; k++)
        if (tk_is(t, same[k]) && n >= 1) {
            infer_hint(p, as[0], ae[0], h);
            for (int j = 1; h->op == H_UNKNOWN && (tk_is(t, "ISNULL") || tk_is(t, "COALESCE")) && j < n; j++)
                infer_hint(p, as[j], ae[j], h);
            return;
        }
}

/* Declared type of a column expression, probed now against the FROM clause
 * being translated (with the statement's CTEs); 0 when it cannot be. */
static int probe_now(P *p, const char *probe, col_hint *h)
{
    sbuf q = {0};
    sb_printf(&q, "%s SELECT %s %s", p->cte_prefix ? p->cte_prefix : "", probe, p->tail_now);
    sqlite3_stmt *ps;
    int ok = 0;
    if (sqlite3_prepare_v2(p->s->db, sb_str(&q), -1, &ps, NULL) == SQLITE_OK) {
        const char *decl = sqlite3_column_decltype(ps, 0);
        /* an identity column (INTEGER) waits for the run-time lookup */
        if (decl && strcmp(decl, "INTEGER") != 0 && type_parse(decl, &h->type) == 0) {
            h->op = H_KNOWN;
            ok = 1;
        }
        sqlite3_finalize(ps);
    }
    sb_free(&q);
    return ok;
}

void infer_hint(P *p, int a, int b, col_hint *h)
{
    h->op = H_UNKNOWN;
    if (a >= b || p->failed)
        return;
    token *t = &p->t[a];
    if (tk_is(&p->t[b - 1], "COLLATE") || (b - 2 > a && tk_is(&p->t[b - 2], "COLLATE")))
        b -= 2;
    if (b == a + 1) {
        switch (t->type) {
        case TK_STR: {
            char *s = tk_text(t);
            int n = (int)strlen(s);
            free(s);
            known(h, SIM_T_VARCHAR, n ? n : 1, 0, 0);
            return;
        }
        case TK_NSTR: {
            char *s = tk_text(t);
            int n = 0;
            for (char *c = s; *c; c++)
                n += ((unsigned char)*c & 0xC0) != 0x80;
            free(s);
            known(h, SIM_T_NVARCHAR, n ? n : 1, 0, 0);
            return;
        }
        case TK_INT:
            if (t->len > 10 || (t->len == 10 && strncmp(t->p, "2147483647", 10) > 0))
                known(h, SIM_T_DECIMAL, 17, t->len, 0);
            else
                known(h, SIM_T_INT, 4, 10, 0);
            return;
        case TK_DEC: {
            const char *dot = memchr(t->p, '.', (size_t)t->len);
            int sc = (int)(t->p + t->len - dot - 1);
            const char *q = t->p;
            while (q < dot && *q == '0')
                q++;
            int digits = (int)(dot - q) + sc;
            known(h, SIM_T_DECIMAL, 5, digits < 1 ? 1 : digits, sc);
            return;
        }
        case TK_FLOAT:
            known(h, SIM_T_FLOAT, 8, 53, 0);
            return;
        case TK_BIN:
            known(h, SIM_T_VARBINARY, (t->len - 1) / 2, 0, 0);
            return;
        case TK_VAR: {
            int v = var_index(p, t, 0);
            if (v >= 0) {
                h->op = H_KNOWN;
                h->type = p->pl->vars[v].type;
            }
            return;
        }
        case TK_SYSVAR:
            if (tk_is(&(token){TK_IDENT, t->p + 2, t->len - 2, 0, 0}, "VERSION") ||
                tk_is(&(token){TK_IDENT, t->p + 2, t->len - 2, 0, 0}, "SERVERNAME") ||
                tk_is(&(token){TK_IDENT, t->p + 2, t->len - 2, 0, 0}, "LANGUAGE"))
                known(h, SIM_T_NVARCHAR, 300, 0, 0);
            else if (tk_is(&(token){TK_IDENT, t->p + 2, t->len - 2, 0, 0}, "IDENTITY"))
                known(h, SIM_T_DECIMAL, 17, 38, 0);
            else if (tk_is(&(token){TK_IDENT, t->p + 2, t->len - 2, 0, 0}, "SPID"))
                known(h, SIM_T_SMALLINT, 2, 5, 0);
            else
                known(h, SIM_T_INT, 4, 10, 0);
            return;
        case TK_IDENT:
            if (tk_is(t, "NULL"))
                return; /* typeless: COALESCE and CASE look further */
            if (tk_is(t, "CURRENT_TIMESTAMP")) {
                known(h, SIM_T_DATETIME, 8, 23, 3);
                return;
            }
            if (tk_is(t, "SYSTEM_USER") || tk_is(t, "CURRENT_USER") || tk_is(t, "SESSION_USER")) {
                known(h, SIM_T_NVARCHAR, 128, 0, 0);
                return;
            }
            break;
        default:
            break;
        }
    }
    /* column reference: a, t.a, [s].[t].[a] */
    if (t->type == TK_IDENT || t->type == TK_QIDENT) {
        int k = a;
        while (k < b && (p->t[k].type == TK_IDENT || p->t[k].type == TK_QIDENT || p->t[k].type == TK_DOT))
            k++;
        if (k == b && !(t->type == TK_IDENT && tk_reserved(t))) {
            /* a column of a CTE or derived table: its own hint */
            char *col = tk_text(&p->t[b - 1]);
            char *qual = b - a >= 3 ? tk_text(&p->t[b - 3]) : NULL;
            for (int e = p->nnh - 1; e >= 0; e--) {
                named_hint *n = &p->nh[e];
                if (qual && strcasecmp(qual, n->name) != 0)
                    continue;
                for (int j = 0; j < n->nhints; j++) {
                    col_hint *x = &n->hints[j];
                    if (!x->name || strcasecmp(x->name, col) != 0)
                        continue;
                    if (x->op == H_KNOWN) {
                        h->op = H_KNOWN;
                        h->type = x->type;
                    } else if (x->op != H_UNKNOWN && x->probe) {
                        h->op = x->op;
                        h->probe = strdup(x->probe);
                        const char *tl = x->tail ? x->tail : n->tail;
                        h->tail = tl ? strdup(tl) : NULL;
                    } else {
                        continue;
                    }
                    free(col);
                    free(qual);
                    return;
                }
            }
            free(col);
            free(qual);
            sbuf s = {0};
            xl_sub(p, a, b, &s);
            if (p->tail_now && probe_now(p, sb_str(&s), h)) {
                sb_free(&s);
                return;
            }
            h->op = H_SAME;
            h->probe = sb_take(&s);
            return;
        }
        if (k < b && p->t[k].type == TK_LP && t->type == TK_IDENT && k == a + 1) {
            int rp = paren_close(p, k, b);
            if (rp == b - 1 || (rp + 1 < b && tk_is(&p->t[rp + 1], "OVER") &&
                                paren_close(p, rp + 2, b) == b - 1)) {
                infer_fn(p, a, k, rp, h);
                return;
            }
        }
    }
    if (tk_is(t, "CASE") && group_end(p, a) == b) {
        infer_case(p, a, b, h);
        return;
    }
    if (t->type == TK_LP && paren_close(p, a, b) == b - 1) {
        if (tk_is(&p->t[a + 1], "SELECT")) {
            /* scalar subquery: the type of its single column */
            stmt tmp;
            memset(&tmp, 0, sizeof tmp);
            xl_capture(p, a + 1, b - 1, &tmp);
            if (tmp.nhints >= 1 && tmp.hints[0].op != H_UNKNOWN) {
                *h = tmp.hints[0];
                free(h->name);
                h->name = NULL;
                if (h->op != H_KNOWN && !h->tail) {
                    h->tail = tmp.probe_tail;
                    tmp.probe_tail = NULL;
                }
                memset(&tmp.hints[0], 0, sizeof tmp.hints[0]);
            }
            for (int j = 0; j < tmp.nhints; j++)
                hint_free(&tmp.hints[j]);
            free(tmp.hints);
            free(tmp.probe_tail);
            free(tmp.text);
            free(tmp.vars);
            return;
        }
        infer_hint(p, a + 1, b - 1, h);
        return;
    }
    if (t->type == TK_OP && t->len == 1 && (t->p[0] == '-' || t->p[0] == '+')) {
        infer_hint(p, a + 1, b, h);
        return;
    }
    /* binary chain at the top level: fold left to right */
    int d = 0, start = a, havefirst = 0, op = 0;
    col_hint acc = {0};
    for (int k = a; k <= b; k++) {
        int split = k == b;
        if (!split) {
            token *u = &p->t[k];
            if (u->type == TK_LP)
                d++;
            else if (u->type == TK_RP)
                d--;
            else if (tk_is(u, "CASE"))
                d++;
            else if (tk_is(u, "END"))
                d--;
            else if (d == 0 && u->type == TK_OP && u->len == 1 && strchr("+-*/%", u->p[0]) && k > start)
                split = 1;
            else if (d == 0 && u->type == TK_IDENT && (tk_reserved(u) || is_clause_kw(u)) && !tk_is(u, "NULL") &&
                     !tk_is(u, "CASE") && !tk_is(u, "END") && !(k + 1 < b && p->t[k + 1].type == TK_LP)) {
                free(acc.probe);
                h->op = H_UNKNOWN;
                return;
            }
        }
        if (!split)
            continue;
        if (k == b && start == a) /* not a chain of operators we know */
            break;
        col_hint x = {0};
        infer_hint(p, start, k, &x);
        if (x.op != H_KNOWN) { /* only typed operands combine */
            hint_free(&x);
            x.op = H_UNKNOWN;
        }
        if (!havefirst) {
            acc = x;
            havefirst = 1;
        } else {
            col_hint r = {0};
            combine(&r, &acc, &x, op);
            acc = r;
        }
        if (k < b)
            op = p->t[k].p[0];
        start = k + 1;
        if (k == a + 0 && b == a)
            break;
    }
    if (havefirst && acc.op == H_KNOWN) {
        *h = acc;
        return;
    }
    h->op = H_UNKNOWN;
}
