#include "lex.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void push(toklist *t, tk_type type, const char *p, int len, int line, char q)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->v = realloc(t->v, (size_t)t->cap * sizeof *t->v);
        if (!t->v)
            abort();
    }
    t->v[t->n++] = (token){type, p, len, line, q};
}

static int ident_start(unsigned char c)
{
    return isalpha(c) || c == '_' || c == '#' || c >= 0x80;
}

static int ident_char(unsigned char c)
{
    return isalnum(c) || c == '_' || c == '#' || c == '@' || c == '$' || c >= 0x80;
}

int lex_batch(const char *sql, toklist *out)
{
    const char *p = sql;
    int line = 1;
    out->n = 0;
    while (*p) {
        unsigned char c = (unsigned char)*p;
        if (c == '\n') { line++; p++; continue; }
        if (isspace(c)) { p++; continue; }
        if (c == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                p++;
            continue;
        }
        if (c == '/' && p[1] == '*') {
            /* T-SQL block comments nest. */
            int depth = 0;
            const char *s = p;
            int l0 = line;
            do {
                if (p[0] == '/' && p[1] == '*') { depth++; p += 2; }
                else if (p[0] == '*' && p[1] == '/') { depth--; p += 2; }
                else { if (*p == '\n') line++; p++; }
            } while (depth > 0 && *p);
            if (depth > 0) {
                push(out, TK_ERR, s, 2, l0, 0);
                push(out, TK_EOF, p, 0, line, 0);
                return -1;
            }
            continue;
        }
        const char *s = p;
        int l0 = line;
        if (c == '\'' || ((c == 'N' || c == 'n') && p[1] == '\'')) {
            tk_type ty = c == '\'' ? TK_STR : TK_NSTR;
            p += ty == TK_STR ? 1 : 2;
            for (;;) {
                if (!*p) {
                    push(out, TK_ERR, s, (int)(p - s), l0, 0);
                    push(out, TK_EOF, p, 0, line, 0);
                    return -1;
                }
                if (*p == '\'') {
                    if (p[1] == '\'') { p += 2; continue; }
                    p++;
                    break;
                }
                if (*p == '\n') line++;
                p++;
            }
            push(out, ty, s, (int)(p - s), l0, 0);
            continue;
        }
        if (c == '[' || c == '"') {
            char close = c == '[' ? ']' : '"';
            p++;
            for (;;) {
                if (!*p) {
                    push(out, TK_ERR, s, (int)(p - s), l0, 0);
                    push(out, TK_EOF, p, 0, line, 0);
                    return -1;
                }
                if (*p == close) {
                    if (p[1] == close) { p += 2; continue; }
                    p++;
                    break;
                }
                if (*p == '\n') line++;
                p++;
            }
            push(out, TK_QIDENT, s, (int)(p - s), l0, (char)c);
            continue;
        }
        if (c == '@') {
            tk_type ty = p[1] == '@' ? TK_SYSVAR : TK_VAR;
            p += ty == TK_SYSVAR ? 2 : 1;
            while (*p && ident_char((unsigned char)*p))
                p++;
            push(out, ty, s, (int)(p - s), l0, 0);
            continue;
        }
        if (c == '0' && (p[1] == 'x' || p[1] == 'X')) {
            p += 2;
            while (isxdigit((unsigned char)*p))
                p++;
            push(out, TK_BIN, s, (int)(p - s), l0, 0);
            continue;
        }
        if (isdigit(c) || (c == '.' && isdigit((unsigned char)p[1]))) {
            tk_type ty = TK_INT;
            while (isdigit((unsigned char)*p))
                p++;
            if (*p == '.') {
                ty = TK_DEC;
                p++;
                while (isdigit((unsigned char)*p))
                    p++;
            }
            if ((*p == 'e' || *p == 'E') &&
                (isdigit((unsigned char)p[1]) || ((p[1] == '-' || p[1] == '+') && isdigit((unsigned char)p[2])))) {
                ty = TK_FLOAT;
                p += 2;
                while (isdigit((unsigned char)*p))
                    p++;
            }
            push(out, ty, s, (int)(p - s), l0, 0);
            continue;
        }
        if (ident_start(c)) {
            while (*p && ident_char((unsigned char)*p))
                p++;
            push(out, TK_IDENT, s, (int)(p - s), l0, 0);
            continue;
        }
        switch (c) {
        case '(': push(out, TK_LP, p, 1, line, 0); p++; continue;
        case ')': push(out, TK_RP, p, 1, line, 0); p++; continue;
        case ',': push(out, TK_COMMA, p, 1, line, 0); p++; continue;
        case '.': push(out, TK_DOT, p, 1, line, 0); p++; continue;
        case ';': push(out, TK_SEMI, p, 1, line, 0); p++; continue;
        default: break;
        }
        /* Operators: two-character ones first. */
        static const char *ops2[] = {"<>", "!=", "<=", ">=", "!<", "!>", "||", "==",
                                     "+=", "-=", "*=", "/=", NULL};
        int len = 1;
        for (int i = 0; ops2[i]; i++)
            if (p[0] == ops2[i][0] && p[1] == ops2[i][1]) {
                len = 2;
                break;
            }
        if (len == 1 && !strchr("=<>+-*/%&|^~!:", c)) {
            push(out, TK_ERR, p, 1, line, 0);
            push(out, TK_EOF, p + 1, 0, line, 0);
            return -1;
        }
        push(out, TK_OP, p, len, line, 0);
        p += len;
    }
    push(out, TK_EOF, p, 0, line, 0);
    return 0;
}

void toklist_free(toklist *t)
{
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
}

int tk_is(const token *t, const char *kw)
{
    return t->type == TK_IDENT && (int)strlen(kw) == t->len && strncasecmp(t->p, kw, (size_t)t->len) == 0;
}

char *tk_text(const token *t)
{
    const char *p = t->p;
    int n = t->len;
    char q = 0;
    if (t->type == TK_QIDENT) {
        q = t->quote == '[' ? ']' : '"';
        p++;
        n -= 2;
    } else if (t->type == TK_STR) {
        q = '\'';
        p++;
        n -= 2;
    } else if (t->type == TK_NSTR) {
        q = '\'';
        p += 2;
        n -= 3;
    }
    char *r = malloc((size_t)(n > 0 ? n : 0) + 1);
    if (!r)
        abort();
    int j = 0;
    for (int i = 0; i < n; i++) {
        r[j++] = p[i];
        if (q && p[i] == q && i + 1 < n && p[i + 1] == q)
            i++;
    }
    r[j] = 0;
    return r;
}

static const char *reserved[] = {
    "ADD", "ALL", "ALTER", "AND", "ANY", "AS", "ASC", "BEGIN", "BETWEEN", "BREAK", "BY",
    "CASE", "CHECK", "CLOSE", "COLLATE", "COLUMN", "COMMIT", "CONSTRAINT", "CONTINUE",
    "CONVERT", "CREATE", "CROSS", "CURRENT", "CURSOR", "DATABASE", "DECLARE", "DEFAULT",
    "DELETE", "DESC", "DISTINCT", "DROP", "ELSE", "END", "ESCAPE", "EXCEPT", "EXEC",
    "EXECUTE", "EXISTS", "FETCH", "FOR", "FOREIGN", "FROM", "FULL", "FUNCTION", "GOTO",
    "GROUP", "HAVING", "IDENTITY", "IF", "IN", "INDEX", "INNER", "INSERT", "INTERSECT",
    "INTO", "IS", "JOIN", "KEY", "LEFT", "LIKE", "MERGE", "NOT", "NULL", "OF", "OFF", "ON",
    "OPEN", "OPTION", "OR", "ORDER", "OUTER", "OVER", "PERCENT", "PIVOT", "PRIMARY", "PRINT",
    "PROC", "PROCEDURE", "RAISERROR", "REFERENCES", "RETURN", "RIGHT", "ROLLBACK", "SELECT",
    "SET", "TABLE", "THEN", "TO", "TOP", "TRAN", "TRANSACTION", "TRUNCATE", "UNION", "UNIQUE",
    "UPDATE", "USE", "VALUES", "VIEW", "WHEN", "WHERE", "WHILE", "WITH", NULL};

int tk_reserved(const token *t)
{
    if (t->type != TK_IDENT)
        return 0;
    for (int i = 0; reserved[i]; i++)
        if (tk_is(t, reserved[i]))
            return 1;
    return 0;
}
