/* liaison-sim: the GesCom simulator, a TDS server executing T-SQL on SQLite.
 * Usage in --help; conventions in docs/simulator.md and docs/tds.md. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sim_exec.h"
#include "tds/tds_server.h"
#ifdef SIM_HAVE_DEMO
#include "sim_demo.h"
#endif
#ifdef SIM_HAVE_SOAP
#include "sim_soap.h"
#endif

static tds_server *g_server;

static void on_signal(int sig)
{
    (void)sig;
    if (g_server) tds_server_stop(g_server);
}

static void usage(FILE *f)
{
    fputs("usage: liaison-sim --listen 127.0.0.1:PORT --data DIR [--demo small|large] [--defects]\n"
          "                   [--seed N] [--logins FILE] [--soap HOST:PORT [--soap-no-codification]]\n"
          "\n"
          "Serves the databases of DIR (one SQLite file per database) over TDS, as a\n"
          "Microsoft SQL Server would, to FreeTDS and any other TDS client.\n"
          "\n"
          "  --listen HOST:PORT  address to listen on; port 0 picks a free port\n"
          "  --data DIR          data folder (created when missing)\n"
          "  --demo small|large  build the demo company BIJOU and the CRM database first\n"
          "  --defects           with --demo: inject the defects of the manifest\n"
          "  --seed N            with --demo: same seed, same company (default 1)\n"
          "  --logins FILE       logins, one per line: user password owner|reader|auditor\n"
          "  --soap HOST:PORT    also serve the GesCom write web service (docs/push.md);\n"
          "                      prints 'liaison-sim: soap on HOST:PORT' before the ready line\n"
          "  --soap-no-codification  the web service behaves as a GesCom without tiers codification\n"
          "  --help              this help\n"
          "\n"
          "Prints 'liaison-sim: ready on HOST:PORT' when it accepts connections;\n"
          "stops cleanly on SIGTERM or SIGINT.  Exit codes: 0 ok, 2 usage, 3 config,\n"
          "8 failed, 10 io.\n",
          f);
}

static int parse_listen(const char *arg, char *host, size_t cap, int *port)
{
    const char *colon = strrchr(arg, ':');
    if (!colon || colon == arg || (size_t)(colon - arg) >= cap) return -1;
    memcpy(host, arg, (size_t)(colon - arg));
    host[colon - arg] = '\0';
    char *end;
    errno = 0;
    long p = strtol(colon + 1, &end, 10);
    if (errno || *end || end == colon + 1 || p < 0 || p > 65535) return -1;
    *port = (int)p;
    return 0;
}

int main(int argc, char **argv)
{
    const char *listen_arg = NULL, *data = NULL, *demo = NULL, *logins = NULL, *soap_arg = NULL;
    int defects = 0, soap_codification = 1;
    unsigned seed = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has_val = i + 1 < argc;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) { usage(stdout); return 0; }
        else if (strcmp(a, "--listen") == 0 && has_val) listen_arg = argv[++i];
        else if (strcmp(a, "--data") == 0 && has_val) data = argv[++i];
        else if (strcmp(a, "--demo") == 0 && has_val) demo = argv[++i];
        else if (strcmp(a, "--logins") == 0 && has_val) logins = argv[++i];
        else if (strcmp(a, "--defects") == 0) defects = 1;
        else if (strcmp(a, "--soap") == 0 && has_val) soap_arg = argv[++i];
        else if (strcmp(a, "--soap-no-codification") == 0) soap_codification = 0;
        else if (strcmp(a, "--seed") == 0 && has_val) {
            char *end;
            unsigned long v = strtoul(argv[++i], &end, 10);
            if (*end || v > UINT_MAX) { fprintf(stderr, "liaison-sim: invalid seed '%s'\n", argv[i]); return 2; }
            seed = (unsigned)v;
        } else {
            fprintf(stderr, "liaison-sim: unknown or incomplete option '%s'\n", a);
            usage(stderr);
            return 2;
        }
    }
    char host[64];
    int port = 0;
    if (!listen_arg || !data) {
        fprintf(stderr, "liaison-sim: --listen and --data are required\n");
        usage(stderr);
        return 2;
    }
    if (parse_listen(listen_arg, host, sizeof host, &port) != 0) {
        fprintf(stderr, "liaison-sim: invalid listen address '%s': expected HOST:PORT\n", listen_arg);
        return 2;
    }
    char soap_host[64];
    int soap_port = 0;
    if (soap_arg && parse_listen(soap_arg, soap_host, sizeof soap_host, &soap_port) != 0) {
        fprintf(stderr, "liaison-sim: invalid web service address '%s': expected HOST:PORT\n", soap_arg);
        return 2;
    }
#ifndef SIM_HAVE_SOAP
    if (soap_arg) {
        fprintf(stderr, "liaison-sim: --soap is not available in this build\n");
        return 2;
    }
    (void)soap_codification;
#endif
    if (demo && strcmp(demo, "small") != 0 && strcmp(demo, "large") != 0) {
        fprintf(stderr, "liaison-sim: invalid demo size '%s': expected small or large\n", demo);
        return 2;
    }
    char err[512] = "";
    if (mkdir(data, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "liaison-sim: cannot create the data folder '%s': %s\n", data, strerror(errno));
        return 10;
    }
    if (demo) {
#ifdef SIM_HAVE_DEMO
        sim_demo_options opt;
        memset(&opt, 0, sizeof opt);
        opt.scale = demo;
        opt.seed = seed;
        opt.defects = defects;
        if (sim_demo_build(data, &opt, err, sizeof err) != 0) {
            fprintf(stderr, "liaison-sim: cannot build the demo company in '%s': %s\n", data, err);
            return 8;
        }
#else
        (void)seed;
        (void)defects;
        fprintf(stderr, "liaison-sim: --demo is not available in this build\n");
        return 2;
#endif
    }
    sim_server *srv = sim_server_open(data, err, sizeof err);
    if (!srv) {
        fprintf(stderr, "liaison-sim: cannot open the data folder '%s': %s\n", data, err);
        return 10;
    }
    if (logins && sim_server_set_logins(srv, logins, err, sizeof err) != 0) {
        fprintf(stderr, "liaison-sim: %s\n", err);
        sim_server_close(srv);
        return 3;
    }
    if (!logins && demo) {
        /* The demo's well-known logins (docs/simulator.md). */
        sim_server_add_login(srv, "liaison", "demo", "owner");
        sim_server_add_login(srv, "lecteur", "demo", "reader");
    }
    g_server = tds_server_listen(srv, host, port, err, sizeof err);
    if (!g_server) {
        fprintf(stderr, "liaison-sim: %s\n", err);
        sim_server_close(srv);
        return 10;
    }
#ifdef SIM_HAVE_SOAP
    static sim_soap_gescom gescom;
    sim_soap *soap = NULL;
    if (soap_arg) {
        sim_soap_backend be;
        gescom.srv = srv;
        gescom.codification = soap_codification;
        sim_soap_gescom_backend(&gescom, &be);
        soap = sim_soap_start(soap_host, soap_port, &be, err, sizeof err);
        if (!soap) {
            fprintf(stderr, "liaison-sim: cannot start the web service on '%s': %s\n", soap_arg, err);
            tds_server_free(g_server);
            sim_server_close(srv);
            return 10;
        }
        printf("liaison-sim: soap on %s:%d\n", soap_host, sim_soap_port(soap));
    }
#endif
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    printf("liaison-sim: ready on %s:%d\n", host, tds_server_port(g_server));
    fflush(stdout);
    tds_server_run(g_server);
    tds_server_free(g_server);
    g_server = NULL;
#ifdef SIM_HAVE_SOAP
    if (soap)
        sim_soap_stop(soap);
#endif
    sim_server_close(srv);
    fprintf(stderr, "liaison-sim: stopped\n");
    return 0;
}
