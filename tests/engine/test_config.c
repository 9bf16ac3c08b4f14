/* The configuration parser: good files, malformed lines and unknown keys
 * with file:line, unsafe password files, passwords from the environment. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "liaison/config.h"

static char dir[256];

static void write_file(const char *name, const char *text, mode_t mode)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    assert_int_equal(chmod(path, mode), 0);
}

/* Loads dir/name; returns the code and fills err. */
static lia_code load(const char *name, lia_config *cfg, lia_error *err)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    lia_error_clear(err);
    return lia_config_load(path, cfg, err);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/lia-config-XXXXXX");
    assert_non_null(mkdtemp(dir));
    write_file("gescom.pw", "s3cr3t-é\n", 0600);
    lia_set_lang(LIA_LANG_EN);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char good[] =
    "\xef\xbb\xbf# Liaison configuration\n"
    "; another comment\n"
    "[gescom]\n"
    "server = sql01.example.local\n"
    "port = 1433\n"
    "database = BIJOU\n"
    "user = liaison\n"
    "password_file = gescom.pw\n"
    "login_timeout = 5\n"
    "query_timeout=120\n"
    "\n"
    "[crm]\n"
    "server = 10.0.0.5\n"
    "instance = CRM\n"
    "database = LIAISON_CRM\n"
    "user = crm_writer\n"
    "password_env = LIA_TEST_CRM_PW\n"
    "encryption = require\n"
    "tds_version = 7.3\n"
    "app_name = liaison-test\n"
    "[replication]\n"
    "integration = bijou\n"
    "interval_minutes = 30\n"
    "full_resync_hour = none\n"
    "include_dormant = yes\n"
    "include_prospects = non\n"
    "[soap]\n"
    "url = https://erp.example/ws\n"
    "timeout = 20\n"
    "[journal]\n"
    "path = /var/log/liaison\n"
    "level = debug\n";

static void good_file_is_read(void **state)
{
    (void)state;
    write_file("good.ini", good, 0644);
    setenv("LIA_TEST_CRM_PW", "from-env", 1);
    lia_config cfg;
    lia_error err;
    assert_int_equal(load("good.ini", &cfg, &err), LIA_OK);
    assert_true(cfg.gescom.present);
    assert_string_equal(cfg.gescom.server, "sql01.example.local");
    assert_int_equal(cfg.gescom.port, 1433);
    assert_string_equal(cfg.gescom.database, "BIJOU");
    assert_string_equal(cfg.gescom.password, "s3cr3t-é");
    assert_int_equal(cfg.gescom.login_timeout, 5);
    assert_int_equal(cfg.gescom.query_timeout, 120);
    assert_string_equal(cfg.gescom.tds_version, "7.4"); /* default */
    assert_string_equal(cfg.gescom.encryption, "request");
    assert_true(cfg.crm.present);
    assert_string_equal(cfg.crm.instance, "CRM");
    assert_string_equal(cfg.crm.password, "from-env");
    assert_string_equal(cfg.crm.encryption, "require");
    assert_string_equal(cfg.crm.tds_version, "7.3");
    assert_string_equal(cfg.crm.app_name, "liaison-test");
    assert_string_equal(cfg.integration, "bijou");
    assert_int_equal(cfg.interval_minutes, 30);
    assert_int_equal(cfg.full_resync_hour, -1);
    assert_int_equal(cfg.include_dormant, 1);
    assert_int_equal(cfg.include_prospects, 0);
    assert_int_equal(cfg.include_customers, 1);
    assert_string_equal(cfg.soap_url, "https://erp.example/ws");
    assert_int_equal(cfg.soap_timeout, 20);
    assert_string_equal(cfg.journal_path, "/var/log/liaison");
    assert_string_equal(cfg.journal_level, "debug");

    lia_db_params p;
    lia_config_db_params(&cfg.crm, "crm", &p);
    assert_string_equal(p.instance, "CRM");
    assert_int_equal(p.port, 0);
    assert_string_equal(p.password, "from-env");

    lia_config_wipe(&cfg);
    assert_int_equal(cfg.gescom.password[0], 0);
    assert_int_equal(cfg.crm.password[0], 0);
    for (size_t i = 0; i < sizeof cfg.gescom.password; i++)
        assert_int_equal(cfg.gescom.password[i], 0);
}

/* Each bad file must fail with code and "file:line" naming the line. */
static void bad_files_name_the_line(void **state)
{
    (void)state;
    static const struct { const char *text; lia_code code; int line; } cases[] = {
        {"[gescom]\nserver = a\nthis line has no equals\n", LIA_E_CONFIG_SYNTAX, 3},
        {"[gescom\nserver = a\n", LIA_E_CONFIG_SYNTAX, 1},
        {"server = a\n[gescom]\n", LIA_E_CONFIG_SYNTAX, 1},
        {"[gescom]\nserver = a\nservre = b\n", LIA_E_CONFIG_KEY, 3},
        {"[gescom]\nserver = a\n[sage]\n", LIA_E_CONFIG_KEY, 3},
        {"[gescom]\n\n\npassword = hunter2\n", LIA_E_CONFIG_KEY, 4},
        {"[gescom]\nport = 99999\n", LIA_E_CONFIG_VALUE, 2},
        {"[gescom]\nport = 14x\n", LIA_E_CONFIG_VALUE, 2},
        {"[gescom]\nencryption = maybe\n", LIA_E_CONFIG_VALUE, 2},
        {"[gescom]\ntds_version = 8.0\n", LIA_E_CONFIG_VALUE, 2},
        {"[gescom]\nserver = a\nserver = b\n", LIA_E_CONFIG_VALUE, 3},
        {"[gescom]\n= b\n", LIA_E_CONFIG_SYNTAX, 2},
        {"[gescom]\n[gescom]\n", LIA_E_CONFIG_SYNTAX, 2},
        {"[replication]\ninclude_dormant = perhaps\n", LIA_E_CONFIG_VALUE, 2},
        {"[soap]\nurl = ftp://x\n", LIA_E_CONFIG_VALUE, 2},
        {"[journal]\nlevel = chatty\n", LIA_E_CONFIG_VALUE, 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_file("bad.ini", cases[i].text, 0644);
        lia_config cfg;
        lia_error err;
        lia_code rc = load("bad.ini", &cfg, &err);
        char want[600];
        snprintf(want, sizeof want, "%s/bad.ini:%d", dir, cases[i].line);
        if (rc != cases[i].code || strcmp(err.subject, want) != 0)
            fail_msg("case %zu: got %s '%s', want %s '%s'", i, lia_code_name(rc), err.subject,
                     lia_code_name(cases[i].code), want);
        assert_int_equal(lia_code_exit(rc), 3);
    }
}

static void password_never_in_the_file_message(void **state)
{
    (void)state;
    write_file("pw.ini", "[gescom]\npassword = hunter2\n", 0644);
    lia_config cfg;
    lia_error err;
    assert_int_equal(load("pw.ini", &cfg, &err), LIA_E_CONFIG_KEY);
    char msg[1400];
    lia_error_format(&err, msg, sizeof msg);
    assert_null(strstr(msg, "hunter2"));
    assert_non_null(strstr(msg, "password_file"));
}

static void unsafe_password_file_is_refused(void **state)
{
    (void)state;
    write_file("open.pw", "s3cr3t\n", 0640);
    write_file("unsafe.ini", "[gescom]\nserver=a\ndatabase=B\nuser=u\npassword_file=open.pw\n", 0644);
    lia_config cfg;
    lia_error err;
    assert_int_equal(load("unsafe.ini", &cfg, &err), LIA_E_SECRET_PERMS);
    char want[600];
    snprintf(want, sizeof want, "%s/open.pw", dir);
    assert_string_equal(err.subject, want);
    assert_int_equal(cfg.gescom.password[0], 0);
    char msg[1400];
    lia_error_format(&err, msg, sizeof msg);
    assert_non_null(strstr(msg, "chmod 600"));
    assert_null(strstr(msg, "s3cr3t"));
    /* Others' read bit alone is refused too. */
    write_file("open.pw", "s3cr3t\n", 0604);
    assert_int_equal(load("unsafe.ini", &cfg, &err), LIA_E_SECRET_PERMS);
}

static void missing_secrets_and_keys(void **state)
{
    (void)state;
    lia_config cfg;
    lia_error err;
    unsetenv("LIA_TEST_UNSET_PW");
    write_file("env.ini", "[gescom]\nserver=a\ndatabase=B\nuser=u\npassword_env=LIA_TEST_UNSET_PW\n", 0644);
    assert_int_equal(load("env.ini", &cfg, &err), LIA_E_SECRET_MISSING);
    assert_string_equal(err.subject, "LIA_TEST_UNSET_PW");
    setenv("LIA_TEST_UNSET_PW", "ok", 1);
    assert_int_equal(load("env.ini", &cfg, &err), LIA_OK);
    assert_string_equal(cfg.gescom.password, "ok");
    unsetenv("LIA_TEST_UNSET_PW");

    write_file("nopw.ini", "[gescom]\nserver=a\ndatabase=B\nuser=u\n", 0644);
    assert_int_equal(load("nopw.ini", &cfg, &err), LIA_E_SECRET_MISSING);
    write_file("nouser.ini", "[gescom]\nserver=a\ndatabase=B\npassword_file=gescom.pw\n", 0644);
    assert_int_equal(load("nouser.ini", &cfg, &err), LIA_E_CONFIG_MISSING);
    write_file("nosec.ini", "[journal]\nlevel=info\n", 0644);
    assert_int_equal(load("nosec.ini", &cfg, &err), LIA_E_CONFIG_MISSING);
    write_file("both.ini", "[gescom]\nserver=a\ndatabase=B\nuser=u\npassword_file=gescom.pw\npassword_env=X\n", 0644);
    assert_int_equal(load("both.ini", &cfg, &err), LIA_E_CONFIG_VALUE);
    write_file("empty.pw", "\n", 0600);
    write_file("emptypw.ini", "[gescom]\nserver=a\ndatabase=B\nuser=u\npassword_file=empty.pw\n", 0644);
    assert_int_equal(load("emptypw.ini", &cfg, &err), LIA_E_SECRET_MISSING);
    assert_int_equal(load("does-not-exist.ini", &cfg, &err), LIA_E_CONFIG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_file_is_read),
        cmocka_unit_test(bad_files_name_the_line),
        cmocka_unit_test(password_never_in_the_file_message),
        cmocka_unit_test(unsafe_password_file_is_refused),
        cmocka_unit_test(missing_secrets_and_keys),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
