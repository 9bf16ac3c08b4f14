#!/usr/bin/env bash
# FreeTDS's own tools (tsql, bsqldb, freebcp in and out) against the TDS front
# over real TCP, with the fake engine (liaison-sim-fake): login and its
# errors, types including accented varchar/nvarchar, several result sets,
# errors, bulk copy in and out.  The password goes through a temporary
# freetds.conf-less environment where possible; freebcp and bsqldb only take
# -P, which is acceptable for a throwaway test login.
set -eu
sim="$LIA_BINARY_DIR/tests/sim/tds/liaison-sim-fake"
tmp=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; echo "--- server log" >&2; cat "$tmp/err" >&2; exit 1; }

"$sim" --listen 127.0.0.1:0 --data "$tmp/data" >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 50); do grep -q ready "$tmp/out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/^liaison-sim: ready on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/out")
[ -n "$port" ] || fail "no ready line"
export TDSVER=7.4 LANG=C.UTF-8
cat >"$tmp/freetds.conf" <<CONF
[sim]
    host = 127.0.0.1
    port = $port
    tds version = 7.4
    client charset = UTF-8
CONF
export FREETDSCONF="$tmp/freetds.conf"
pass=$(printf demo)

run_tsql() { printf '%s\ngo\n' "$@" | timeout 20 tsql -S sim -U liaison -P "$pass" 2>&1; }

# 1. Types through tsql, with each TDS version FreeTDS speaks.
for v in 7.1 7.2 7.3 7.4; do
    out=$(printf 'TYPES\ngo\n' | TDSVER=$v timeout 20 tsql -H 127.0.0.1 -p "$port" -U liaison -P "$pass" 2>&1)
    echo "$out" | grep -q 'Bijouterie Élégance – été €' || fail "TDS $v: accented varchar: $out"
    echo "$out" | grep -q 'Ça coûte 5 € – 日本' || fail "TDS $v: nvarchar: $out"
    echo "$out" | grep -q -- '-12345678901234.5678' || fail "TDS $v: decimal: $out"
    echo "$out" | grep -q '9007199254740993' || fail "TDS $v: bigint: $out"
    echo "$out" | grep -q 'Feb 29 2024 01:45PM\|2024-02-29' || fail "TDS $v: dates: $out"
done

# 2. Errors keep SQL Server's numbers; several result sets.
out=$(run_tsql "SELECT * FROM t LIMIT 5" "SELECT TWO" "USE BIJOU" "SELECT 1")
echo "$out" | grep -q 'Msg 102 (severity 15' || fail "LIMIT not rejected with 102: $out"
[ "$(echo "$out" | grep -c '^2$')" = 2 ] || fail "second result set: $out"

# 3. Wrong password and unknown database.
out=$(printf 'SELECT 1\ngo\n' | timeout 20 tsql -S sim -U liaison -P wrong 2>&1 || true)
echo "$out" | grep -q "Login failed for user 'liaison'" || fail "18456 text: $out"
out=$(printf 'SELECT 1\ngo\n' | timeout 20 tsql -S sim -U liaison -P "$pass" -D NOPE 2>&1 || true)
echo "$out" | grep -q 'Cannot open database "NOPE"\|4060' || fail "4060: $out"

# 4. bsqldb: a batch from stdin, big result in small packets.
out=$(printf 'ROWS 20000\ngo\n' | timeout 30 bsqldb -S sim -U liaison -P "$pass" 2>&1)
echo "$out" | grep -q 'ligne numéro 20000' || fail "bsqldb rows: $(echo "$out" | tail -3)"

# 5. freebcp out (queryout) and in (INSERT BULK + BULK LOAD).
timeout 30 freebcp "ROWS 50" queryout "$tmp/rows.txt" -c -S sim -U liaison -P "$pass" >"$tmp/bcpout" 2>&1 \
    || fail "freebcp out: $(cat "$tmp/bcpout")"
[ "$(wc -l <"$tmp/rows.txt")" = 50 ] || fail "freebcp out rows: $(wc -l <"$tmp/rows.txt")"
grep -q 'ligne numéro 50' "$tmp/rows.txt" || fail "freebcp out text"
printf '1\tÉté indien\t12.5\n2\tœuvre\t-3.25\n3\t\t0\n' >"$tmp/in.txt"
timeout 30 freebcp BULKT in "$tmp/in.txt" -c -S sim -U liaison -P "$pass" >"$tmp/bcpin" 2>&1 \
    || fail "freebcp in: $(cat "$tmp/bcpin")"
grep -q '3 rows copied' "$tmp/bcpin" || fail "freebcp in count: $(cat "$tmp/bcpin")"
out=$(run_tsql "BULKCOUNT")
echo "$out" | grep -q 'INSERT INTO BULKT (\[id\], \[nom\], \[montant\]) VALUES (@p1, @p2, @p3)|3|3|NULL|0.000000' \
    || fail "bulk rows reached the engine: $out"

# 6. Every connection was logged; the server stops cleanly on SIGTERM.
kill -TERM "$pid"
wait "$pid"; rc=$?
pid=""
[ "$rc" = 0 ] || fail "exit status $rc after SIGTERM"
grep -q "liaison-sim: connection .* user 'liaison' app 'TSQL'" "$tmp/err" || fail "no connection log line"
grep -q "liaison-sim: stopped" "$tmp/err" || fail "no clean stop"
# 7. Command line: help, usage errors (exit 2), an address already taken (10).
"$sim" --help | grep -q -- '--listen HOST:PORT' || fail "--help"
rc=0; "$sim" --bogus 2>/dev/null || rc=$?; [ "$rc" = 2 ] || fail "unknown option: exit $rc"
rc=0; "$sim" --listen nowhere --data "$tmp/d" 2>/dev/null || rc=$?; [ "$rc" = 2 ] || fail "bad address: exit $rc"
"$sim" --listen 127.0.0.1:0 --data "$tmp/data" >"$tmp/out2" 2>>"$tmp/err" &
pid=$!
for _ in $(seq 50); do grep -q ready "$tmp/out2" 2>/dev/null && break; sleep 0.1; done
port2=$(sed -n 's/^liaison-sim: ready on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/out2")
rc=0; "$sim" --listen "127.0.0.1:$port2" --data "$tmp/data" 2>"$tmp/err2" || rc=$?
[ "$rc" = 10 ] || fail "port in use: exit $rc"
grep -q "cannot listen on 127.0.0.1:$port2" "$tmp/err2" || fail "port in use message: $(cat "$tmp/err2")"
echo "tds_wire_freetds: ok"
