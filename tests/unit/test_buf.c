/* Buffer growth and the report escapers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "liaison/buf.h"

static void grows_and_formats(void **state)
{
    (void)state;
    lia_buf b = LIA_BUF_INIT;
    assert_string_equal(lia_buf_str(&b), "");
    for (int i = 0; i < 1000; i++)
        lia_buf_printf(&b, "%d,", i);
    assert_int_equal(b.len, strlen(b.data));
    assert_true(strncmp(b.data, "0,1,2,", 6) == 0);
    lia_buf_reset(&b);
    assert_string_equal(lia_buf_str(&b), "");
    lia_buf_free(&b);
}

static void json_escapes_controls_and_keeps_utf8(void **state)
{
    (void)state;
    lia_buf b = LIA_BUF_INIT;
    lia_buf_json_str(&b, "a\"b\\c\n\x01é");
    assert_string_equal(b.data, "\"a\\\"b\\\\c\\n\\u0001é\"");
    lia_buf_free(&b);
}

static void csv_quotes_only_when_needed(void **state)
{
    (void)state;
    lia_buf b = LIA_BUF_INIT;
    lia_buf_csv_field(&b, "CLI001", ';');
    lia_buf_addc(&b, ';');
    lia_buf_csv_field(&b, "Dupont; \"fils\"", ';');
    lia_buf_addc(&b, ';');
    lia_buf_csv_field(&b, "a,b", ';');
    assert_string_equal(b.data, "CLI001;\"Dupont; \"\"fils\"\"\";a,b");
    lia_buf_free(&b);
}

static void html_and_markdown(void **state)
{
    (void)state;
    lia_buf b = LIA_BUF_INIT;
    lia_buf_html(&b, "<a href='x'>&</a>");
    assert_string_equal(b.data, "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;");
    lia_buf_reset(&b);
    lia_buf_md_cell(&b, "a|b\nc");
    assert_string_equal(b.data, "a\\|b c");
    lia_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grows_and_formats),
        cmocka_unit_test(json_escapes_controls_and_keeps_utf8),
        cmocka_unit_test(csv_quotes_only_when_needed),
        cmocka_unit_test(html_and_markdown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
