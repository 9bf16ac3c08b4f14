/* Conversions between the engine's text values and TDS binary values:
 * dates, exact decimals and money. */
#ifndef SIM_TDS_VALUES_H
#define SIM_TDS_VALUES_H

#include <stddef.h>
#include <stdint.h>

__extension__ typedef unsigned __int128 tds_u128;

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t tds_days_from_civil(int64_t y, unsigned m, unsigned d);
void tds_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);

/* Parses "YYYY-MM-DD[( |T)HH:MM[:SS[.fffffff]]]": days since 1970-01-01 and
 * time of day in 100 ns units.  0 ok, -1 when not a date. */
int tds_parse_datetime(const char *s, size_t n, int64_t *days, uint64_t *ticks);
/* Formats "YYYY-MM-DD" (digits < 0), else "YYYY-MM-DD HH:MM:SS" with that many
 * fractional digits. out needs 32 bytes. */
void tds_format_datetime(int64_t days, uint64_t ticks, int digits, char *out);

/* Parses an exact decimal text, rescaled to scale (rounding half away from
 * zero).  0 ok, -1 when not a number or more than 38 digits. */
int tds_decimal_parse(const char *s, size_t n, int scale, int *neg, tds_u128 *mag);
/* Formats mag / 10^scale with its sign; out needs 48 bytes. */
void tds_decimal_format(int neg, tds_u128 mag, int scale, char *out);
/* Bytes of a DECIMALN value (without the sign byte) for a precision. */
int tds_decimal_bytes(int precision);

#endif
