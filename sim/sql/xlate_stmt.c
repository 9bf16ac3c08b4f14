/* Statement level of the translator: splits a batch into statements (T-SQL
 * needs no semicolons), builds control flow (IF/WHILE/BEGIN...END/TRY) and
 * translates DDL/DML to SQLite. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dec.h"
#include "xlate.h"

void xl_sub(P *p, int a, int b, sbuf *o);
void xl_table(P *p, int *i, int b, sbuf *o);

static stmt *st_new(P *p, st_kind k, int line)
{
    (void)p;
    stmt *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    s->kind = k;
    s->line = line;
    s->var = -1;
    return s;
}

static void block_add(stmt *blk, stmt *s)
{
    blk->list = realloc(blk->list, (size_t)(blk->nlist + 1) * sizeof *blk->list);
    if (!blk->list)
        abort();
    blk->list[blk->nlist++] = s;
}

static int kw(P *p, int i, const char *w) { return i < p->n && tk_is(&p->t[i], w); }

static int is_stmt_start(P *p, int i)
{
    static const char *w[] = {"SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP", "DECLARE",
                              "SET", "IF", "ELSE", "BEGIN", "END", "COMMIT", "ROLLBACK", "EXEC", "EXECUTE",
                              "PRINT", "RAISERROR", "THROW", "USE", "WITH", "TRUNCATE", "RETURN", "WHILE",
                              "MERGE", "GRANT", "DENY", "REVOKE", "SAVE", "BREAK", "CONTINUE", "GO", "BACKUP", "WAITFOR", NULL};
    for (int k = 0; w[k]; k++)
        if (kw(p, i, w[k]))
            return 1;
    return 0;
}

/* End (exclusive) of the statement starting at i. */
static int stmt_end(P *p, int start, int b)
{
    token *first = &p->t[start];
    int is_insert = tk_is(first, "INSERT"), is_update = tk_is(first, "UPDATE"), is_alter = tk_is(first, "ALTER");
    int is_with = tk_is(first, "WITH"), is_delete = tk_is(first, "DELETE");
    int is_view = (tk_is(first, "CREATE") || is_alter) && kw(p, start + 1, "VIEW");
    int is_create = tk_is(first, "CREATE");
    int seen = 0, d = 0, cased = 0;
    (void)is_delete;
    for (int i = start + 1; i < b; i++) {
        token *t = &p->t[i];
        if (t->type == TK_EOF)
            return i;
        if (t->type == TK_LP) {
            d++;
            continue;
        }
        if (t->type == TK_RP) {
            if (d == 0)
                return i;
            d--;
            continue;
        }
        if (d > 0)
            continue;
        if (t->type == TK_SEMI)
            return i;
        if (t->type != TK_IDENT)
            continue;
        if (tk_is(t, "CASE")) {
            cased++;
            continue;
        }
        if (tk_is(t, "END")) {
            if (cased) {
                cased--;
                continue;
            }
            return i;
        }
        if (cased)
            continue;
        token *prev = &p->t[i - 1];
        if (is_view)
            continue;
        if (tk_is(t, "SELECT")) {
            if (tk_is(prev, "UNION") || tk_is(prev, "ALL") || tk_is(prev, "EXCEPT") || tk_is(prev, "INTERSECT"))
                continue;
            if ((is_insert || is_with) && !seen) {
                seen = 1;
                continue;
            }
            return i;
        }
        if (tk_is(t, "VALUES") && is_insert) {
            seen = 1;
            continue;
        }
        if (tk_is(t, "SET")) {
            if (is_alter && kw(p, start + 1, "DATABASE"))
                continue;
            if (is_update && !seen) {
                seen = 1;
                continue;
            }
            if (tk_is(prev, "DELETE") || tk_is(prev, "UPDATE"))
                continue;
            return i;
        }
        if (tk_is(t, "INSERT") || tk_is(t, "UPDATE") || tk_is(t, "DELETE")) {
            if (tk_is(prev, "ON"))
                continue;
            if (is_with && !seen) {
                seen = 1;
                if (tk_is(t, "UPDATE"))
                    is_update = 1, seen = 0, is_with = 0;
                if (tk_is(t, "INSERT"))
                    is_insert = 1, seen = 0, is_with = 0;
                continue;
            }
            return i;
        }
        if (tk_is(t, "DROP") && (is_alter || is_create))
            continue;
        if (tk_is(t, "WITH")) {
            if (i + 2 < b && is_stmt_start(p, i) && (p->t[i + 1].type == TK_IDENT || p->t[i + 1].type == TK_QIDENT) &&
                !tk_is(&p->t[i + 1], "TIES") && (kw(p, i + 2, "AS") || p->t[i + 2].type == TK_LP))
                return i;
            continue;
        }
        if (tk_is(t, "ROLLBACK") && tk_is(prev, "WITH"))   /* ALTER DATABASE ... WITH ROLLBACK */
            continue;
        if (tk_is(t, "IF") && (tk_is(prev, "TABLE") || tk_is(prev, "VIEW") || tk_is(prev, "INDEX") ||
                               tk_is(prev, "EXISTS")))
            continue;
        if (is_stmt_start(p, i))
            return i;
    }
    return b;
}

static void set_sql(stmt *s, sbuf *o) { s->sql = sb_take(o); }

static void set_perm(P *p, stmt *s, const char *perm, int ti, int b)
{
    /* object name as written: schema and table for the 229 message */
    int k = ti;
    char *parts[4] = {0};
    int np = 0;
    while (k < b && (p->t[k].type == TK_IDENT || p->t[k].type == TK_QIDENT) && np < 4) {
        parts[np++] = tk_text(&p->t[k]);
        k++;
        if (k < b && p->t[k].type == TK_DOT)
            k++;
        else
            break;
    }
    sbuf o = {0};
    if (np >= 2 && parts[np - 2])
        sb_adds(&o, parts[np - 2]);
    else
        sb_adds(&o, "dbo");
    sb_addc(&o, '.');
    sb_adds(&o, np ? parts[np - 1] : "?");
    if (np >= 3 && parts[np - 3] && !s->arg)
        s->arg = strdup(parts[np - 3]);   /* a write into another database */
    for (int j = 0; j < np; j++)
        free(parts[j]);
    s->perm = strdup(perm);
    s->obj = sb_take(&o);
}

/* ---- CREATE TABLE ---- */

static int col_end(P *p, int i, int b)
{
    int d = 0;
    for (; i < b; i++) {
        if (p->t[i].type == TK_LP)
            d++;
        else if (p->t[i].type == TK_RP) {
            if (d == 0)
                return i;
            d--;
        } else if (p->t[i].type == TK_COMMA && d == 0)
            return i;
    }
    return b;
}

/* DEFAULT n of a decimal/money column: the canonical text at the column's
 * scale, as a stored value is (decstore.c); 0 when the default is not a
 * plain number (then it is translated as written). */
static int decimal_default(P *p, const sim_type *st, int a, int b, sbuf *o)
{
    if (st->kind != SIM_T_DECIMAL && st->kind != SIM_T_MONEY)
        return 0;
    sbuf num = {0};
    for (int k = a; k < b; k++) {
        if (p->t[k].type == TK_LP || p->t[k].type == TK_RP)
            continue;
        sb_add(&num, p->t[k].p, (size_t)p->t[k].len);
    }
    dec d;
    int ok = num.len > 0 && dec_parse(sb_str(&num), (int)num.len, &d) == 0 &&
             dec_rescale(&d, st->kind == SIM_T_MONEY ? 4 : st->scale) == 0;
    if (ok) {
        char out[64];
        dec_text(&d, out);
        sb_printf(o, " DEFAULT ('%s')", out);
    }
    sb_free(&num);
    return ok;
}

/* What an INSERT stores, from token i (after the column list) to e, with
 * the decstore markers that round values going into decimal columns:
 * around each item of VALUES tuples (by position) or around the SELECT. */
static void insert_source(P *p, stmt *s, int ts, int i, int e, sbuf *o)
{
    sbuf nm = {0};
    int kk = ts;
    xl_table(p, &kk, e, &nm);
    if (kw(p, i, "VALUES")) {
        s->dec_table = sb_take(&nm);
        sb_adds(o, " VALUES ");
        int q = i + 1, tuple = 0;
        while (q < e && p->t[q].type == TK_LP && !p->failed) {
            int rp = paren_close(p, q, e);
            if (tuple++)
                sb_adds(o, ", ");
            sb_addc(o, '(');
            for (int it = q + 1, col = 0; it < rp; col++) {
                int ie = col_end(p, it, rp);
                if (col)
                    sb_adds(o, ", ");
                if (ie == it + 1 && kw(p, it, "DEFAULT")) {
                    xl_sub(p, it, ie, o);
                } else {
                    sb_printf(o, "%cV%d%c", DS_BEGIN, col, DS_MID);
                    xl_sub(p, it, ie, o);
                    sb_addc(o, DS_END);
                }
                it = ie + 1;
            }
            sb_addc(o, ')');
            q = rp + 1;
            if (q < e && p->t[q].type == TK_COMMA)
                q++;
            else
                break;
        }
        if (q < e) {
            sb_addc(o, ' ');
            xl_sub(p, q, e, o);
        }
    } else if (kw(p, i, "SELECT") || kw(p, i, "WITH") || (i < e && p->t[i].type == TK_LP)) {
        s->dec_table = sb_take(&nm);
        sb_printf(o, " %cS%c", DS_BEGIN, DS_MID);
        xl_sub(p, i, e, o);
        sb_addc(o, DS_END);
    } else {
        xl_sub(p, i, e, o);
    }
    sb_free(&nm);
}

static void emit_col_list(P *p, int lp, int rp, sbuf *o)
{
    sb_addc(o, '(');
    int first = 1;
    for (int k = lp + 1; k < rp; k++) {
        token *t = &p->t[k];
        if (t->type == TK_COMMA) {
            sb_adds(o, ", ");
            first = 1;
            continue;
        }
        if (tk_is(t, "ASC") || tk_is(t, "DESC")) {
            sb_addc(o, ' ');
            sb_add(o, t->p, (size_t)t->len);
            continue;
        }
        if (first) {
            char *c = tk_text(t);
            quote_ident(o, c);
            free(c);
            first = 0;
        }
    }
    sb_addc(o, ')');
}

/* One column definition [a, e); returns the SQLite text in o. */
static void emit_coldef(P *p, int a, int e, sbuf *o, int *ident_col, int in_alter, sbuf *post,
                        const char *tname)
{
    char *cname = tk_text(&p->t[a]);
    quote_ident(o, cname);
    int i = a + 1;
    if (kw(p, i, "AS")) { /* computed column */
        sb_adds(o, " GENERATED ALWAYS AS (");
        int s = i + 1, en = e;
        if (kw(p, en - 1, "PERSISTED"))
            en--;
        xl_sub(p, s, en, o);
        sb_adds(o, ") VIRTUAL");
        free(cname);
        return;
    }
    /* type */
    int ts = i;
    if (i < e && (p->t[i].type == TK_IDENT || p->t[i].type == TK_QIDENT))
        i++;
    if (i < e && p->t[i].type == TK_DOT)
        i += 2; /* sys.xxx types */
    if (i < e && p->t[i].type == TK_LP)
        i = paren_close(p, i, e) + 1;
    sbuf ty = {0};
    for (int k = ts; k < i; k++) {
        if (p->t[k].type == TK_QIDENT) {
            char *x = tk_text(&p->t[k]);
            sb_adds(&ty, x);
            free(x);
        } else {
            for (int c = 0; c < p->t[k].len; c++)
                sb_addc(&ty, (char)tolower((unsigned char)p->t[k].p[c]));
        }
    }
    sim_type st;
    if (type_parse(sb_str(&ty), &st) != 0) {
        perr(p, p->t[ts].line, 2715, 16, "Column, parameter, or variable #%d: Cannot find data type %s.", 1,
             sb_str(&ty));
        sb_free(&ty);
        free(cname);
        return;
    }
    int identity = 0, notnull = 0, pk = 0, unique = 0;
    long seed = 1;
    char *collate = NULL;
    sbuf rest = {0};
    while (i < e && !p->failed) {
        token *t = &p->t[i];
        if (tk_is(t, "IDENTITY")) {
            identity = 1;
            i++;
            if (i < e && p->t[i].type == TK_LP) {
                int rp = paren_close(p, i, e);
                if (i + 1 < rp)
                    seed = strtol(p->t[i + 1].p, NULL, 10);
                i = rp + 1;
            }
        } else if (tk_is(t, "NOT") && kw(p, i + 1, "NULL")) {
            notnull = 1;
            i += 2;
        } else if (tk_is(t, "NULL")) {
            i++;
        } else if (tk_is(t, "COLLATE")) {
            collate = tk_text(&p->t[i + 1]);
            i += 2;
        } else if (tk_is(t, "CONSTRAINT")) {
            i += 2;
        } else if (tk_is(t, "PRIMARY") && kw(p, i + 1, "KEY")) {
            pk = 1;
            i += 2;
        } else if (tk_is(t, "UNIQUE")) {
            unique = 1;
            i++;
        } else if (tk_is(t, "CLUSTERED") || tk_is(t, "NONCLUSTERED") || tk_is(t, "ROWGUIDCOL") ||
                   tk_is(t, "SPARSE") || tk_is(t, "FILESTREAM")) {
            i++;
        } else if (tk_is(t, "DEFAULT")) {
            int s = i + 1, en = s;
            en = operand_end_pub(p, s, e);
            if (en < 0) {
                syntax_near(p, s);
                break;
            }
            if (!decimal_default(p, &st, s, en, &rest)) {
                sb_adds(&rest, " DEFAULT (");
                xl_sub(p, s, en, &rest);
                sb_adds(&rest, ")");
            }
            i = en;
        } else if (tk_is(t, "CHECK") && kw(p, i + 1, "") == 0 && i + 1 < e && p->t[i + 1].type == TK_LP) {
            int rp = paren_close(p, i + 1, e);
            sb_adds(&rest, " CHECK (");
            xl_sub(p, i + 2, rp, &rest);
            sb_adds(&rest, ")");
            i = rp + 1;
        } else if (tk_is(t, "FOREIGN") || tk_is(t, "REFERENCES")) {
            /* foreign keys are not enforced by the simulator */
            while (i < e && !tk_is(&p->t[i], "NOT") && !tk_is(&p->t[i], "NULL") && !tk_is(&p->t[i], "DEFAULT") &&
                   !tk_is(&p->t[i], "CONSTRAINT"))
                i++;
        } else if (tk_is(t, "ON") && (kw(p, i + 1, "DELETE") || kw(p, i + 1, "UPDATE"))) {
            i += 2;
            while (i < e && (kw(p, i, "CASCADE") || kw(p, i, "SET") || kw(p, i, "NULL") || kw(p, i, "NO") ||
                             kw(p, i, "ACTION") || kw(p, i, "DEFAULT")))
                i++;
        } else {
            syntax_near(p, i);
            break;
        }
    }
    if (identity && !in_alter) {
        sb_adds(o, " INTEGER PRIMARY KEY AUTOINCREMENT");
        /* the rowid column is INTEGER to SQLite: keep the T-SQL type aside */
        if (tname[0] != '#')
            sb_printf(post,
                      "; CREATE TABLE IF NOT EXISTS __sim_identity(tbl TEXT, col TEXT, type TEXT, PRIMARY KEY (tbl, col));"
                      " INSERT OR REPLACE INTO __sim_identity VALUES ('%s', '%s', '%s')",
                      tname, cname, sb_str(&ty));
        *ident_col = 1;
        if (seed != 1)
            sb_printf(post, "; INSERT INTO sqlite_sequence(name, seq) VALUES ('%s', %ld)", tname, seed - 1);
    } else {
        sb_addc(o, ' ');
        /* dates and decimals keep TEXT affinity: decimals are stored as
         * their exact text and compared as numbers by TSQL_DEC */
        if ((st.kind >= SIM_T_DATETIME && st.kind <= SIM_T_DATE) || st.kind == SIM_T_DECIMAL ||
            st.kind == SIM_T_MONEY)
            sb_adds(o, "tsqltext ");
        /* SQLite type names take numbers only: (max) is stored as (-1) */
        const char *mx = ci_contains(sb_str(&ty), "(max)") ? strchr(sb_str(&ty), '(') : NULL;
        if (mx) {
            sb_add(o, sb_str(&ty), (size_t)(mx - sb_str(&ty)));
            sb_adds(o, "(-1)");
        } else {
            sb_adds(o, sb_str(&ty));
        }
        if (st.kind >= SIM_T_DATETIME && st.kind <= SIM_T_DATE)
            sb_adds(o, " COLLATE TSQL_DATE");
        if (st.kind == SIM_T_DECIMAL || st.kind == SIM_T_MONEY)
            sb_adds(o, " COLLATE TSQL_DEC");
        if (type_is_string(&st)) {
            const char *m = "FRENCH_CI_AS";
            if (collate && ci_contains(collate, "_BIN"))
                m = "TSQL_BIN";
            else if (collate && ci_contains(collate, "_CS"))
                m = "TSQL_CS";
            sb_printf(o, " COLLATE %s", m);
        }
        if (notnull || pk)
            sb_adds(o, " NOT NULL");
        if (pk)
            sb_adds(o, " PRIMARY KEY");
        if (unique)
            sb_adds(o, " UNIQUE");
        if (type_is_string(&st) && st.length > 0)
            sb_printf(o, " CONSTRAINT \"__trunc\" CHECK (length(\"%s\") <= %d)", cname, st.length);
        if (st.kind == SIM_T_VARBINARY && st.length > 0)
            sb_printf(o, " CONSTRAINT \"__trunc\" CHECK (length(\"%s\") <= %d)", cname, st.length);
        if (st.kind == SIM_T_DECIMAL || st.kind == SIM_T_MONEY)
            sb_printf(o, " CONSTRAINT \"__dec\" CHECK (t_decchk(\"%s\", %d, %d))", cname, st.precision, st.scale);
    }
    sb_adds(o, sb_str(&rest));
    sb_free(&rest);
    sb_free(&ty);
    free(collate);
    free(cname);
}

static stmt *create_table(P *p, int i, int b, int line)
{
    stmt *s = st_new(p, ST_SQL, line);
    p->cur = s;
    int ti = i + 2;
    set_perm(p, s, "CREATE TABLE", ti, b);
    sbuf o = {0}, post = {0};
    int k = ti;
    int temp = p->t[ti].type == TK_IDENT && p->t[ti].p[0] == '#';
    sb_adds(&o, temp ? "CREATE TEMP TABLE " : "CREATE TABLE ");
    size_t name_at = o.len;
    xl_table(p, &k, b, &o);
    char *tname = strndup(o.s + name_at + 1, o.len - name_at - 2);
    if (k >= b || p->t[k].type != TK_LP) {
        syntax_near(p, k);
        free(tname);
        sb_free(&o);
        return s;
    }
    int rp = paren_close(p, k, b);
    sb_adds(&o, " (");
    int ident = 0, ncols = 0;
    /* two passes: constraints reference the identity decision */
    int c = k + 1;
    sbuf cons = {0};
    while (c < rp && !p->failed) {
        int e = col_end(p, c, rp);
        int a = c;
        char *cname = NULL;
        if (kw(p, a, "CONSTRAINT")) {
            cname = tk_text(&p->t[a + 1]);
            a += 2;
        }
        if (kw(p, a, "PRIMARY") || kw(p, a, "UNIQUE")) {
            int is_pk = kw(p, a, "PRIMARY");
            int lp = a + (is_pk ? 2 : 1);
            while (lp < e && p->t[lp].type != TK_LP)
                lp++;
            if (lp >= e) {
                syntax_near(p, e);
                free(cname);
                break;
            }
            int crp = paren_close(p, lp, e);
            sb_adds(&cons, ", ");
            if (cname) {
                sb_adds(&cons, "CONSTRAINT ");
                quote_ident(&cons, cname);
                sb_addc(&cons, ' ');
            }
            sb_adds(&cons, is_pk ? "\x01 " : "UNIQUE ");
            sbuf cl = {0};
            emit_col_list(p, lp, crp, &cl);
            sb_adds(&cons, sb_str(&cl));
            sb_free(&cl);
        } else if (kw(p, a, "FOREIGN")) {
            /* not enforced */
        } else if (kw(p, a, "CHECK") && p->t[a + 1].type == TK_LP) {
            int crp = paren_close(p, a + 1, e);
            sb_adds(&cons, ", CHECK (");
            xl_sub(p, a + 2, crp, &cons);
            sb_adds(&cons, ")");
        } else if (!cname) {
            if (ncols++)
                sb_adds(&o, ", ");
            emit_coldef(p, a, e, &o, &ident, 0, &post, tname);
        } else {
            syntax_near(p, a);
        }
        free(cname);
        c = e + 1;
    }
    /* A table with an identity column keeps it as the rowid: its declared
     * primary key becomes a unique constraint. */
    char *cs = sb_take(&cons);
    for (char *x = strchr(cs, '\x01'); x; x = strchr(x, '\x01')) {
        sbuf r = {0};
        sb_add(&r, cs, (size_t)(x - cs));
        sb_adds(&r, ident ? "UNIQUE" : "PRIMARY KEY");
        sb_adds(&r, x + 1);
        free(cs);
        cs = sb_take(&r);
        x = cs;
    }
    sb_adds(&o, cs);
    free(cs);
    sb_adds(&o, ")");
    sb_adds(&o, sb_str(&post));
    sb_free(&post);
    free(tname);
    set_sql(s, &o);
    return s;
}

/* ---- other statements ---- */

static stmt *dml(P *p, int i, int e, int line)
{
    stmt *s = st_new(p, ST_SQL, line);
    p->cur = s;
    if (e > i) {
        /* a statement cannot end with a keyword, an operator or a comma */
        token *l = &p->t[e - 1];
        if (l->type == TK_COMMA || l->type == TK_OP || l->type == TK_DOT ||
            (l->type == TK_IDENT && (tk_reserved(l) || is_clause_kw(l)) && !tk_is(l, "END") && !tk_is(l, "NULL") &&
             !tk_is(l, "ONLY") && !tk_is(l, "ROWS") && !tk_is(l, "ROW") && !tk_is(l, "DESC") && !tk_is(l, "ASC") &&
             !tk_is(l, "RIGHT") && !tk_is(l, "LEFT"))) {
            if (!(l->type == TK_OP && l->p[0] == '*' && l->len == 1)) {
                syntax_near(p, e - 1);
                return s;
            }
        }
    }
    sbuf o = {0};
    token *t = &p->t[i];
    int j = i;
    if (tk_is(t, "WITH")) {
        /* find the main verb after the CTE list */
        int k = i + 1, d = 0;
        for (; k < e; k++) {
            if (p->t[k].type == TK_LP)
                d++;
            else if (p->t[k].type == TK_RP)
                d--;
            else if (d == 0 && (kw(p, k, "SELECT") || kw(p, k, "INSERT") || kw(p, k, "UPDATE") || kw(p, k, "DELETE")))
                break;
        }
        j = k;
    }
    token *v = &p->t[j];
    if (tk_is(v, "SELECT")) {
        s->query = 1;
        /* SELECT ... INTO t FROM ...: CREATE TABLE t AS SELECT ... */
        int d = 0, into = -1;
        for (int k = j; k < e; k++) {
            if (p->t[k].type == TK_LP)
                d++;
            else if (p->t[k].type == TK_RP)
                d--;
            else if (d == 0 && kw(p, k, "INTO")) {
                into = k;
                break;
            } else if (d == 0 && kw(p, k, "FROM"))
                break;
        }
        if (into >= 0) {
            int k = into + 1;
            int temp = p->t[k].type == TK_IDENT && p->t[k].p[0] == '#';
            sb_adds(&o, temp ? "CREATE TEMP TABLE " : "CREATE TABLE ");
            xl_table(p, &k, e, &o);
            set_perm(p, s, "CREATE TABLE", into + 1, e);
            sb_adds(&o, " AS ");
            sbuf body = {0};
            xl_sub(p, i, into, &body);
            sb_addc(&body, ' ');
            xl_sub(p, k, e, &body);
            sb_adds(&o, sb_str(&body));
            sb_free(&body);
            s->query = 0;
            s->counts = 1;
            set_sql(s, &o);
            return s;
        }
        xl_range(p, i, e, &o);
        if (s->nvars > 0) {
            s->kind = ST_SELVAR;
            s->query = 0;
        }
        set_sql(s, &o);
        return s;
    }
    s->counts = 1;
    if (tk_is(v, "INSERT")) {
        int k = j + 1;
        if (kw(p, k, "INTO"))
            k++;
        set_perm(p, s, "INSERT", k, e);
        if (j > i)
            xl_sub(p, i, j, &o);
        sb_adds(&o, " INSERT INTO ");
        int ts = k;
        xl_table(p, &k, e, &o);
        {
            sbuf nm = {0};
            int kk = ts;
            xl_table(p, &kk, e, &nm);
            /* "T" -> T for the pragma lookup (attached tables keep no identity) */
            if (nm.len > 2 && nm.s[0] == '"' && !strstr(nm.s, "\"."))
                s->ident_table = strndup(nm.s + 1, nm.len - 2);
            sb_free(&nm);
        }
        if (kw(p, k, "EXEC") || kw(p, k, "EXECUTE")) {
            perr(p, p->t[k].line, 50000, 16, "Liaison simulator: INSERT ... EXEC is not supported.");
        }
        int after = k;
        if (k < e && p->t[k].type == TK_LP) {
            int rp = paren_close(p, k, e);
            after = rp + 1;
            sbuf cl = {0};
            sb_addc(&cl, ',');
            for (int q = k + 1; q < rp; q++)
                if (p->t[q].type == TK_IDENT || p->t[q].type == TK_QIDENT) {
                    char *c = tk_text(&p->t[q]);
                    for (char *z = c; *z; z++)
                        *z = (char)tolower((unsigned char)*z);
                    sb_adds(&cl, c);
                    sb_addc(&cl, ',');
                    free(c);
                }
            s->inscols = sb_take(&cl);
        } else if (!kw(p, k, "DEFAULT")) {
            s->ins_at = (int)o.len;
        }
        if (after > k)
            xl_sub(p, k, after, &o);
        insert_source(p, s, ts, after, e, &o);
        set_sql(s, &o);
        return s;
    }
    if (tk_is(v, "DELETE")) {
        int k = j + 1;
        if (kw(p, k, "TOP")) {
            perr(p, v->line, 50000, 16, "Liaison simulator: DELETE TOP is not supported.");
            return s;
        }
        if (kw(p, k, "FROM"))
            k++;
        set_perm(p, s, "DELETE", k, e);
        int ts = k;
        sbuf target = {0};
        xl_table(p, &k, e, &target);
        /* DELETE t FROM ... JOIN ...: rowid IN (SELECT) */
        if (kw(p, k, "FROM")) {
            char *alias = tk_text(&p->t[ts]);
            int d = 0, w = -1;
            (void)d;
            (void)w;
            if (j > i)
                xl_sub(p, i, j, &o);
            /* resolve the real table behind the alias in the FROM list */
            int real = -1;
            for (int q = k + 1; q < e; q++) {
                if ((p->t[q].type == TK_IDENT || p->t[q].type == TK_QIDENT) && q + 1 < e) {
                    char *x = tk_text(&p->t[q]);
                    /* an alias follows its table name: not a part of a dotted name */
                    int hit = strcasecmp(x, alias) == 0 && p->t[q - 1].type != TK_DOT &&
                              p->t[q + 1].type != TK_DOT && p->t[q - 1].type != TK_COMMA &&
                              !tk_is(&p->t[q - 1], "FROM") && !tk_is(&p->t[q - 1], "JOIN");
                    free(x);
                    if (hit && q > k + 1) {
                        int r = q - 1;
                        if (kw(p, r, "AS"))
                            r--;
                        /* walk back over a dotted name */
                        while (r - 2 >= k + 1 && p->t[r - 1].type == TK_DOT)
                            r -= 2;
                        real = r;
                        break;
                    }
                }
            }
            sb_adds(&o, " DELETE FROM ");
            if (real >= 0) {
                int rr = real;
                xl_table(p, &rr, e, &o);
            } else {
                sb_adds(&o, sb_str(&target));
            }
            sb_adds(&o, " WHERE rowid IN (SELECT ");
            quote_ident(&o, alias);
            sb_adds(&o, ".rowid ");
            xl_sub(p, k, e, &o);
            sb_adds(&o, ")");
            free(alias);
            sb_free(&target);
            set_sql(s, &o);
            return s;
        }
        if (j > i)
            xl_sub(p, i, j, &o);
        sb_adds(&o, " DELETE FROM ");
        sb_adds(&o, sb_str(&target));
        sb_free(&target);
        xl_sub(p, k, e, &o);
        set_sql(s, &o);
        return s;
    }
    if (tk_is(v, "UPDATE")) {
        int k = j + 1;
        if (kw(p, k, "TOP")) {
            perr(p, v->line, 50000, 16, "Liaison simulator: UPDATE TOP is not supported.");
            return s;
        }
        set_perm(p, s, "UPDATE", k, e);
        int ts = k;
        sbuf target = {0};
        xl_table(p, &k, e, &target);
        k = k; /* alias/hints after the target are not T-SQL */
        if (!kw(p, k, "SET")) {
            syntax_near(p, k);
            return s;
        }
        /* clauses */
        int set_s = k + 1, from = -1, where = -1, d = 0;
        for (int q = set_s; q < e; q++) {
            if (p->t[q].type == TK_LP)
                d++;
            else if (p->t[q].type == TK_RP)
                d--;
            else if (d == 0 && kw(p, q, "FROM") && from < 0 && where < 0)
                from = q;
            else if (d == 0 && kw(p, q, "WHERE") && where < 0)
                where = q;
        }
        int set_e = from >= 0 ? from : where >= 0 ? where : e;
        /* SET list: strip qualifiers on the assigned columns */
        sbuf set = {0};
        int q = set_s;
        while (q < set_e && !p->failed) {
            int ie = col_end(p, q, set_e);
            int eq = q;
            while (eq < ie && !(p->t[eq].type == TK_OP && p->t[eq].p[0] == '=' && p->t[eq].len == 1) &&
                   !(p->t[eq].type == TK_OP && p->t[eq].len == 2 && p->t[eq].p[1] == '='))
                eq++;
            if (eq >= ie || eq == q) {
                syntax_near(p, eq);
                break;
            }
            if (set.len)
                sb_adds(&set, ", ");
            if (p->t[q].type == TK_VAR) {
                perr(p, p->t[q].line, 50000, 16, "Liaison simulator: SET @variable = in UPDATE is not supported.");
                break;
            }
            char *col = tk_text(&p->t[eq - 1]);
            quote_ident(&set, col);
            sb_adds(&set, " = ");
            sb_printf(&set, "%cC%s%c", DS_BEGIN, col, DS_MID);
            if (p->t[eq].len == 2) { /* += */
                sbuf rhs = {0};
                xl_sub(p, eq + 1, ie, &rhs);
                sb_printf(&set, "t_add(\"%s\", %s)", col, sb_str(&rhs));
                sb_free(&rhs);
            } else {
                xl_sub(p, eq + 1, ie, &set);
            }
            sb_addc(&set, DS_END);
            free(col);
            q = ie + 1;
        }
        if (j > i)
            xl_sub(p, i, j, &o);
        s->dec_table = strdup(sb_str(&target));
        if (from < 0) {
            sb_adds(&o, " UPDATE ");
            sb_adds(&o, sb_str(&target));
            sb_adds(&o, " SET ");
            sb_adds(&o, sb_str(&set));
            if (where >= 0) {
                sb_addc(&o, ' ');
                xl_sub(p, where, e, &o);
            }
        } else {
            /* UPDATE x SET ... FROM T x JOIN U ON c ...: the target moves out of the FROM list */
            char *tn = tk_text(&p->t[ts]);
            int fe = where >= 0 ? where : e;
            int f0 = from + 1;
            int fi = f0;
            sbuf real = {0};
            xl_table(p, &fi, fe, &real);
            char *alias = NULL;
            if (kw(p, fi, "AS"))
                fi++;
            if (fi < fe && (p->t[fi].type == TK_QIDENT || (p->t[fi].type == TK_IDENT && !is_clause_kw(&p->t[fi]) &&
                                                            !tk_reserved(&p->t[fi])))) {
                alias = tk_text(&p->t[fi]);
                fi++;
            }
            char *first_name = tk_text(&p->t[f0]);
            int match = (alias && strcasecmp(alias, tn) == 0) || strcasecmp(sb_str(&real), sb_str(&target)) == 0;
            free(first_name);
            sb_adds(&o, " UPDATE ");
            if (match) {
                free(s->dec_table);
                s->dec_table = strdup(sb_str(&real));
                sb_adds(&o, sb_str(&real));
                if (alias) {
                    sb_adds(&o, " AS ");
                    quote_ident(&o, alias);
                }
                sb_adds(&o, " SET ");
                sb_adds(&o, sb_str(&set));
                sbuf cond = {0};
                if (fi < fe && p->t[fi].type == TK_COMMA) {
                    sb_adds(&o, " FROM ");
                    p->start_table = 1;
                    xl_sub(p, fi + 1, fe, &o);
                } else if (fi < fe) {
                    /* [INNER] JOIN x ON c [more joins] */
                    int jk = fi;
                    if (kw(p, jk, "INNER"))
                        jk++;
                    if (!kw(p, jk, "JOIN")) {
                        perr(p, p->t[jk].line, 50000, 16,
                             "Liaison simulator: UPDATE ... FROM supports only inner joins on the updated table.");
                        free(tn);
                        free(alias);
                        sb_free(&real);
                        sb_free(&set);
                        sb_free(&target);
                        sb_free(&cond);
                        return s;
                    }
                    jk++;
                    int on = -1, dd = 0, next = fe;
                    for (int z = jk; z < fe; z++) {
                        if (p->t[z].type == TK_LP)
                            dd++;
                        else if (p->t[z].type == TK_RP)
                            dd--;
                        else if (dd == 0 && on < 0 && kw(p, z, "ON"))
                            on = z;
                        else if (dd == 0 && on >= 0 &&
                                 (kw(p, z, "JOIN") || kw(p, z, "INNER") || kw(p, z, "LEFT") || kw(p, z, "RIGHT") ||
                                  kw(p, z, "FULL") || kw(p, z, "CROSS"))) {
                            next = z;
                            break;
                        }
                    }
                    if (on < 0) {
                        syntax_near(p, fe);
                    } else {
                        sb_adds(&o, " FROM ");
                        p->start_table = 1;
                        xl_sub(p, jk, on, &o);
                        if (next < fe) {
                            sb_addc(&o, ' ');
                            xl_sub(p, next, fe, &o);
                        }
                        xl_sub(p, on + 1, next, &cond);
                    }
                }
                if (cond.len || where >= 0) {
                    sb_adds(&o, " WHERE ");
                    if (cond.len)
                        sb_printf(&o, "(%s)", sb_str(&cond));
                    if (cond.len && where >= 0)
                        sb_adds(&o, " AND ");
                    if (where >= 0) {
                        sb_addc(&o, '(');
                        xl_sub(p, where + 1, e, &o);
                        sb_addc(&o, ')');
                    }
                }
                sb_free(&cond);
            } else {
                sb_adds(&o, sb_str(&target));
                sb_adds(&o, " SET ");
                sb_adds(&o, sb_str(&set));
                sb_addc(&o, ' ');
                xl_sub(p, from, e, &o);
            }
            free(tn);
            free(alias);
            sb_free(&real);
        }
        sb_free(&set);
        sb_free(&target);
        set_sql(s, &o);
        return s;
    }
    syntax_near(p, j);
    return s;
}

static stmt *parse_stmt(P *p, int *ip, int b);

/* Condition of IF/WHILE: up to the next statement start. */
static int cond_end(P *p, int i, int b)
{
    int d = 0, cased = 0;
    for (; i < b; i++) {
        token *t = &p->t[i];
        if (t->type == TK_LP)
            d++;
        else if (t->type == TK_RP)
            d--;
        else if (d == 0 && tk_is(t, "CASE"))
            cased++;
        else if (d == 0 && tk_is(t, "END") && cased)
            cased--;
        else if (d == 0 && !cased && is_stmt_start(p, i))
            return i;
        else if (t->type == TK_EOF)
            return i;
    }
    return b;
}

static stmt *cond_stmt(P *p, st_kind k, int *ip, int b)
{
    int i = *ip;
    stmt *s = st_new(p, k, p->t[i].line);
    p->cur = s;
    int ce = cond_end(p, i + 1, b);
    if (ce == i + 1) {
        syntax_near(p, ce);
        *ip = b;
        return s;
    }
    sbuf o = {0};
    sb_adds(&o, "SELECT CASE WHEN ");
    xl_sub(p, i + 1, ce, &o);
    sb_adds(&o, " THEN 1 ELSE 0 END");
    set_sql(s, &o);
    i = ce;
    if (i >= b || p->t[i].type == TK_EOF) {
        syntax_near(p, i);
        *ip = b;
        return s;
    }
    s->body = parse_stmt(p, &i, b);
    while (i < b && p->t[i].type == TK_SEMI)
        i++;
    if (k == ST_IF && kw(p, i, "ELSE")) {
        i++;
        s->alt = parse_stmt(p, &i, b);
    }
    *ip = i;
    return s;
}

static int parse_type_at(P *p, int *ip, int b, sim_type *t)
{
    int i = *ip, ts = i;
    if (i < b && (p->t[i].type == TK_IDENT || p->t[i].type == TK_QIDENT))
        i++;
    if (i < b && p->t[i].type == TK_LP)
        i = paren_close(p, i, b) + 1;
    sbuf ty = {0};
    for (int k = ts; k < i; k++)
        sb_add(&ty, p->t[k].p, (size_t)p->t[k].len);
    int rc = type_parse(sb_str(&ty), t);
    if (rc != 0)
        perr(p, p->t[ts].line, 2715, 16, "Column, parameter, or variable #1: Cannot find data type %s.", sb_str(&ty));
    sb_free(&ty);
    *ip = i;
    return rc;
}

static stmt *parse_declare(P *p, int *ip, int b)
{
    int i = *ip + 1;
    stmt *blk = st_new(p, ST_BLOCK, p->t[*ip].line);
    blk->args[0] = 1; /* not a BEGIN...END scope */
    for (;;) {
        if (i >= b || p->t[i].type != TK_VAR) {
            syntax_near(p, i);
            break;
        }
        token *vt = &p->t[i];
        i++;
        if (kw(p, i, "AS"))
            i++;
        if (kw(p, i, "TABLE") || kw(p, i, "CURSOR")) {
            perr(p, vt->line, 50000, 16, "Liaison simulator: table variables and cursors are not supported.");
            break;
        }
        sim_type ty;
        if (parse_type_at(p, &i, b, &ty) != 0)
            break;
        int v = var_index(p, vt, 1);
        if (v < 0)
            break;
        p->pl->vars[v].type = ty;
        stmt *s = st_new(p, ST_DECLARE, vt->line);
        p->cur = s;
        s->var = v;
        s->vtype = ty;
        if (i < b && p->t[i].type == TK_OP && p->t[i].p[0] == '=' && p->t[i].len == 1) {
            int e = i + 1, d = 0;
            for (; e < b; e++) {
                if (p->t[e].type == TK_LP)
                    d++;
                else if (p->t[e].type == TK_RP)
                    d--;
                else if (d == 0 && (p->t[e].type == TK_COMMA || p->t[e].type == TK_SEMI || is_stmt_start(p, e)))
                    break;
            }
            sbuf o = {0}, tyb = {0};
            type_format(&p->pl->vars[v].type, &tyb);
            sb_printf(&o, "SELECT t_conv('%s', ", sb_str(&tyb));
            xl_sub(p, i + 1, e, &o);
            sb_adds(&o, ", NULL)");
            sb_free(&tyb);
            set_sql(s, &o);
            i = e;
        }
        block_add(blk, s);
        if (i < b && p->t[i].type == TK_COMMA) {
            i++;
            continue;
        }
        break;
    }
    *ip = i;
    return blk;
}

static stmt *parse_set(P *p, int *ip, int b)
{
    int i = *ip;
    stmt *s = st_new(p, ST_NOOP, p->t[i].line);
    p->cur = s;
    i++;
    if (i < b && p->t[i].type == TK_VAR) {
        int v = var_index(p, &p->t[i], 0);
        s->kind = ST_SETVAR;
        s->var = v;
        i++;
        if (i >= b || p->t[i].type != TK_OP || p->t[i].p[p->t[i].len - 1] != '=') {
            syntax_near(p, i);
            *ip = b;
            return s;
        }
        char op = p->t[i].len == 2 ? p->t[i].p[0] : 0;
        i++;
        int e = stmt_end(p, i - 1, b);
        sbuf o = {0}, ty = {0};
        if (v >= 0)
            type_format(&p->pl->vars[v].type, &ty);
        sb_printf(&o, "SELECT t_conv('%s', ", v >= 0 ? sb_str(&ty) : "int");
        sb_free(&ty);
        if (op) {
            sbuf r = {0};
            xl_sub(p, i, e, &r);
            if (op == '+')
                sb_printf(&o, "t_add(?%d, %s)", v + 1, sb_str(&r));
            else if (op == '/')
                sb_printf(&o, "t_div(?%d, %s)", v + 1, sb_str(&r));
            else
                sb_printf(&o, "(?%d %c (%s))", v + 1, op, sb_str(&r));
            sb_free(&r);
        } else {
            xl_sub(p, i, e, &o);
        }
        sb_adds(&o, ", NULL)");
        set_sql(s, &o);
        *ip = e;
        return s;
    }
    if (kw(p, i, "NOCOUNT")) {
        s->args[0] = 1;
        s->args[1] = kw(p, i + 1, "ON");
    } else if (kw(p, i, "XACT_ABORT")) {
        s->args[0] = 2;
        s->args[1] = kw(p, i + 1, "ON");
    } else if (kw(p, i, "IDENTITY_INSERT")) {
        s->kind = ST_IDENTITY_INSERT;
        int k = i + 1;
        sbuf o = {0};
        p->cur = NULL; /* no table reference to record: text holds the table */
        xl_table(p, &k, b, &o);
        p->cur = s;
        if (o.len > 2 && o.s[0] == '"')
            s->text = strndup(o.s + 1, o.len - 2);
        else
            s->text = strdup(sb_str(&o));
        sb_free(&o);
        s->args[1] = kw(p, k, "ON");
        i = k;
    } else if (kw(p, i, "ROWCOUNT")) {
        if (!(i + 1 < b && p->t[i + 1].type == TK_INT && p->t[i + 1].len == 1 && p->t[i + 1].p[0] == '0'))
            perr(p, p->t[i].line, 50000, 16, "Liaison simulator: SET ROWCOUNT is not supported.");
    }
    int e = i;
    while (e < b && p->t[e].type != TK_SEMI && p->t[e].type != TK_EOF && !(e > i && is_stmt_start(p, e)))
        e++;
    *ip = e;
    return s;
}

static stmt *simple(P *p, st_kind k, int *ip, int b, int skip)
{
    stmt *s = st_new(p, k, p->t[*ip].line);
    int i = *ip + skip;
    while (i < b && (p->t[i].type == TK_IDENT || p->t[i].type == TK_QIDENT) && !is_stmt_start(p, i))
        i++;
    *ip = i;
    return s;
}

static stmt *exec_stmt(P *p, int *ip, int b)
{
    int i = *ip;
    stmt *s = st_new(p, ST_GETLOCK, p->t[i].line);
    p->cur = s;
    int e = stmt_end(p, i, b);
    i++;
    if (i < b && p->t[i].type == TK_VAR && kw(p, i + 1, "") == 0 && p->t[i + 1].type == TK_OP &&
        p->t[i + 1].p[0] == '=') {
        s->var = var_index(p, &p->t[i], 0);
        i += 2;
    }
    if (i < b && p->t[i].type == TK_LP) {
        perr(p, p->t[i].line, 50000, 16, "Liaison simulator: EXEC (dynamic SQL) is not supported.");
        *ip = e;
        return s;
    }
    int ni = i;
    char *name = NULL;
    while (i < e && (p->t[i].type == TK_IDENT || p->t[i].type == TK_QIDENT)) {
        free(name);
        name = tk_text(&p->t[i]);
        i++;
        if (i < e && p->t[i].type == TK_DOT)
            i++;
        else
            break;
    }
    if (!name) {
        syntax_near(p, i);
        *ip = e;
        return s;
    }
    int get = strcasecmp(name, "sp_getapplock") == 0, rel = strcasecmp(name, "sp_releaseapplock") == 0;
    if (!get && !rel) {
        sbuf n = {0};
        for (int k = ni; k < i; k++)
            sb_add(&n, p->t[k].p, (size_t)p->t[k].len);
        perr(p, p->t[ni].line, 2812, 16, "Could not find stored procedure '%s'.", sb_str(&n));
        sb_free(&n);
        free(name);
        *ip = e;
        return s;
    }
    free(name);
    s->kind = get ? ST_GETLOCK : ST_RELLOCK;
    /* named or positional: @Resource, @LockMode, @LockOwner, @LockTimeout */
    static const char *pn[] = {"@resource", "@lockmode", "@lockowner", "@locktimeout", "@dbprincipal"};
    sbuf expr[5] = {{0}};
    int pos = 0;
    while (i < e && !p->failed) {
        int ie = col_end(p, i, e);
        int slot = pos;
        int a = i;
        if (p->t[i].type == TK_VAR && i + 1 < ie && p->t[i + 1].type == TK_OP && p->t[i + 1].p[0] == '=') {
            slot = -1;
            for (int k = 0; k < 5; k++)
                if ((int)strlen(pn[k]) == p->t[i].len && strncasecmp(pn[k], p->t[i].p, (size_t)p->t[i].len) == 0)
                    slot = k;
            if (slot < 0) {
                perr(p, p->t[i].line, 8145, 16, "%.*s is not a parameter for procedure %s.", p->t[i].len, p->t[i].p,
                     get ? "sp_getapplock" : "sp_releaseapplock");
                break;
            }
            a = i + 2;
        }
        if (slot < 5) {
            sb_reset(&expr[slot]);
            xl_sub(p, a, ie, &expr[slot]);
        }
        pos++;
        i = ie + 1;
    }
    sbuf o = {0};
    sb_printf(&o, "SELECT %s, %s, %s, %s", expr[0].len ? sb_str(&expr[0]) : "NULL",
              expr[1].len ? sb_str(&expr[1]) : "NULL", expr[2].len ? sb_str(&expr[2]) : "'Transaction'",
              expr[3].len ? sb_str(&expr[3]) : "-1");
    for (int k = 0; k < 5; k++)
        sb_free(&expr[k]);
    set_sql(s, &o);
    *ip = e;
    return s;
}

static stmt *ddl(P *p, int *ip, int b)
{
    int i = *ip;
    token *t = &p->t[i];
    int line = t->line;
    int e = stmt_end(p, i, b);
    *ip = e;
    if (tk_is(t, "CREATE") && kw(p, i + 1, "OR") && kw(p, i + 2, "ALTER")) {
        perr(p, line, 156, 15,
             "Incorrect syntax near the keyword 'OR'. (Liaison simulator: CREATE OR ALTER came with SQL Server 2016 SP1; Liaison targets SQL Server 2012.)");
        return NULL;
    }
    if (tk_is(t, "DROP") && kw(p, i + 2, "IF") && kw(p, i + 3, "EXISTS")) {
        perr(p, line, 156, 15,
             "Incorrect syntax near the keyword 'IF'. (Liaison simulator: DROP ... IF EXISTS came with SQL Server 2016; Liaison targets SQL Server 2012.)");
        return NULL;
    }
    if (tk_is(t, "CREATE") && kw(p, i + 1, "TABLE"))
        return create_table(p, i, e, line);
    stmt *s = st_new(p, ST_SQL, line);
    p->cur = s;
    sbuf o = {0};
    if (tk_is(t, "CREATE") && kw(p, i + 1, "SCHEMA")) {
        s->kind = ST_CREATE_SCHEMA;
        s->text = tk_text(&p->t[i + 2]);
        s->perm = strdup("CREATE SCHEMA");
        s->obj = strdup(s->text);
        return s;
    }
    if ((tk_is(t, "CREATE") || tk_is(t, "ALTER")) && kw(p, i + 1, "DATABASE")) {
        xl_admin(p, s, i, e);
        return s;
    }
    if ((tk_is(t, "CREATE") || tk_is(t, "ALTER")) && kw(p, i + 1, "VIEW")) {
        if (p->cur && (p->pl->root && p->pl->root->nlist > 0)) {
            perr(p, line, 111, 15, "'%s VIEW' must be the first statement in a query batch.",
                 tk_is(t, "CREATE") ? "CREATE" : "ALTER");
            return s;
        }
        int k = i + 2;
        set_perm(p, s, tk_is(t, "CREATE") ? "CREATE VIEW" : "ALTER VIEW", k, e);
        sbuf nm = {0};
        xl_table(p, &k, e, &nm);
        if (tk_is(t, "ALTER"))
            sb_printf(&o, "DROP VIEW %s; ", sb_str(&nm));
        sb_printf(&o, "CREATE VIEW %s", sb_str(&nm));
        if (k < e && p->t[k].type == TK_LP) {
            int rp = paren_close(p, k, e);
            sb_addc(&o, ' ');
            emit_col_list(p, k, rp, &o);
            k = rp + 1;
        }
        if (kw(p, k, "WITH"))
            k += 2;
        if (!kw(p, k, "AS")) {
            syntax_near(p, k);
            return s;
        }
        sb_adds(&o, " AS ");
        xl_sub(p, k + 1, e, &o);
        sb_free(&nm);
        set_sql(s, &o);
        return s;
    }
    if (tk_is(t, "CREATE") && (kw(p, i + 1, "INDEX") || kw(p, i + 1, "UNIQUE") || kw(p, i + 1, "CLUSTERED") ||
                               kw(p, i + 1, "NONCLUSTERED"))) {
        int k = i + 1, uniq = 0;
        while (k < e && !kw(p, k, "INDEX")) {
            if (kw(p, k, "UNIQUE"))
                uniq = 1;
            k++;
        }
        char *ix = tk_text(&p->t[k + 1]);
        k += 2;
        if (!kw(p, k, "ON")) {
            syntax_near(p, k);
            free(ix);
            return s;
        }
        k++;
        set_perm(p, s, "CREATE INDEX", k, e);
        sbuf tn = {0};
        int tk0 = k;
        xl_table(p, &k, e, &tn);
        char *plain = tk_text(&p->t[tk0]);
        (void)plain;
        /* index names are per table in SQL Server, per database in SQLite */
        char *tname = strndup(tn.s + 1, tn.len - 2);
        sb_printf(&o, "CREATE %sINDEX ", uniq ? "UNIQUE " : "");
        sbuf full = {0};
        sb_printf(&full, "%s$%s", tname, ix);
        quote_ident(&o, sb_str(&full));
        sb_printf(&o, " ON %s ", sb_str(&tn));
        if (k >= e || p->t[k].type != TK_LP) {
            syntax_near(p, k);
        } else {
            int rp = paren_close(p, k, e);
            emit_col_list(p, k, rp, &o);
            k = rp + 1;
            if (kw(p, k, "INCLUDE"))
                k = paren_close(p, k + 1, e) + 1;
            if (kw(p, k, "WHERE")) {
                int w = k + 1, we = w;
                while (we < e && !kw(p, we, "WITH") && !kw(p, we, "ON"))
                    we++;
                sb_adds(&o, " WHERE ");
                xl_sub(p, w, we, &o);
            }
        }
        free(plain);
        free(tname);
        free(ix);
        sb_free(&full);
        sb_free(&tn);
        set_sql(s, &o);

        return s;
    }
    if (tk_is(t, "DROP")) {
        const char *what = NULL;
        if (kw(p, i + 1, "TABLE"))
            what = "TABLE";
        else if (kw(p, i + 1, "VIEW"))
            what = "VIEW";
        else if (kw(p, i + 1, "INDEX"))
            what = "INDEX";
        else if (kw(p, i + 1, "SCHEMA")) {
            s->kind = ST_CREATE_SCHEMA;
            s->args[0] = 1;
            s->text = tk_text(&p->t[i + 2]);
            s->perm = strdup("DROP SCHEMA");
            s->obj = strdup(s->text);
            return s;
        }
        if (!what) {
            syntax_near(p, i + 1);
            return s;
        }
        int k = i + 2;
        char perm[32];
        snprintf(perm, sizeof perm, "DROP %s", what);
        set_perm(p, s, perm, k, e);
        while (k < e && !p->failed) {
            if (o.len)
                sb_adds(&o, "; ");
            if (strcmp(what, "INDEX") == 0) {
                /* DROP INDEX t.ix | ix ON t */
                int a = k;
                int ce = col_end(p, k, e);
                char *n1 = tk_text(&p->t[a]);
                sbuf tn = {0};
                char *ixn = NULL;
                if (kw(p, a + 1, "ON")) {
                    int q = a + 2;
                    xl_table(p, &q, ce, &tn);
                    ixn = n1;
                } else {
                    /* t.ix or s.t.ix */
                    int q = a, last = a;
                    while (q + 2 < ce && p->t[q + 1].type == TK_DOT) {
                        last = q + 2;
                        q += 2;
                    }
                    ixn = tk_text(&p->t[last]);
                    int tq = a;
                    sbuf tmp = {0};
                    xl_table(p, &tq, last - 1, &tmp);
                    tn = tmp;
                    free(n1);
                }
                char *tname = tn.len > 2 ? strndup(tn.s + 1, tn.len - 2) : strdup("");
                sbuf full = {0};
                sb_printf(&full, "%s$%s", tname, ixn);
                sb_adds(&o, "DROP INDEX ");
                quote_ident(&o, sb_str(&full));
                sb_free(&full);
                sb_free(&tn);
                free(tname);
                free(ixn);
                k = ce + 1;
                continue;
            }
            sb_printf(&o, "DROP %s ", what);
            xl_table(p, &k, e, &o);
            if (k < e && p->t[k].type == TK_COMMA)
                k++;
            else
                break;
        }
        set_sql(s, &o);
        return s;
    }
    if (tk_is(t, "TRUNCATE") && kw(p, i + 1, "TABLE")) {
        int k = i + 2;
        set_perm(p, s, "DELETE", k, e);
        sbuf tn = {0};
        xl_table(p, &k, e, &tn);
        sb_printf(&o, "DELETE FROM %s; SELECT t_reset_identity('%.*s')", sb_str(&tn), (int)tn.len - 2, tn.s + 1);
        sb_free(&tn);
        set_sql(s, &o);
        return s;
    }
    if (tk_is(t, "ALTER") && kw(p, i + 1, "TABLE")) {
        int k = i + 2;
        set_perm(p, s, "ALTER TABLE", k, e);
        sbuf tn = {0};
        xl_table(p, &k, e, &tn);
        char *tname = strndup(tn.s + 1, tn.len - 2);
        if (kw(p, k, "ADD")) {
            k++;
            while (k < e && !p->failed) {
                int ce = col_end(p, k, e);
                int a = k;
                char *cname = NULL;
                if (kw(p, a, "CONSTRAINT")) {
                    cname = tk_text(&p->t[a + 1]);
                    a += 2;
                }
                if (o.len)
                    sb_adds(&o, "; ");
                if (kw(p, a, "PRIMARY") || kw(p, a, "UNIQUE")) {
                    int lp = a;
                    while (lp < ce && p->t[lp].type != TK_LP)
                        lp++;
                    sbuf full = {0};
                    sb_printf(&full, "%s$%s", tname, cname ? cname : "key");
                    sb_adds(&o, "CREATE UNIQUE INDEX ");
                    quote_ident(&o, sb_str(&full));
                    sb_printf(&o, " ON %s ", sb_str(&tn));
                    emit_col_list(p, lp, paren_close(p, lp, ce), &o);
                    sb_free(&full);
                } else if (kw(p, a, "FOREIGN") || kw(p, a, "DEFAULT") || kw(p, a, "CHECK")) {
                    sb_adds(&o, "SELECT 0 WHERE 0");
                } else {
                    int dummy = 0;
                    sbuf post = {0};
                    sb_printf(&o, "ALTER TABLE %s ADD COLUMN ", sb_str(&tn));
                    emit_coldef(p, a, ce, &o, &dummy, 1, &post, tname);
                    sb_free(&post);
                }
                free(cname);
                k = ce + 1;
            }
        } else if (kw(p, k, "DROP")) {
            k++;
            if (kw(p, k, "CONSTRAINT")) {
                char *cn = tk_text(&p->t[k + 1]);
                sbuf full = {0};
                sb_printf(&full, "%s$%s", tname, cn);
                sb_adds(&o, "DROP INDEX IF EXISTS ");
                quote_ident(&o, sb_str(&full));
                sb_free(&full);
                free(cn);
            } else {
                if (kw(p, k, "COLUMN"))
                    k++;
                while (k < e) {
                    char *cn = tk_text(&p->t[k]);
                    if (o.len)
                        sb_adds(&o, "; ");
                    sb_printf(&o, "ALTER TABLE %s DROP COLUMN ", sb_str(&tn));
                    quote_ident(&o, cn);
                    free(cn);
                    k++;
                    if (k < e && p->t[k].type == TK_COMMA)
                        k++;
                    else
                        break;
                }
            }
        } else {
            perr(p, line, 50000, 16, "Liaison simulator: this ALTER TABLE form is not supported (only ADD and DROP).");
        }
        free(tname);
        sb_free(&tn);
        set_sql(s, &o);
        return s;
    }
    syntax_near(p, i + 1);
    return s;
}

static stmt *parse_stmt(P *p, int *ip, int b)
{
    while (*ip < b && p->t[*ip].type == TK_SEMI)
        (*ip)++;
    int i = *ip;
    token *t = &p->t[i];
    if (i >= b || t->type == TK_EOF) {
        syntax_near(p, i);
        return NULL;
    }
    if (t->type == TK_ERR) {
        syntax_near(p, i);
        *ip = b;
        return NULL;
    }
    p->cur = NULL;
    if (tk_is(t, "BEGIN")) {
        if (kw(p, i + 1, "TRAN") || kw(p, i + 1, "TRANSACTION")) {
            stmt *s = simple(p, ST_BEGIN, ip, b, 2);
            return s;
        }
        if (kw(p, i + 1, "TRY")) {
            stmt *s = st_new(p, ST_TRY, t->line);
            int k = i + 2;
            s->body = st_new(p, ST_BLOCK, t->line);
            while (k < b && !p->failed && !(kw(p, k, "END") && kw(p, k + 1, "TRY"))) {
                stmt *x = parse_stmt(p, &k, b);
                if (x)
                    block_add(s->body, x);
                while (k < b && p->t[k].type == TK_SEMI)
                    k++;
            }
            k += 2;
            while (k < b && p->t[k].type == TK_SEMI)
                k++;
            if (!(kw(p, k, "BEGIN") && kw(p, k + 1, "CATCH"))) {
                syntax_near(p, k);
                *ip = b;
                return s;
            }
            k += 2;
            s->alt = st_new(p, ST_BLOCK, t->line);
            while (k < b && !p->failed && !(kw(p, k, "END") && kw(p, k + 1, "CATCH"))) {
                stmt *x = parse_stmt(p, &k, b);
                if (x)
                    block_add(s->alt, x);
                while (k < b && p->t[k].type == TK_SEMI)
                    k++;
            }
            *ip = k + 2;
            return s;
        }
        stmt *s = st_new(p, ST_BLOCK, t->line);
        int k = i + 1;
        while (k < b && !p->failed && !kw(p, k, "END")) {
            if (p->t[k].type == TK_EOF) {
                syntax_near(p, k);
                break;
            }
            stmt *x = parse_stmt(p, &k, b);
            if (x)
                block_add(s, x);
            while (k < b && p->t[k].type == TK_SEMI)
                k++;
        }
        *ip = k + 1;
        return s;
    }
    if (tk_is(t, "IF"))
        return cond_stmt(p, ST_IF, ip, b);
    if (tk_is(t, "WHILE"))
        return cond_stmt(p, ST_WHILE, ip, b);
    if (tk_is(t, "DECLARE"))
        return parse_declare(p, ip, b);
    if (tk_is(t, "SET"))
        return parse_set(p, ip, b);
    if (tk_is(t, "SELECT") || tk_is(t, "INSERT") || tk_is(t, "UPDATE") || tk_is(t, "DELETE") ||
        tk_is(t, "WITH")) {
        int e = stmt_end(p, i, b);
        stmt *s = dml(p, i, e, t->line);
        *ip = e;
        return s;
    }
    if (tk_is(t, "CREATE") || tk_is(t, "ALTER") || tk_is(t, "DROP") || tk_is(t, "TRUNCATE"))
        return ddl(p, ip, b);
    if (tk_is(t, "COMMIT") || tk_is(t, "ROLLBACK")) {
        st_kind k = tk_is(t, "COMMIT") ? ST_COMMIT : ST_ROLLBACK;
        int skip = 1;
        if (kw(p, i + 1, "TRAN") || kw(p, i + 1, "TRANSACTION") || kw(p, i + 1, "WORK"))
            skip = 2;
        return simple(p, k, ip, b, skip);
    }
    if (tk_is(t, "SAVE"))
        return simple(p, ST_SAVE, ip, b, 2);
    if (tk_is(t, "USE")) {
        stmt *s = st_new(p, ST_USE, t->line);
        if (i + 1 >= b || !(p->t[i + 1].type == TK_IDENT || p->t[i + 1].type == TK_QIDENT)) {
            syntax_near(p, i + 1);
            *ip = b;
            return s;
        }
        s->text = tk_text(&p->t[i + 1]);
        /* names after USE resolve against the new database */
        char *canon = server_db_canon(p->s->srv, s->text);
        free(p->cur_db);
        p->cur_db = strdup(canon ? canon : s->text);
        free(canon);
        *ip = i + 2;
        return s;
    }
    if (tk_is(t, "PRINT") || tk_is(t, "THROW") || tk_is(t, "RAISERROR")) {
        st_kind k = tk_is(t, "PRINT") ? ST_PRINT : tk_is(t, "THROW") ? ST_THROW : ST_RAISERROR;
        stmt *s = st_new(p, k, t->line);
        p->cur = s;
        int e = stmt_end(p, i, b);
        int a = i + 1, z = e;
        if (k == ST_RAISERROR) {
            if (a >= e || p->t[a].type != TK_LP) {
                syntax_near(p, a);
                *ip = e;
                return s;
            }
            int rp = paren_close(p, a, e);
            if (kw(p, rp + 1, "WITH"))
                s->args[0] = 1;
            a++;
            z = rp;
        }
        sbuf o = {0};
        if (a < z) {
            sb_adds(&o, "SELECT ");
            xl_sub(p, a, z, &o);
            set_sql(s, &o);
        } else if (k != ST_THROW) {
            syntax_near(p, a);
        }
        *ip = e;
        return s;
    }
    if (tk_is(t, "EXEC") || tk_is(t, "EXECUTE"))
        return exec_stmt(p, ip, b);
    if (tk_is(t, "RETURN"))
        return simple(p, ST_RETURN, ip, b, 1);
    if (tk_is(t, "BREAK"))
        return simple(p, ST_BREAK, ip, b, 1);
    if (tk_is(t, "CONTINUE"))
        return simple(p, ST_CONTINUE, ip, b, 1);
    if (tk_is(t, "BACKUP") || tk_is(t, "WAITFOR")) {
        stmt *s = st_new(p, ST_NOOP, t->line);
        p->cur = s;
        int e = stmt_end(p, i, b);
        xl_admin(p, s, i, e);
        *ip = e;
        return s;
    }
    if (tk_is(t, "GRANT") || tk_is(t, "DENY") || tk_is(t, "REVOKE")) {
        stmt *s = st_new(p, ST_NOOP, t->line);
        *ip = stmt_end(p, i, b);
        return s;
    }
    if (tk_is(t, "MERGE")) {
        perr(p, t->line, 50000, 16, "Liaison simulator: MERGE is not supported (Liaison uses UPDATE ... FROM and INSERT ... WHERE NOT EXISTS).");
        *ip = b;
        return NULL;
    }
    syntax_near(p, i);
    *ip = b;
    return NULL;
}

stmt *parse_block(P *p, int *ip, int b, int single)
{
    if (single)
        return parse_stmt(p, ip, b);
    stmt *blk = st_new(p, ST_BLOCK, 1);
    p->pl->root = blk;
    while (*ip < b && !p->failed) {
        while (*ip < b && p->t[*ip].type == TK_SEMI)
            (*ip)++;
        if (*ip >= b || p->t[*ip].type == TK_EOF)
            break;
        if (kw(p, *ip, "ELSE") || kw(p, *ip, "END")) {
            syntax_near(p, *ip);
            break;
        }
        stmt *s = parse_stmt(p, ip, b);
        if (s)
            block_add(blk, s);
    }
    return blk;
}
