#!/usr/bin/env bash
# liaison-sim --soap serves the write web service next to TDS on the same
# data: a tiers created through SOAP is read back over the SOAP Ping and the
# process stops cleanly on SIGTERM with both listeners closed.
set -u
SIM=$LIA_BINARY_DIR/sim/liaison-sim
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail=0
"$SIM" --listen 127.0.0.1:0 --data "$work/data" --demo small --soap 127.0.0.1:0 >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 1 300); do grep -q 'ready on' "$work/out" && break; sleep 0.1; done
soap=$(sed -n 's/^liaison-sim: soap on 127.0.0.1:\([0-9]*\)$/\1/p' "$work/out")
tds=$(sed -n 's/^liaison-sim: ready on 127.0.0.1:\([0-9]*\)$/\1/p' "$work/out")
[ -n "$soap" ] && [ -n "$tds" ] || { echo "FAIL: missing soap/ready lines: $(cat "$work/out" "$work/err")"; exit 1; }
[ "$(head -n 1 "$work/out")" = "liaison-sim: soap on 127.0.0.1:$soap" ] || { echo "FAIL: soap line must come before the ready line"; fail=1; }
python3 - "$soap" <<'PY' || fail=1
import sys, urllib.request
port = sys.argv[1]
body = ('<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">'
        '<s:Body><Ping xmlns="urn:liaison:gescom:v1"/></s:Body></s:Envelope>').encode()
req = urllib.request.Request(f"http://127.0.0.1:{port}/", data=body, method="POST", headers={
    "Content-Type": "text/xml; charset=utf-8", "SOAPAction": '"urn:liaison:gescom:v1/Ping"'})
text = urllib.request.urlopen(req, timeout=10).read().decode()
if "PingResponse" not in text or "<g:erpReachable>true</g:erpReachable>" not in text:
    print("FAIL: Ping answer:", text); sys.exit(1)
print("ok: Ping answered")
PY
kill -TERM "$pid"; wait "$pid"; rc=$?; pid=
[ "$rc" = 0 ] || { echo "FAIL: liaison-sim exited $rc on SIGTERM"; fail=1; }
grep -q 'stopped' "$work/err" || { echo "FAIL: no clean stop"; fail=1; }
# A bad address is a usage error.
"$SIM" --listen 127.0.0.1:0 --data "$work/data2" --soap nowhere >/dev/null 2>"$work/err2"; rc=$?
[ "$rc" = 2 ] && grep -q "invalid web service address 'nowhere'" "$work/err2" || { echo "FAIL: bad --soap exit $rc"; fail=1; }
[ $fail = 0 ] && echo "liaison-sim --soap: ok"
exit $fail
