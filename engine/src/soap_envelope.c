/* SOAP 1.1 request envelopes, written with libxml2's xmlTextWriter so every
 * text value is escaped by the library, never by hand.  Body elements are in
 * the contract's namespace under the prefix l (declared once, on Envelope). */
#include "soap_internal.h"

#include <string.h>

int lia_soap_name_ok(const char *s)
{
    if (!s || !*s || strlen(s) > 64)
        return 0;
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_'))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
              (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

/* Strict UTF-8 decoder limited to the XML 1.0 Char production. */
int lia_soap_text_ok(const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    while (*s) {
        unsigned c = *s;
        unsigned cp;
        int n;
        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                return 0;
            s++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            cp = c & 0x1F, n = 1;
        } else if ((c & 0xF0) == 0xE0) {
            cp = c & 0x0F, n = 2;
        } else if ((c & 0xF8) == 0xF0) {
            cp = c & 0x07, n = 3;
        } else {
            return 0;
        }
        for (int i = 1; i <= n; i++) {
            if ((s[i] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i] & 0x3F);
        }
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
            return 0;
        s += n + 1;
    }
    return 1;
}

int lia_soap_env_begin(lia_soap_env *e, const char *session)
{
    memset(e, 0, sizeof *e);
    e->buf = xmlBufferCreate();
    e->w = e->buf ? xmlNewTextWriterMemory(e->buf, 0) : NULL;
    if (!e->w) {
        e->bad = 1;
        return -1;
    }
    if (xmlTextWriterStartDocument(e->w, "1.0", "UTF-8", NULL) < 0 ||
        xmlTextWriterStartElementNS(e->w, BAD_CAST "soap", BAD_CAST "Envelope",
                                    BAD_CAST LIA_SOAP_ENV_NS) < 0 ||
        xmlTextWriterWriteAttribute(e->w, BAD_CAST "xmlns:l", BAD_CAST LIA_SOAP_NS) < 0)
        e->bad = 1;
    if (session && *session) {
        if (xmlTextWriterStartElementNS(e->w, BAD_CAST "soap", BAD_CAST "Header", NULL) < 0)
            e->bad = 1;
        lia_soap_env_start(e, "SessionHeader");
        lia_soap_env_elem(e, "sessionId", session);
        lia_soap_env_stop(e);
        if (xmlTextWriterEndElement(e->w) < 0)
            e->bad = 1;
    }
    if (xmlTextWriterStartElementNS(e->w, BAD_CAST "soap", BAD_CAST "Body", NULL) < 0)
        e->bad = 1;
    return e->bad ? -1 : 0;
}

void lia_soap_env_start(lia_soap_env *e, const char *name)
{
    if (xmlTextWriterStartElementNS(e->w, BAD_CAST "l", BAD_CAST name, NULL) < 0)
        e->bad = 1;
}

void lia_soap_env_stop(lia_soap_env *e)
{
    if (xmlTextWriterEndElement(e->w) < 0)
        e->bad = 1;
}

void lia_soap_env_elem(lia_soap_env *e, const char *name, const char *text)
{
    if (!text)
        return;
    if (xmlTextWriterWriteElementNS(e->w, BAD_CAST "l", BAD_CAST name, NULL, BAD_CAST text) < 0)
        e->bad = 1;
}

const char *lia_soap_op_name(lia_soap_op op)
{
    switch (op) {
    case LIA_SOAP_CREATE_TIERS: return "CreateTiers";
    case LIA_SOAP_UPDATE_TIERS: return "UpdateTiers";
    case LIA_SOAP_UPSERT_CONTACT: return "UpsertContact";
    case LIA_SOAP_UPSERT_ADRESSE: return "UpsertAdresse";
    }
    return "?";
}

static lia_code check_text(const char *what, const char *v, lia_error *err)
{
    if (v && !lia_soap_text_ok(v))
        return lia_fail(err, LIA_E_ENCODING, "%s", what);
    return LIA_OK;
}

lia_code lia_soap_env_write(lia_soap_env *e, const lia_soap_write *w, lia_error *err)
{
    const char *op = lia_soap_op_name(w->op);
    if (!w->request_id || !*w->request_id)
        return lia_fail(err, LIA_E_USAGE, "%s: requestId", op);
    if (w->op != LIA_SOAP_CREATE_TIERS && (!w->ct_num || !*w->ct_num))
        return lia_fail(err, LIA_E_USAGE, "%s: CT_Num", op);
    lia_code rc;
    if ((rc = check_text("requestId", w->request_id, err)) ||
        (rc = check_text("CT_Num", w->ct_num, err)) ||
        (rc = check_text("rowVersion", w->row_version, err)) ||
        (rc = check_text("sub_no", w->sub_no, err)))
        return rc;
    for (size_t i = 0; i < w->nfields; i++) {
        if (!lia_soap_name_ok(w->fields[i].name))
            return lia_fail(err, LIA_E_USAGE, "%s: %s", lia_tr("nom de champ invalide", "invalid field name"),
                            w->fields[i].name ? w->fields[i].name : "(null)");
        if ((rc = check_text(w->fields[i].name, w->fields[i].value, err)))
            return rc;
    }
    const char *entity = "tiers", *sub = NULL;
    if (w->op == LIA_SOAP_UPSERT_CONTACT)
        entity = "contact", sub = "CT_No";
    else if (w->op == LIA_SOAP_UPSERT_ADRESSE)
        entity = "adresse", sub = "LI_No";
    lia_soap_env_start(e, op);
    lia_soap_env_elem(e, "requestId", w->request_id);
    if (w->op != LIA_SOAP_CREATE_TIERS)
        lia_soap_env_elem(e, "CT_Num", w->ct_num);
    if (w->op == LIA_SOAP_UPDATE_TIERS && w->row_version && *w->row_version)
        lia_soap_env_elem(e, "rowVersion", w->row_version);
    lia_soap_env_start(e, entity);
    if (sub && w->sub_no && *w->sub_no)
        lia_soap_env_elem(e, sub, w->sub_no);
    for (size_t i = 0; i < w->nfields; i++)
        if (w->fields[i].value && !(sub && strcmp(w->fields[i].name, sub) == 0))
            lia_soap_env_elem(e, w->fields[i].name, w->fields[i].value);
    lia_soap_env_stop(e);
    lia_soap_env_stop(e);
    if (e->bad)
        return lia_fail(err, LIA_E_NOMEM, "%s", op);
    return LIA_OK;
}

int lia_soap_env_end(lia_soap_env *e)
{
    if (e->bad || xmlTextWriterEndDocument(e->w) < 0 || xmlTextWriterFlush(e->w) < 0)
        e->bad = 1;
    return e->bad ? -1 : 0;
}

void lia_soap_env_free(lia_soap_env *e)
{
    if (e->w)
        xmlFreeTextWriter(e->w);
    if (e->buf)
        xmlBufferFree(e->buf);
    memset(e, 0, sizeof *e);
}
