/* The central error table and its accessors. */
#include "liaison/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct lia_code_entry {
    const char *name;
    int exit_code;
    const char *fr;
    const char *en;
};

#define LIA_ERROR_TABLE_INCLUDE 1
static const struct lia_code_entry code_table[] = {
#define LIA_ERR(name, exit_code, fr, en) {#name, exit_code, fr, en},
#include "liaison/error_codes.h"
#undef LIA_ERR
};
#undef LIA_ERROR_TABLE_INCLUDE

_Static_assert(sizeof code_table / sizeof code_table[0] == LIA_CODE__COUNT,
               "error table and enum out of step");

static const struct lia_code_entry *entry(lia_code code)
{
    if ((int)code < 0 || code >= LIA_CODE__COUNT)
        code = LIA_E_INTERNAL;
    return &code_table[code];
}

const char *lia_code_name(lia_code code) { return entry(code)->name; }
int lia_code_exit(lia_code code) { return entry(code)->exit_code; }

const char *lia_code_message(lia_code code)
{
    return lia_tr(entry(code)->fr, entry(code)->en);
}

void lia_error_clear(lia_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

lia_code lia_fail(lia_error *err, lia_code code, const char *subject_fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    if (subject_fmt) {
        va_list ap;
        va_start(ap, subject_fmt);
        vsnprintf(err->subject, sizeof err->subject, subject_fmt, ap);
        va_end(ap);
    }
    return code;
}

void lia_error_detail(lia_error *err, const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->detail, sizeof err->detail, fmt, ap);
    va_end(ap);
}

/* SQL Server numbers that callers act on differently. */
lia_code lia_code_from_sql(int number)
{
    switch (number) {
    case 18456: case 18452: case 18470: case 18488: return LIA_E_LOGIN;
    case 4060: case 911: return LIA_E_DB_OPEN;
    case 208: return LIA_E_INVALID_OBJECT;
    case 207: return LIA_E_INVALID_COLUMN;
    case 229: case 230: case 262: case 297: return LIA_E_PERMISSION;
    case 1205: return LIA_E_DEADLOCK;
    case 2627: case 2601: return LIA_E_DUPLICATE;
    case 245: case 8114: case 8115: case 8152: case 2628: case 241: case 242: return LIA_E_TYPE;
    case -2: return LIA_E_TIMEOUT;
    case 0: return LIA_E_INTERNAL;
    default: return LIA_E_SQL;
    }
}

/* Appends with truncation; keeps the result a C string. */
static void append(char *buf, size_t size, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void append(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
    if (*len >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *len, size - *len, fmt, ap);
    va_end(ap);
    if (n > 0)
        *len += (size_t)n < size - *len ? (size_t)n : size - *len - 1;
}

const char *lia_error_format(const lia_error *err, char *buf, size_t size)
{
    size_t len = 0;
    if (!buf || size == 0)
        return buf;
    buf[0] = '\0';
    if (!err) {
        append(buf, size, &len, "%s", lia_code_message(LIA_E_INTERNAL));
        return buf;
    }
    append(buf, size, &len, "%s", lia_code_message(err->code));
    if (err->subject[0])
        append(buf, size, &len, " '%s'", err->subject);
    if (err->sql_number > 0)
        append(buf, size, &len, lia_tr(" (erreur SQL Server %d)", " (SQL Server error %d)"),
               err->sql_number);
    if (err->server_text[0])
        append(buf, size, &len, ": %s", err->server_text);
    if (err->detail[0])
        append(buf, size, &len, "%s%s", err->server_text[0] ? "; " : ": ", err->detail);
    /* git's rule: no trailing full stop, even when the server ends with one. */
    while (len > 0 && (buf[len - 1] == '.' || buf[len - 1] == ' ' || buf[len - 1] == '\n'))
        buf[--len] = '\0';
    return buf;
}
