/* Translation state shared by the translator's files. */
#ifndef SIM_XLATE_H
#define SIM_XLATE_H

#include <string.h>
#include <strings.h>

#include "engine.h"
#include "lex.h"

/* Select-list hints of a CTE or derived table, by its name. */
typedef struct named_hint {
    char *name;
    col_hint *hints;
    int nhints;
    char *tail;
} named_hint;

typedef struct P {
    sim_session *s;
    toklist tl;
    token *t;
    int n;
    plan *pl;
    const sim_param *params;
    int nparams;
    stmt *cur;          /* statement being translated (hints, perms) */
    int hints_depth;    /* collect select-list hints only at the top level */
    int failed;
    named_hint *nh;
    int nnh;
    char *cur_db;       /* database current at this point of the batch (USE) */
    char *cte_prefix;   /* "WITH ... " of the statement so far, for probes */
    char *tail_now;     /* FROM clause of the SELECT whose list is being typed */
    int start_table;    /* the next xl_sub starts with a table name (FROM list) */
} P;

/* Translates [a, b) as a top-level select into scratch, collecting its hints
 * and probe tail into tmp (a zeroed stmt). */
void xl_capture(P *p, int a, int b, stmt *tmp);
void named_add(P *p, const char *name, stmt *tmp, int cols_from, int cols_to);
void hint_free(col_hint *h);

/* Records the first compile error (the batch then does not run). */
void perr(P *p, int line, int num, int sev, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* 102 near a token, or 156 near a keyword, as SQL Server words them. */
void syntax_near(P *p, int i);
void quote_ident(sbuf *o, const char *name);

/* Translates tokens [a, b) of a statement body into SQLite text. */
void xl_range(P *p, int a, int b, sbuf *o);
/* End of the token group opened at i ('(' or CASE): index after it. */
int group_end(P *p, int i);
/* Index of the matching ')' for the '(' at i (or the range end). */
int paren_close(P *p, int i, int b);
/* Splits the arguments of the call whose '(' is at lp and ')' at rp: the first
 * max of them as token ranges [starts[k], ends[k]); returns how many. */
int split_args(P *p, int lp, int rp, int *starts, int *ends, int max);
int var_index(P *p, const token *t, int declare);
int is_clause_kw(const token *t);
/* End (exclusive) of the operand starting at i, or -1. */
int operand_end_pub(P *p, int i, int b);
/* Administration statements (xlate_admin.c): fills s from tokens [i, e);
 * 0 when the statement is not one of them. */
int xl_admin(P *p, stmt *s, int i, int e);
/* Statement translation (xlate_stmt.c). */
stmt *parse_block(P *p, int *i, int b, int single);

/* Case-insensitive substring test (strcasestr is not POSIX). */
static inline int ci_contains(const char *h, const char *n)
{
    size_t ln = strlen(n);
    for (; *h; h++)
        if (strncasecmp(h, n, ln) == 0)
            return 1;
    return 0;
}

#endif
