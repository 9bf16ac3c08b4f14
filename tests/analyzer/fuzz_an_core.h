/* One fuzz input through the whole line path: decoding, detection or a
 * forced format, parsing, classification, every report writer. */
#ifndef FUZZ_AN_CORE_H
#define FUZZ_AN_CORE_H
#include "an_test_util.h"
#include <stdio.h>

static void fuzz_one(lia_an_catalog *c, lia_an_formats *f, const uint8_t *data, size_t len, int which)
{
    static const char *const forced[] = {NULL, "liaison", "sage", "generic", "jsonl"};
    lia_an_options opt = {0};
    opt.input_format = forced[which % 5];
    FILE *null = fopen("/dev/null", "w");
    opt.events = null;
    lia_an_analysis *a = NULL;
    lia_error err;
    if (lia_an_analysis_new(c, f, &opt, &a, &err) == LIA_OK) {
        lia_an_analysis_buffer(a, "fuzz", data, len);
        lia_an_analysis_finish(a);
        if (null)
            for (int o = LIA_AN_OUT_TEXT; o <= LIA_AN_OUT_HTML; o++)
                lia_an_report(a, (lia_an_output)o, null);
        lia_an_analysis_free(a);
    }
    if (null)
        fclose(null);
}
#endif
