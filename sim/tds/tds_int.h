/* Private state of a TDS connection, shared by the files of sim/tds. */
#ifndef SIM_TDS_INT_H
#define SIM_TDS_INT_H

#include <pthread.h>
#include <stdint.h>

#include "tds_conn.h"

/* The value of an OUTPUT parameter at the end of its batch (a copy). */
typedef struct tds_retval {
    int ordinal;
    char *name;
    sim_type type;
    sim_value value;    /* text/blob point into data */
    void *data;
} tds_retval;

/* A decoded TYPE_INFO of a parameter or bulk column. */
typedef struct tds_typeinfo {
    uint8_t type;       /* wire type byte */
    uint32_t maxlen;    /* declared length; 0xFFFF with plp */
    int plp;            /* value in PLP chunks (max types) */
    int precision, scale;
    int unicode;        /* UTF-16 text */
    int charset;        /* cp1252 text */
    int binary;
    int longlen;        /* text/ntext/image: 4-byte lengths */
    int fixed;          /* fixed length, no length prefix: maxlen bytes */
    int lenbytes;       /* 1, 2 or 4 bytes of length before a value */
} tds_typeinfo;

struct tds_conn {
    tds_io io;
    sim_server *srv;
    sim_session *sess;
    volatile int *stop;
    tds_conn_stats *stats;
    int spid;
    int ver;                /* 71, 72, 73, 74 */
    uint32_t ver_wire;      /* version echoed in LOGINACK */
    int packet_size;

    /* Input: the packet being read. */
    uint8_t in[TDS_MAX_PACKET + 1];
    size_t in_len, in_pos;
    int in_eom, in_type;
    size_t msg_bytes;
    int eof;

    /* Output: the packet being filled. */
    uint8_t *out;
    size_t out_len;
    uint8_t out_id;
    int dead;               /* writing failed: the client is gone */

    /* Current request. */
    int in_rpc;
    int attn;               /* ATTENTION received during the request */
    int poll_attn;          /* sink may poll the socket for ATTENTION */
    int have_pending;       /* a DONE waits to learn whether more follows */
    uint16_t pending_status;
    int64_t pending_count;
    int stmt_error, req_error;
    int fmtonly;            /* columns only: stop at the first row */
    sim_type *coltypes;     /* types of the current result set */
    int ncols;

    /* INSERT BULK announced, waiting for its BULK LOAD packet. */
    char *bulk_table;
    char **bulk_cols;
    int bulk_ncols;

    /* OUTPUT parameters of the current RPC, kept until its RETURNSTATUS has
     * gone (RETURNVALUE tokens follow it); names from rv_params. */
    struct tds_retval *rv;
    int nrv, caprv;
    int rv_base;                /* ordinal of the batch's first parameter */
    const sim_param *rv_params;

    /* Statements prepared with sp_prepare: handle = index + 1. */
    char **prep_sql;
    int nprep;

    lia_buf scratch;        /* conversions of one value */
    lia_buf tok;            /* one length-prefixed token being built */
    /* ATTENTION watcher thread (when io.peek_attention exists). */
    pthread_t watcher;
    int watcher_started, watch_running, watch_quit, watch_seen;
    pthread_mutex_t watch_mu;
    pthread_cond_t watch_cv;

    char reason[200];
};

/* tds_io.c: framing. */
int tds_rx_packet(tds_conn *c);             /* 0, 1 at end of stream, -1 error */
int tds_rx_get(tds_conn *c, void *dst, size_t n);
int tds_rx_skip(tds_conn *c, size_t n);
int tds_rx_u8(tds_conn *c, uint8_t *v);
int tds_rx_u16(tds_conn *c, uint16_t *v);
int tds_rx_u32(tds_conn *c, uint32_t *v);
int tds_rx_u64(tds_conn *c, uint64_t *v);
int tds_rx_at_end(const tds_conn *c);
int tds_rx_peek(tds_conn *c, uint8_t *v);   /* next byte, not consumed */
int tds_rx_drain(tds_conn *c);
int tds_rx_rest(tds_conn *c, lia_buf *out, size_t limit);
int tds_fail(tds_conn *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void tds_tx_put(tds_conn *c, const void *p, size_t n);
void tds_tx_u8(tds_conn *c, uint8_t v);
void tds_tx_u16(tds_conn *c, uint16_t v);
void tds_tx_u32(tds_conn *c, uint32_t v);
void tds_tx_u64(tds_conn *c, uint64_t v);
void tds_tx_end(tds_conn *c);               /* last packet of the reply */
void tds_put_attention_ack(tds_conn *c);    /* ends a cancelled reply */
int tds_check_attention(tds_conn *c);       /* 1 when the client cancelled */

/* tds_encode.c: tokens. */
void tds_put_bvarchar(tds_conn *c, const char *utf8);   /* B_VARCHAR */
void tds_put_usvarchar(tds_conn *c, const char *utf8);  /* US_VARCHAR */
void tds_put_env(tds_conn *c, uint8_t type, const char *newv, const char *oldv);
void tds_put_env_collation(tds_conn *c);
void tds_put_message(tds_conn *c, int number, int state, int severity, const char *text,
                     int line);
void tds_put_done(tds_conn *c, uint8_t token, uint16_t status, int64_t count);
void tds_put_loginack(tds_conn *c);
void tds_put_colmetadata(tds_conn *c, const sim_column *cols, int ncols);
void tds_put_row(tds_conn *c, const sim_type *types, const sim_value *vals, int ncols);
void tds_put_returnvalue(tds_conn *c, int ordinal, const char *name, const sim_type *t,
                         const sim_value *v);
extern const uint8_t tds_collation[5];

enum { TDS_DONE_MORE = 0x1, TDS_DONE_ERROR = 0x2, TDS_DONE_INXACT = 0x4,
       TDS_DONE_COUNT = 0x10, TDS_DONE_ATTN = 0x20, TDS_DONE_SRVERROR = 0x100 };
enum { TDS_TOK_DONE = 0xFD, TDS_TOK_DONEPROC = 0xFE, TDS_TOK_DONEINPROC = 0xFF };

/* tds_decode.c: TYPE_INFO and values of parameters and bulk rows.  Decoded
 * strings are malloc'ed and recorded in *owned so the caller frees them. */
typedef struct tds_owned { void **p; size_t n, cap; } tds_owned;
void tds_owned_free(tds_owned *o);
int tds_read_typeinfo(tds_conn *c, tds_typeinfo *ti);
int tds_read_value(tds_conn *c, const tds_typeinfo *ti, int bulk, sim_type *type,
                   sim_value *val, tds_owned *owned);
int tds_read_bvarchar(tds_conn *c, char **utf8);        /* malloc'ed */

/* tds_watch.c: cancel of statements that run long without results. */
void tds_watch_begin(tds_conn *c);
void tds_watch_end(tds_conn *c);      /* reads a pending ATTENTION seen meanwhile */
void tds_watch_stop(tds_conn *c);     /* at connection end */

/* tds_login.c */
int tds_handshake(tds_conn *c);             /* 0 logged in, -1 close */

/* tds_request.c */
int tds_handle_batch(tds_conn *c);
int tds_handle_rpc(tds_conn *c);
void tds_retvals_free(tds_conn *c);   /* drops the kept OUTPUT values */
int tds_handle_bulk(tds_conn *c);
void tds_bulk_reset(tds_conn *c);

#endif
