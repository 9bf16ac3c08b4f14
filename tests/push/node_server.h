/* A node.js server for the push tests (canned_server.js, npm_soap_server.js):
 * started as a child with its stdout on a pipe, ready once it has printed its
 * first line ("ready PORT ..."). */
#ifndef PUSH_NODE_SERVER_H
#define PUSH_NODE_SERVER_H

#include <stddef.h>
#include <sys/types.h>

/* Runs argv (argv[0] "node", NULL-terminated) and reads the server's first
 * line into line (empty if none). Returns 0, -1 when it printed nothing;
 * *pid is set as soon as the child exists. */
int node_server_start(const char *const argv[], pid_t *pid, char *line, size_t size);

/* SIGTERM to a server started above, then waits for it. */
void node_server_stop(pid_t pid);

#endif
