/* sim_demo_oracles: the manifest and CA oracle of a company, without
 * building it (the generator runs with a writer that drops the rows). */
#include "demo_gen.h"

#include <stdio.h>

static int drop_row(void *ctx, const demo_table *t, const demo_val *v)
{
    (void)t, (void)v;
    long long *n = ctx;
    (*n)++;
    return 0;
}

int sim_demo_oracles(const sim_demo_options *opt, char *err, size_t errlen)
{
    demo_cfg cfg;
    if (err && errlen)
        err[0] = '\0';
    if (demo_cfg_resolve(opt, &cfg, err, errlen) != 0)
        return -1;
    long long rows = 0;
    demo_writer w = {&rows, NULL, drop_row, NULL};
    return demo_generate(&cfg, &w, opt->manifest_path, opt->oracle_path, NULL, err, errlen);
}
