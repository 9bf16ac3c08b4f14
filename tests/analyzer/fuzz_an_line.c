/* libFuzzer entry for the analyzer's line path (built only with clang, see
 * tests/analyzer/CMakeLists.txt).  Needs LIAISON_DATA_DIR or the source tree. */
#include "fuzz_an_core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static lia_an_catalog *c;
    static lia_an_formats *f;
    if (!c) {
        c = t_catalog();
        f = t_formats();
        if (!c || !f)
            abort();
    }
    fuzz_one(c, f, data, size, size ? data[0] : 0);
    return 0;
}
