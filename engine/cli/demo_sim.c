/* Runs liaison-sim as a child process for `liaison demo`. */
#define _XOPEN_SOURCE 700
#include "demo_sim.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Generating the large company takes a while; the small one seconds. */
#define READY_TIMEOUT_MS (15 * 60 * 1000)
#define STOP_GRACE_MS 10000

static pid_t running_sim = -1;

/* Ctrl-C or a kill of the demo must not leave a simulator behind. */
static void on_signal(int sig)
{
    if (running_sim > 0)
        kill(running_sim, SIGTERM);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* The simulator sits next to `liaison` in the build tree (sim/) or the
 * install (same bin/); LIAISON_SIM overrides both. */
static int find_sim(const char *self, char *out, size_t size)
{
    const char *env = getenv("LIAISON_SIM");
    if (env && *env) {
        snprintf(out, size, "%s", env);
        return access(out, X_OK);
    }
    char copy[PATH_MAX];
    snprintf(copy, sizeof copy, "%s", self);
    const char *dir = dirname(copy);
    snprintf(out, size, "%s/sim/liaison-sim", dir);
    if (access(out, X_OK) == 0)
        return 0;
    snprintf(out, size, "%s/liaison-sim", dir);
    return access(out, X_OK);
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Reads the child's stdout until the ready line; returns the port or -1. */
static int wait_ready(int fd, pid_t pid)
{
    char line[512];
    size_t len = 0;
    long deadline = now_ms() + READY_TIMEOUT_MS;
    for (;;) {
        long left = deadline - now_ms();
        if (left <= 0)
            return -1;
        struct pollfd p = {fd, POLLIN, 0};
        int r = poll(&p, 1, left > 1000 ? 1000 : (int)left);
        if (r < 0 && errno != EINTR)
            return -1;
        if (r <= 0) {
            if (waitpid(pid, NULL, WNOHANG) == pid)
                return -1;
            continue;
        }
        ssize_t n = read(fd, line + len, sizeof line - 1 - len);
        if (n <= 0)
            return -1;
        len += (size_t)n;
        line[len] = '\0';
        char *nl;
        while ((nl = strchr(line, '\n')) != NULL) {
            *nl = '\0';
            int port;
            if (sscanf(line, "liaison-sim: ready on 127.0.0.1:%d", &port) == 1)
                return port;
            memmove(line, nl + 1, len - (size_t)(nl + 1 - line) + 1);
            len = strlen(line);
        }
        if (len == sizeof line - 1)
            len = 0; /* an overlong line is not the ready line */
    }
}

lia_code lia_demo_sim_start(const char *self, const char *scale, int defects,
                            struct lia_demo_sim *sim, lia_error *err)
{
    memset(sim, 0, sizeof *sim);
    sim->pid = -1;
    char exe[PATH_MAX];
    if (find_sim(self, exe, sizeof exe) != 0) {
        lia_fail(err, LIA_E_NOT_FOUND, "liaison-sim");
        lia_error_detail(err, "%s", lia_tr("construisez-le (scripts/build) ou indiquez-le dans LIAISON_SIM",
                                     "build it (scripts/build) or name it in LIAISON_SIM"));
        return err->code;
    }

    const char *tmp = getenv("TMPDIR");
    snprintf(sim->workdir, sizeof sim->workdir, "%s/liaison-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(sim->workdir)) {
        err->os_errno = errno;
        return lia_fail(err, LIA_E_IO, "%s", sim->workdir);
    }
    char data[PATH_MAX + 8], log[PATH_MAX + 16];
    snprintf(data, sizeof data, "%s/data", sim->workdir);
    snprintf(log, sizeof log, "%s/liaison-sim.log", sim->workdir);
    if (mkdir(data, 0700) != 0) {
        err->os_errno = errno;
        return lia_fail(err, LIA_E_IO, "%s", data);
    }

    int pipefd[2];
    if (pipe(pipefd) != 0)
        return lia_fail(err, LIA_E_IO, "pipe");
    pid_t pid = fork();
    if (pid < 0) {
        close(pipefd[0]);
        close(pipefd[1]);
        return lia_fail(err, LIA_E_INTERNAL, "fork");
    }
    if (pid == 0) {
        int logfd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(pipefd[1], STDOUT_FILENO);
        if (logfd >= 0)
            dup2(logfd, STDERR_FILENO);
        close(pipefd[0]);
        char *args[] = {exe, "--listen", "127.0.0.1:0", "--data", data, "--demo", (char *)scale,
                        defects ? "--defects" : NULL, NULL};
        execv(exe, args);
        _exit(127);
    }
    close(pipefd[1]);
    sim->pid = running_sim = pid;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);

    sim->port = wait_ready(pipefd[0], pid);
    close(pipefd[0]);
    if (sim->port <= 0) {
        lia_fail(err, LIA_E_CONNECT, "liaison-sim");
        lia_error_detail(err, lia_tr("le simulateur n'a pas démarré, voir '%s'",
                                     "the simulator did not start, see '%s'"), log);
        lia_demo_sim_stop(sim, 1);
        return err->code;
    }
    return LIA_OK;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void lia_demo_sim_stop(struct lia_demo_sim *sim, int keep)
{
    if (sim->pid > 0) {
        kill(sim->pid, SIGTERM);
        long deadline = now_ms() + STOP_GRACE_MS;
        int reaped = 0;
        while (!reaped && now_ms() < deadline) {
            pid_t r = waitpid(sim->pid, NULL, WNOHANG);
            if (r == sim->pid || (r < 0 && errno == ECHILD))
                reaped = 1;
            else
                usleep(20000);
        }
        if (!reaped) {
            kill(sim->pid, SIGKILL);
            waitpid(sim->pid, NULL, 0);
        }
        sim->pid = running_sim = -1;
    }
    if (!keep && sim->workdir[0])
        nftw(sim->workdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}
