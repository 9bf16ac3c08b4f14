/* State shared by the generator's files (demo_gen.c, demo_docs.c,
 * demo_rows.c, demo_report.c). */
#ifndef DEMO_INTERNAL_H
#define DEMO_INTERNAL_H

#include <stdint.h>
#include "demo_gen.h"
#include "demo_rng.h"

enum { K_CUST, K_PROSP, K_SUPP, K_SAL, K_AUT };

/* Defects carried by one tiers (DF_*), at most one per tiers. */
enum {
    DF_NONE, DF_D001, DF_D002, DF_D003, DF_D004, DF_D005, DF_D006, DF_D008,
    DF_D010, DF_D011, DF_D012, DF_D013, DF_D020, DF_D021, DF_D022, DF_D023,
    DF_D030, DF_D031, DF_D032, DF_D033, DF_D034, DF_D035, DF_D036, DF_D037,
    DF_D038, DF_D039, DF_D043A, DF_D043B, DF_D044, DF_D052, DF_D053,
    DF_D063A, DF_D063B, DF_COUNT
};

typedef struct demo_tinfo {
    char num[18];
    char name[70];
    char dom[40];          /* e-mail domain */
    uint8_t kind, type, sommeil, bare, defect;
    uint8_t ncont, naddr, nregl;
    int16_t city;
    int16_t co_no, catcompta, devise;
    int first_li, first_ct;
    int siret_of;          /* tiers index whose SIRET this one shares (D043), else -1 */
} demo_tinfo;

#define DEMO_ROW_MAX 200
typedef struct demo_rowb {
    const demo_table *t;
    demo_val v[DEMO_ROW_MAX];
    int pos;
    const char *stamp;     /* cbModification of this row */
    char arena[16384];
    size_t used;
} demo_rowb;

typedef struct demo_mf { const char *check; char *key; } demo_mf;

typedef struct demo_g {
    const demo_cfg *cfg;
    demo_writer *w;
    demo_rowb rb;
    int failed;            /* writer stopped or out of memory */
    int fy_start[3], fy_end[3];  /* days since 1970-01-01; [0]=N-2, [1]=N-1, [2]=N */
    int ref_days;
    int ntiers, ncust;
    demo_tinfo *ti;
    int *active, nactive;  /* customers that buy */
    int *dormant, ndormant;
    int *prosp, nprosp;
    int *supp, nsupp;
    int nreps;
    int ndocs;
    int64_t *ca_n, *ca_n1; /* CA oracle, cents, per tiers index */
    demo_mf *mf;
    int nmf, capmf;
    demo_counts counts;
} demo_g;

/* Row builder: set columns in schema order by name; skipped columns take
 * their default. */
void demo_rb_start(demo_g *g, const demo_table *t, const char *stamp);
void demo_rb_i(demo_g *g, const char *col, int64_t v);
void demo_rb_s(demo_g *g, const char *col, const char *s);
void demo_rb_f(demo_g *g, const char *col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void demo_rb_null(demo_g *g, const char *col);
void demo_rb_money(demo_g *g, const char *col, int64_t cents);
void demo_rb_date(demo_g *g, const char *col, int days, int minutes);
void demo_rb_end(demo_g *g);
int demo_table_begin(demo_g *g, const char *name);
void demo_table_end(demo_g *g);
const demo_table *demo_cur_table(demo_g *g);

/* Dates as days since 1970-01-01. */
int demo_days(int y, int m, int d);
void demo_civil(int days, int *y, int *m, int *d);
void demo_fmt_date(char *out, int days, int minutes);

void demo_mf_add(demo_g *g, const char *check, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

int demo_gen_documents(demo_g *g);
int demo_write_manifest(demo_g *g, const char *path, char *err, size_t errlen);
int demo_write_oracle(demo_g *g, const char *path, char *err, size_t errlen);

#endif
