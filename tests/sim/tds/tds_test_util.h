/* Test helpers: build client requests as packets, run a connection over
 * memory, and decode the reply into readable lines (a tiny TDS client). */
#ifndef TDS_TEST_UTIL_H
#define TDS_TEST_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "liaison/buf.h"
#include "tds_conn.h"

/* Appends payload cut into packets of at most pkt bytes (header included). */
void tt_packets(lia_buf *in, int type, const void *payload, size_t n, size_t pkt);
void tt_prelogin(lia_buf *in, int encryption);
void tt_login7(lia_buf *in, uint32_t version, const char *user, const char *pass, const char *db,
               uint32_t packet_size);
void tt_batch(lia_buf *in, int ver, const char *sql, size_t pkt);
/* An RPC by procedure id (or by name when name != NULL) with raw parameter
 * bytes already encoded by the caller. */
void tt_rpc(lia_buf *in, int ver, const char *name, int procid, const lia_buf *params, size_t pkt);
/* Appends a parameter: name, status, then raw TYPE_INFO + value bytes. */
void tt_param(lia_buf *p, const char *name, const void *typeval, size_t n);
/* The same with a status byte (1 = OUTPUT parameter). */
void tt_param_status(lia_buf *p, const char *name, int status, const void *typeval, size_t n);
void tt_param_nvarchar(lia_buf *p, const char *name, const char *utf8);
void tt_utf16(lia_buf *b, const char *utf8);

/* Runs one connection over the bytes in `in`; the raw reply goes to out.
 * Returns tds_conn_run's result. */
int tt_run(const lia_buf *in, lia_buf *out, tds_conn_stats *st);
/* Decodes a raw reply into lines such as "ERROR 18456 1 14 Login failed…",
 * "ENV 1 BIJOU master", "COLS a:int,b:varchar(10)", "ROW 1|abc|NULL",
 * "DONE 0x10 2", "LOGINACK 74000004", one per token, "EOM" after each
 * message.  Returns 0, or -1 when the reply is malformed (line "BAD ..."). */
int tt_decode(const lia_buf *raw, int ver, lia_buf *lines);

#endif
