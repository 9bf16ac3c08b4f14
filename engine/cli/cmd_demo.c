/* `liaison demo`: the whole tour on the simulator's demo company.
 *
 * Starts liaison-sim on a free loopback port with a fresh demo company (with
 * its injected defects), writes a throw-away configuration, runs the real
 * commands one after the other as child processes, then stops the simulator
 * whatever happened.  Nothing here is canned: every line shown comes from a
 * real run. */
#include "commands.h"
#include "demo_sim.h"

#include "liaison/error.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void usage(FILE *out)
{
    fprintf(out, "%s\n", lia_tr(
        "usage : liaison demo [--scale small|large] [--no-defects] [--keep]\n\n"
        "Démarre le simulateur GesCom sur la société de démonstration, puis exécute\n"
        "check, diagnose, install, replicate et analyze contre lui, et l'arrête.\n\n"
        "   --scale S       taille de la société : small (défaut) ou large\n"
        "   --no-defects    société sans anomalies injectées\n"
        "   --keep          garder le dossier de travail (données, journal, configuration)",
        "usage: liaison demo [--scale small|large] [--no-defects] [--keep]\n\n"
        "Starts the GesCom simulator on the demo company, runs check, diagnose,\n"
        "install, replicate and analyze against it, then stops it.\n\n"
        "   --scale S       company size: small (default) or large\n"
        "   --no-defects    company without injected defects\n"
        "   --keep          keep the work folder (data, journal, configuration)"));
}

/* Runs `liaison ARGS...` (this same program) and returns its exit status. */
static int run_step(const char *self, const char *title, char *const args[])
{
    printf("\n== %s\n$ liaison", title);
    for (int i = 1; args[i]; i++)
        printf(" %s", args[i]);
    printf("\n");
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        return LIA_EXIT_INTERNAL;
    if (pid == 0) {
        execv(self, args);
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    int rc = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    printf("-> %s %d\n", lia_tr("code de sortie", "exit code"), rc);
    return rc;
}

static int write_file(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int ok = fputs(text, f) >= 0;
    ok &= fclose(f) == 0;
    return ok && chmod(path, mode) == 0 ? 0 : -1;
}

int lia_cmd_demo(int argc, char **argv)
{
    static const struct option opts[] = {
        {"scale", required_argument, NULL, 's'},
        {"no-defects", no_argument, NULL, 'n'},
        {"keep", no_argument, NULL, 'k'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *scale = "small";
    int defects = 1, keep = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 's': scale = optarg; break;
        case 'n': defects = 0; break;
        case 'k': keep = 1; break;
        case 'h': usage(stdout); return LIA_EXIT_OK;
        default:
            return lia_cli_usage("demo", "%s '%s'", lia_tr("option inconnue", "unknown option"),
                                 argv[optind - 1]);
        }
    }
    if (strcmp(scale, "small") != 0 && strcmp(scale, "large") != 0)
        return lia_cli_usage("demo", "%s '%s'", lia_tr("taille inconnue", "unknown scale"), scale);
    if (optind < argc)
        return lia_cli_usage("demo", "%s '%s'", lia_tr("argument en trop", "unexpected argument"),
                             argv[optind]);

    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        lia_error err;
        lia_error_clear(&err);
        lia_fail(&err, LIA_E_IO, "/proc/self/exe");
        return lia_cli_fail(&err);
    }
    self[n] = '\0';

    lia_error err;
    lia_error_clear(&err);
    struct lia_demo_sim sim;
    if (lia_demo_sim_start(self, scale, defects, &sim, &err) != LIA_OK)
        return lia_cli_fail(&err);
    printf("%s %s:%d (%s '%s')\n", lia_tr("Simulateur GesCom démarré sur", "GesCom simulator started on"),
           "127.0.0.1", sim.port, lia_tr("dossier", "folder"), sim.workdir);

    char cfg[PATH_MAX + 32], pwd[PATH_MAX + 32], journal[PATH_MAX + 32], text[4 * PATH_MAX];
    snprintf(cfg, sizeof cfg, "%s/liaison.ini", sim.workdir);
    snprintf(pwd, sizeof pwd, "%s/password", sim.workdir);
    snprintf(journal, sizeof journal, "%s/liaison.journal", sim.workdir);
    snprintf(text, sizeof text,
             "# Written by `liaison demo` for the simulator's demo company.\n"
             "[gescom]\nserver = 127.0.0.1\nport = %d\ndatabase = BIJOU\nuser = liaison\n"
             "password_file = %s\n\n"
             "[crm]\nserver = 127.0.0.1\nport = %d\ndatabase = LIAISON_CRM\nuser = liaison\n"
             "password_file = %s\n\n"
             "[replication]\nintegration = BIJOU\n\n"
             "[journal]\npath = %s\n",
             sim.port, pwd, sim.port, pwd, journal);
    int rc = LIA_EXIT_OK;
    if (write_file(pwd, LIA_DEMO_PASSWORD "\n", 0600) != 0 || write_file(cfg, text, 0600) != 0) {
        lia_fail(&err, LIA_E_IO, "%s", cfg);
        rc = lia_cli_fail(&err);
        goto out;
    }

    /* Each step with the exit codes that mean "ran as expected" on a demo
     * company that carries defects on purpose. */
    struct step {
        const char *title_fr, *title_en;
        const char *args[8];
        int ok_max; /* highest exit code that is not a failure of the tour */
    } steps[] = {
        {"Test de connexion et prérequis", "Connection test and prerequisites",
         {"liaison", "check", "-c", cfg, NULL}, 0},
        {"Diagnostic de la base GesCom", "GesCom database diagnostic",
         {"liaison", "diagnose", "-c", cfg, "--max-keys", "5", NULL}, 1},
        {"Installation des objets Liaison côté CRM", "Installing Liaison's objects in the CRM database",
         {"liaison", "install", "-c", cfg, NULL}, 0},
        {"Réplication complète vers le CRM", "Full replication to the CRM",
         {"liaison", "replicate", "-c", cfg, "--once", "--full", NULL}, 0},
        {"Contrôle de la copie CRM", "Checking the CRM copy",
         {"liaison", "verify", "-c", cfg, NULL}, 0},
        {"Analyse du journal de cette visite", "Analysis of this tour's journal",
         {"liaison", "analyze", journal, NULL}, 1},
    };
    int failed = 0;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        int src = run_step(self, lia_tr(steps[i].title_fr, steps[i].title_en),
                           (char *const *)steps[i].args);
        if (src > steps[i].ok_max)
            failed++;
    }
    printf("\n%s\n", failed ? lia_tr("Visite terminée avec des étapes en échec (voir ci-dessus)",
                                     "Tour finished with failed steps (see above)")
                            : lia_tr("Visite terminée", "Tour finished"));
    rc = failed ? LIA_EXIT_FAILED : LIA_EXIT_OK;
out:
    lia_demo_sim_stop(&sim, keep);
    if (keep)
        printf("%s '%s'\n", lia_tr("Dossier de travail conservé", "Work folder kept"), sim.workdir);
    return rc;
}
