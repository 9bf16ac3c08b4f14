/* Packet framing: reassembles client messages from packets and cuts replies
 * into packets of the negotiated size, flushing them as they fill so that a
 * large result is never held in memory. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tds_int.h"

int tds_fail(tds_conn *c, const char *fmt, ...)
{
    if (!c->reason[0]) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->reason, sizeof c->reason, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static int read_full(tds_conn *c, void *dst, size_t n, int *eof)
{
    uint8_t *p = dst;
    size_t got = 0;
    while (got < n) {
        ssize_t r = c->io.read(c->io.ctx, p + got, n - got);
        if (r == 0) {
            if (eof && got == 0) { *eof = 1; return 1; }
            return tds_fail(c, "connection closed in the middle of a packet");
        }
        if (r < 0) return tds_fail(c, errno == ETIMEDOUT ? "timed out waiting for the client" : "read error");
        got += (size_t)r;
    }
    return 0;
}

/* Reads the next packet of the stream into c->in. */
int tds_rx_packet(tds_conn *c)
{
    uint8_t h[TDS_HDR];
    int eof = 0;
    int r = read_full(c, h, TDS_HDR, &eof);
    if (r == 1) { c->eof = 1; return 1; }
    if (r < 0) return -1;
    size_t len = ((size_t)h[2] << 8) | h[3];
    if (len < TDS_HDR) return tds_fail(c, "packet length %zu below the header size", len);
    if (len > TDS_MAX_PACKET) return tds_fail(c, "packet length %zu above %d", len, TDS_MAX_PACKET);
    if (read_full(c, c->in, len - TDS_HDR, NULL) != 0) return -1;
    c->in_type = h[0];
    c->in_eom = h[1] & 0x01;
    c->in_len = len - TDS_HDR;
    c->in_pos = 0;
    c->msg_bytes += c->in_len;
    if (c->msg_bytes > TDS_MAX_MESSAGE && c->in_type != TDS_PKT_BULK)
        return tds_fail(c, "request larger than %u bytes", TDS_MAX_MESSAGE);
    return 0;
}

int tds_rx_get(tds_conn *c, void *dst, size_t n)
{
    uint8_t *p = dst;
    while (n > 0) {
        if (c->in_pos == c->in_len) {
            int type = c->in_type;
            if (c->in_eom) return tds_fail(c, "truncated message (type %d)", type);
            if (tds_rx_packet(c) != 0) return tds_fail(c, "message cut by the end of the stream");
            if (c->in_type != type)
                return tds_fail(c, "packet type %d inside a message of type %d", c->in_type, type);
        }
        size_t k = c->in_len - c->in_pos;
        if (k > n) k = n;
        if (p) { memcpy(p, c->in + c->in_pos, k); p += k; }
        c->in_pos += k;
        n -= k;
    }
    return 0;
}

int tds_rx_skip(tds_conn *c, size_t n) { return tds_rx_get(c, NULL, n); }

int tds_rx_u8(tds_conn *c, uint8_t *v) { return tds_rx_get(c, v, 1); }

int tds_rx_u16(tds_conn *c, uint16_t *v)
{
    uint8_t b[2];
    if (tds_rx_get(c, b, 2)) return -1;
    *v = (uint16_t)(b[0] | (b[1] << 8));
    return 0;
}

int tds_rx_u32(tds_conn *c, uint32_t *v)
{
    uint8_t b[4];
    if (tds_rx_get(c, b, 4)) return -1;
    *v = (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24);
    return 0;
}

int tds_rx_u64(tds_conn *c, uint64_t *v)
{
    uint32_t lo, hi;
    if (tds_rx_u32(c, &lo) || tds_rx_u32(c, &hi)) return -1;
    *v = ((uint64_t)hi << 32) | lo;
    return 0;
}

int tds_rx_peek(tds_conn *c, uint8_t *v)
{
    if (tds_rx_get(c, v, 1)) return -1;
    c->in_pos--;   /* the byte is still in the current packet */
    return 0;
}

int tds_rx_at_end(const tds_conn *c) { return c->in_eom && c->in_pos == c->in_len; }

int tds_rx_drain(tds_conn *c)
{
    while (!tds_rx_at_end(c)) {
        c->in_pos = c->in_len;
        if (!c->in_eom && tds_rx_get(c, NULL, 1) != 0) return -1;
    }
    return 0;
}

int tds_rx_rest(tds_conn *c, lia_buf *out, size_t limit)
{
    while (!tds_rx_at_end(c)) {
        if (c->in_pos < c->in_len) {
            if (out->len + (c->in_len - c->in_pos) > limit)
                return tds_fail(c, "request larger than %zu bytes", limit);
            if (lia_buf_add(out, c->in + c->in_pos, c->in_len - c->in_pos) != 0)
                return tds_fail(c, "out of memory");
            c->in_pos = c->in_len;
        }
        if (!c->in_eom) {
            int type = c->in_type;
            if (tds_rx_packet(c) != 0) return tds_fail(c, "message cut by the end of the stream");
            if (c->in_type != type)
                return tds_fail(c, "packet type %d inside a message of type %d", c->in_type, type);
        }
    }
    return 0;
}

static void tx_flush(tds_conn *c, int eom)
{
    uint8_t *h = c->out;
    h[0] = TDS_PKT_REPLY;
    h[1] = eom ? 1 : 0;
    h[2] = (uint8_t)(c->out_len >> 8);
    h[3] = (uint8_t)c->out_len;
    h[4] = (uint8_t)(c->spid >> 8);
    h[5] = (uint8_t)c->spid;
    h[6] = c->out_id++;
    h[7] = 0;
    if (!c->dead && c->io.write(c->io.ctx, c->out, c->out_len) != 0) {
        c->dead = 1;
        tds_fail(c, "write error: the client went away");
    }
    c->out_len = TDS_HDR;
}

void tds_tx_put(tds_conn *c, const void *p, size_t n)
{
    const uint8_t *s = p;
    while (n > 0) {
        if (c->out_len == (size_t)c->packet_size) {
            tx_flush(c, 0);
            /* Between packets is the cheap moment to notice a cancel. */
            if (c->poll_attn) tds_check_attention(c);
        }
        size_t k = (size_t)c->packet_size - c->out_len;
        if (k > n) k = n;
        memcpy(c->out + c->out_len, s, k);
        c->out_len += k;
        s += k;
        n -= k;
    }
}

void tds_tx_u8(tds_conn *c, uint8_t v) { tds_tx_put(c, &v, 1); }
void tds_tx_u16(tds_conn *c, uint16_t v)
{
    uint8_t b[2] = {(uint8_t)v, (uint8_t)(v >> 8)};
    tds_tx_put(c, b, 2);
}
void tds_tx_u32(tds_conn *c, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    tds_tx_put(c, b, 4);
}
void tds_tx_u64(tds_conn *c, uint64_t v)
{
    tds_tx_u32(c, (uint32_t)v);
    tds_tx_u32(c, (uint32_t)(v >> 32));
}

void tds_tx_end(tds_conn *c)
{
    tx_flush(c, 1);
    c->out_id = 1;
}

/* The reply being cut short ends as a message of its own, then the
 * acknowledgement DONE(DONE_ATTN) comes as a separate message: clients such
 * as tedious read the interrupted reply and then wait for one more message. */
void tds_put_attention_ack(tds_conn *c)
{
    tds_put_done(c, TDS_TOK_DONE, 0, 0);
    tds_tx_end(c);
    tds_put_done(c, TDS_TOK_DONE, TDS_DONE_ATTN, 0);
    tds_tx_end(c);
}

/* An ATTENTION packet may arrive while a request runs; anything else from
 * the client at that moment is a protocol error. */
int tds_check_attention(tds_conn *c)
{
    if (c->attn) return 1;
    if (!c->poll_attn || !c->io.readable || !c->io.readable(c->io.ctx)) return 0;
    uint8_t h[TDS_HDR];
    int eof = 0;
    int r = read_full(c, h, TDS_HDR, &eof);
    if (r != 0) {
        c->dead = 1;
        if (r == 1) tds_fail(c, "client closed the connection during a request");
        return 1;
    }
    size_t len = ((size_t)h[2] << 8) | h[3];
    if (h[0] != TDS_PKT_ATTN || len < TDS_HDR || len > TDS_MAX_PACKET) {
        c->dead = 1;
        tds_fail(c, "packet type %d received while a request was running", h[0]);
        return 1;
    }
    uint8_t junk[64];
    for (size_t left = len - TDS_HDR; left > 0;) {
        size_t k = left > sizeof junk ? sizeof junk : left;
        if (read_full(c, junk, k, NULL) != 0) { c->dead = 1; return 1; }
        left -= k;
    }
    c->attn = 1;
    if (c->sess) sim_session_cancel(c->sess);
    return 1;
}
