/* Text encodings on the wire: varchar is Windows-1252 (French_CI_AS),
 * nvarchar is UTF-16LE; the engine speaks UTF-8. */
#ifndef SIM_TDS_TEXT_H
#define SIM_TDS_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "liaison/buf.h"

/* UTF-8 -> Windows-1252; characters cp1252 lacks (and bad UTF-8) become '?'. */
int tds_utf8_to_cp1252(const char *s, size_t n, lia_buf *out);
int tds_cp1252_to_utf8(const uint8_t *s, size_t n, lia_buf *out);
/* UTF-8 -> UTF-16LE (bad UTF-8 becomes U+FFFD). */
int tds_utf8_to_utf16(const char *s, size_t n, lia_buf *out);
/* UTF-16LE -> UTF-8 (n in bytes; lone surrogates become U+FFFD). */
int tds_utf16_to_utf8(const uint8_t *s, size_t n, lia_buf *out);
/* Number of UTF-16 code units the UTF-8 text needs. */
size_t tds_utf16_units(const char *s, size_t n);

#endif
