/* The synchronisation-journal analyzer (`liaison analyze`), prefix lia_an_.
 *
 * Journals are read as streams of lines (any encoding, compressed or not),
 * parsed by a format definition (data files, analyzer/formats/NAME.fmt),
 * classified by a rule catalogue (analyzer/rules/catalogue.rules) and folded into a
 * report: runs, counts, blocked records, unknown-line templates.  Memory is
 * bounded whatever the size of the input.  See docs/analyzer.md. */
#ifndef LIAISON_ANALYZE_H
#define LIAISON_ANALYZE_H

#include <stdint.h>
#include <stdio.h>

#include "liaison/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Severities of the catalogue, in increasing order (SData's five). */
enum lia_an_sev {
    LIA_AN_INFO = 0, LIA_AN_WARNING, LIA_AN_TRANSIENT, LIA_AN_ERROR, LIA_AN_FATAL,
    LIA_AN_SEV_COUNT
};

/* Run statuses (journal values SUCCES, AVERTISSEMENT, ECHEC). */
enum lia_an_status { LIA_AN_SUCCESS = 0, LIA_AN_WARNINGS, LIA_AN_FAILED };

typedef struct lia_an_catalog lia_an_catalog;
typedef struct lia_an_formats lia_an_formats;
typedef struct lia_an_analysis lia_an_analysis;

/* Data files: $LIAISON_DATA_DIR, then the source tree, then the installed
 * data directory; `rel` is relative to the analyzer's data root (e.g.
 * "rules/catalogue.rules").  Returns 0 and the path in out, -1 when absent. */
int lia_an_data_path(const char *rel, char *out, size_t size);

/* Rule catalogue. */
lia_code lia_an_catalog_load(const char *path, lia_an_catalog **out, lia_error *err);
void lia_an_catalog_free(lia_an_catalog *c);
size_t lia_an_catalog_count(const lia_an_catalog *c);
/* Runs a test file ("CODE<TAB>sample line" per line, "-" = no rule); prints
 * failures on out; returns the number of failures (-1 when unreadable). */
int lia_an_catalog_test(const lia_an_catalog *c, const char *path, FILE *out, lia_error *err);
/* Writes the catalogue as a markdown section (docs/analyzer.md) or JSON. */
void lia_an_catalog_markdown(const lia_an_catalog *c, FILE *out);

/* Format definitions: the built-in native one plus every *.fmt of dir. */
lia_code lia_an_formats_load_dir(lia_an_formats **io, const char *dir, lia_error *err);
lia_code lia_an_formats_load_file(lia_an_formats **io, const char *path, lia_error *err);
void lia_an_formats_free(lia_an_formats *f);
int lia_an_formats_has(const lia_an_formats *f, const char *name);
void lia_an_formats_list(const lia_an_formats *f, FILE *out);
void lia_an_formats_markdown(const lia_an_formats *f, FILE *out);

typedef enum lia_an_output {
    LIA_AN_OUT_TEXT, LIA_AN_OUT_JSON, LIA_AN_OUT_CSV, LIA_AN_OUT_MARKDOWN, LIA_AN_OUT_HTML,
    LIA_AN_OUT_EVENTS
} lia_an_output;

typedef struct lia_an_options {
    const char *input_format; /* NULL: detect per file */
    int colour;               /* text output on a terminal */
    int top;                  /* conditions listed in "top" (default 10) */
    FILE *events;             /* when set, every classified event is printed here */
    int events_all;           /* print info events too */
    int jobs;                 /* 1: one thread; 2: two (halves, or a reading thread);
                                 0: halves of large native journals when 2 CPUs */
} lia_an_options;

lia_code lia_an_analysis_new(const lia_an_catalog *c, const lia_an_formats *f,
                             const lia_an_options *opt, lia_an_analysis **out, lia_error *err);
void lia_an_analysis_free(lia_an_analysis *a);
/* Reads one input: a path ("-" = stdin).  Unreadable input fills err. */
lia_code lia_an_analysis_file(lia_an_analysis *a, const char *path, lia_error *err);
/* Reads a buffer as if it were a file named name (tests, fuzzing). */
void lia_an_analysis_buffer(lia_an_analysis *a, const char *name, const void *data, size_t len);
/* Ends the analysis: closes open runs (interrupted) and orders results. */
void lia_an_analysis_finish(lia_an_analysis *a);
/* Exit status per docs/exit-codes.md: 0 all runs succeeded, 1 warnings only,
 * LIA_EXIT_FAILED when any run failed. */
int lia_an_analysis_exit(const lia_an_analysis *a);
void lia_an_report(const lia_an_analysis *a, lia_an_output fmt, FILE *out);

/* --check-format: reads path with a (its input_format, or detection) and
 * prints on out each line the format does not match, then a summary;
 * returns the count of such lines, -1 when unreadable (err filled). */
long lia_an_check_format(lia_an_analysis *a, const char *path, FILE *out, lia_error *err);

/* --follow: tails path across rotation, printing classified events until
 * *stop becomes non-zero (signal handler). */
lia_code lia_an_follow(lia_an_analysis *a, const char *path, volatile int *stop,
                       int from_start, lia_error *err);

#ifdef __cplusplus
}
#endif
#endif
