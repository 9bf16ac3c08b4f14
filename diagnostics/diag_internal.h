/* Helpers shared by the diagnostics module's files. */
#ifndef LIA_DIAG_INTERNAL_H
#define LIA_DIAG_INTERNAL_H

#include <stddef.h>

/* Room for one more element in arr, which holds n of *cap elements of size bytes:
 * arr itself when there is room, else arr grown (doubling, first when empty) and *cap
 * updated; NULL when out of memory (arr is then unchanged and still owned by the caller). */
void *lia_diag_grow(void *arr, size_t *cap, size_t n, size_t size, size_t first);

#endif
