/* Line parsing: the native journal, JSON members, timestamps, levels. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "an_test_util.h"

static void test_native(void **state)
{
    (void)state;
    lia_an_formats *f = t_formats();
    assert_non_null(f);
    an_parser p;
    an_parser_init(&p, an_formats_find(f, "liaison"));
    char line[] = "2026-03-04T10:15:01.318+01:00\tERROR\tR20260304-101500-0001\t7\tCRM>ERP\tTIERS\tCREATE\tcomp:1\t"
                  "CT_Num:CLI0042\tERP-TIERS-0101\tECHEC\tNum\\u00e9ro\\tinvalide \\\\ x\\n\tfield=CT_Num\tvalue=x";
    an_event ev;
    memset(&ev, 0, sizeof ev);
    assert_int_equal(an_parse_line(&p, line, strlen(line), &ev), AN_PARSE_EVENT);
    assert_int_equal(ev.level, LIA_AN_ERROR);
    assert_string_equal(ev.run, "R20260304-101500-0001");
    assert_string_equal(ev.entity, "TIERS");
    assert_string_equal(ev.erp_key, "CT_Num:CLI0042");
    assert_string_equal(ev.code, "ERP-TIERS-0101");
    assert_string_equal(ev.message, "Numu00e9ro\tinvalide \\ x\n");
    assert_string_equal(ev.extra, "field=CT_Num\tvalue=x");
    char dash[] = "2026-03-04T10:15:01.318+01:00\tINFO\tR1\t1\t-\tRUN\tSTART\t-\t-\t-\tEN_COURS\tgo";
    assert_int_equal(an_parse_line(&p, dash, strlen(dash), &ev), AN_PARSE_EVENT);
    assert_null(ev.code);
    assert_null(ev.dir);
    assert_int_equal(ev.run_mark, 1);
    char cont[] = "\tpayload";
    assert_int_equal(an_parse_line(&p, cont, strlen(cont), &ev), AN_PARSE_CONT);
    char shortl[] = "2026-03-04T10:15:01\tINFO\tonly three";
    assert_int_equal(an_parse_line(&p, shortl, strlen(shortl), &ev), AN_PARSE_NOMATCH);
    char badlvl[] = "2026-03-04\tLOUD\tR\t1\t-\tT\t-\t-\t-\t-\t-\tm";
    assert_int_equal(an_parse_line(&p, badlvl, strlen(badlvl), &ev), AN_PARSE_NOMATCH);
    an_parser_free(&p);
    lia_an_formats_free(f);
}

static void test_sage_and_json(void **state)
{
    (void)state;
    lia_an_formats *f = t_formats();
    an_parser p;
    an_parser_init(&p, an_formats_find(f, "sage"));
    char l1[] = "05/03/2026 09:00:12 ALERTE  Tiers CLI0042 : Valeur tronquée";
    an_event ev;
    memset(&ev, 0, sizeof ev);
    assert_int_equal(an_parse_line(&p, l1, strlen(l1), &ev), AN_PARSE_EVENT);
    assert_int_equal(ev.level, LIA_AN_WARNING);
    assert_string_equal(ev.entity, "Tiers");
    assert_string_equal(ev.erp_key, "CLI0042");
    assert_string_equal(ev.message, "Valeur tronquée");
    char l2[] = "05/03/2026 09:00:00 INFO    Début du traitement : tiers";
    assert_int_equal(an_parse_line(&p, l2, strlen(l2), &ev), AN_PARSE_EVENT);
    assert_int_equal(ev.run_mark, 1);
    char l3[] = "        CT_Num = CLI0042";
    assert_int_equal(an_parse_line(&p, l3, strlen(l3), &ev), AN_PARSE_CONT);
    an_parser_free(&p);

    an_parser_init(&p, an_formats_find(f, "jsonl"));
    char j[] = "{\"level\":\"ERROR\",\"x\":{\"a\":[1,{\"b\":\"}\"}]},\"message\":\"caf\\u00e9 \\\"q\\\" \\ud83d\\ude00\",\"n\":12}";
    assert_int_equal(an_parse_line(&p, j, strlen(j), &ev), AN_PARSE_EVENT);
    assert_string_equal(ev.message, "café \"q\" 😀");
    assert_int_equal(ev.level, LIA_AN_ERROR);
    char bad[] = "{\"message\":\"unterminated}";
    assert_int_equal(an_parse_line(&p, bad, strlen(bad), &ev), AN_PARSE_NOMATCH);
    char notobj[] = "[1,2]";
    assert_int_equal(an_parse_line(&p, notobj, strlen(notobj), &ev), AN_PARSE_NOMATCH);
    an_parser_free(&p);
    lia_buf b = LIA_BUF_INIT;
    assert_int_equal(an_json_get("{\"n\": 12 , \"s\":true}", 20, "n", &b), 1);
    assert_string_equal(lia_buf_str(&b), "12");
    assert_int_equal(an_json_get("{\"n\":1}", 7, "m", NULL), 0);
    lia_buf_free(&b);
    lia_an_formats_free(f);
}

static void test_ts_level(void **state)
{
    (void)state;
    int64_t a = an_ts_parse("2026-03-04T10:15:01.318+01:00");
    int64_t b = an_ts_parse("2026-03-04 09:15:01.318Z");
    assert_true(a != LIA_AN_NO_TS);
    assert_int_equal(a, b);
    assert_int_equal(an_ts_parse("04/03/2026 09:15:01") + 318, b);
    assert_int_equal(an_ts_parse("1970-01-01T00:00:01"), 1000);
    assert_true(an_ts_parse("2026-13-04T10:15:01") == LIA_AN_NO_TS);
    assert_true(an_ts_parse("hello") == LIA_AN_NO_TS);
    int dbg;
    assert_int_equal(an_level_parse("ALERTE", 6, &dbg), LIA_AN_WARNING);
    assert_int_equal(an_level_parse("erreur", 6, &dbg), LIA_AN_ERROR);
    assert_int_equal(an_level_parse("DEBUG", 5, &dbg), LIA_AN_INFO);
    assert_int_equal(dbg, 1);
    assert_int_equal(an_level_parse("LOUD", 4, &dbg), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_native), cmocka_unit_test(test_sage_and_json), cmocka_unit_test(test_ts_level),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
