/* liaison-demo-gen: builds the demo company into a simulator data folder,
 * emits it as T-SQL, writes its defects manifest and CA oracle (for tests,
 * benchmarks and integrators; docs/demo-company.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_demo.h"
#include "demo_schema.h"

/* 10 (io) when a file could not be written, 8 (failed) otherwise. */
static int fail_code(const char *err) { return strncmp(err, "cannot write", 12) == 0 ? 10 : 8; }

static void usage(FILE *f)
{
    fputs("usage: liaison-demo-gen [--data DIR] [--emit-tsql FILE] [--emit-ddl DIR]\n"
          "         [--scale small|large] [--seed N] [--defects] [--offset-fiscal-year]\n"
          "         [--reference-date YYYY-MM-DD] [--manifest FILE] [--oracle FILE]\n"
          "         [--database NAME] [--crm-database NAME]\n", f);
}

int main(int argc, char **argv)
{
    sim_demo_options o;
    memset(&o, 0, sizeof o);
    o.scale = "small";
    o.seed = 1;
    const char *data = NULL, *tsql = NULL, *ddl = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define OPT(name) (strcmp(a, name) == 0 && v && ++i)
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--defects") == 0) {
            o.defects = 1;
        } else if (strcmp(a, "--offset-fiscal-year") == 0) {
            o.offset_fiscal_year = 1;
        } else if (OPT("--data")) {
            data = v;
        } else if (OPT("--emit-tsql")) {
            tsql = v;
        } else if (OPT("--emit-ddl")) {
            ddl = v;
        } else if (OPT("--scale")) {
            o.scale = v;
        } else if (OPT("--seed")) {
            char *end;
            unsigned long s = strtoul(v, &end, 10);
            if (!*v || *end || s > 0xFFFFFFFFUL) {
                fprintf(stderr, "liaison-demo-gen: invalid seed '%s': use a number\n", v);
                return 2;
            }
            o.seed = (unsigned)s;
        } else if (OPT("--reference-date")) {
            o.reference_date = v;
        } else if (OPT("--manifest")) {
            o.manifest_path = v;
        } else if (OPT("--oracle")) {
            o.oracle_path = v;
        } else if (OPT("--database")) {
            o.database = v;
        } else if (OPT("--crm-database")) {
            o.crm_database = v;
        } else {
            fprintf(stderr, "liaison-demo-gen: unknown or incomplete option '%s'\n", a);
            usage(stderr);
            return 2;
        }
#undef OPT
    }
    char err[512] = "";
    if (ddl) {
        if (demo_write_ddl_dir(ddl) != 0) {
            fprintf(stderr, "liaison-demo-gen: cannot write the schema into '%s': check the folder exists\n", ddl);
            return 10;
        }
    }
    /* Manifest and oracle are written once, by the first output asked for. */
    if (tsql) {
        if (sim_demo_emit_tsql(tsql, &o, err, sizeof err) != 0) {
            fprintf(stderr, "liaison-demo-gen: %s\n", err);
            return fail_code(err);
        }
        o.manifest_path = o.oracle_path = NULL;
    }
    if (data) {
#ifdef LIA_DEMO_HAVE_BUILD
        if (sim_demo_build(data, &o, err, sizeof err) != 0) {
            fprintf(stderr, "liaison-demo-gen: %s\n", err);
            return 8;
        }
        o.manifest_path = o.oracle_path = NULL;
#else
        fprintf(stderr, "liaison-demo-gen: --data needs the simulator's T-SQL engine, not built\n");
        return 8;
#endif
    }
    if ((o.manifest_path || o.oracle_path) && sim_demo_oracles(&o, err, sizeof err) != 0) {
        fprintf(stderr, "liaison-demo-gen: %s\n", err);
        return fail_code(err);
    }
    if (!data && !tsql && !ddl && !o.manifest_path && !o.oracle_path) {
        usage(stderr);
        return 2;
    }
    return 0;
}
