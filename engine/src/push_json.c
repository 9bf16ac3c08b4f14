/* Outbox payloads: one flat JSON object (RFC 8259 strings, numbers,
 * true/false/null).  Nested values are refused: a payload maps one record. */
#include "liaison/push.h"
#include "liaison/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct cur {
    const char *p;
    char *why;
    size_t size;
} cur;

static int bad(cur *c, const char *fr, const char *en)
{
    snprintf(c->why, c->size, "%s", lia_tr(fr, en));
    return -1;
}

static void ws(cur *c)
{
    while (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')
        c->p++;
}

static int hex4(const char *p, unsigned *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char h = p[i];
        *v <<= 4;
        if (h >= '0' && h <= '9') *v |= (unsigned)(h - '0');
        else if (h >= 'a' && h <= 'f') *v |= (unsigned)(h - 'a' + 10);
        else if (h >= 'A' && h <= 'F') *v |= (unsigned)(h - 'A' + 10);
        else return -1;
    }
    return 0;
}

static void put_utf8(lia_buf *b, unsigned cp)
{
    if (cp < 0x80) {
        lia_buf_addc(b, (char)cp);
    } else if (cp < 0x800) {
        lia_buf_addc(b, (char)(0xC0 | (cp >> 6)));
        lia_buf_addc(b, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        lia_buf_addc(b, (char)(0xE0 | (cp >> 12)));
        lia_buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
        lia_buf_addc(b, (char)(0x80 | (cp & 0x3F)));
    } else {
        lia_buf_addc(b, (char)(0xF0 | (cp >> 18)));
        lia_buf_addc(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
        lia_buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
        lia_buf_addc(b, (char)(0x80 | (cp & 0x3F)));
    }
}

static int string(cur *c, lia_buf *out)
{
    if (*c->p != '"')
        return bad(c, "chaîne attendue", "string expected");
    c->p++;
    for (;;) {
        unsigned char ch = (unsigned char)*c->p;
        if (ch == '\0')
            return bad(c, "chaîne non terminée", "unterminated string");
        if (ch < 0x20)
            return bad(c, "caractère de contrôle dans une chaîne", "control character in a string");
        c->p++;
        if (ch == '"')
            return out->oom ? -1 : 0;
        if (ch != '\\') {
            lia_buf_addc(out, (char)ch);
            continue;
        }
        char e = *c->p++;
        unsigned cp;
        switch (e) {
        case '"': lia_buf_addc(out, '"'); break;
        case '\\': lia_buf_addc(out, '\\'); break;
        case '/': lia_buf_addc(out, '/'); break;
        case 'b': lia_buf_addc(out, '\b'); break;
        case 'f': lia_buf_addc(out, '\f'); break;
        case 'n': lia_buf_addc(out, '\n'); break;
        case 'r': lia_buf_addc(out, '\r'); break;
        case 't': lia_buf_addc(out, '\t'); break;
        case 'u':
            if (hex4(c->p, &cp) != 0)
                return bad(c, "échappement \\u invalide", "invalid \\u escape");
            c->p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned lo;
                if (c->p[0] != '\\' || c->p[1] != 'u' || hex4(c->p + 2, &lo) != 0 || lo < 0xDC00 ||
                    lo > 0xDFFF)
                    return bad(c, "paire de substitution invalide", "invalid surrogate pair");
                c->p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return bad(c, "paire de substitution invalide", "invalid surrogate pair");
            }
            put_utf8(out, cp);
            break;
        default:
            return bad(c, "échappement invalide", "invalid escape");
        }
    }
}

int lia_push_json_parse(const char *json, lia_push_record *out, char *why, size_t size)
{
    cur c = {json ? json : "", why, size};
    lia_buf k = LIA_BUF_INIT, v = LIA_BUF_INIT;
    int rc = -1;
    ws(&c);
    if (*c.p != '{') {
        bad(&c, "objet JSON attendu", "JSON object expected");
        goto out;
    }
    c.p++;
    ws(&c);
    if (*c.p == '}') {
        c.p++;
        goto tail;
    }
    for (;;) {
        lia_buf_reset(&k);
        lia_buf_reset(&v);
        ws(&c);
        if (string(&c, &k) != 0)
            goto out;
        ws(&c);
        if (*c.p++ != ':') {
            bad(&c, "':' attendu", "':' expected");
            goto out;
        }
        ws(&c);
        int skip = 0;
        if (*c.p == '"') {
            if (string(&c, &v) != 0)
                goto out;
        } else if (!strncmp(c.p, "null", 4)) {
            c.p += 4, skip = 1;
        } else if (!strncmp(c.p, "true", 4)) {
            c.p += 4, lia_buf_adds(&v, "1");
        } else if (!strncmp(c.p, "false", 5)) {
            c.p += 5, lia_buf_adds(&v, "0");
        } else if (*c.p == '-' || (*c.p >= '0' && *c.p <= '9')) {
            const char *s = c.p;
            char *end;
            strtod(s, &end);
            if (end == s) {
                bad(&c, "nombre invalide", "invalid number");
                goto out;
            }
            lia_buf_add(&v, s, (size_t)(end - s));
            c.p = end;
        } else {
            bad(&c, "valeur simple attendue (pas d'objet ni de tableau)",
                "plain value expected (no object or array)");
            goto out;
        }
        if (!skip) {
            if (lia_push_get(out, lia_buf_str(&k))) {
                bad(&c, "clé en double", "duplicate key");
                goto out;
            }
            if (lia_push_set(out, lia_buf_str(&k), lia_buf_str(&v)) != 0) {
                bad(&c, "trop de champs", "too many fields");
                goto out;
            }
        }
        ws(&c);
        if (*c.p == ',') {
            c.p++;
            continue;
        }
        if (*c.p == '}') {
            c.p++;
            break;
        }
        bad(&c, "',' ou '}' attendu", "',' or '}' expected");
        goto out;
    }
tail:
    ws(&c);
    if (*c.p) {
        bad(&c, "texte après l'objet", "text after the object");
        goto out;
    }
    rc = 0;
out:
    lia_buf_free(&k);
    lia_buf_free(&v);
    return rc;
}
