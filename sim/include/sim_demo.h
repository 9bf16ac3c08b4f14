/* The demo company generator: builds a GesCom company (schema, data,
 * optional defects) into a simulator data folder through sim_exec.h, and can
 * emit the same company as a T-SQL script for a real SQL Server. */
#ifndef SIM_DEMO_H
#define SIM_DEMO_H

#include <stddef.h>

typedef struct sim_demo_options {
    const char *scale;          /* "small" or "large" */
    unsigned seed;              /* same seed, same company */
    int defects;                /* inject the defects of the manifest */
    int offset_fiscal_year;     /* variant: fiscal years not calendar years */
    const char *database;       /* default "BIJOU" */
    const char *crm_database;   /* empty CRM database to create too, default "LIAISON_CRM" */
    const char *reference_date; /* "YYYY-MM-DD" for the CA oracle, default today */
    const char *manifest_path;  /* defects manifest (JSON), or NULL */
    const char *oracle_path;    /* CA N / N-1 per tiers (CSV), or NULL */
} sim_demo_options;

/* Creates data_dir/<database> and the CRM database.  0 ok, -1 with err. */
int sim_demo_build(const char *data_dir, const sim_demo_options *opt, char *err, size_t errlen);
/* Writes the same company as a T-SQL script (batches separated by GO). */
int sim_demo_emit_tsql(const char *path, const sim_demo_options *opt, char *err, size_t errlen);

/* Writes only the manifest and the CA oracle (opt paths), without any
 * database: the same company as sim_demo_build would create. */
int sim_demo_oracles(const sim_demo_options *opt, char *err, size_t errlen);

#endif
