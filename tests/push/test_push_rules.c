/* Business rules from the data file tests/push/rules/cases.txt. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "liaison/push.h"

#define MAXF 8

/* Splits on sep in place, keeping empty fields. */
static int split(char *s, char sep, char **out, int max)
{
    int n = 0;
    out[n++] = s;
    for (char *p = s; *p && n < max; p++)
        if (*p == sep) {
            *p = '\0';
            out[n++] = p + 1;
        }
    return n;
}

static void fill(lia_push_record *r, char *spec)
{
    char *kv[LIA_PUSH_MAX_FIELDS];
    int n = *spec ? split(spec, ';', kv, LIA_PUSH_MAX_FIELDS) : 0;
    for (int i = 0; i < n; i++) {
        char *eq = strchr(kv[i], '=');
        assert_non_null(eq);
        *eq = '\0';
        assert_int_equal(lia_push_set(r, kv[i], eq + 1), 0);
    }
}

/* Every name=value of spec is in r. */
static void expect_fields(const lia_push_record *r, char *spec, int line)
{
    char *kv[LIA_PUSH_MAX_FIELDS];
    int n = split(spec, ';', kv, LIA_PUSH_MAX_FIELDS);
    for (int i = 0; i < n; i++) {
        char *eq = strchr(kv[i], '=');
        assert_non_null(eq);
        *eq = '\0';
        const char *got = lia_push_get(r, kv[i]);
        if (!got || strcmp(got, eq + 1) != 0)
            fail_msg("line %d: %s = '%s', expected '%s'", line, kv[i], got ? got : "(absent)", eq + 1);
    }
}

static void expect(int ok, const char *got, const lia_push_verdict *v, const char *want, int line)
{
    if (want[0] == '!') {
        if (ok || strcmp(v->code, want + 1) != 0)
            fail_msg("line %d: expected refusal %s, got ok=%d code=%s out=%s", line, want + 1, ok,
                     v->code, got);
        if (!v->message[0])
            fail_msg("line %d: refusal without a message", line);
    } else if (!ok || strcmp(got, want) != 0) {
        fail_msg("line %d: expected '%s', got ok=%d '%s' (%s %s)", line, want, ok, got, v->code,
                 v->message);
    }
}

static void cases_from_file(void **state)
{
    (void)state;
    const char *src = getenv("LIA_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/push/rules/cases.txt", src ? src : ".");
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[1024];
    int lineno = 0, ran = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *c[MAXF];
        int n = split(line, '|', c, MAXF);
        char out[128] = "";
        lia_push_verdict v;
        if (strcmp(c[0], "ctnum") == 0 && n == 3) {
            int ok = lia_push_ctnum_check(c[1], out, sizeof out, &v);
            expect(ok, out, &v, c[2], lineno);
        } else if (strcmp(c[0], "code") == 0 && n == 6) {
            lia_push_settings st;
            lia_push_settings_default(&st);
            assert_int_equal(lia_push_mode_parse(c[1], &st.mode), 0);
            snprintf(st.suffix, sizeof st.suffix, "%s", c[2]);
            int ok = lia_push_account_code(&st, c[3], c[4], out, sizeof out, &v);
            expect(ok, out, &v, c[5], lineno);
        } else if (strcmp(c[0], "label") == 0 && n == 5) {
            char *taken[16];
            int nt = c[1][0] ? split(c[1], ';', taken, 16) : 0;
            assert_int_equal(lia_push_address_label((const char *const *)taken, (size_t)nt, c[2],
                                                    c[3], out, sizeof out), 0);
            if (strcmp(out, c[4]) != 0)
                fail_msg("line %d: label '%s', expected '%s'", lineno, out, c[4]);
        } else if (strcmp(c[0], "tiers") == 0 && n == 6) {
            lia_push_settings st;
            lia_push_settings_default(&st);
            assert_int_equal(lia_push_mode_parse(c[1], &st.mode), 0);
            snprintf(st.suffix, sizeof st.suffix, "%s", c[2]);
            lia_push_record r = {0};
            fill(&r, c[4]);
            int ok = lia_push_prepare_tiers(&st, c[3], &r, &v);
            if (c[5][0] == '!')
                expect(ok, "", &v, c[5], lineno);
            else if (!ok)
                fail_msg("line %d: refused %s %s", lineno, v.code, v.message);
            else
                expect_fields(&r, c[5], lineno);
            lia_push_record_free(&r);
        } else if (strcmp(c[0], "billing") == 0 && n == 4) {
            char *taken[16];
            int nt = c[1][0] ? split(c[1], ';', taken, 16) : 0;
            lia_push_record t = {0}, a = {0};
            fill(&t, c[2]);
            int made = lia_push_billing_address(&t, (const char *const *)taken, (size_t)nt, &a);
            if (strcmp(c[3], "-") == 0) {
                if (made != 0 || a.n != 0)
                    fail_msg("line %d: an address was made", lineno);
            } else {
                assert_int_equal(made, 1);
                expect_fields(&a, c[3], lineno);
            }
            lia_push_record_free(&t);
            lia_push_record_free(&a);
        } else {
            fail_msg("line %d: unknown case '%s' (%d fields)", lineno, c[0], n);
        }
        ran++;
    }
    fclose(f);
    assert_true(ran >= 40);
}

static void record_replaces_and_limits(void **state)
{
    (void)state;
    lia_push_record r = {0};
    assert_int_equal(lia_push_set(&r, "A", "1"), 0);
    assert_int_equal(lia_push_set(&r, "A", "2"), 0);
    assert_int_equal(r.n, 1);
    assert_string_equal(lia_push_get(&r, "A"), "2");
    assert_null(lia_push_get(&r, "B"));
    char name[16];
    for (int i = 0; i < LIA_PUSH_MAX_FIELDS + 5; i++) {
        snprintf(name, sizeof name, "F%d", i);
        int rc = lia_push_set(&r, name, "x");
        assert_int_equal(rc, r.n <= LIA_PUSH_MAX_FIELDS && i < LIA_PUSH_MAX_FIELDS - 1 ? 0 : -1);
    }
    assert_int_equal(r.n, LIA_PUSH_MAX_FIELDS);
    lia_push_record_free(&r);
    lia_push_mode m;
    assert_int_equal(lia_push_mode_parse("gescom", &m), 0);
    assert_int_equal(m, LIA_PUSH_MODE_ERP);
    assert_int_equal(lia_push_mode_parse("other", &m), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cases_from_file),
        cmocka_unit_test(record_replaces_and_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
