/* T-SQL lexer: splits a batch into tokens (comments dropped), keeping a
 * pointer into the source and the line of each token for error messages. */
#ifndef SIM_LEX_H
#define SIM_LEX_H

#include <stddef.h>

typedef enum tk_type {
    TK_EOF, TK_IDENT, TK_QIDENT, TK_VAR, TK_SYSVAR, TK_STR, TK_NSTR,
    TK_INT, TK_DEC, TK_FLOAT, TK_BIN, TK_OP, TK_LP, TK_RP, TK_COMMA, TK_DOT,
    TK_SEMI, TK_ERR
} tk_type;

typedef struct token {
    tk_type type;
    const char *p; /* raw text in the batch */
    int len;
    int line;
    char quote;    /* TK_QIDENT: '[' or '"' */
} token;

typedef struct toklist {
    token *v;
    int n, cap;
} toklist;

/* Tokenizes sql; returns 0, or -1 for an unterminated string/comment/
 * bracket (the last token is then TK_ERR). Always ends with TK_EOF. */
int lex_batch(const char *sql, toklist *out);
void toklist_free(toklist *t);

/* Case-insensitive keyword test of a bare identifier token. */
int tk_is(const token *t, const char *kw);
/* Unescaped name of an identifier (bare, [..] or ".."), or value of a
 * string literal; returns a malloc'ed string. */
char *tk_text(const token *t);
/* Reserved T-SQL keywords (SQL Server raises 156 near them). */
int tk_reserved(const token *t);

#endif
