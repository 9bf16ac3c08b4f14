#!/usr/bin/env bash
# tedious (Node.js TDS client, not FreeTDS) against the TDS front with the
# fake engine; see tedious_types.js.
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
SIM_PORT=$port SIM_PASSWORD=demo NODE_PATH="$mods" timeout 60 node "$(dirname "$0")/tedious_types.js" \
    || { echo "--- server log" >&2; cat "$tmp/err" >&2; exit 1; }
