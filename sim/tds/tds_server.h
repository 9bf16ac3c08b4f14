/* The TCP server: accepts connections and runs each in its own thread. */
#ifndef SIM_TDS_SERVER_H
#define SIM_TDS_SERVER_H

#include "sim_exec.h"

typedef struct tds_server tds_server;

/* Listens on host:port (port 0 picks a free one).  NULL with err on failure. */
tds_server *tds_server_listen(sim_server *srv, const char *host, int port, char *err, size_t errlen);
int tds_server_port(const tds_server *s);
/* Accepts connections until tds_server_stop() (async-signal-safe) is called;
 * then closes every connection and waits for their threads. */
int tds_server_run(tds_server *s);
void tds_server_stop(tds_server *s);
void tds_server_free(tds_server *s);

#endif
