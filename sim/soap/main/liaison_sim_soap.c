/* liaison-sim-soap: the simulator's SOAP endpoint as a program of its own,
 * on the same data folder as liaison-sim (SQLite files shared between the
 * two processes), until liaison-sim starts it itself (docs/push.md).
 *
 *   liaison-sim-soap --listen 127.0.0.1:PORT --data DIR [--logins FILE]
 *                    [--codification PREFIX | --no-codification]
 *
 * Prints "liaison-sim-soap: ready on 127.0.0.1:PORT" once listening; stops
 * on SIGTERM or SIGINT. */
#include "sim_exec.h"
#include "sim_soap.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

int main(int argc, char **argv)
{
    const char *listen_arg = NULL, *data = NULL, *logins = NULL;
    sim_soap_gescom g;
    memset(&g, 0, sizeof g);
    g.codification = 1;
    snprintf(g.prefix, sizeof g.prefix, "CL");
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has = i + 1 < argc;
        if (!strcmp(a, "--listen") && has) listen_arg = argv[++i];
        else if (!strcmp(a, "--data") && has) data = argv[++i];
        else if (!strcmp(a, "--logins") && has) logins = argv[++i];
        else if (!strcmp(a, "--codification") && has && strlen(argv[i + 1]) < sizeof g.prefix)
            snprintf(g.prefix, sizeof g.prefix, "%s", argv[++i]);
        else if (!strcmp(a, "--no-codification")) g.codification = 0;
        else {
            fprintf(stderr, "usage: liaison-sim-soap --listen HOST:PORT --data DIR [--logins FILE] "
                            "[--codification PREFIX | --no-codification]\n");
            return 2;
        }
    }
    if (!listen_arg || !data) {
        fprintf(stderr, "liaison-sim-soap: --listen and --data are required\n");
        return 2;
    }
    char host[64];
    const char *colon = strrchr(listen_arg, ':');
    if (!colon || (size_t)(colon - listen_arg) >= sizeof host) {
        fprintf(stderr, "liaison-sim-soap: invalid --listen '%s' (HOST:PORT)\n", listen_arg);
        return 2;
    }
    snprintf(host, sizeof host, "%.*s", (int)(colon - listen_arg), listen_arg);
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535) {
        fprintf(stderr, "liaison-sim-soap: invalid port in '%s'\n", listen_arg);
        return 2;
    }
    char err[512];
    g.srv = sim_server_open(data, err, sizeof err);
    if (!g.srv) {
        fprintf(stderr, "liaison-sim-soap: %s\n", err);
        return 1;
    }
    if (logins && sim_server_set_logins(g.srv, logins, err, sizeof err) != 0) {
        fprintf(stderr, "liaison-sim-soap: %s\n", err);
        sim_server_close(g.srv);
        return 1;
    }
    char msg[256];
    if (!logins && sim_login(g.srv, "liaison", "demo", NULL, msg, sizeof msg) != 0)
        sim_server_add_login(g.srv, "liaison", "demo", "owner"); /* liaison-sim's demo login */
    sim_soap_backend be;
    sim_soap_gescom_backend(&g, &be);
    sim_soap *s = sim_soap_start(host, (int)port, &be, err, sizeof err);
    if (!s) {
        fprintf(stderr, "liaison-sim-soap: %s\n", err);
        sim_server_close(g.srv);
        return 1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    printf("liaison-sim-soap: ready on %s:%d\n", host, sim_soap_port(s));
    fflush(stdout);
    while (!stop)
        pause();
    sim_soap_stop(s);
    sim_server_close(g.srv);
    return 0;
}
