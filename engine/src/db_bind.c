/* Parameter binding: every value becomes a typed T-SQL literal, validated or
 * escaped here, and replaces its @name in the text.  Text is always an
 * N'…' literal with quotes doubled (the only character that ends one);
 * numbers and dates are validated against a strict grammar and emitted in
 * parentheses, so no value can end a literal, open a comment or add a
 * statement.  The scanner skips strings, quoted identifiers and comments,
 * so an @name inside them is never touched. */
#include "liaison/buf.h"
#include "liaison/db.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    unsigned min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; min = 0x10000; }
    else return 0;
    if (n < len)
        return 0;
    unsigned cp = c & (0xFF >> (len + 1));
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

lia_code lia_db_quote_text(lia_buf *out, const char *s, size_t len, lia_error *err)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        if (u[i] == 0)
            return lia_fail(err, LIA_E_PARAM, "NUL@%zu", i);
        size_t l = utf8_len(u + i, len - i);
        if (l == 0)
            return lia_fail(err, LIA_E_ENCODING, "UTF-8@%zu", i);
        i += l;
    }
    lia_buf_adds(out, "N'");
    size_t start = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\'') {
            lia_buf_add(out, s + start, i + 1 - start);
            lia_buf_addc(out, '\'');
            start = i + 1;
        }
    lia_buf_add(out, s + start, len - start);
    lia_buf_addc(out, '\'');
    return out->oom ? lia_fail(err, LIA_E_NOMEM, "N'...'") : LIA_OK;
}

/* [+-]digits[.digits], at most 38 digits: an exact T-SQL numeric literal. */
static int valid_decimal(const char *s)
{
    const char *p = s;
    int digits = 0;
    if (*p == '+' || *p == '-')
        p++;
    if (!isdigit((unsigned char)*p))
        return 0;
    while (isdigit((unsigned char)*p)) {
        p++;
        digits++;
    }
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return 0;
        while (isdigit((unsigned char)*p)) {
            p++;
            digits++;
        }
    }
    return *p == '\0' && digits <= 38;
}

static int take_digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return 0;
}

/* "YYYY-MM-DD[( |T)HH:MM[:SS[.f{1,3}]]]" to the language-independent ISO
 * form "YYYY-MM-DDTHH:MM:SS.mmm" (a space form is read as YDM by
 * SQL Server under French date settings). */
static int normalize_datetime(const char *s, char *out, size_t size)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const char *p = s;
    int y, mo, d, h = 0, mi = 0, sec = 0, ms = 0;
    if (take_digits(&p, 4, &y) || *p++ != '-' || take_digits(&p, 2, &mo) || *p++ != '-' ||
        take_digits(&p, 2, &d))
        return -1;
    if (*p == ' ' || *p == 'T') {
        p++;
        if (take_digits(&p, 2, &h) || *p++ != ':' || take_digits(&p, 2, &mi))
            return -1;
        if (*p == ':') {
            p++;
            if (take_digits(&p, 2, &sec))
                return -1;
            if (*p == '.') {
                p++;
                int n = 0, scale = 100;
                while (isdigit((unsigned char)*p) && n < 3) {
                    ms += (*p - '0') * scale;
                    scale /= 10;
                    p++;
                    n++;
                }
                if (n == 0)
                    return -1;
            }
        }
    }
    if (*p != '\0')
        return -1;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1753 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
        (mo == 2 && d == 29 && !leap) || h > 23 || mi > 59 || sec > 59)
        return -1;
    snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03d", y, mo, d, h, mi, sec, ms);
    return 0;
}

lia_code lia_db_param_literal(lia_buf *out, const lia_param *p, lia_error *err)
{
    const char *name = p->name ? p->name : "?";
    if (p->type == LIA_P_NULL ||
        ((p->type == LIA_P_TEXT || p->type == LIA_P_DECIMAL || p->type == LIA_P_DATETIME) && !p->s)) {
        lia_buf_adds(out, "NULL");
        return LIA_OK;
    }
    switch (p->type) {
    case LIA_P_INT:
        if (p->i < INT32_MIN || p->i > INT32_MAX) {
            lia_fail(err, LIA_E_PARAM, "%s", name);
            lia_error_detail(err, "%s", lia_tr("hors des bornes d'un int", "out of int range"));
            return LIA_E_PARAM;
        }
        /* fall through */
    case LIA_P_BIGINT:
        /* Parentheses: "-@p" with p = -1 must not become the comment "--1". */
        lia_buf_printf(out, "(%" PRId64 ")", p->i);
        break;
    case LIA_P_BIT:
        lia_buf_adds(out, p->i ? "CAST(1 AS bit)" : "CAST(0 AS bit)");
        break;
    case LIA_P_TEXT:
        return lia_db_quote_text(out, p->s, strlen(p->s), err);
    case LIA_P_DECIMAL:
        if (!valid_decimal(p->s)) {
            lia_fail(err, LIA_E_PARAM, "%s", name);
            lia_error_detail(err, "%s", lia_tr("décimal attendu (chiffres, point décimal)",
                                               "decimal expected (digits, decimal point)"));
            return LIA_E_PARAM;
        }
        lia_buf_printf(out, "(%s)", p->s);
        break;
    case LIA_P_DATETIME: {
        char iso[64];
        if (normalize_datetime(p->s, iso, sizeof iso) != 0) {
            lia_fail(err, LIA_E_PARAM, "%s", name);
            lia_error_detail(err, "%s", lia_tr("date attendue AAAA-MM-JJ[ HH:MM[:SS[.mmm]]]",
                                               "date expected YYYY-MM-DD[ HH:MM[:SS[.mmm]]]"));
            return LIA_E_PARAM;
        }
        lia_buf_printf(out, "CAST('%s' AS datetime)", iso);
        break;
    }
    default:
        return lia_fail(err, LIA_E_PARAM, "%s", name);
    }
    return out->oom ? lia_fail(err, LIA_E_NOMEM, "%s", name) : LIA_OK;
}

static int ident_char(unsigned char c)
{
    return isalnum(c) || c == '_' || c == '@' || c == '#' || c == '$' || c >= 0x80;
}

/* "@Name" or "Name": a plain identifier. */
static int valid_param_name(const char *n)
{
    if (!n)
        return 0;
    if (*n == '@')
        n++;
    if (!isalpha((unsigned char)*n) && *n != '_')
        return 0;
    for (; *n; n++)
        if (!isalnum((unsigned char)*n) && *n != '_')
            return 0;
    return 1;
}

static const lia_param *find_param(const lia_param *params, size_t n, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++) {
        const char *pn = params[i].name[0] == '@' ? params[i].name + 1 : params[i].name;
        if (strlen(pn) == len && strncasecmp(pn, name, len) == 0)
            return &params[i];
    }
    return NULL;
}

/* Copies a quoted section starting at s[i] (quote char q, closing c, the
 * closing char doubled inside); returns the index after it. */
static size_t skip_quoted(const char *s, size_t i, char close)
{
    i++;
    while (s[i]) {
        if (s[i] == close) {
            if (s[i + 1] == close) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i++;
    }
    return i;
}

lia_code lia_db_bind_sql(const char *sql, const lia_param *params, size_t nparams, lia_buf *out,
                         lia_error *err)
{
    if (!sql)
        return lia_fail(err, LIA_E_PARAM, "sql");
    for (size_t i = 0; i < nparams; i++) {
        if (!valid_param_name(params[i].name))
            return lia_fail(err, LIA_E_PARAM, "%s", params[i].name ? params[i].name : "(null)");
        const char *a = params[i].name[0] == '@' ? params[i].name + 1 : params[i].name;
        for (size_t j = 0; j < i; j++) {
            const char *b = params[j].name[0] == '@' ? params[j].name + 1 : params[j].name;
            if (strcasecmp(a, b) == 0) {
                lia_fail(err, LIA_E_PARAM, "%s", params[i].name);
                lia_error_detail(err, "%s", lia_tr("paramètre en double", "duplicate parameter"));
                return LIA_E_PARAM;
            }
        }
    }
    size_t i = 0, from = 0;
    while (sql[i]) {
        char c = sql[i];
        size_t next;
        if (c == '\'') {
            next = skip_quoted(sql, i, '\'');
        } else if (c == '"') {
            next = skip_quoted(sql, i, '"');
        } else if (c == '[') {
            next = skip_quoted(sql, i, ']');
        } else if (c == '-' && sql[i + 1] == '-') {
            next = i + 2;
            while (sql[next] && sql[next] != '\n')
                next++;
        } else if (c == '/' && sql[i + 1] == '*') {
            /* T-SQL block comments nest. */
            int depth = 1;
            next = i + 2;
            while (sql[next] && depth > 0) {
                if (sql[next] == '/' && sql[next + 1] == '*') {
                    depth++;
                    next += 2;
                } else if (sql[next] == '*' && sql[next + 1] == '/') {
                    depth--;
                    next += 2;
                } else {
                    next++;
                }
            }
        } else if (c == '@' && sql[i + 1] == '@') {
            next = i + 2;
            while (ident_char((unsigned char)sql[next]))
                next++;
        } else if (c == '@' && (i == 0 || !ident_char((unsigned char)sql[i - 1]))) {
            next = i + 1;
            while (ident_char((unsigned char)sql[next]))
                next++;
            const lia_param *p = find_param(params, nparams, sql + i + 1, next - i - 1);
            if (p) {
                lia_buf_add(out, sql + from, i - from);
                lia_code rc = lia_db_param_literal(out, p, err);
                if (rc != LIA_OK)
                    return rc;
                from = next;
            }
        } else if (ident_char((unsigned char)c)) {
            /* A whole word, so "x@y"-like text in a name is not a parameter. */
            next = i + 1;
            while (ident_char((unsigned char)sql[next]) && sql[next] != '@')
                next++;
        } else {
            next = i + 1;
        }
        i = next;
    }
    lia_buf_add(out, sql + from, i - from);
    if (!out->data)
        lia_buf_adds(out, "");
    return out->oom ? lia_fail(err, LIA_E_NOMEM, "sql") : LIA_OK;
}
