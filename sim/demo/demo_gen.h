/* The deterministic generator: streams the rows of every table of the demo
 * company to a writer, collects the defects manifest and the CA oracle. */
#ifndef DEMO_GEN_H
#define DEMO_GEN_H

#include <stdint.h>
#include "demo_schema.h"
#include "sim_demo.h"

typedef struct demo_val {
    int is_null;
    int64_t i;          /* integer kinds */
    const char *s;      /* other kinds: exact text (decimal, date, UTF-8 string) */
} demo_val;

/* Receives the company table by table; a non-zero return stops generation. */
typedef struct demo_writer {
    void *ctx;
    int (*table_begin)(void *ctx, const demo_table *t);
    int (*row)(void *ctx, const demo_table *t, const demo_val *vals);
    int (*table_end)(void *ctx, const demo_table *t);
} demo_writer;

typedef struct demo_counts {
    long long tiers, contacts, addresses, documents, lines;
} demo_counts;

/* Resolved options: scale checked, reference date parsed. */
typedef struct demo_cfg {
    int large;
    unsigned seed;
    int defects;
    int offset_fy;
    const char *database, *crm_database;
    int ref_y, ref_m, ref_d;
    char ref_date[32];
} demo_cfg;

int demo_cfg_resolve(const sim_demo_options *opt, demo_cfg *cfg, char *err, size_t errlen);
/* Writes path through fill into a temporary file renamed at the end, so it is never
 * half-written: 0, or -1 with err set (by fill when fill failed). */
int demo_write_atomic(const char *path, int (*fill)(FILE *f, const void *ctx, char *err, size_t errlen),
                      const void *ctx, char *err, size_t errlen);
/* Generates everything through w; writes manifest/oracle files when paths given. */
int demo_generate(const demo_cfg *cfg, demo_writer *w, const char *manifest_path,
                  const char *oracle_path, demo_counts *counts, char *err, size_t errlen);

#endif
