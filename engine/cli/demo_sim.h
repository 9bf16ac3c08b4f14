/* Starting and stopping the simulator for `liaison demo`. */
#ifndef LIA_CLI_DEMO_SIM_H
#define LIA_CLI_DEMO_SIM_H

#include <limits.h>
#include <sys/types.h>

#include "liaison/error.h"

/* The demo company's own login; it protects nothing but a throw-away copy. */
#define LIA_DEMO_PASSWORD "demo"

struct lia_demo_sim {
    pid_t pid;
    int port;
    char workdir[PATH_MAX];
};

/* Creates a work folder, starts liaison-sim with the demo company and waits
 * for its ready line. */
lia_code lia_demo_sim_start(const char *self, const char *scale, int defects,
                            struct lia_demo_sim *sim, lia_error *err);
/* Stops the simulator (SIGTERM, then SIGKILL after a grace period) and
 * removes the work folder unless keep. */
void lia_demo_sim_stop(struct lia_demo_sim *sim, int keep);

#endif
