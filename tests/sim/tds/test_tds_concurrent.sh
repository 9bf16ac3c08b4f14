#!/usr/bin/env bash
# 50 concurrent clients and hostile connections against the TDS front with
# the fake engine (see concurrent_clients.js); every hostile connection must
# be logged with its reason.
set -eu
mods="$LIA_SOURCE_DIR/tests/conformance/node_modules"
[ -d "$mods/tedious" ] || { echo "tedious is not installed: run scripts/bootstrap" >&2; exit 1; }
tmp=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
"$LIA_BINARY_DIR/tests/sim/tds/liaison-sim-fake" --listen 127.0.0.1:0 --data "$tmp/data" >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 50); do grep -q ready "$tmp/out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/^liaison-sim: ready on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/out")
[ -n "$port" ] || { echo "no ready line" >&2; cat "$tmp/err" >&2; exit 1; }
SIM_PORT=$port SIM_PASSWORD=demo SIM_QUERY="ROWS 2000" SIM_EXPECT=2000 NODE_PATH="$mods" \
    timeout 120 node "$(dirname "$0")/concurrent_clients.js" || { cat "$tmp/err" >&2; exit 1; }
kill -0 "$pid" || { echo "server died" >&2; exit 1; }
grep -q "dropped: packet length 4 below the header size" "$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
grep -q "dropped: .*LOGIN7" "$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
[ "$(grep -c "app 'Tedious'.*closed" "$tmp/err")" -ge 51 ] || { cat "$tmp/err" >&2; exit 1; }
echo "tds_concurrent: ok"
