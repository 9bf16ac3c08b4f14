/* Secrets out of logged XML: the text of password and sessionId elements
 * (any prefix) becomes ***.  A plain scan, not a parse: it must also work on
 * a truncated or malformed body that is being logged because it failed. */
#include "liaison/buf.h"
#include "liaison/soap.h"

#include <string.h>

static int secret_name(const char *name, size_t n)
{
    const char *colon = memchr(name, ':', n);
    if (colon) {
        n -= (size_t)(colon + 1 - name);
        name = colon + 1;
    }
    return (n == 8 && memcmp(name, "password", 8) == 0) ||
           (n == 9 && memcmp(name, "sessionId", 9) == 0);
}

void lia_soap_mask(const char *xml, lia_buf *out)
{
    const char *p = xml ? xml : "";
    while (*p) {
        const char *lt = strchr(p, '<');
        if (!lt) {
            lia_buf_adds(out, p);
            return;
        }
        lia_buf_add(out, p, (size_t)(lt - p));
        const char *gt = strchr(lt, '>');
        if (!gt) {
            lia_buf_adds(out, lt);
            return;
        }
        lia_buf_add(out, lt, (size_t)(gt + 1 - lt));
        p = gt + 1;
        const char *name = lt + 1;
        size_t n = strcspn(name, " \t\r\n/>");
        if (*name != '/' && gt[-1] != '/' && secret_name(name, n)) {
            const char *end = strchr(p, '<');
            lia_buf_adds(out, "***");
            p = end ? end : p + strlen(p);
        }
    }
}
