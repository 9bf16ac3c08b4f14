#!/usr/bin/env bash
# `liaison check` against a server that is not there: a closed port fails at
# once, a listener that never answers fails after the login timeout, a server
# that logs in but never answers a query fails after the query timeout, one
# that drops the connection is reported as lost; all with a clear message,
# exit 4 and a journal run that says ECHEC.  The time bound
# is only a guard against hanging, far above the configured timeout.
set -u
work=$(mktemp -d)
listener=
stub=
cleanup() {
    [ -n "$listener" ] && kill "$listener" 2>/dev/null
    [ -n "$stub" ] && kill "$stub" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
fail=0

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

printf 'not-the-password\n' > "$work/gescom.pw"
chmod 600 "$work/gescom.pw"
write_config() { # PORT
    cat > "$work/liaison.ini" <<INI
[gescom]
server = 127.0.0.1
port = $1
database = BIJOU
user = liaison
password_file = gescom.pw
login_timeout = 2
query_timeout = 2
[journal]
path = $work/journal
INI
}

run_check() { # NAME WANT-PATTERN
    local start end out rc
    start=$(date +%s)
    out=$(cd "$work" && timeout 60 "$LIAISON" check 2>&1); rc=$?
    end=$(date +%s)
    if [ "$rc" != 4 ]; then echo "FAIL $1: exit $rc, want 4"; echo "$out"; fail=1; return; fi
    if ! grep -q -- "$2" <<<"$out"; then echo "FAIL $1: output lacks '$2'"; echo "$out"; fail=1; return; fi
    if ! grep -q "^liaison: " <<<"$out"; then echo "FAIL $1: no 'liaison:' error line"; echo "$out"; fail=1; return; fi
    if [ $((end - start)) -gt 20 ]; then echo "FAIL $1: took $((end - start)) s"; fail=1; return; fi
    if ! tail -n 1 "$work/journal" | grep -q $'\tRUN\tEND\t.*\tECHEC\t'; then
        echo "FAIL $1: journal does not end the run with ECHEC"; cat "$work/journal"; fail=1; return
    fi
    echo "ok: $1 ($((end - start)) s)"
}

# 1. Nothing listens on the port.
write_config "$(free_port)"
run_check "closed port" "connexion au serveur impossible '127.0.0.1:"

# 2. A listener that accepts TCP connections but never says a word.
python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
print(s.getsockname()[1], flush=True)
time.sleep(120)
' > "$work/port" &
listener=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
write_config "$(cat "$work/port")"
run_check "silent listener" "délai dépassé '127.0.0.1:"

# 3. and 4. A server that completes the login, then stalls or hangs up.
start_stub() { # MODE
    [ -n "$stub" ] && kill "$stub" 2>/dev/null
    rm -f "$work/stub.port"
    python3 "$LIA_SOURCE_DIR/tests/engine/tds_stub.py" "$1" > "$work/stub.port" &
    stub=$!
    for _ in $(seq 50); do [ -s "$work/stub.port" ] && break; sleep 0.1; done
    write_config "$(cat "$work/stub.port")"
}
stub_unit() { # MODE: the db layer's own test against the stub
    if "$LIA_BINARY_DIR/tests/engine/test_db_stub" "$1" "$(cat "$work/stub.port")" > "$work/stub.log" 2>&1; then
        echo "ok: test_db_stub $1"
    else
        echo "FAIL: test_db_stub $1"; cat "$work/stub.log"; fail=1
    fi
}
start_stub stall
run_check "query timeout" "délai dépassé 'engine/server_info.sql'.*query_timeout = 2 s"
stub_unit stall
start_stub drop
run_check "connection lost" "connexion au serveur perdue 'engine/server_info.sql'"
stub_unit drop
write_config "$(cat "$work/port")"

# 5. Killed while it waits for the server: Liaison's private FreeTDS file
#    (host, port, encryption) is not left behind in TMPDIR.
mkdir -p "$work/tmp"
(cd "$work" && TMPDIR=$work/tmp exec "$LIAISON" check >/dev/null 2>&1) &
victim=$!
sleep 1
kill -9 "$victim" 2>/dev/null; wait "$victim" 2>/dev/null
if [ -z "$(ls -A "$work/tmp")" ]; then
    echo "ok: nothing left in TMPDIR after SIGKILL"
else
    echo "FAIL: left in TMPDIR after SIGKILL: $(ls -A "$work/tmp")"; fail=1
fi

# 6. English on request, and the JSON report says which check failed.
out=$(cd "$work" && LIAISON_LANG=en timeout 60 "$LIAISON" check --format json 2>/dev/null); rc=$?
if [ "$rc" = 4 ] && grep -q '"id":"connect","status":"missing"' <<<"$out" && grep -q '"error":"LIA_E_TIMEOUT"' <<<"$out" &&
   python3 -m json.tool <<<"$out" > /dev/null; then
    echo "ok: json report"
else
    echo "FAIL json report (exit $rc)"; echo "$out"; fail=1
fi
exit $fail
