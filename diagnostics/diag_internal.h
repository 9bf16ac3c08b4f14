/* Helpers shared by the diagnostics module's files. */
#ifndef LIA_DIAG_INTERNAL_H
#define LIA_DIAG_INTERNAL_H

#include <stddef.h>

#include "liaison/error.h"

/* Room for one more element in arr, which holds n of *cap elements of size bytes:
 * arr itself when there is room, else arr grown (doubling, first when empty) and *cap
 * updated; NULL when out of memory (arr is then unchanged and still owned by the caller). */
void *lia_diag_grow(void *arr, size_t *cap, size_t n, size_t size, size_t first);

/* Fails err with LIA_E_IO on path, the system's reason (errno) as detail; returns the code. */
lia_code lia_diag_io_fail(lia_error *err, const char *path);

#endif
