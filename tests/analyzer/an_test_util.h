/* Helpers shared by the analyzer's unit tests. */
#ifndef AN_TEST_UTIL_H
#define AN_TEST_UTIL_H
#include "an.h"
#include <stdlib.h>
#include <string.h>

static inline lia_an_catalog *t_catalog(void)
{
    char p[4096];
    lia_error err;
    lia_error_clear(&err);
    lia_an_catalog *c = NULL;
    if (lia_an_data_path("rules/catalogue.rules", p, sizeof p) != 0 || lia_an_catalog_load(p, &c, &err) != LIA_OK)
        return NULL;
    return c;
}

static inline lia_an_formats *t_formats(void)
{
    char p[4096];
    lia_error err;
    lia_error_clear(&err);
    lia_an_formats *f = NULL;
    if (lia_an_data_path("formats", p, sizeof p) != 0 || lia_an_formats_load_dir(&f, p, &err) != LIA_OK)
        return NULL;
    return f;
}
#endif
