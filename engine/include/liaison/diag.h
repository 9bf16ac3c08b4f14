/* `liaison diagnose`: the catalogue of GesCom data checks, running them
 * read-only, and the report writers (prefix lia_diag_).
 *
 * The catalogue is data (diagnostics/catalog.ini); each check is one
 * read-only T-SQL file under sql/diagnostics/ returning one row per
 * offending record: column 1 the key, optional column 2 a detail value.  A
 * row whose key is NULL means the check could not read what it needs (it is
 * then reported as skipped, never dropped).  The report writers are pure
 * functions over the results, testable without a database. */
#ifndef LIAISON_DIAG_H
#define LIAISON_DIAG_H

#include <stddef.h>
#include <stdint.h>

#include "liaison/buf.h"
#include "liaison/error.h"

typedef struct lia_diag_check {
    char id[16];       /* "D001": stable, never reused */
    int priority;      /* 1 blocks synchronisation, 10, 50, 100, 250 information */
    char *group;       /* French group name, the stable one ("Références") */
    char *group_en;
    char *title_fr, *title_en;
    char *why_fr, *why_en;
    char *fix_fr, *fix_en;
    char *codes;       /* analyzer codes, comma-separated; "-" for none */
    char *key;         /* what a key is ("CT_Num/LI_No") */
    char *sql;         /* relative to sql/ */
    char *sql_each;    /* per-row second step, or NULL */
    char *needs;       /* NULL, "crm" (CRM database name), "gescom-numbering" */
    char *perm_fr, *perm_en;
} lia_diag_check;

typedef struct lia_diag_catalog {
    lia_diag_check *checks;   /* in file order (by id) */
    size_t n;
} lia_diag_catalog;

/* Loads a catalogue file; path NULL = the default one (LIAISON_DIAG_CATALOG,
 * then the source tree, then the install data dir).  Malformed lines,
 * duplicate ids, missing keys fail with file:line in err->subject. */
lia_code lia_diag_catalog_load(const char *path, lia_diag_catalog *cat, lia_error *err);
void lia_diag_catalog_free(lia_diag_catalog *cat);
const lia_diag_check *lia_diag_catalog_find(const lia_diag_catalog *cat, const char *id);
/* Localised fields of a check (current language). */
const char *lia_diag_title(const lia_diag_check *c);
const char *lia_diag_why(const lia_diag_check *c);
const char *lia_diag_fix(const lia_diag_check *c);
const char *lia_diag_group(const lia_diag_check *c);
const char *lia_diag_permission(const lia_diag_check *c);

/* Skip list file: one entry a line, "ID" or "ID DATABASE"; '#' comments. */
typedef struct lia_diag_skip_entry {
    char id[16];
    char database[129];   /* "" = every database */
} lia_diag_skip_entry;
typedef struct lia_diag_skiplist {
    lia_diag_skip_entry *e;
    size_t n;
} lia_diag_skiplist;
/* Unknown check ids fail (a typo must not silently skip nothing). */
lia_code lia_diag_skip_load(const char *path, const lia_diag_catalog *cat, lia_diag_skiplist *out,
                            lia_error *err);
int lia_diag_skip_match(const lia_diag_skiplist *s, const char *id, const char *database);
void lia_diag_skip_free(lia_diag_skiplist *s);

typedef enum lia_diag_status {
    LIA_DIAG_CLEAN,     /* ran, nothing found */
    LIA_DIAG_FOUND,     /* ran, offending records */
    LIA_DIAG_SKIPPED,   /* not evaluated: reason says why (permission, skip list, option) */
    LIA_DIAG_FAILED     /* error or timeout while running */
} lia_diag_status;

typedef enum lia_diag_hist {
    LIA_DIAG_H_NONE,    /* no history file */
    LIA_DIAG_H_NEW,     /* found now, not in the previous run */
    LIA_DIAG_H_KNOWN,   /* found now and before */
    LIA_DIAG_H_FIXED    /* found before, clean now */
} lia_diag_hist;

typedef struct lia_diag_result {
    const lia_diag_check *check;
    lia_diag_status status;
    int64_t count;          /* offending records */
    char **keys;            /* kept keys (bounded), in the check's order */
    char **values;          /* detail value per kept key, NULL entries allowed */
    size_t nkeys, capkeys;
    char *reason;           /* SKIPPED / FAILED: why, in the user's language */
    lia_code error;         /* SKIPPED / FAILED by an error: its code (journaled) */
    long elapsed_ms;
    lia_diag_hist hist;
    int64_t prev_count;     /* history: count of the previous run */
    size_t new_keys;        /* history: kept keys not seen in the previous run */
} lia_diag_result;

/* Appends a key (and optional value) to a result, counting it; keeps at most
 * `cap` keys (0 = unbounded).  0 or -1 on OOM. */
int lia_diag_result_add(lia_diag_result *r, const char *key, const char *value, size_t cap);
void lia_diag_result_set_reason(lia_diag_result *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void lia_diag_result_clear(lia_diag_result *r);

typedef struct lia_diag_report {
    char server[300];
    char database[129];
    char started[32];        /* "YYYY-MM-DD HH:MM:SS" local time */
    long elapsed_ms;
    lia_diag_result *results;
    size_t n;
    int history;             /* results carry history states */
} lia_diag_report;

void lia_diag_report_free(lia_diag_report *r);

typedef enum lia_diag_format {
    LIA_DIAG_TEXT, LIA_DIAG_JSON, LIA_DIAG_CSV, LIA_DIAG_MARKDOWN, LIA_DIAG_HTML
} lia_diag_format;
int lia_diag_format_parse(const char *s, lia_diag_format *out);

typedef struct lia_diag_write_opts {
    size_t max_keys;   /* keys shown per finding, 0 = all kept keys */
    int color;         /* text: ANSI colours */
    int bom;           /* csv: UTF-8 byte order mark */
    char sep;          /* csv separator, ';' by default */
} lia_diag_write_opts;

/* Writes the report; 0 or -1 on OOM. */
int lia_diag_report_write(const lia_diag_report *r, lia_diag_format fmt,
                          const lia_diag_write_opts *o, lia_buf *out);
/* Writes the catalogue (--list); markdown is the docs/diagnostics.md page. */
int lia_diag_list_write(const lia_diag_catalog *cat, lia_diag_format fmt,
                        const lia_diag_write_opts *o, lia_buf *out);
/* Counts per status; *findings counts FOUND results. */
void lia_diag_report_counts(const lia_diag_report *r, size_t *found, size_t *skipped,
                            size_t *failed, size_t *clean);

/* History (--history FILE): the previous run's findings are read, compared
 * (sets hist, prev_count, new_keys; a check found before and clean now is
 * FIXED).  Save rewrites the file atomically with this run's findings;
 * checks not evaluated this run keep their old entry.  A missing file is an
 * empty history. */
lia_code lia_diag_history_apply(const char *path, lia_diag_report *r, lia_error *err);
lia_code lia_diag_history_save(const char *path, const lia_diag_report *r, lia_error *err);

/* ---- Running checks (needs a connection) ---- */

struct lia_db;

typedef struct lia_diag_run_opts {
    const char *ref_date;        /* "YYYY-MM-DD": today unless set (tests) */
    const char *crm_database;    /* NULL: checks that need it are skipped */
    int gescom_numbering;        /* the integration numbers accounts from GesCom */
    int backup_days;             /* D081 window, 7 by default */
    int timeout;                 /* the connection's query timeout, for messages */
    size_t key_cap;              /* keys kept per check, 0 = all */
    const lia_diag_skiplist *skip;
    const char *skip_path;       /* for the reason of skipped checks */
    /* Called before each check (progress on a terminal). */
    void (*progress)(void *ctx, size_t index, size_t total, const lia_diag_check *c);
    void *progress_ctx;
} lia_diag_run_opts;

/* Runs the selected checks one after the other on db (read-only SELECTs),
 * filling r->results in the given order.  A check that fails (SQL error,
 * timeout) or cannot read what it needs is recorded as FAILED or SKIPPED with
 * its reason and the run goes on; a lost connection is reopened.  Returns
 * LIA_OK unless memory ran out. */
/* Replaces every [__COLUMN__] of a per-field template with the column name
 * bracket-quoted (']' doubled).  Caller frees; NULL on OOM. */
char *lia_diag_sql_column(const char *tmpl, const char *column);

lia_code lia_diag_run(struct lia_db *db, const lia_diag_check *const *sel, size_t nsel,
                      const lia_diag_run_opts *o, lia_diag_report *r, lia_error *err);

#endif
