/* Input decoding: BOMs, UTF-16 (surrogates, odd cuts), Windows-1252 fallback,
 * CRLF, binary lines, truncated last line, any chunking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "an.h"
#include <string.h>

struct sink {
    lia_buf all;
    int n;
};

static int collect(void *ctx, char *line, size_t len, uint64_t no)
{
    struct sink *s = ctx;
    (void)no;
    assert_int_equal(strlen(line), len);   /* NUL-terminated, no NUL inside */
    assert_true(an_utf8_valid((const unsigned char *)line, len));
    lia_buf_add(&s->all, line, len);
    lia_buf_addc(&s->all, '|');
    s->n++;
    return 0;
}

/* Feeds data in slices of `step` bytes; returns the lines joined by '|'. */
static char *decode(const char *data, size_t len, size_t step, an_input_stats *st)
{
    static struct sink s;
    lia_buf_free(&s.all);
    s.n = 0;
    memset(st, 0, sizeof *st);
    an_reader *r = an_reader_new(collect, &s, st);
    for (size_t off = 0; off < len; off += step)
        an_reader_feed(r, (const unsigned char *)data + off, len - off < step ? len - off : step);
    an_reader_end(r);
    an_reader_free(r);
    return (char *)lia_buf_str(&s.all);
}

static void test_utf8_valid(void **state)
{
    (void)state;
    assert_true(an_utf8_valid((const unsigned char *)"abc é ü €", 13));
    assert_false(an_utf8_valid((const unsigned char *)"\xC3", 1));           /* cut */
    assert_false(an_utf8_valid((const unsigned char *)"\xC0\xAF", 2));       /* overlong */
    assert_false(an_utf8_valid((const unsigned char *)"\xED\xA0\x80", 3));   /* surrogate */
    assert_false(an_utf8_valid((const unsigned char *)"abcdefgh\xE9z", 10)); /* Latin-1 */
}

static void test_bom_crlf_chunks(void **state)
{
    (void)state;
    const char in[] = "\xEF\xBB\xBFun\r\ndeux\r\n\r\ntrois";
    an_input_stats st;
    for (size_t step = 1; step < 8; step++) {
        assert_string_equal(decode(in, sizeof in - 1, step, &st), "un|deux||trois|");
        assert_int_equal(st.encoding, AN_ENC_UTF8_BOM);
        assert_int_equal(st.truncated_last, 1);
        assert_int_equal(st.lines, 4);
    }
}

static void test_utf16(void **state)
{
    (void)state;
    /* "é😀\r\nZ" in UTF-16LE and BE with BOM: a surrogate pair, CRLF. */
    const char le[] = "\xFF\xFE\xE9\x00\x3D\xD8\x00\xDE\x0D\x00\x0A\x00\x5A\x00";
    const char be[] = "\xFE\xFF\x00\xE9\xD8\x3D\xDE\x00\x00\x0D\x00\x0A\x00\x5A";
    an_input_stats st;
    for (size_t step = 1; step < 6; step++) {
        assert_string_equal(decode(le, sizeof le - 1, step, &st), "é😀|Z|");
        assert_int_equal(st.encoding, AN_ENC_UTF16LE);
        assert_string_equal(decode(be, sizeof be - 1, step, &st), "é😀|Z|");
        assert_int_equal(st.encoding, AN_ENC_UTF16BE);
    }
    /* A lone surrogate becomes U+FFFD, never invalid UTF-8. */
    const char lone[] = "\xFF\xFE\x3D\xD8\x41\x00\n\x00";
    assert_string_equal(decode(lone, sizeof lone - 1, 3, &st), "\xEF\xBF\xBD" "A|");
}

static void test_cp1252(void **state)
{
    (void)state;
    const char in[] = "Num\xE9ro \x80 \x85 \x9C\nok \xC3\xA9\n";
    an_input_stats st;
    assert_string_equal(decode(in, sizeof in - 1, 5, &st), "Numéro € … œ|ok é|");
    assert_int_equal(st.cp1252, 1);
}

static void test_binary(void **state)
{
    (void)state;
    const char in[] = "a\nbin\0ary\nb\n\x01\x02\xff\xfe\nc\n";
    an_input_stats st;
    assert_string_equal(decode(in, sizeof in - 1, 4, &st), "a|b|c|");
    assert_int_equal(st.binary, 2);
    assert_int_equal(st.first_binary_line, 2);
    assert_int_equal(st.truncated_last, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_valid), cmocka_unit_test(test_bom_crlf_chunks),
        cmocka_unit_test(test_utf16), cmocka_unit_test(test_cp1252), cmocka_unit_test(test_binary),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    return rc;
}
