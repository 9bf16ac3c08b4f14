/* The life of one connection: handshake, then one request at a time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tds_int.h"

static void conn_free(tds_conn *c)
{
    tds_watch_stop(c);
    if (c->sess) sim_session_free(c->sess);
    free(c->out);
    free(c->coltypes);
    for (int i = 0; i < 2 * c->nprep; i++) free(c->prep_sql[i]);
    free(c->prep_sql);
    tds_retvals_free(c);
    free(c->rv);
    tds_bulk_reset(c);
    lia_buf_free(&c->scratch);
    lia_buf_free(&c->tok);
    free(c);
}

static int handle(tds_conn *c)
{
    switch (c->in_type) {
    case TDS_PKT_BATCH: return tds_handle_batch(c);
    case TDS_PKT_RPC: return tds_handle_rpc(c);
    case TDS_PKT_BULK: return tds_handle_bulk(c);
    case TDS_PKT_ATTN:
        /* The request already finished: acknowledge the cancel anyway. */
        if (tds_rx_drain(c)) return -1;
        tds_put_done(c, TDS_TOK_DONE, TDS_DONE_ATTN, 0);
        tds_tx_end(c);
        return 0;
    case TDS_PKT_TM:
        if (tds_rx_drain(c)) return -1;
        tds_put_message(c, 40517, 1, 16,
                        "Transaction manager requests are not supported by the simulator; use BEGIN TRANSACTION.", 1);
        tds_put_done(c, TDS_TOK_DONE, TDS_DONE_ERROR, 0);
        tds_tx_end(c);
        return 0;
    default:
        return tds_fail(c, "unexpected packet type %d", c->in_type);
    }
}

int tds_conn_run(sim_server *srv, const tds_io *io, int spid, volatile int *stop, tds_conn_stats *stats)
{
    tds_conn *c = calloc(1, sizeof *c);
    if (!c) { snprintf(stats->reason, sizeof stats->reason, "out of memory"); return -1; }
    c->out = malloc(TDS_MAX_PACKET);
    if (!c->out) { free(c); snprintf(stats->reason, sizeof stats->reason, "out of memory"); return -1; }
    c->io = *io;
    c->srv = srv;
    c->stop = stop;
    c->stats = stats;
    c->spid = spid;
    c->ver = 74;
    c->packet_size = TDS_DEFAULT_PACKET;
    c->out_len = TDS_HDR;
    c->out_id = 1;
    int rc = tds_handshake(c);
    if (rc == 0 && c->io.logged_in) c->io.logged_in(c->io.ctx);
    while (rc == 0 && !c->dead && !(stop && *stop)) {
        c->msg_bytes = 0;
        int r = tds_rx_packet(c);
        if (r > 0) break;            /* the client left */
        if (r < 0) { rc = -1; break; }
        if (c->bulk_table && c->in_type != TDS_PKT_BULK) tds_bulk_reset(c);
        stats->requests++;
        rc = handle(c);
    }
    if (c->dead && !c->reason[0]) tds_fail(c, "client went away");
    if (c->dead) rc = -1;
    snprintf(stats->reason, sizeof stats->reason, "%s",
             c->reason[0] ? c->reason : (stop && *stop) ? "server shutting down" : "client closed the connection");
    conn_free(c);
    return rc;
}
