/* Just enough JSON for JSON-lines journals: find a top-level member of an
 * object and append its value (strings unescaped, other scalars verbatim). */
#include "an.h"

#include <string.h>

struct js {
    const char *s;
    size_t n, i;
};

static void ws(struct js *j)
{
    while (j->i < j->n && (j->s[j->i] == ' ' || j->s[j->i] == '\t' || j->s[j->i] == '\r'))
        j->i++;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p[k];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static void put_cp(lia_buf *b, unsigned cp)
{
    char o[4];
    if (cp < 0x80) {
        o[0] = (char)cp;
        lia_buf_add(b, o, 1);
    } else if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6)), o[1] = (char)(0x80 | (cp & 0x3F));
        lia_buf_add(b, o, 2);
    } else if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12)), o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        lia_buf_add(b, o, 3);
    } else {
        o[0] = (char)(0xF0 | (cp >> 18)), o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), o[3] = (char)(0x80 | (cp & 0x3F));
        lia_buf_add(b, o, 4);
    }
}

/* Parses a string at j->i (on the quote); appends it unescaped to out when
 * out is not NULL. */
static int string(struct js *j, lia_buf *out)
{
    if (j->i >= j->n || j->s[j->i] != '"')
        return -1;
    j->i++;
    while (j->i < j->n) {
        char c = j->s[j->i];
        if (c == '"') {
            j->i++;
            return 0;
        }
        if (c == '\\') {
            if (j->i + 1 >= j->n)
                return -1;
            char e = j->s[j->i + 1];
            j->i += 2;
            unsigned cp;
            switch (e) {
            case 'n': cp = '\n'; break;
            case 't': cp = '\t'; break;
            case 'r': cp = '\r'; break;
            case 'b': cp = '\b'; break;
            case 'f': cp = '\f'; break;
            case 'u':
                if (j->i + 4 > j->n || hex4(j->s + j->i, &cp) != 0)
                    return -1;
                j->i += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF && j->i + 6 <= j->n && j->s[j->i] == '\\' &&
                    j->s[j->i + 1] == 'u') {
                    unsigned lo;
                    if (hex4(j->s + j->i + 2, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        j->i += 6;
                    }
                }
                if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
                    cp = 0xFFFD;
                break;
            default: cp = (unsigned char)e; break;
            }
            if (out)
                put_cp(out, cp);
            continue;
        }
        if (out)
            lia_buf_add(out, &c, 1);
        j->i++;
    }
    return -1;
}

static int value(struct js *j, lia_buf *out, int depth)
{
    ws(j);
    if (j->i >= j->n || depth > 32)
        return -1;
    char c = j->s[j->i];
    if (c == '"')
        return string(j, out);
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        j->i++;
        ws(j);
        if (j->i < j->n && j->s[j->i] == close) {
            j->i++;
            return 0;
        }
        for (;;) {
            if (c == '{') {
                ws(j);
                if (string(j, NULL) != 0)
                    return -1;
                ws(j);
                if (j->i >= j->n || j->s[j->i] != ':')
                    return -1;
                j->i++;
            }
            if (value(j, NULL, depth + 1) != 0)
                return -1;
            ws(j);
            if (j->i >= j->n)
                return -1;
            if (j->s[j->i] == ',') {
                j->i++;
                continue;
            }
            if (j->s[j->i] == close) {
                j->i++;
                return 0;
            }
            return -1;
        }
    }
    size_t start = j->i;
    while (j->i < j->n && j->s[j->i] != ',' && j->s[j->i] != '}' && j->s[j->i] != ']' &&
           j->s[j->i] != ' ')
        j->i++;
    if (j->i == start)
        return -1;
    if (out)
        lia_buf_add(out, j->s + start, j->i - start);
    return 0;
}

int an_json_fields(const char *s, size_t n, char *const *names, int count, lia_buf *out, size_t *off,
                   size_t *len)
{
    struct js j = {s, n, 0};
    for (int k = 0; k < count; k++)
        off[k] = (size_t)-1, len[k] = 0;
    ws(&j);
    if (j.i >= n || s[j.i] != '{')
        return -1;
    j.i++;
    ws(&j);
    if (j.i < n && s[j.i] == '}')
        return 0;
    lia_buf key = LIA_BUF_INIT;
    int rc = -1;
    for (;;) {
        ws(&j);
        lia_buf_reset(&key);
        if (string(&j, &key) != 0)
            break;
        ws(&j);
        if (j.i >= n || s[j.i] != ':')
            break;
        j.i++;
        int want = -1;
        for (int k = 0; k < count && want < 0; k++)
            if (names[k] && off[k] == (size_t)-1 && strcmp(lia_buf_str(&key), names[k]) == 0)
                want = k;
        size_t before = out->len;
        if (value(&j, want >= 0 ? out : NULL, 0) != 0)
            break;
        if (want >= 0) {
            off[want] = before;
            len[want] = out->len - before;
            lia_buf_addc(out, '\0');
        }
        ws(&j);
        if (j.i < n && s[j.i] == ',') {
            j.i++;
            continue;
        }
        if (j.i < n && s[j.i] == '}')
            rc = 0;
        break;
    }
    lia_buf_free(&key);
    return rc;
}

/* One field is the many-field case with one name; the value is copied out without the
 * terminating NUL that an_json_fields adds. */
int an_json_get(const char *s, size_t n, const char *name, lia_buf *out)
{
    char *names[1] = {(char *)name}; /* an_json_fields only reads the names */
    size_t off, len;
    lia_buf tmp = LIA_BUF_INIT;
    int rc = an_json_fields(s, n, names, 1, &tmp, &off, &len);
    if (rc == 0 && off != (size_t)-1) {
        rc = 1;
        if (out)
            lia_buf_add(out, lia_buf_str(&tmp) + off, len);
    }
    lia_buf_free(&tmp);
    return rc;
}
