/* libFuzzer entry point (built with clang only): the input is the byte
 * stream a client sends; half of the inputs get a valid login first so the
 * fuzzer reaches the request decoders quickly. */
#include <stddef.h>
#include <stdint.h>

#include "tds_test_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lia_buf in = LIA_BUF_INIT, out = LIA_BUF_INIT;
    tds_conn_stats st;
    if (size > 0 && (data[0] & 1)) {
        tt_prelogin(&in, 0);
        tt_login7(&in, 0x74000004u, "liaison", "demo", "", 4096);
        data++;
        size--;
    }
    lia_buf_add(&in, data, size);
    tt_run(&in, &out, &st);
    lia_buf_free(&in);
    lia_buf_free(&out);
    return 0;
}
