#!/usr/bin/env bash
# Engine fetch benchmark: N rows (default 500,000) of (int, varchar) from the
# simulator's TDS front over the fake engine of its tests (rows generated in
# memory), read
#   1. through Liaison's db layer, every column converted to text (lia_db_str);
#   2. reference, same run and same server: FreeTDS's bsqldb printing them to
#      /dev/null.
# Prints both times and the ratio engine / bsqldb.
# Usage: bench/engine_fetch.sh [N]   (build first: scripts/build build)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${LIA_BINARY_DIR:-$here/build}
n=${1:-500000}
fake="$build/tests/sim/tds/liaison-sim-fake"
prog="$build/tests/engine/bench_db_fetch"
[ -x "$fake" ] && [ -x "$prog" ] || { echo "engine_fetch: build first (scripts/build build)" >&2; exit 1; }
tmp=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
mkdir -p "$tmp/data"
"$fake" --listen 127.0.0.1:0 --data "$tmp/data" >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 300); do grep -q ready "$tmp/out" && break; sleep 0.1; done
port=$(sed -n 's/^liaison-sim: ready on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/out")
[ -n "$port" ] || { echo "engine_fetch: server did not start" >&2; exit 1; }
export LANG=C.UTF-8 TDSVER=7.4
calc() { awk "BEGIN { printf \"%.3f\", $1 }"; }

best_engine=""; best_ref=""
for run in 1 2 3; do
    read -r rows secs _ < <(LIA_BENCH_PASSWORD=demo "$prog" "$port" liaison BIJOU "ROWS $n")
    [ "$rows" = "$n" ] || { echo "engine_fetch: $rows rows instead of $n" >&2; exit 1; }
    t0=$(date +%s.%N)
    printf 'ROWS %s\ngo\n' "$n" | bsqldb -S "127.0.0.1:$port" -U liaison -P demo -q >/dev/null
    t1=$(date +%s.%N)
    ref=$(calc "$t1 - $t0")
    best_engine=$(awk -v a="$secs" -v b="${best_engine:-1e9}" 'BEGIN { print (a < b ? a : b) }')
    best_ref=$(awk -v a="$ref" -v b="${best_ref:-1e9}" 'BEGIN { print (a < b ? a : b) }')
done
echo "== engine fetch benchmark, $n rows (int, varchar), best of 3"
printf 'liaison db layer (lia_db_str on every column): %8.3f s  %9.0f rows/s\n' "$best_engine" "$(calc "$n / $best_engine")"
printf 'reference: bsqldb to /dev/null:                %8.3f s  %9.0f rows/s\n' "$best_ref" "$(calc "$n / $best_ref")"
printf 'ratio engine / bsqldb: %s\n' "$(calc "$best_engine / $best_ref")"
