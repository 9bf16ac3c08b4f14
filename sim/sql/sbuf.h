/* Tiny growable string for the T-SQL engine (sim_sql links only SQLite, so
 * it cannot use liaison/buf.h). Allocation failure aborts: the simulator is a
 * test tool and a half-built SQL text would be worse than a crash report. */
#ifndef SIM_SBUF_H
#define SIM_SBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct sbuf {
    char *s;
    size_t len, cap;
} sbuf;

void sb_add(sbuf *b, const char *p, size_t n);
void sb_adds(sbuf *b, const char *p);
void sb_addc(sbuf *b, char c);
void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *sb_str(const sbuf *b);
char *sb_take(sbuf *b); /* caller frees; b becomes empty */
void sb_free(sbuf *b);
void sb_reset(sbuf *b);

#endif
