/* Helpers of request handling that are pure text work (tested alone). */
#ifndef SIM_TDS_REQUEST_H
#define SIM_TDS_REQUEST_H

/* Recognises "INSERT BULK table (col type, ...) [WITH (...)]": 1 with the
 * table and column names (malloc'ed, replacing previous ones), 0 when the
 * text is not an INSERT BULK, -1 on memory failure. */
int tds_bulk_parse_insert(const char *sql, char **table, char ***cols, int *ncols);

#endif
