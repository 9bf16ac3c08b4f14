/* Hardened parsing of service responses and namespace-aware queries.
 *
 * A response comes from the network, so it is hostile until proven
 * otherwise: a DOCTYPE is refused the moment the parser sees it (before any
 * entity declaration is read), which rules out external entities (XXE),
 * entity expansion (billion laughs) and DTD loading at once; the parser has
 * no network access and keeps libxml2's default size limits (no XML_PARSE_HUGE). */
#include "soap_internal.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xpathInternals.h>
#include <string.h>

typedef struct parse_state {
    int doctype;                /* a DOCTYPE was seen: refused */
} parse_state;

static void refuse_subset(void *ctx, const xmlChar *name, const xmlChar *ext_id,
                          const xmlChar *sys_id)
{
    (void)name, (void)ext_id, (void)sys_id;
    xmlParserCtxtPtr p = ctx;
    ((parse_state *)p->_private)->doctype = 1;
    xmlStopParser(p);
}

static void refuse_entity(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                          const xmlChar *system_id, xmlChar *content)
{
    (void)name, (void)type, (void)public_id, (void)system_id, (void)content;
    xmlParserCtxtPtr p = ctx;
    ((parse_state *)p->_private)->doctype = 1;
    xmlStopParser(p);
}

/* libxml2 prints errors on stderr by default; the caller reports them. */
static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx, (void)msg;
}

lia_code lia_soap_xml_parse(const char *data, size_t len, xmlDocPtr *out, lia_error *err)
{
    *out = NULL;
    if (len == 0)
        return lia_fail(err, LIA_E_XML, "%s", lia_tr("réponse vide", "empty response"));
    if (len > (size_t)0x7fffffff)
        return lia_fail(err, LIA_E_XML, "%s", lia_tr("réponse trop volumineuse", "response too large"));
    /* xmlCreateMemoryParserCtxt + xmlParseDocument: unlike xmlCtxtReadMemory
     * nothing resets the context, so the SAX hooks below stay in place. */
    xmlParserCtxtPtr p = xmlCreateMemoryParserCtxt(data, (int)len);
    if (!p)
        return lia_fail(err, LIA_E_NOMEM, "libxml2");
    /* No XML_PARSE_NOENT (no substitution), no DTDLOAD/DTDATTR/DTDVALID, no HUGE. */
    xmlCtxtUseOptions(p, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                             XML_PARSE_NOCDATA);
    parse_state st = {0};
    p->_private = &st;
    p->sax->internalSubset = refuse_subset;
    p->sax->externalSubset = refuse_subset;
    p->sax->entityDecl = refuse_entity;
    p->sax->error = quiet;
    p->sax->warning = quiet;
    p->vctxt.error = quiet;
    p->vctxt.warning = quiet;
    xmlParseDocument(p);
    xmlDocPtr doc = p->myDoc;
    p->myDoc = NULL;
    int well_formed = p->wellFormed;
    char reason[200] = "";
    const xmlError *xe = xmlCtxtGetLastError(p);
    if (xe && xe->message) {
        snprintf(reason, sizeof reason, "%s", xe->message);
        size_t n = strlen(reason);
        while (n && (reason[n - 1] == '\n' || reason[n - 1] == ' '))
            reason[--n] = '\0';
    }
    if (xe)
        snprintf(reason + strlen(reason), sizeof reason - strlen(reason), " (%s %d)",
                 lia_tr("ligne", "line"), xe->line);
    xmlFreeParserCtxt(p);
    if (st.doctype || (doc && (doc->intSubset || doc->extSubset))) {
        xmlFreeDoc(doc);
        lia_fail(err, LIA_E_XML, "%s",
                 lia_tr("DOCTYPE refusé (DTD et entités interdites)",
                        "DOCTYPE refused (DTD and entities forbidden)"));
        lia_error_detail(err, "%s", lia_tr("réponse refusée : protection XXE / expansion d'entités",
                                           "response refused: XXE / entity expansion protection"));
        return LIA_E_XML;
    }
    if (!doc || !well_formed) {
        xmlFreeDoc(doc);
        lia_fail(err, LIA_E_XML, "%s", lia_tr("XML mal formé", "malformed XML"));
        lia_error_detail(err, "%s", reason);
        return LIA_E_XML;
    }
    *out = doc;
    return LIA_OK;
}

xmlXPathContextPtr lia_soap_xml_xpath(xmlDocPtr doc)
{
    xmlXPathContextPtr xp = xmlXPathNewContext(doc);
    if (!xp)
        return NULL;
    if (xmlXPathRegisterNs(xp, BAD_CAST "s", BAD_CAST LIA_SOAP_ENV_NS) != 0 ||
        xmlXPathRegisterNs(xp, BAD_CAST "l", BAD_CAST LIA_SOAP_NS) != 0) {
        xmlXPathFreeContext(xp);
        return NULL;
    }
    return xp;
}

xmlNodePtr lia_soap_xml_node(xmlXPathContextPtr xp, xmlNodePtr ctx, const char *expr)
{
    if (!xp)
        return NULL;
    xp->node = ctx ? ctx : xmlDocGetRootElement(xp->doc);
    xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, xp);
    xmlNodePtr n = NULL;
    if (r && r->type == XPATH_NODESET && r->nodesetval && r->nodesetval->nodeNr > 0)
        n = r->nodesetval->nodeTab[0];
    xmlXPathFreeObject(r);
    return n;
}

int lia_soap_xml_text(xmlXPathContextPtr xp, xmlNodePtr ctx, const char *expr, char *out,
                      size_t size)
{
    if (size)
        out[0] = '\0';
    xmlNodePtr n = lia_soap_xml_node(xp, ctx, expr);
    if (!n)
        return 0;
    xmlChar *t = xmlNodeGetContent(n);
    if (t && size)
        snprintf(out, size, "%s", (const char *)t);
    xmlFree(t);
    return 1;
}
