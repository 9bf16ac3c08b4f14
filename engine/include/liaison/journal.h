/* Journal writer (docs/journal-format.md), prefix lia_journal_. */
#ifndef LIAISON_JOURNAL_H
#define LIAISON_JOURNAL_H

#include <stdint.h>
#include <stdio.h>

#include "liaison/buf.h"
#include "liaison/error.h"

typedef enum lia_level {
    LIA_LVL_DEBUG, LIA_LVL_INFO, LIA_LVL_WARN, LIA_LVL_TRANSIENT, LIA_LVL_ERROR, LIA_LVL_FATAL
} lia_level;

typedef struct lia_journal lia_journal;

typedef struct lia_event {
    lia_level level;
    const char *dir;       /* "ERP>CRM", "CRM>ERP" or NULL for "-" */
    const char *entity;    /* "TIERS", "CA", ... */
    const char *op;        /* "PULL", "CREATE", ... or NULL */
    const char *crm_key;
    const char *erp_key;
    const char *code;      /* catalogue code or NULL */
    const char *status;    /* NULL: derived from level */
    const char *message;
    const char *extra;     /* "key=value\tkey=value" already escaped, or NULL */
} lia_event;

/* Opens (appends to) the journal file; path "-" writes to stderr. */
lia_code lia_journal_open(const char *path, lia_journal **out, lia_error *err);
/* Writes RUN START; returns the run id. */
const char *lia_journal_run_start(lia_journal *j, const char *message);
void lia_journal_event(lia_journal *j, const lia_event *ev);
/* Writes RUN END with the status derived from the counters and the given
 * counters "read=..\tcreated=.." (may be NULL); returns the final status. */
const char *lia_journal_run_end(lia_journal *j, const char *message, const char *counters);
void lia_journal_close(lia_journal *j);

/* ---- Additions to the contract (engine) ---- */

/* Events below min are counted but not written (default INFO). */
void lia_journal_set_level(lia_journal *j, lia_level min);
/* "DEBUG".."FATAL"; lia_level_parse accepts them in any case: 0 ok, -1 unknown. */
const char *lia_level_name(lia_level l);
int lia_level_parse(const char *s, lia_level *out);
/* Run id of the open run ("" before RUN START). */
const char *lia_journal_run_id(const lia_journal *j);
/* 1 once a write failed (disk full...): the command should say so. */
int lia_journal_failed(const lia_journal *j);
/* Appends a field escaped for the journal: \t \n \r \\; "-" for NULL or "". */
void lia_journal_escape(lia_buf *b, const char *s);
/* Appends s with the value of every secret-named pair (password=, pwd:,
 * secret=, token=, ...) replaced by "***".  Events pass through it. */
void lia_journal_mask(lia_buf *b, const char *s);

#endif
