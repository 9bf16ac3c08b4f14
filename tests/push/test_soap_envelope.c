/* The envelopes the client builds validate against the XML Schema of the
 * project's WSDL (libxml2's validator), and the hardened parser refuses
 * what it must even without the network in the way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "soap_internal.h"

static xmlSchemaPtr schema;

static int load_schema(void **state)
{
    (void)state;
    const char *src = getenv("LIA_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/docs/wsdl/liaison-gescom-v1.wsdl", src ? src : ".");
    xmlDocPtr wsdl = xmlReadFile(path, NULL, XML_PARSE_NONET);
    if (!wsdl)
        return -1;
    xmlXPathContextPtr xp = xmlXPathNewContext(wsdl);
    xmlXPathRegisterNs(xp, BAD_CAST "xs", BAD_CAST "http://www.w3.org/2001/XMLSchema");
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST "//xs:schema", xp);
    if (!o || !o->nodesetval || o->nodesetval->nodeNr != 1)
        return -1;
    xmlDocPtr sd = xmlNewDoc(BAD_CAST "1.0");
    xmlDocSetRootElement(sd, xmlDocCopyNode(o->nodesetval->nodeTab[0], sd, 1));
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewDocParserCtxt(sd);
    schema = xmlSchemaParse(pc);
    xmlSchemaFreeParserCtxt(pc);
    xmlFreeDoc(sd);
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(xp);
    xmlFreeDoc(wsdl);
    return schema ? 0 : -1;
}

static int free_schema(void **state)
{
    (void)state;
    xmlSchemaFree(schema);
    return 0;
}

/* Validates the element under Body (and the session header when present). */
static int validate_envelope(const char *xml, size_t len, int want_session)
{
    xmlDocPtr doc;
    lia_error err;
    lia_error_clear(&err);
    if (lia_soap_xml_parse(xml, len, &doc, &err) != LIA_OK)
        return -1;
    xmlXPathContextPtr xp = lia_soap_xml_xpath(doc);
    int rc = 0;
    const char *paths[] = {"/s:Envelope/s:Body/*", "/s:Envelope/s:Header/l:SessionHeader"};
    for (int i = 0; i < (want_session ? 2 : 1); i++) {
        xmlNodePtr n = lia_soap_xml_node(xp, NULL, paths[i]);
        if (!n) {
            rc = -1;
            break;
        }
        xmlDocPtr one = xmlNewDoc(BAD_CAST "1.0");
        xmlDocSetRootElement(one, xmlDocCopyNode(n, one, 1));
        xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
        if (xmlSchemaValidateDoc(vc, one) != 0)
            rc = -1;
        xmlSchemaFreeValidCtxt(vc);
        xmlFreeDoc(one);
    }
    xmlXPathFreeContext(xp);
    xmlFreeDoc(doc);
    return rc;
}

static const lia_soap_field tiers[] = {
    {"CT_Num", "<AUTOERP>"}, {"CT_Intitule", "Dupont & Fils"}, {"CT_Type", "0"},
    {"CT_Ville", "Lyon"}, {"N_CatTarif", "1"}, {"CT_Langue", "1"},
};
static const lia_soap_field contact[] = {{"CT_Nom", "Martin"}, {"CT_EMail", "a@b.fr"}};
static const lia_soap_field adresse[] = {{"LI_Intitule", "Siège 2"}, {"LI_Ville", "Lyon"}};

static void writes_validate(void **state)
{
    (void)state;
    lia_soap_write ws[] = {
        {LIA_SOAP_CREATE_TIERS, "r1", NULL, NULL, NULL, tiers, 6},
        {LIA_SOAP_UPDATE_TIERS, "r2", "CLI001", "7", NULL, tiers + 1, 2},
        {LIA_SOAP_UPSERT_CONTACT, "r3", "CLI001", NULL, "4", contact, 2},
        {LIA_SOAP_UPSERT_ADRESSE, "r4", "CLI001", NULL, NULL, adresse, 2},
    };
    for (size_t i = 0; i < sizeof ws / sizeof ws[0]; i++) {
        lia_soap_env e;
        lia_error err;
        lia_error_clear(&err);
        assert_int_equal(lia_soap_env_begin(&e, "SESSION-1"), 0);
        assert_int_equal(lia_soap_env_write(&e, &ws[i], &err), LIA_OK);
        assert_int_equal(lia_soap_env_end(&e), 0);
        if (validate_envelope((const char *)e.buf->content, e.buf->use, 1) != 0)
            fail_msg("%s does not validate:\n%s", lia_soap_op_name(ws[i].op), e.buf->content);
        lia_soap_env_free(&e);
    }
}

static void logon_and_batch_validate(void **state)
{
    (void)state;
    lia_soap_env e;
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_soap_env_begin(&e, NULL), 0);
    lia_soap_env_start(&e, "Logon");
    lia_soap_env_elem(&e, "user", "liaison");
    lia_soap_env_elem(&e, "password", "p<&>w");
    lia_soap_env_elem(&e, "company", "BIJOU");
    lia_soap_env_stop(&e);
    assert_int_equal(lia_soap_env_end(&e), 0);
    assert_int_equal(validate_envelope((const char *)e.buf->content, e.buf->use, 0), 0);
    assert_non_null(strstr((const char *)e.buf->content, "p&lt;&amp;&gt;w"));
    lia_soap_env_free(&e);

    assert_int_equal(lia_soap_env_begin(&e, "S"), 0);
    lia_soap_env_start(&e, "SubmitBatch");
    lia_soap_env_elem(&e, "batchId", "b1");
    lia_soap_env_elem(&e, "mode", "continueOnError");
    lia_soap_env_start(&e, "items");
    lia_soap_write w1 = {LIA_SOAP_CREATE_TIERS, "r1", NULL, NULL, NULL, tiers, 6};
    lia_soap_write w2 = {LIA_SOAP_UPSERT_ADRESSE, "r2", "CLI1", NULL, "2", adresse, 2};
    assert_int_equal(lia_soap_env_write(&e, &w1, &err), LIA_OK);
    assert_int_equal(lia_soap_env_write(&e, &w2, &err), LIA_OK);
    lia_soap_env_stop(&e);
    lia_soap_env_stop(&e);
    assert_int_equal(lia_soap_env_end(&e), 0);
    assert_int_equal(validate_envelope((const char *)e.buf->content, e.buf->use, 1), 0);
    lia_soap_env_free(&e);
}

static void unknown_field_does_not_validate(void **state)
{
    (void)state;
    /* The schema is strict: a field the contract does not know is caught
     * (by the service); this guards the schema against becoming lax. */
    const lia_soap_field odd[] = {{"CT_Bogus", "x"}};
    lia_soap_write w = {LIA_SOAP_CREATE_TIERS, "r1", NULL, NULL, NULL, odd, 1};
    lia_soap_env e;
    lia_error err;
    lia_error_clear(&err);
    assert_int_equal(lia_soap_env_begin(&e, "S"), 0);
    assert_int_equal(lia_soap_env_write(&e, &w, &err), LIA_OK);
    assert_int_equal(lia_soap_env_end(&e), 0);
    assert_int_equal(validate_envelope((const char *)e.buf->content, e.buf->use, 1), -1);
    lia_soap_env_free(&e);
}

static void parser_refusals(void **state)
{
    (void)state;
    static const char *bad[] = {
        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e SYSTEM \"http://127.0.0.1:1/x\">]><a>&e;</a>",
        "<?xml version=\"1.0\"?><!DOCTYPE a SYSTEM \"http://127.0.0.1:1/a.dtd\"><a/>",
        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><a/>",
        "<a><b></a>",
        "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        xmlDocPtr doc = NULL;
        lia_error err;
        lia_error_clear(&err);
        assert_int_equal(lia_soap_xml_parse(bad[i], strlen(bad[i]), &doc, &err), LIA_E_XML);
        assert_null(doc);
    }
    const char *ok = "<a xmlns=\"urn:x\">&amp;&#233;</a>";
    xmlDocPtr doc = NULL;
    lia_error err;
    assert_int_equal(lia_soap_xml_parse(ok, strlen(ok), &doc, &err), LIA_OK);
    xmlFreeDoc(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(writes_validate),
        cmocka_unit_test(logon_and_batch_validate),
        cmocka_unit_test(unknown_field_does_not_validate),
        cmocka_unit_test(parser_refusals),
    };
    return cmocka_run_group_tests(tests, load_schema, free_schema);
}
