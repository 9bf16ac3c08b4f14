#!/usr/bin/env bash
# The WSDL checked by a tool we did not write (xmllint): well-formed, its
# embedded XML Schema compiles, the sample messages validate against it and
# the broken ones are rejected.
set -eu
src=${LIA_SOURCE_DIR:?}
wsdl=$src/docs/wsdl/liaison-gescom-v1.wsdl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xmllint --noout --nonet "$wsdl"
xmllint --nonet --xpath '//*[local-name()="schema"]' "$wsdl" >"$tmp/schema.xsd"
n=0
for f in "$src"/tests/push/wsdl/*.xml; do
    xmllint --noout --nonet --schema "$tmp/schema.xsd" "$f" 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
    n=$((n + 1))
done
for f in "$src"/tests/push/wsdl/bad/*.xml; do
    if xmllint --noout --nonet --schema "$tmp/schema.xsd" "$f" 2>/dev/null; then
        echo "wsdl_check: $f should not validate" >&2
        exit 1
    fi
    n=$((n + 1))
done
# Every operation of the portType has a binding with the SOAPAction our client sends.
for op in Logon Logoff Ping CreateTiers UpdateTiers UpsertContact UpsertAdresse SubmitBatch; do
    grep -q "soapAction=\"urn:liaison:gescom:v1/$op\"" "$wsdl" || { echo "no binding for $op" >&2; exit 1; }
done
echo "wsdl_check: $n samples checked"
