/* Batch -> plan: lexes, translates every statement, and keeps the result
 * so that a batch text executed again is not parsed again. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xlate.h"

static void stmt_free(stmt *s)
{
    if (!s)
        return;
    free(s->sql);
    if (s->ps)
        sqlite3_finalize(s->ps);
    for (int i = 0; i < s->nhints; i++)
        hint_free(&s->hints[i]);
    free(s->hints);
    free(s->probe_tail);
    free(s->vars);
    free(s->perm);
    free(s->obj);
    free(s->prop);
    free(s->arg);
    free(s->text);
    free(s->ident_table);
    free(s->inscols);
    free(s->identcol);
    free(s->dec_table);
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
    for (int i = 0; i < p->nattach; i++)
        free(p->attach[i]);
    free(p->attach);
    free(p);
}

void plan_note_attach(plan *pl, const char *db)
{
    for (int i = 0; i < pl->nattach; i++)
        if (strcasecmp(pl->attach[i], db) == 0)
            return;
    pl->attach = realloc(pl->attach, (size_t)(pl->nattach + 1) * sizeof *pl->attach);
    if (!pl->attach)
        abort();
    pl->attach[pl->nattach++] = strdup(db);
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
    p.cur_db = strdup(s->database);
    lex_batch(sql, &p.tl);
    p.t = p.tl.v;
    p.n = p.tl.n;
    int i = 0;
    parse_block(&p, &i, p.n, 0);
    toklist_free(&p.tl);
    for (int k = 0; k < p.nnh; k++) {
        for (int j = 0; j < p.nh[k].nhints; j++)
            hint_free(&p.nh[k].hints[j]);
        free(p.nh[k].hints);
        free(p.nh[k].tail);
        free(p.nh[k].name);
    }
    free(p.nh);
    free(p.cur_db);
    free(p.cte_prefix);
    free(p.tail_now);
    return pl;
}
