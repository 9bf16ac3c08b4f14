/* `liaison replicate`: GesCom -> CRM replication of turnover N / N-1, free
 * and statistical fields and complementary tiers data (docs/replication.md).
 * --once (default) runs once; --daemon repeats every interval, retries with
 * back-off after a failure, stops gracefully on SIGTERM and skips runs while
 * the pause switch file exists. */
#include "cli_common.h"
#include "commands.h"

#include "liaison/replicate.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

static void usage(FILE *out)
{
    fputs(lia_tr(
        "usage : liaison replicate [-c FICHIER] [--once | --daemon] [options]\n"
        "  -c, --config FICHIER     configuration (défaut : ./liaison.ini)\n"
        "  --once                   une exécution puis fin (défaut ; pour cron ou un timer systemd)\n"
        "  --daemon                 exécutions répétées ; SIGTERM arrête proprement\n"
        "  --interval MIN           intervalle du démon (défaut : [replication] interval_minutes, 15)\n"
        "  --full                   réplication complète au lieu de l'incrémentale\n"
        "  --purge-removed          oublier les informations libres supprimées ou retypées dans GesCom\n"
        "  --integration NOM        nom de l'intégration (défaut : [replication] integration)\n"
        "  --reference-date AAAA-MM-JJ  date de référence des exercices (défaut : date du serveur)\n"
        "  --pause-file FICHIER     interrupteur de pause (défaut : ./liaison.pause)\n"
        "  --no-progress            pas d'avancement sur le terminal\n"
        "Codes de sortie : 0 succès, 2 usage, 3 configuration, 4 connexion, 5 authentification,\n"
        "6 base (objets Liaison absents : 'liaison install'), 8 échec, 11 intégration verrouillée\n",
        "usage: liaison replicate [-c FILE] [--once | --daemon] [options]\n"
        "  -c, --config FILE        configuration (default: ./liaison.ini)\n"
        "  --once                   one run then exit (default; for cron or a systemd timer)\n"
        "  --daemon                 repeated runs; SIGTERM stops gracefully\n"
        "  --interval MIN           daemon interval (default: [replication] interval_minutes, 15)\n"
        "  --full                   full replication instead of incremental\n"
        "  --purge-removed          forget free fields deleted or retyped in GesCom\n"
        "  --integration NAME       integration name (default: [replication] integration)\n"
        "  --reference-date YYYY-MM-DD  reference date of fiscal years (default: server date)\n"
        "  --pause-file FILE        pause switch (default: ./liaison.pause)\n"
        "  --no-progress            no progress on the terminal\n"
        "Exit codes: 0 success, 2 usage, 3 configuration, 4 connection, 5 authentication,\n"
        "6 database (Liaison objects missing: 'liaison install'), 8 failed, 11 integration locked\n"),
          out);
}

struct state {
    lia_config *cfg;
    lia_repl_opts opts;
    lia_db *gescom, *crm;
    lia_journal *journal;
};

static void disconnect(struct state *s)
{
    lia_db_close(s->gescom);
    lia_db_close(s->crm);
    s->gescom = s->crm = NULL;
}

static void journal_error(struct state *s, const lia_error *err)
{
    char msg[1400];
    lia_error_format(err, msg, sizeof msg);
    /* The run failed (the daemon's next attempt is another run): ERROR. */
    lia_event ev = {LIA_LVL_ERROR, "ERP>CRM", "RUN", NULL, NULL, NULL, lia_code_name(err->code), NULL, msg, NULL};
    if (s->journal)
        lia_journal_event(s->journal, &ev);
}

/* One journaled run; connects as needed.  Returns the run's code. */
static lia_code one_run(struct state *s, lia_error *err)
{
    lia_error_clear(err);
    const char *run_id = s->journal ? lia_journal_run_start(s->journal, "replicate") : NULL;
    s->opts.run_id = run_id;
    lia_code rc = LIA_OK;
    if (!s->gescom)
        rc = lia_cli_connect(s->cfg, "gescom", &s->gescom, err);
    if (rc == LIA_OK && !s->crm)
        rc = lia_cli_connect(s->cfg, "crm", &s->crm, err);
    lia_repl_counters c;
    memset(&c, 0, sizeof c);
    if (rc == LIA_OK)
        rc = lia_repl_run(s->gescom, s->crm, &s->opts, s->journal, &c, err);
    char counters[256];
    static const char *const check[] = {"-", "run", "skipped"};
    snprintf(counters, sizeof counters,
             "read=%lld\tcreated=%lld\tupdated=%lld\tdeleted=%lld\tskipped=0\tdeletion_check=%s",
             (long long)c.read, (long long)c.created, (long long)c.updated, (long long)c.deleted,
             check[c.deletion_check >= 0 && c.deletion_check <= 2 ? c.deletion_check : 0]);
    if (rc != LIA_OK) {
        journal_error(s, err);
        /* A broken connection is reopened by the next run. */
        if (lia_db_transient(rc) || rc == LIA_E_CONNECT || (s->gescom && !lia_db_alive(s->gescom)) ||
            (s->crm && !lia_db_alive(s->crm)))
            disconnect(s);
    }
    char msg[200];
    snprintf(msg, sizeof msg, "%s%s%s", rc != LIA_OK ? lia_tr("échec", "failed") : c.full ? "full" : "incremental",
             c.full_reason[0] ? ": " : "", c.full_reason);
    if (s->journal)
        lia_journal_run_end(s->journal, msg, counters);
    if (rc == LIA_OK)
        fprintf(stdout, "%s : %s ; %s %lld, %s %lld, %s %lld, %s %lld\n", lia_tr("réplication", "replication"),
                msg, lia_tr("lus", "read"), (long long)c.read, lia_tr("créés", "created"), (long long)c.created,
                lia_tr("modifiés", "updated"), (long long)c.updated, lia_tr("supprimés", "deleted"),
                (long long)c.deleted);
    fflush(stdout);
    return rc;
}

static int file_exists(const char *p)
{
    return p && access(p, F_OK) == 0;
}

/* Sleeps up to seconds, waking early on SIGTERM. */
static void nap(int seconds)
{
    for (int i = 0; i < seconds * 10 && !stop_flag; i++) {
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

int lia_cmd_replicate(int argc, char **argv)
{
    struct lia_cli_common o;
    lia_cli_common_init(&o, "replicate", NULL);
    int daemon = 0, full = 0, purge = 0, interval = -1, progress = 1;
    const char *integration = NULL, *refdate = NULL, *pause_file = "liaison.pause";
    for (int i = 0; (i = lia_cli_next_arg(&o, argc, argv, i)) < argc;) {
        if (i < 0)
            return LIA_EXIT_USAGE;
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--once") == 0)
            daemon = 0;
        else if (strcmp(a, "--daemon") == 0)
            daemon = 1;
        else if (strcmp(a, "--full") == 0)
            full = 1;
        else if (strcmp(a, "--purge-removed") == 0)
            purge = 1;
        else if (strcmp(a, "--no-progress") == 0)
            progress = 0;
        else if (strcmp(a, "--interval") == 0 && next) {
            char *end;
            long v = strtol(next, &end, 10);
            if (*end || v < 1 || v > 1440)
                return lia_cli_usage("replicate", "%s '%s'", lia_tr("intervalle invalide (minutes, 1 à 1440)",
                                                                    "invalid interval (minutes, 1 to 1440)"), next);
            interval = (int)v;
            i++;
        } else if (strcmp(a, "--integration") == 0 && next) {
            integration = next;
            i++;
        } else if (strcmp(a, "--reference-date") == 0 && next) {
            int y, m, d;
            if (strlen(next) != 10 || sscanf(next, "%4d-%2d-%2d", &y, &m, &d) != 3)
                return lia_cli_usage("replicate", "%s '%s'", lia_tr("date invalide (AAAA-MM-JJ)",
                                                                    "invalid date (YYYY-MM-DD)"), next);
            refdate = next;
            i++;
        } else if (strcmp(a, "--pause-file") == 0 && next) {
            pause_file = next;
            i++;
        } else {
            return lia_cli_unknown_option("replicate", a);
        }
    }
    if (o.help) {
        usage(stdout);
        return LIA_EXIT_OK;
    }
    static lia_config cfg;
    int ex = lia_cli_load_config(&o, &cfg);
    if (ex)
        return ex;
    struct state s;
    memset(&s, 0, sizeof s);
    s.cfg = &cfg;
    lia_repl_opts_defaults(&s.opts);
    s.opts.integration = integration ? integration : cfg.integration;
    s.opts.server_label = cfg.gescom.server;
    s.opts.database = cfg.gescom.database;
    s.opts.full = full;
    s.opts.purge_removed = purge;
    lia_cli_repl_scope(&s.opts, &cfg);
    s.opts.full_resync_hour = cfg.full_resync_hour;
    s.opts.reference_date = refdate;
    s.opts.progress = progress && isatty(STDERR_FILENO) ? stderr : NULL;
    s.opts.stop = &stop_flag;
    if (interval < 0)
        interval = cfg.interval_minutes > 0 ? cfg.interval_minutes : 15;

    lia_error err;
    lia_error_clear(&err);
    if (lia_cli_journal_open(&cfg, &s.journal, &err) != LIA_OK) {
        lia_config_wipe(&cfg);
        return lia_cli_fail(&err);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);

    int exit_code = LIA_EXIT_OK;
    if (!daemon) {
        lia_code rc;
        if (file_exists(pause_file)) {
            rc = lia_fail(&err, LIA_E_PAUSED, "%s", pause_file);
        } else {
            rc = one_run(&s, &err);
        }
        if (rc != LIA_OK)
            exit_code = lia_cli_fail(&err);
    } else {
        int backoff = 0, paused = 0;
        while (!stop_flag) {
            if (file_exists(pause_file)) {
                if (!paused) {
                    /* Exclusive GesCom maintenance: let go of both databases. */
                    disconnect(&s);
                    fprintf(stderr, "liaison: %s '%s'\n", lia_tr("pause", "paused"), pause_file);
                    paused = 1;
                }
                nap(1);
                continue;
            }
            paused = 0;
            lia_code rc = one_run(&s, &err);
            s.opts.full = 0;
            if (rc == LIA_OK) {
                backoff = 0;
                nap(interval * 60);
            } else if (stop_flag) {
                break;
            } else {
                char msg[1400];
                backoff = backoff ? backoff * 2 : 5;
                if (backoff > interval * 60)
                    backoff = interval * 60;
                fprintf(stderr, "liaison: %s ; %s %d s\n", lia_error_format(&err, msg, sizeof msg),
                        lia_tr("nouvel essai dans", "retrying in"), backoff);
                nap(backoff);
            }
        }
    }
    disconnect(&s);
    lia_journal_close(s.journal);
    lia_config_wipe(&cfg);
    return exit_code;
}
