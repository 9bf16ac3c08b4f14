/* Calendar days of the simulator, shared by the T-SQL engine (sim/sql) and the demo
 * generator (sim/demo) so both count dates the same way. */
#ifndef SIM_DATES_H_PUBLIC
#define SIM_DATES_H_PUBLIC

#include <stdint.h>

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t sim_days_from_civil(int y, int m, int d);
void sim_civil_from_days(int64_t z, int *y, int *m, int *d);

#endif
