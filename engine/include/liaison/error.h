/* The one error type of the Liaison library.
 *
 * Every failing call fills a lia_error: a code from the central table
 * (engine/src/error_table.h), the subject it failed on, and the context the
 * server gave (SQL Server number, severity, its own text).  Messages and exit
 * codes come from that table only. */
#ifndef LIAISON_ERROR_H
#define LIAISON_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Process exit codes, documented in docs/exit-codes.md. */
enum lia_exit {
    LIA_EXIT_OK = 0,
    LIA_EXIT_FINDINGS = 1,   /* findings, warnings, drift */
    LIA_EXIT_USAGE = 2,
    LIA_EXIT_CONFIG = 3,
    LIA_EXIT_CONNECT = 4,
    LIA_EXIT_AUTH = 5,
    LIA_EXIT_DATABASE = 6,   /* cannot open, not a GesCom database, missing object */
    LIA_EXIT_PERMISSION = 7,
    LIA_EXIT_FAILED = 8,     /* a job or run failed (SQL error, failed journal run) */
    LIA_EXIT_REMOTE = 9,     /* web service fault or HTTP error */
    LIA_EXIT_IO = 10,
    LIA_EXIT_BUSY = 11,      /* another process holds the lock */
    LIA_EXIT_INTERNAL = 70
};

#define LIA_ERROR_TABLE_INCLUDE 1
typedef enum lia_code {
#define LIA_ERR(name, exit_code, fr, en) name,
#include "liaison/error_codes.h"
#undef LIA_ERR
    LIA_CODE__COUNT
} lia_code;
#undef LIA_ERROR_TABLE_INCLUDE

typedef struct lia_error {
    lia_code code;
    int sql_number;        /* SQL Server error number, 0 if none */
    int sql_severity;
    int sql_state;
    int os_errno;
    char subject[256];     /* what it failed on: file, server:port, object, record key */
    char server_text[512]; /* the server's own message, verbatim */
    char detail[512];      /* anything else worth saying, already in the user's language */
} lia_error;

typedef enum lia_lang { LIA_LANG_FR = 0, LIA_LANG_EN = 1 } lia_lang;

/* Language of messages: French unless LIAISON_LANG=en or lia_set_lang(). */
lia_lang lia_get_lang(void);
void lia_set_lang(lia_lang lang);
/* Parses "fr"/"en" (and "fr_FR.UTF-8"-like); returns -1 when unknown. */
int lia_lang_parse(const char *s, lia_lang *out);

/* Picks the text for the current language. */
const char *lia_tr(const char *fr, const char *en);

void lia_error_clear(lia_error *err);
/* Sets code and subject (printf-style); returns code for `return lia_fail(...)`. */
lia_code lia_fail(lia_error *err, lia_code code, const char *subject_fmt, ...)
    __attribute__((format(printf, 3, 4)));
void lia_error_detail(lia_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

const char *lia_code_name(lia_code code);        /* "LIA_E_CONNECT" */
const char *lia_code_message(lia_code code);     /* in the current language */
int lia_code_exit(lia_code code);                /* one of enum lia_exit */
/* Maps a SQL Server error number to the specific code, LIA_E_SQL otherwise. */
lia_code lia_code_from_sql(int number);

/* One line for a user: message first, quoted subject, server text and number;
 * no trailing full stop.  Returns buf. */
const char *lia_error_format(const lia_error *err, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
