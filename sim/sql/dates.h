/* Date/time text <-> numbers for the T-SQL date functions. */
#ifndef SIM_DATES_H
#define SIM_DATES_H

#include <stdint.h>

#include "sim_dates.h"

typedef struct tsql_dt {
    int y, mo, d, h, mi, s;
    long ns;      /* nanoseconds */
    int has_time;
} tsql_dt;

/* Parses ISO forms: YYYY-MM-DD[( |T)HH:MM[:SS[.f...]]], YYYYMMDD[ HH:MM...],
 * HH:MM[:SS] (1900-01-01). 0 ok. */
int dt_parse(const char *s, int n, tsql_dt *dt);
int dt_valid(int y, int m, int d);
int dt_month_days(int y, int m);
/* kind: 0 datetime (.fff), 1 smalldatetime, 2 datetime2(scale), 3 date */
void dt_format(const tsql_dt *dt, int kind, int scale, char *out, int outlen);
int dt_compare(const tsql_dt *a, const tsql_dt *b);

#endif
