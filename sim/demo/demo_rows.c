/* Row builder and date helpers of the generator: values are set in schema
 * order by column name, so the description stays the single source. */
#include "demo_internal.h"

#include "sim_dates.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_int_kind(sim_type_kind k)
{
    return k == SIM_T_BIT || k == SIM_T_TINYINT || k == SIM_T_SMALLINT || k == SIM_T_INT ||
           k == SIM_T_BIGINT;
}

static const char *arena_put(demo_rowb *rb, const char *s, size_t n)
{
    if (rb->used + n + 1 > sizeof rb->arena) {
        /* A generator bug (values are bounded by the schema): fail loudly. */
        fprintf(stderr, "demo: row of %s too large\n", rb->t->name);
        abort();
    }
    char *p = rb->arena + rb->used;
    memcpy(p, s, n);
    p[n] = '\0';
    rb->used += n + 1;
    return p;
}

static void set_default(demo_rowb *rb, int c)
{
    const demo_col *col = &rb->t->cols[c];
    demo_val *v = &rb->v[c];
    memset(v, 0, sizeof *v);
    if (col->flags & DEMO_COL_IDENTITY) {
        v->is_null = 1;
    } else if (strcmp(col->name, "cbModification") == 0) {
        v->is_null = rb->stamp == NULL;
        v->s = rb->stamp;
    } else if (!col->def) {
        v->is_null = 1;
    } else if (is_int_kind(col->kind)) {
        v->i = atoll(col->def);
    } else {
        v->s = col->def;
    }
}

void demo_rb_start(demo_g *g, const demo_table *t, const char *stamp)
{
    demo_rowb *rb = &g->rb;
    rb->t = t;
    rb->pos = 0;
    rb->used = 0;
    rb->stamp = stamp ? arena_put(rb, stamp, strlen(stamp)) : NULL;
}

/* Moves to column col, defaulting the ones skipped; returns its index. */
static int seek(demo_rowb *rb, const char *col)
{
    while (rb->pos < rb->t->ncols && strcmp(rb->t->cols[rb->pos].name, col) != 0) {
        set_default(rb, rb->pos);
        rb->pos++;
    }
    if (rb->pos >= rb->t->ncols) {
        fprintf(stderr, "demo: column %s of %s set out of order\n", col, rb->t->name);
        abort();
    }
    return rb->pos++;
}

void demo_rb_i(demo_g *g, const char *col, int64_t v)
{
    int c = seek(&g->rb, col);
    memset(&g->rb.v[c], 0, sizeof g->rb.v[c]);
    g->rb.v[c].i = v;
}

void demo_rb_s(demo_g *g, const char *col, const char *s)
{
    int c = seek(&g->rb, col);
    demo_rowb *rb = &g->rb;
    const demo_col *dc = &rb->t->cols[c];
    size_t n = strlen(s);
    /* Never exceed the column: count characters, not bytes (UTF-8). */
    size_t chars = 0, cut = n;
    for (size_t k = 0; k < n; k++) {
        if (((unsigned char)s[k] & 0xC0) != 0x80) {
            if (dc->len > 0 && (int)chars == dc->len) {
                cut = k;
                break;
            }
            chars++;
        }
    }
    memset(&rb->v[c], 0, sizeof rb->v[c]);
    rb->v[c].s = arena_put(rb, s, cut);
}

void demo_rb_f(demo_g *g, const char *col, const char *fmt, ...)
{
    char tmp[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    demo_rb_s(g, col, tmp);
}

void demo_rb_null(demo_g *g, const char *col)
{
    int c = seek(&g->rb, col);
    memset(&g->rb.v[c], 0, sizeof g->rb.v[c]);
    g->rb.v[c].is_null = 1;
}

void demo_rb_money(demo_g *g, const char *col, int64_t cents)
{
    uint64_t a = cents < 0 ? (uint64_t)(-cents) : (uint64_t)cents;
    demo_rb_f(g, col, "%s%llu.%02llu0000", cents < 0 ? "-" : "", (unsigned long long)(a / 100),
              (unsigned long long)(a % 100));
}

void demo_rb_date(demo_g *g, const char *col, int days, int minutes)
{
    char d[24];
    demo_fmt_date(d, days, minutes);
    demo_rb_s(g, col, d);
}

void demo_rb_end(demo_g *g)
{
    demo_rowb *rb = &g->rb;
    while (rb->pos < rb->t->ncols) {
        set_default(rb, rb->pos);
        rb->pos++;
    }
    if (g->failed)
        return;
    if (g->w->row(g->w->ctx, rb->t, rb->v) != 0)
        g->failed = 1;
}

int demo_table_begin(demo_g *g, const char *name)
{
    const demo_table *t = demo_schema_find(g->cfg->defects, name);
    if (!t) {
        fprintf(stderr, "demo: no table %s in the description\n", name);
        abort();
    }
    g->rb.t = t;
    if (!g->failed && g->w->table_begin && g->w->table_begin(g->w->ctx, t) != 0)
        g->failed = 1;
    return g->failed ? -1 : 0;
}

void demo_table_end(demo_g *g)
{
    if (!g->failed && g->w->table_end && g->w->table_end(g->w->ctx, g->rb.t) != 0)
        g->failed = 1;
}

const demo_table *demo_cur_table(demo_g *g) { return g->rb.t; }

/* The same calendar as the T-SQL engine's date functions (sim_dates.h). */
int demo_days(int y, int m, int d) { return (int)sim_days_from_civil(y, m, d); }

void demo_civil(int days, int *y, int *m, int *d) { sim_civil_from_days(days, y, m, d); }

void demo_fmt_date(char *out, int days, int minutes)
{
    int y, m, d;
    demo_civil(days, &y, &m, &d);
    snprintf(out, 24, "%04d-%02d-%02d %02d:%02d:00", y, m, d, (minutes / 60) % 24, minutes % 60);
}

void demo_mf_add(demo_g *g, const char *check, const char *fmt, ...)
{
    if (g->nmf == g->capmf) {
        int cap = g->capmf ? g->capmf * 2 : 64;
        demo_mf *p = realloc(g->mf, (size_t)cap * sizeof *p);
        if (!p) {
            g->failed = 1;
            return;
        }
        g->mf = p;
        g->capmf = cap;
    }
    char tmp[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    char *k = strdup(tmp);
    if (!k) {
        g->failed = 1;
        return;
    }
    g->mf[g->nmf].check = check;
    g->mf[g->nmf].key = k;
    g->nmf++;
}
