/* One TDS connection: packet framing, the request loop, and the glue to the
 * T-SQL engine (sim_exec.h).  I/O goes through tds_io so the same code runs
 * over a socket in the server and over memory in the tests and the fuzzer. */
#ifndef SIM_TDS_CONN_H
#define SIM_TDS_CONN_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "sim_exec.h"
#include "liaison/buf.h"

#define TDS_HDR 8
#define TDS_MAX_PACKET 32767     /* largest packet size a client may negotiate */
#define TDS_MIN_PACKET 512
#define TDS_DEFAULT_PACKET 4096
#define TDS_MAX_MESSAGE (64u << 20) /* a request larger than this closes the connection */

/* Packet types. */
enum { TDS_PKT_BATCH = 1, TDS_PKT_RPC = 3, TDS_PKT_REPLY = 4, TDS_PKT_ATTN = 6,
       TDS_PKT_BULK = 7, TDS_PKT_TM = 14, TDS_PKT_LOGIN7 = 16, TDS_PKT_PRELOGIN = 18 };

/* Server identity sent in LOGINACK and ERROR tokens. */
#define TDS_SERVER_NAME "LIAISON-SIM"
#define TDS_PROG_NAME "Microsoft SQL Server"

typedef struct tds_io {
    void *ctx;
    /* Reads up to n bytes: >0 read, 0 end of stream, -1 error. */
    ssize_t (*read)(void *ctx, void *buf, size_t n);
    /* Writes all n bytes: 0 ok, -1 error. */
    int (*write)(void *ctx, const void *buf, size_t n);
    /* 1 when bytes can be read without blocking (ATTENTION check), else 0. */
    int (*readable)(void *ctx);
    /* Optional, called from another thread while the engine runs: waits up
     * to timeout_ms and returns 1 when an ATTENTION packet is next in the
     * input, without consuming it.  Lets a cancel reach a statement that
     * produces no rows for a long time. */
    int (*peek_attention)(void *ctx, int timeout_ms);
    /* Optional: the login succeeded (the server lifts its login timeout). */
    void (*logged_in)(void *ctx);
} tds_io;

typedef struct tds_conn tds_conn;

typedef struct tds_conn_stats {
    char user[128];
    char app[128];
    char database[130];
    int tds_version;        /* 71..74 */
    uint64_t requests;
    char reason[200];       /* why the connection ended */
} tds_conn_stats;

/* Runs a whole connection (handshake then requests) until the client leaves,
 * a protocol error occurs or *stop becomes non-zero.  spid numbers the
 * session as in @@SPID.  Returns 0 on a clean end, -1 on a protocol error
 * (reason in stats->reason). */
int tds_conn_run(sim_server *srv, const tds_io *io, int spid, volatile int *stop,
                 tds_conn_stats *stats);

#endif
