/* Connection handshake: PRELOGIN (no encryption) and LOGIN7 (SQL
 * authentication checked through sim_login), then the replies SQL Server
 * sends on login: ENVCHANGE database/collation/language/packet size, the
 * "Changed ... context" INFO messages, LOGINACK and DONE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tds_int.h"
#include "tds_text.h"

#define LOGIN_MAX 65536

enum { ENC_OFF = 0, ENC_ON = 1, ENC_NOT_SUP = 2, ENC_REQ = 3 };

static int prelogin(tds_conn *c)
{
    lia_buf m = LIA_BUF_INIT;
    if (tds_rx_rest(c, &m, 4096) != 0) { lia_buf_free(&m); return -1; }
    const uint8_t *p = (const uint8_t *)m.data;
    size_t n = m.len, i = 0;
    int enc = ENC_OFF, ok = 0;
    while (i < n) {
        if (p[i] == 0xFF) { ok = 1; break; }
        if (i + 5 > n) break;
        size_t off = ((size_t)p[i + 1] << 8) | p[i + 2], len = ((size_t)p[i + 3] << 8) | p[i + 4];
        if (off + len > n) break;
        if (p[i] == 1 && len >= 1) enc = p[off];
        i += 5;
    }
    lia_buf_free(&m);
    if (!ok) return tds_fail(c, "malformed PRELOGIN");

    static const uint8_t reply[] = {
        0x00, 0x00, 0x1A, 0x00, 0x06,   /* VERSION at 26, 6 bytes */
        0x01, 0x00, 0x20, 0x00, 0x01,   /* ENCRYPTION at 32 */
        0x02, 0x00, 0x21, 0x00, 0x01,   /* INSTOPT at 33 */
        0x03, 0x00, 0x22, 0x00, 0x00,   /* THREADID: none */
        0x04, 0x00, 0x22, 0x00, 0x01,   /* MARS at 34 */
        0xFF,
        11, 0, 0x1B, 0x59, 0x00, 0x00,  /* 11.0.7001 */
        ENC_NOT_SUP, 0x00, 0x00};
    tds_tx_put(c, reply, sizeof reply);
    tds_tx_end(c);
    if (enc == ENC_ON || enc == ENC_REQ)
        return tds_fail(c, "client requires encryption, which the simulator does not offer");
    return 0;
}

/* A LOGIN7 string: offset and length (UTF-16 units) at pos in the fixed part. */
static char *login_str(const uint8_t *p, size_t n, size_t pos, int password)
{
    size_t off = p[pos] | ((size_t)p[pos + 1] << 8), len = (p[pos + 2] | ((size_t)p[pos + 3] << 8)) * 2;
    if (off + len > n) return NULL;
    uint8_t *tmp = malloc(len + 1);
    if (!tmp) return NULL;
    memcpy(tmp, p + off, len);
    if (password) {
        /* Undo the scrambling: XOR 0xA5, then swap the nibbles. */
        for (size_t k = 0; k < len; k++) {
            uint8_t b = tmp[k] ^ 0xA5;
            tmp[k] = (uint8_t)((b << 4) | (b >> 4));
        }
    }
    lia_buf u = LIA_BUF_INIT;
    tds_utf16_to_utf8(tmp, len, &u);
    if (password) memset(tmp, 0, len);
    free(tmp);
    char *s = strdup(lia_buf_str(&u));
    if (password && u.data) memset(u.data, 0, u.len);
    lia_buf_free(&u);
    return s;
}

static void copy(char *dst, size_t cap, const char *s)
{
    snprintf(dst, cap, "%s", s ? s : "");
}

static int login7(tds_conn *c)
{
    lia_buf m = LIA_BUF_INIT;
    int rc = -1;
    char *user = NULL, *pass = NULL, *app = NULL, *db = NULL;
    if (tds_rx_rest(c, &m, LOGIN_MAX) != 0) goto out;
    const uint8_t *p = (const uint8_t *)m.data;
    size_t n = m.len;
    if (n < 94) { tds_fail(c, "LOGIN7 too short (%zu bytes)", n); goto out; }
    uint32_t ver = p[4] | ((uint32_t)p[5] << 8) | ((uint32_t)p[6] << 16) | ((uint32_t)p[7] << 24);
    uint32_t psize = p[8] | ((uint32_t)p[9] << 8) | ((uint32_t)p[10] << 16) | ((uint32_t)p[11] << 24);
    switch (ver >> 24) {
    case 0x71: c->ver = 71; c->ver_wire = 0x71000001; break;
    case 0x72: c->ver = 72; c->ver_wire = 0x72090002; break;
    case 0x73: c->ver = 73; c->ver_wire = ver == 0x730A0003 ? 0x730A0003 : 0x730B0003; break;
    default:
        if ((ver >> 24) < 0x71) { tds_fail(c, "TDS version 0x%08X not supported (7.1 or later)", ver); goto out; }
        c->ver = 74; c->ver_wire = 0x74000004;
    }
    c->stats->tds_version = c->ver;
    user = login_str(p, n, 40, 0);
    pass = login_str(p, n, 44, 1);
    app = login_str(p, n, 48, 0);
    db = login_str(p, n, 68, 0);
    if (!user || !pass || !app || !db) { tds_fail(c, "LOGIN7 field out of bounds"); goto out; }
    copy(c->stats->user, sizeof c->stats->user, user);
    copy(c->stats->app, sizeof c->stats->app, app);

    char msg[512];
    msg[0] = '\0';
    int err = sim_login(c->srv, user, pass, db[0] ? db : NULL, msg, sizeof msg);
    memset(pass, 0, strlen(pass));
    if (err != 0) {
        char failed[300];
        snprintf(failed, sizeof failed, "Login failed for user '%s'.", user);
        if (err == 4060) {
            tds_put_message(c, 4060, 1, 11, msg[0] ? msg : "Cannot open database requested by the login. The login failed.", 1);
            tds_put_message(c, 18456, 1, 14, failed, 1);
        } else {
            tds_put_message(c, err, 1, 14, msg[0] ? msg : failed, 1);
        }
        tds_put_done(c, TDS_TOK_DONE, TDS_DONE_ERROR, 0);
        tds_tx_end(c);
        tds_fail(c, "login failed for user '%s' (error %d)", user, err);
        goto out;
    }
    c->sess = sim_session_new(c->srv, user, db[0] ? db : NULL);
    if (!c->sess) { tds_fail(c, "could not open a session"); goto out; }

    const char *cur = sim_session_database(c->sess);
    copy(c->stats->database, sizeof c->stats->database, cur);
    char info[300];
    tds_put_env(c, 1, cur, "master");
    snprintf(info, sizeof info, "Changed database context to '%s'.", cur);
    tds_put_message(c, 5701, 2, 0, info, 1);
    tds_put_env_collation(c);
    tds_put_env(c, 2, "us_english", "");
    tds_put_message(c, 5703, 1, 0, "Changed language setting to us_english.", 1);
    tds_put_loginack(c);
    int want = psize == 0 ? TDS_DEFAULT_PACKET : (int)(psize > TDS_MAX_PACKET ? TDS_MAX_PACKET : psize);
    if (want < TDS_MIN_PACKET) want = TDS_MIN_PACKET;
    char nv[16], ov[16];
    snprintf(nv, sizeof nv, "%d", want);
    snprintf(ov, sizeof ov, "%d", c->packet_size);
    tds_put_env(c, 4, nv, ov);
    tds_put_done(c, TDS_TOK_DONE, 0, 0);
    tds_tx_end(c);
    c->packet_size = want;
    rc = 0;
out:
    if (m.data) memset(m.data, 0, m.len);  /* the message held the password */
    lia_buf_free(&m);
    free(user);
    if (pass) memset(pass, 0, strlen(pass));
    free(pass);
    free(app);
    free(db);
    return rc;
}

int tds_handshake(tds_conn *c)
{
    int r = tds_rx_packet(c);
    if (r != 0) return r > 0 ? tds_fail(c, "client left before logging in") : -1;
    if (c->in_type == TDS_PKT_PRELOGIN) {
        if (prelogin(c) != 0) return -1;
        c->msg_bytes = 0;
        r = tds_rx_packet(c);
        if (r != 0) return r > 0 ? tds_fail(c, "client left after PRELOGIN") : -1;
    }
    if (c->in_type != TDS_PKT_LOGIN7)
        return tds_fail(c, "expected LOGIN7, got packet type %d", c->in_type);
    return login7(c);
}
