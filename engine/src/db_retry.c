/* Retry with capped exponential back-off for transient failures. */
#include "liaison/db.h"

#include <errno.h>
#include <time.h>

static int base_ms = 200;
static int cap_ms = 5000;

void lia_db_retry_delays(int first_ms, int max_ms)
{
    base_ms = first_ms > 0 ? first_ms : 1;
    cap_ms = max_ms >= base_ms ? max_ms : base_ms;
}

int lia_db_transient(lia_code code)
{
    /* A deadlock victim was rolled back whole; a lost connection ran nothing
     * the caller has not restarted.  Both may succeed when tried again. */
    return code == LIA_E_DEADLOCK || code == LIA_E_CONN_LOST;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

lia_code lia_db_retry(lia_code (*fn)(void *ctx, lia_error *err), void *ctx, int max_attempts,
                      lia_error *err)
{
    if (max_attempts < 1)
        max_attempts = 1;
    long delay = base_ms;
    lia_code rc = LIA_E_INTERNAL;
    for (int attempt = 1; attempt <= max_attempts; attempt++) {
        lia_error_clear(err);
        rc = fn(ctx, err);
        if (rc == LIA_OK || !lia_db_transient(rc) || attempt == max_attempts)
            return rc;
        sleep_ms(delay);
        delay = delay * 2 > cap_ms ? cap_ms : delay * 2;
    }
    return rc;
}
