/* The CRM side of Liaison (module sqlext/): install of its objects in the
 * CRM database (lia_inst_), replication jobs GesCom -> CRM (lia_repl_),
 * drift check (lia_verify_) and report feeds (lia_feed_).
 * docs/replication.md and docs/crm-objects.md describe the design. */
#ifndef LIAISON_REPLICATE_H
#define LIAISON_REPLICATE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "liaison/buf.h"
#include "liaison/db.h"
#include "liaison/error.h"
#include "liaison/journal.h"

/* ---- install ---- */

typedef struct lia_inst_migration {
    int version;
    const char *file;      /* relative to sql/: "crm/001_schema.sql" */
} lia_inst_migration;

/* The migrations this build knows, in order; *count gets their number. */
const lia_inst_migration *lia_inst_migrations(size_t *count);
/* SHA-256 of a script with CRLF read as LF, as 64 lowercase hex digits. */
void lia_inst_checksum(const char *text, size_t len, char hex[65]);
/* Splits a script into batches on lines holding only GO (any case).
 * Calls fn for each non-blank batch; stops at the first non-zero return. */
int lia_inst_split_batches(const char *text, int (*fn)(void *ctx, const char *batch), void *ctx);

/* Applies the pending migrations, each in its own transaction with its
 * ledger row, then regenerates the reporting view.  dry_run: prints the plan
 * to out and writes nothing.  Refuses an applied script whose checksum
 * changed (LIA_E_SCRIPT_ALTERED). */
lia_code lia_inst_install(lia_db *crm, int dry_run, FILE *out, lia_error *err);
/* Drops Liaison's objects (schema liaison, the generated view) only. */
lia_code lia_inst_uninstall(lia_db *crm, int dry_run, FILE *out, lia_error *err);
/* LIA_OK when every known migration is applied (unaltered). */
lia_code lia_inst_check(lia_db *crm, lia_error *err);

/* ---- replication ---- */

/* Fiscal years: slots of P_DOSSIER as "YYYY-MM-DD..." texts (NULL or year
 * <= 1900 = unused).  Picks N, the slot containing ref (YYYY-MM-DD), and N-1,
 * the slot ending right before N (or the latest ending before it); a missing
 * N-1 is the year before N.  calendar: calendar years of ref instead.
 * Dates out as "YYYY-MM-DD"; *_x are the exclusive ends (day after). */
typedef struct lia_repl_window {
    char deb_n[11], fin_n[11], fin_n_x[11];
    char deb_n1[11], fin_n1[11], fin_n1_x[11];
} lia_repl_window;
lia_code lia_repl_fiscal_window(const char *const deb[5], const char *const fin[5], const char *ref,
                                int calendar, lia_repl_window *w, lia_error *err);

/* "YYYY-MM-DD[ HH:MM[:SS]]" plus minutes (may be negative) into out
 * ("YYYY-MM-DD HH:MM:SS"); -1 when unparsable. */
int lia_repl_add_minutes(const char *ts, int minutes, char out[20]);
/* Value kind of a cbSysLibre type: "text", "number", "date" or NULL (0 or unknown). */
const char *lia_repl_value_kind(int cb_type);
/* Appends [name] with ] doubled. */
void lia_repl_quote_ident(lia_buf *b, const char *name);
/* 1 for GesCom's "no date" sentinels (1753-01-01, 1900-01-01). */
int lia_repl_date_sentinel(const char *s);
/* Expands the region between "-- liaison:columns-begin" and
 * "-- liaison:columns-end" of a template: for each of n items, the region's
 * form with the tokens of tok[] replaced by the item's texts (rep[i*ntok+k]);
 * a token "[__name__]"-like is replaced verbatim, so pass quoted names.
 * -1 when the markers are missing. */
int lia_repl_expand_columns(const char *tmpl, const char *const *tok, size_t ntok,
                            const char *const *rep, size_t n, lia_buf *out);

typedef struct lia_repl_opts {
    const char *integration;   /* integration name */
    const char *server_label;  /* GesCom server as shown in liaison.Integration */
    const char *database;      /* GesCom database name */
    int full;                  /* --full */
    int purge_removed;         /* --purge-removed */
    int include_dormant, customers, suppliers, prospects, calendar_years;
    int full_resync_hour;      /* -1 = never */
    const char *reference_date;/* "YYYY-MM-DD" or NULL: the GesCom server's date */
    int overlap_minutes;       /* re-read margin before the last pointer (default 2) */
    int batch_rows;            /* rows per staging INSERT (default 500, max 1000) */
    FILE *progress;            /* progress lines, or NULL */
    volatile sig_atomic_t *stop; /* set by SIGTERM: roll back and stop */
    const char *run_id;        /* journal run id, recorded with the pointer */
} lia_repl_opts;

typedef struct lia_repl_counters {
    int64_t read;              /* tiers rows read from GesCom */
    int64_t values_read;
    int64_t created, updated, deleted;
    int64_t defs_changed;
    int64_t purged;
    int full;                  /* the run was a full one */
    /* The incremental deletion check: 0 none (full run), 1 run, 2 skipped
     * because the deletion sentinels showed nothing to find. */
    int deletion_check;
    char full_reason[64];
} lia_repl_counters;

void lia_repl_opts_defaults(lia_repl_opts *o);
/* One replication run of one integration (lock, read, stage, apply, advance
 * the pointer in the same CRM transaction, commit). */
lia_code lia_repl_run(lia_db *gescom, lia_db *crm, const lia_repl_opts *o, lia_journal *j,
                      lia_repl_counters *c, lia_error *err);
/* Starts on gescom the query that replication reads, for every tiers in
 * scope: what 0 = tiers and CA (gescom_tiers.sql), 1 = free-field values
 * (one column per field, named after the field).  The caller fetches. */
lia_code lia_repl_gescom_query(lia_db *gescom, const lia_repl_opts *o, int what, lia_error *err);
/* Width of one text cell of lia_repl_query_row: room for the longest value
 * read that way, the 64 hex digits of the definitions' checksum. */
#define LIA_REPL_CELL 96
/* Runs sql/<relpath> and copies the first row's columns as text into
 * out[0..n-1] (NULL -> ""); *found = 0 when there is no row. */
lia_code lia_repl_query_row(lia_db *db, const char *relpath, const lia_param *p, size_t np,
                            char (*out)[LIA_REPL_CELL], int n, int *found, lia_error *err);
/* Regenerates dbo.vReportCompanyInfosFlash from the active definitions. */
lia_code lia_repl_view_regenerate(lia_db *crm, lia_error *err);

/* ---- verify ---- */

typedef struct lia_verify_result {
    int64_t gescom_tiers, crm_tiers;
    int64_t missing, extra, differ;   /* tiers absent from CRM, absent from GesCom, checksum differs */
    char sum_n_gescom[48], sum_n_crm[48], sum_n1_gescom[48], sum_n1_crm[48];
    int64_t values_differ;
} lia_verify_result;

/* Compares GesCom and the CRM copy without writing: per-tiers checksums of
 * CA and complementary data, counts, sums, free-field values.  Lists up to
 * max_list drifting tiers on out.  LIA_E_DRIFT when anything differs. */
lia_code lia_verify_run(lia_db *gescom, lia_db *crm, const lia_repl_opts *o, FILE *out,
                        int max_list, lia_verify_result *r, lia_error *err);

/* ---- feed ---- */

typedef enum lia_feed_format { LIA_FEED_CSV, LIA_FEED_CSV_EXCEL, LIA_FEED_JSONL } lia_feed_format;
typedef enum lia_feed_what { LIA_FEED_CA, LIA_FEED_INFOSFLASH, LIA_FEED_INFOLIBRES } lia_feed_what;

/* Streams rows of a query result to out in the format.  CSV_EXCEL: UTF-8
 * BOM, ';' separator, decimal comma, CRLF (French Excel). */
lia_code lia_feed_write(lia_db *db, lia_feed_format fmt, FILE *out, int64_t *rows, lia_error *err);
/* Formats one already-fetched cell for CSV_EXCEL: decimal point to comma
 * for numeric texts; appends to b. */
void lia_feed_excel_number(lia_buf *b, const char *s);

#endif
