/* Growable byte buffer, always NUL-terminated; the building block of every
 * report writer and of escaping. */
#ifndef LIAISON_BUF_H
#define LIAISON_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct lia_buf {
    char *data;   /* NUL-terminated; NULL until the first append */
    size_t len;
    size_t cap;
    int oom;      /* set once an allocation failed; later appends are no-ops */
} lia_buf;

#define LIA_BUF_INIT {NULL, 0, 0, 0}

void lia_buf_free(lia_buf *b);
void lia_buf_reset(lia_buf *b);                 /* len = 0, keeps memory */
int lia_buf_reserve(lia_buf *b, size_t extra);  /* 0 or -1 on OOM */
int lia_buf_add(lia_buf *b, const void *p, size_t n);
int lia_buf_adds(lia_buf *b, const char *s);
int lia_buf_addc(lia_buf *b, char c);
int lia_buf_printf(lia_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int lia_buf_vprintf(lia_buf *b, const char *fmt, va_list ap);
const char *lia_buf_str(const lia_buf *b);      /* "" when empty */

/* Escapers for report formats: append s escaped for the target. */
int lia_buf_json_str(lia_buf *b, const char *s);    /* with the quotes */
int lia_buf_csv_field(lia_buf *b, const char *s, char sep); /* quoted when needed */
int lia_buf_html(lia_buf *b, const char *s);
int lia_buf_md_cell(lia_buf *b, const char *s);     /* markdown table cell */

#endif
