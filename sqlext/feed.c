/* `liaison feed`: streams a result set as CSV (plain, or French Excel:
 * UTF-8 BOM, ';', decimal comma, CRLF) or JSON lines, row by row. */
#include "liaison/replicate.h"

#include <ctype.h>
#include <string.h>

/* A plain decimal number: [-]digits[.digits]. */
static int numeric_text(const char *s)
{
    const char *p = s;
    if (*p == '-')
        p++;
    if (!isdigit((unsigned char)*p))
        return 0;
    while (isdigit((unsigned char)*p))
        p++;
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return 0;
        while (isdigit((unsigned char)*p))
            p++;
    }
    return *p == 0;
}

void lia_feed_excel_number(lia_buf *b, const char *s)
{
    if (!numeric_text(s)) {
        lia_buf_csv_field(b, s, ';');
        return;
    }
    for (const char *p = s; *p; p++)
        lia_buf_addc(b, *p == '.' ? ',' : *p);
}

/* Numbers stay numbers in JSON when the column is numeric text. */
static void json_value(lia_buf *b, const char *s)
{
    if (!s)
        lia_buf_adds(b, "null");
    else if (numeric_text(s) && (s[0] != '0' || s[1] == 0 || s[1] == '.') &&
             !(s[0] == '-' && s[1] == '0' && s[2] != '.' && s[2] != 0))
        lia_buf_adds(b, s);
    else
        lia_buf_json_str(b, s);
}

static int is_key_column(const char *name)
{
    /* Codes that look like numbers must stay text (leading zeros). */
    return strcmp(name, "CT_Num") == 0 || strcmp(name, "TiersPayeur") == 0 ||
           strcmp(name, "CompteCollectif") == 0 || strcmp(name, "ValText") == 0;
}

lia_code lia_feed_write(lia_db *db, lia_feed_format fmt, FILE *out, int64_t *rows, lia_error *err)
{
    lia_buf b = LIA_BUF_INIT;
    int res, f = 0, header = 0;
    *rows = 0;
    char sep = fmt == LIA_FEED_CSV_EXCEL ? ';' : ',';
    const char *eol = fmt == LIA_FEED_CSV_EXCEL ? "\r\n" : "\n";
    if (fmt == LIA_FEED_CSV_EXCEL)
        fputs("\xEF\xBB\xBF", out);
    while ((res = lia_db_next_result(db, err)) == 1) {
        int n = lia_db_ncols(db);
        if (fmt != LIA_FEED_JSONL && !header) {
            lia_buf_reset(&b);
            for (int i = 0; i < n; i++) {
                if (i)
                    lia_buf_addc(&b, sep);
                lia_buf_csv_field(&b, lia_db_colname(db, i), sep);
            }
            lia_buf_adds(&b, eol);
            fwrite(b.data, 1, b.len, out);
            header = 1;
        }
        while ((f = lia_db_fetch(db, err)) == 1) {
            lia_buf_reset(&b);
            if (fmt == LIA_FEED_JSONL)
                lia_buf_addc(&b, '{');
            for (int i = 0; i < n; i++) {
                const char *v = lia_db_str(db, i);
                const char *name = lia_db_colname(db, i);
                if (fmt == LIA_FEED_JSONL) {
                    if (i)
                        lia_buf_addc(&b, ',');
                    lia_buf_json_str(&b, name ? name : "");
                    lia_buf_addc(&b, ':');
                    if (v && name && is_key_column(name))
                        lia_buf_json_str(&b, v);
                    else
                        json_value(&b, v);
                    continue;
                }
                if (i)
                    lia_buf_addc(&b, sep);
                if (!v)
                    continue;
                if (fmt == LIA_FEED_CSV_EXCEL && !(name && is_key_column(name)))
                    lia_feed_excel_number(&b, v);
                else
                    lia_buf_csv_field(&b, v, sep);
            }
            lia_buf_adds(&b, fmt == LIA_FEED_JSONL ? "}\n" : eol);
            if (b.oom) {
                lia_buf_free(&b);
                return lia_fail(err, LIA_E_NOMEM, "feed");
            }
            if (fwrite(b.data, 1, b.len, out) != b.len) {
                lia_buf_free(&b);
                lia_db_cancel(db);
                return lia_fail(err, LIA_E_IO, "stdout");
            }
            (*rows)++;
        }
        if (f < 0)
            break;
    }
    lia_buf_free(&b);
    if (res < 0 || f < 0)
        return err->code ? err->code : LIA_E_SQL;
    return fflush(out) == 0 ? LIA_OK : lia_fail(err, LIA_E_IO, "stdout");
}
