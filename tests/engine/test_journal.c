/* The journal writer: field escaping, run framing and status, masking of
 * secrets, and whole lines under concurrent writers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "liaison/journal.h"

static char path[256];

static int setup(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "/tmp/lia-journal-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(path);
    return 0;
}

/* Reads the journal's lines; returns how many (at most max). */
static int read_lines(char lines[][1024], int max)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    int n = 0;
    while (n < max && fgets(lines[n], 1024, f))
        n++;
    fclose(f);
    return n;
}

/* Splits a line on TAB into fields (in place); returns the count. */
static int split(char *line, char **fields, int max)
{
    line[strcspn(line, "\n")] = '\0';
    int n = 0;
    char *p = line;
    while (n < max) {
        fields[n++] = p;
        p = strchr(p, '\t');
        if (!p)
            break;
        *p++ = '\0';
    }
    return n;
}

static void escaping(void **state)
{
    (void)state;
    lia_buf b = LIA_BUF_INIT;
    lia_journal_escape(&b, "a\tb\nc\\d\re");
    assert_string_equal(lia_buf_str(&b), "a\\tb\\nc\\\\d\\re");
    lia_buf_reset(&b);
    lia_journal_escape(&b, NULL);
    lia_journal_escape(&b, "");
    assert_string_equal(lia_buf_str(&b), "--");
    lia_buf_free(&b);
}

static void masking(void **state)
{
    (void)state;
    static const struct { const char *in, *out; } cases[] = {
        {"password=hunter2 user=sa", "password=*** user=sa"},
        {"Server=x;Pwd=abc;Database=y", "Server=x;Pwd=***;Database=y"},
        {"db_password: 'two words' ok", "db_password: *** ok"},
        {"token=abc\tsecret=def\tcount=3", "token=***\tsecret=***\tcount=3"},
        {"MotDePasse=é1", "MotDePasse=***"},
        {"no secret here", "no secret here"},
        {"passwordless login", "passwordless login"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lia_buf b = LIA_BUF_INIT;
        lia_journal_mask(&b, cases[i].in);
        assert_string_equal(lia_buf_str(&b), cases[i].out);
        lia_buf_free(&b);
    }
}

static void run_framing(void **state)
{
    (void)state;
    assert_int_equal(truncate(path, 0), 0);
    lia_journal *j;
    lia_error err;
    assert_int_equal(lia_journal_open(path, &j, &err), LIA_OK);
    const char *run = lia_journal_run_start(j, "check");
    regex_t re;
    assert_int_equal(regcomp(&re, "^R[0-9]{8}-[0-9]{6}-[0-9]{4}$", REG_EXTENDED), 0);
    assert_int_equal(regexec(&re, run, 0, NULL, 0), 0);
    char run_id[32];
    snprintf(run_id, sizeof run_id, "%s", run);
    lia_event ok = {LIA_LVL_INFO, "ERP>CRM", "TIERS", "PULL", NULL, "CT_Num:CLI0042", NULL, NULL,
                    "lu\tavec\nretour", "read=1"};
    lia_journal_event(j, &ok);
    lia_event dbg = {LIA_LVL_DEBUG, NULL, "SESSION", NULL, NULL, NULL, NULL, NULL, "hidden", NULL};
    lia_journal_event(j, &dbg); /* below the default level: not written */
    lia_event warn = {LIA_LVL_WARN, NULL, "PARAM", NULL, NULL, NULL, "ENG-0001", NULL,
                      "connexion password=hunter2", NULL};
    lia_journal_event(j, &warn);
    assert_string_equal(lia_journal_run_end(j, "fin", "read=1\tcreated=0"), "AVERTISSEMENT");
    lia_journal_close(j);

    char lines[8][1024];
    assert_int_equal(read_lines(lines, 8), 4);
    assert_null(strstr(lines[2], "hunter2"));
    char *f[20];
    regex_t ts;
    assert_int_equal(regcomp(&ts, "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}[+-][0-9]{2}:[0-9]{2}$",
                             REG_EXTENDED), 0);
    static const char *const want[4][12] = {
        {"INFO", NULL, "1", "-", "RUN", "START", "-", "-", "-", "EN_COURS", "check"},
        {"INFO", NULL, "2", "ERP>CRM", "TIERS", "PULL", "-", "CT_Num:CLI0042", "-", "SUCCES", "lu\\tavec\\nretour"},
        {"WARN", NULL, "3", "-", "PARAM", "-", "-", "-", "ENG-0001", "AVERTISSEMENT", "connexion password=***"},
        {"INFO", NULL, "4", "-", "RUN", "END", "-", "-", "-", "AVERTISSEMENT", "fin"},
    };
    for (int i = 0; i < 4; i++) {
        int n = split(lines[i], f, 20);
        assert_true(n >= 12);
        assert_int_equal(regexec(&ts, f[0], 0, NULL, 0), 0);
        assert_string_equal(f[2], run_id);
        for (int k = 0; k < 11; k++)
            if (want[i][k])
                assert_string_equal(f[k + 1], want[i][k]);
        if (i == 1) {
            assert_int_equal(n, 13);
            assert_string_equal(f[12], "read=1");
        }
        if (i == 3) {
            /* Given counters first, then the ones the writer counted. */
            assert_string_equal(f[12], "read=1");
            assert_string_equal(f[13], "created=0");
            assert_string_equal(f[14], "warn=1");
            assert_string_equal(f[15], "err=0");
            assert_string_equal(f[16], "transient=0");
            assert_true(strncmp(f[17], "elapsed_ms=", 11) == 0);
        }
    }
    regfree(&re);
    regfree(&ts);
}

static void status_follows_levels(void **state)
{
    (void)state;
    lia_journal *j;
    lia_error err;
    assert_int_equal(lia_journal_open(path, &j, &err), LIA_OK);
    lia_journal_run_start(j, "a");
    assert_string_equal(lia_journal_run_end(j, "a", NULL), "SUCCES");
    lia_journal_run_start(j, "b");
    lia_event t = {LIA_LVL_TRANSIENT, NULL, "TIERS", NULL, NULL, NULL, NULL, NULL, "verrou", NULL};
    lia_journal_event(j, &t);
    assert_string_equal(lia_journal_run_end(j, "b", NULL), "AVERTISSEMENT");
    lia_journal_run_start(j, "c");
    lia_event w = {LIA_LVL_WARN, NULL, "TIERS", NULL, NULL, NULL, NULL, NULL, "w", NULL};
    lia_event e = {LIA_LVL_ERROR, NULL, "TIERS", NULL, NULL, NULL, NULL, NULL, "e", NULL};
    lia_journal_event(j, &w);
    lia_journal_event(j, &e);
    assert_string_equal(lia_journal_run_end(j, "c", NULL), "ECHEC");
    /* A new run starts its counters and sequence again. */
    lia_journal_run_start(j, "d");
    assert_string_equal(lia_journal_run_end(j, "d", NULL), "SUCCES");
    assert_int_equal(lia_journal_failed(j), 0);
    lia_journal_close(j);
    lia_error_clear(&err);
    assert_int_equal(lia_journal_open("/nonexistent-dir/x/journal", &j, &err), LIA_E_JOURNAL);
}

/* Several processes appending at once: every line whole, none lost. */
static void concurrent_writers_never_interleave(void **state)
{
    (void)state;
    assert_int_equal(truncate(path, 0), 0);
    enum { WRITERS = 4, EVENTS = 300 };
    char big[700];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    for (int w = 0; w < WRITERS; w++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            lia_journal *j;
            lia_error err;
            if (lia_journal_open(path, &j, &err) != LIA_OK)
                _exit(1);
            lia_journal_run_start(j, "w");
            for (int i = 0; i < EVENTS; i++) {
                lia_event ev = {LIA_LVL_INFO, NULL, "TIERS", "PULL", NULL, NULL, NULL, NULL, big, NULL};
                lia_journal_event(j, &ev);
            }
            lia_journal_run_end(j, "w", NULL);
            lia_journal_close(j);
            _exit(0);
        }
    }
    for (int w = 0; w < WRITERS; w++) {
        int st;
        assert_true(wait(&st) > 0);
        assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[4096];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        char *fields[20];
        int nf = split(line, fields, 20);
        assert_true(nf >= 12);
        if (strcmp(fields[5], "TIERS") == 0)
            assert_string_equal(fields[11], big);
        n++;
    }
    fclose(f);
    assert_int_equal(n, WRITERS * (EVENTS + 2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escaping),
        cmocka_unit_test(masking),
        cmocka_unit_test(run_framing),
        cmocka_unit_test(status_follows_levels),
        cmocka_unit_test(concurrent_writers_never_interleave),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
