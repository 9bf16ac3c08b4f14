/* The T-SQL lexer: names, literals, variables, comments, operators. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lex.h"

static toklist lx(const char *sql, int expect_rc)
{
    toklist t = {0};
    assert_int_equal(lex_batch(sql, &t), expect_rc);
    return t;
}

static void names_and_quotes(void **st)
{
    (void)st;
    toklist t = lx("SELECT [my col], \"x\"\"y\", dbo.T FROM #tmp", 0);
    assert_int_equal(t.v[0].type, TK_IDENT);
    assert_true(tk_is(&t.v[0], "select"));
    assert_int_equal(t.v[1].type, TK_QIDENT);
    char *s = tk_text(&t.v[1]);
    assert_string_equal(s, "my col");
    free(s);
    assert_int_equal(t.v[3].type, TK_QIDENT);
    s = tk_text(&t.v[3]);
    assert_string_equal(s, "x\"y");
    free(s);
    assert_int_equal(t.v[6].type, TK_DOT);
    assert_int_equal(t.v[9].type, TK_IDENT);
    assert_int_equal(t.v[9].len, 4); /* #tmp */
    assert_int_equal(t.v[t.n - 1].type, TK_EOF);
    toklist_free(&t);
}

static void literals(void **st)
{
    (void)st;
    toklist t = lx("N'Élève' 'it''s' 42 3.50 1e3 0x1F", 0);
    assert_int_equal(t.v[0].type, TK_NSTR);
    char *s = tk_text(&t.v[0]);
    assert_string_equal(s, "Élève");
    free(s);
    assert_int_equal(t.v[1].type, TK_STR);
    s = tk_text(&t.v[1]);
    assert_string_equal(s, "it's");
    free(s);
    assert_int_equal(t.v[2].type, TK_INT);
    assert_int_equal(t.v[3].type, TK_DEC);
    assert_int_equal(t.v[4].type, TK_FLOAT);
    assert_int_equal(t.v[5].type, TK_BIN);
    toklist_free(&t);
}

static void variables_and_comments(void **st)
{
    (void)st;
    toklist t = lx("-- line\nSELECT @x, @@ROWCOUNT /* a /* nested */ comment */ + 1", 0);
    assert_int_equal(t.v[0].line, 2);
    assert_int_equal(t.v[1].type, TK_VAR);
    assert_int_equal(t.v[3].type, TK_SYSVAR);
    assert_int_equal(t.v[4].type, TK_OP);
    assert_int_equal(t.v[5].type, TK_INT);
    toklist_free(&t);
}

static void operators(void **st)
{
    (void)st;
    toklist t = lx("a<>b a!=b a<=b a||b a==b", 0);
    assert_int_equal(t.v[1].len, 2);
    assert_int_equal(t.v[4].len, 2);
    assert_int_equal(t.v[7].len, 2);
    assert_int_equal(t.v[10].len, 2); /* || is one token: the translator rejects it */
    assert_int_equal(t.v[13].len, 2);
    toklist_free(&t);
}

static void unterminated(void **st)
{
    (void)st;
    toklist t = lx("SELECT 'abc", -1);
    assert_int_equal(t.v[t.n - 2].type, TK_ERR);
    toklist_free(&t);
    t = lx("SELECT [abc", -1);
    toklist_free(&t);
    t = lx("SELECT 1 /* open", -1);
    toklist_free(&t);
}

static void keywords(void **st)
{
    (void)st;
    toklist t = lx("from Foo", 0);
    assert_true(tk_reserved(&t.v[0]));
    assert_false(tk_reserved(&t.v[1]));
    toklist_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names_and_quotes), cmocka_unit_test(literals), cmocka_unit_test(variables_and_comments),
        cmocka_unit_test(operators),        cmocka_unit_test(unterminated), cmocka_unit_test(keywords),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
