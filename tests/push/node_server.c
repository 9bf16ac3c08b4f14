/* node.js servers of the push tests (node_server.h). */
#include "node_server.h"

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int node_server_start(const char *const argv[], pid_t *pid, char *line, size_t size)
{
    line[0] = '\0';
    int fd[2];
    if (pipe(fd) != 0)
        return -1;
    *pid = fork();
    if (*pid == 0) {
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        execvp("node", (char *const *)argv);
        _exit(127);
    }
    close(fd[1]);
    FILE *f = fdopen(fd[0], "r");
    if (!f) {
        close(fd[0]);
        return -1;
    }
    int ok = fgets(line, (int)size, f) != NULL;
    fclose(f);
    return ok ? 0 : -1;
}

void node_server_stop(pid_t pid)
{
    if (pid > 0) {
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
    }
}
