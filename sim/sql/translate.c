/* Batch -> plan: lexes, translates every statement, and keeps the result
 * so that a batch text executed again is not parsed again. */
#include <stdlib.h>
#include <string.h>

#include "xlate.h"

static void stmt_free(stmt *s)
{
    if (!s)
        return;
    free(s->sql);
    if (s->ps)
        sqlite3_finalize(s->ps);
    for (int i = 0; i < s->nhints; i++) {
        free(s->hints[i].probe);
        free(s->hints[i].name);
    }
    free(s->hints);
    free(s->probe_tail);
    free(s->vars);
    free(s->perm);
    free(s->obj);
    free(s->text);
    free(s->ident_table);
    stmt_free(s->body);
    stmt_free(s->alt);
    for (int i = 0; i < s->nlist; i++)
        stmt_free(s->list[i]);
    free(s->list);
    free(s);
}

void plan_free(plan *p)
{
    if (!p)
        return;
    free(p->key);
    stmt_free(p->root);
    for (int i = 0; i < p->nvars; i++)
        free(p->vars[i].name);
    free(p->vars);
    free(p->err_text);
    free(p);
}

plan *plan_build(sim_session *s, const char *sql, const sim_param *params, int nparams)
{
    plan *pl = calloc(1, sizeof *pl);
    if (!pl)
        abort();
    P p;
    memset(&p, 0, sizeof p);
    p.s = s;
    p.pl = pl;
    p.params = params;
    p.nparams = nparams;
    /* parameters are declared variables */
    for (int i = 0; i < nparams; i++) {
        token t = {TK_VAR, params[i].name, (int)strlen(params[i].name), 1, 0};
        int v = var_index(&p, &t, 1);
        if (v >= 0) {
            pl->vars[v].type = params[i].type;
            pl->vars[v].param = i;
        }
    }
    lex_batch(sql, &p.tl);
    p.t = p.tl.v;
    p.n = p.tl.n;
    int i = 0;
    parse_block(&p, &i, p.n, 0);
    toklist_free(&p.tl);
    return pl;
}
