/* The sub-commands of `liaison`.  Each gets argv with argv[0] = its name and
 * returns a process exit code (enum lia_exit). */
#ifndef LIA_CLI_COMMANDS_H
#define LIA_CLI_COMMANDS_H

struct lia_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary_fr;
    const char *summary_en;
};

int lia_cmd_check(int argc, char **argv);
int lia_cmd_demo(int argc, char **argv);
int lia_cmd_diagnose(int argc, char **argv);
int lia_cmd_install(int argc, char **argv);
int lia_cmd_uninstall(int argc, char **argv);
int lia_cmd_replicate(int argc, char **argv);
int lia_cmd_verify(int argc, char **argv);
int lia_cmd_feed(int argc, char **argv);
int lia_cmd_push(int argc, char **argv);
int lia_cmd_analyze(int argc, char **argv);

extern const struct lia_command lia_commands[];

/* Prints "liaison: <message>" on stderr and returns the code's exit status. */
struct lia_error;
int lia_cli_fail(const struct lia_error *err);
/* Usage error for a command: message, then "see liaison CMD --help"; returns 2. */
int lia_cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Placeholder for a command whose issue is not done yet: says so, exit 70. */
int lia_cli_not_available(const char *cmd);

#endif
