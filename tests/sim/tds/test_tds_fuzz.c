/* Deterministic mutation fuzzing of the TDS front: valid conversations are
 * mutated (bit flips, special bytes, cut, duplicated or shifted chunks,
 * length fields bent) and replayed; the server must end each one without a
 * crash or a sanitizer report, and whatever it answered must be a well-formed
 * reply.  Runs a few thousand cases in CI, under ASan in the ASan build. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tds_test_util.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static void corpus(lia_buf *c, int which)
{
    lia_buf p = LIA_BUF_INIT;
    tt_prelogin(c, 0);
    tt_login7(c, which % 3 == 0 ? 0x71000001u : 0x74000004u, "liaison", "demo", "BIJOU", 512 + 512 * (unsigned)(which % 4));
    int ver = which % 3 == 0 ? 71 : 74;
    switch (which % 5) {
    case 0:
        tt_batch(c, ver, "TYPES", 512);
        tt_batch(c, ver, "SELECT TWO", 4096);
        break;
    case 1:
        tt_param_nvarchar(&p, "", "ECHO");
        tt_param_nvarchar(&p, "", "@a int");
        tt_param(&p, "@a", "\x26\x04\x04\x2A\x00\x00\x00", 7);
        tt_param(&p, "@c", "\x6A\x09\x0A\x02\x05\x01\x39\x30\x00\x00", 10);
        tt_param(&p, "@d", "\xA7\x0A\x00\x0C\x04\xD0\x00\x00\x03\x00\xE9t\xE9", 13);
        tt_param(&p, "@t", "\x2A\x07\x08\x00\x00\x00\x00\x00\x01\x02\x03", 11);
        tt_rpc(c, ver, NULL, 10, &p, 512);
        break;
    case 2: {
        tt_batch(c, ver, "insert bulk T ([a] int, [b] nvarchar(5))", 4096);
        static const uint8_t bulk[] = {
            0x81, 2, 0, 0, 0, 0, 0, 9, 0, 0x26, 4, 1, 'a', 0,
            0, 0, 0, 0, 9, 0, 0xE7, 10, 0, 0x0C, 0x04, 0xD0, 0, 0, 1, 'b', 0,
            0xD1, 4, 1, 0, 0, 0, 2, 0, 'x', 0,
            0xD2, 0x02, 4, 2, 0, 0, 0,
            0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        tt_packets(c, 7, bulk, sizeof bulk, 512);
        break;
    }
    case 3:
        tt_batch(c, ver, "SELECT * FROM x LIMIT 5", 4096);
        tt_batch(c, ver, "USE LIAISON_CRM", 4096);
        tt_packets(c, 6, "", 0, 4096);
        break;
    default:
        tt_param(&p, "@handle", "\x26\x04\x00", 3);
        tt_param_nvarchar(&p, "@params", "@v int");
        tt_param_nvarchar(&p, "@stmt", "ECHO");
        tt_rpc(c, ver, NULL, 11, &p, 4096);
        lia_buf_reset(&p);
        tt_param(&p, "@handle", "\x26\x04\x04\x01\x00\x00\x00", 7);
        tt_param(&p, "@v", "\x6E\x08\x08\x00\x00\x00\x00\x10\x27\x00\x00", 11);
        tt_rpc(c, ver, NULL, 12, &p, 4096);
        break;
    }
    lia_buf_free(&p);
}

static void mutate(lia_buf *b)
{
    static const uint8_t special[] = {0x00, 0xFF, 0x7F, 0x80, 0xFE, 0x01, 0x10, 0x20};
    int n = 1 + (int)(next() % 4);
    for (int k = 0; k < n && b->len > 0; k++) {
        size_t at = next() % b->len;
        switch (next() % 6) {
        case 0: b->data[at] ^= (char)(1u << (next() % 8)); break;
        case 1: b->data[at] = (char)special[next() % sizeof special]; break;
        case 2: b->len = at; break;                               /* cut */
        case 3: {                                                 /* duplicate a chunk */
            size_t len = 1 + next() % 64;
            if (at + len > b->len) len = b->len - at;
            char tmp[64];
            memcpy(tmp, b->data + at, len);
            lia_buf_add(b, tmp, len);
            memmove(b->data + at + len, b->data + at, b->len - at - len);
            memcpy(b->data + at, tmp, len);
            break;
        }
        case 4:                                                   /* bend a 16-bit length */
            if (at + 1 < b->len) {
                uint16_t v = (uint16_t)next();
                b->data[at] = (char)(v >> 8);
                b->data[at + 1] = (char)v;
            }
            break;
        default:                                                  /* delete a chunk */
            {
                size_t len = 1 + next() % 16;
                if (at + len > b->len) len = b->len - at;
                memmove(b->data + at, b->data + at + len, b->len - at - len);
                b->len -= len;
            }
        }
    }
}

static void test_mutations(void **state)
{
    (void)state;
    const char *env = getenv("TDS_FUZZ_CASES");
    int cases = env ? atoi(env) : 3000, ended_clean = 0, replies_ok = 0;
    for (int i = 0; i < cases; i++) {
        lia_buf in = LIA_BUF_INIT, out = LIA_BUF_INIT, lines = LIA_BUF_INIT;
        tds_conn_stats st;
        corpus(&in, i);
        mutate(&in);
        int rc = tt_run(&in, &out, &st);
        ended_clean += rc == 0;
        /* Any answer the server sent must be whole packets of valid tokens,
         * whatever version the mutated login asked for. */
        int ok = tt_decode(&out, 74, &lines) == 0;
        if (!ok) {
            lia_buf_reset(&lines);
            ok = tt_decode(&out, 71, &lines) == 0 || tt_decode(&out, 72, &lines) == 0;
        }
        if (!ok) fprintf(stderr, "case %d: malformed reply\n%s", i, lines.data);
        replies_ok += ok;
        lia_buf_free(&in);
        lia_buf_free(&out);
        lia_buf_free(&lines);
    }
    printf("fuzz: %d cases, %d ended cleanly, %d well-formed replies\n", cases, ended_clean, replies_ok);
    assert_int_equal(replies_ok, cases);
    /* The mutations must not all be rejected up front, or nothing deep is tested. */
    assert_true(ended_clean > cases / 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_mutations)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
