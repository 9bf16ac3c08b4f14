#!/usr/bin/env bash
# Simulator fetch benchmark: N rows (default 1,000,000) through bsqldb.
#   1. protocol only: liaison-sim's TDS front over the fake engine of the tests
#      (rows generated in memory) - the cost of encoding and sending rows;
#   2. full simulator: a table of N rows loaded with freebcp (INSERT BULK),
#      then "SELECT n, label, amount, day FROM dbo.R" through bsqldb;
#   3. reference, same run: the sqlite3 shell reading the same table from the
#      simulator's SQLite file into /dev/null.
# Server memory is the peak resident size (VmHWM) of a server started fresh
# for the fetch, for N/2 rows and for N rows: bounded means both are alike.
# Usage: bench/sim_fetch.sh [N]   (build first: scripts/build build)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${LIA_BINARY_DIR:-$here/build}
n=${1:-1000000}
fake="$build/tests/sim/tds/liaison-sim-fake"
sim="$build/sim/liaison-sim"
tmp=$(mktemp -d)
pid=""
stop() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; pid=""; fi; }
trap 'stop; rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 TDSVER=7.4
pass="bench-$$"
umask 077
printf 'bench %s owner\n' "$pass" >"$tmp/logins"

start() {  # start BINARY: sets pid and port
    : >"$tmp/out"
    "$1" --listen 127.0.0.1:0 --data "$tmp/data" --logins "$tmp/logins" >"$tmp/out" 2>>"$tmp/err" &
    pid=$!
    for _ in $(seq 300); do grep -q ready "$tmp/out" && break; sleep 0.1; done
    port=$(sed -n 's/^liaison-sim: ready on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/out")
    [ -n "$port" ] || { echo "sim_fetch: server did not start" >&2; cat "$tmp/err" >&2; exit 1; }
}
hwm() { awk '/VmHWM/ {print $2}' "/proc/$pid/status"; }
now() { date +%s.%N; }
# fetch USER SQL EXPECTED: runs the query through bsqldb, prints seconds.
fetch() {
    local t0 t1 rows
    t0=$(now)
    rows=$(printf '%s\ngo\n' "$2" | bsqldb -S "127.0.0.1:$port" -U "$1" -P "${fetch_pass:-$pass}" -q 2>"$tmp/bsqldb.err" | wc -l)
    t1=$(now)
    [ "$rows" -ge "$3" ] || { echo "sim_fetch: $rows rows instead of $3" >&2; cat "$tmp/bsqldb.err" "$tmp/err" >&2; exit 1; }
    calc "$t1 - $t0"
}
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }
rate() { calc "$1 / $2" | cut -d. -f1; }

echo "== simulator fetch benchmark, $n rows, TDS 7.4, packet 4096"
mkdir -p "$tmp/data"
if [ -x "$fake" ]; then
    start "$fake"
    s=$(fetch_pass=demo fetch liaison "ROWS $n" "$n")
    printf 'protocol only (fake engine): %8.2f s  %9s rows/s  server VmHWM %s kB\n' "$s" "$(rate "$n" "$s")" "$(hwm)"
    proto=$s
    stop
fi

[ -x "$sim" ] || { echo "sim_fetch: $sim not built"; exit 0; }
start "$sim"
printf 'CREATE DATABASE BENCH\ngo\nUSE BENCH\ngo\nCREATE TABLE dbo.R (n int NOT NULL, label varchar(40) NULL, amount decimal(18, 4) NULL, day datetime NULL)\ngo\n' \
    | bsqldb -S "127.0.0.1:$port" -U bench -P "$pass" -q >/dev/null
awk -v n="$n" 'BEGIN { for (i = 1; i <= n; i++) printf "%d\tligne élève %d\t%d.2500\t2024-%02d-%02d 10:30:00\n", i, i, i % 100000, i % 12 + 1, i % 28 + 1 }' >"$tmp/rows.txt"
t0=$(now)
freebcp BENCH.dbo.R in "$tmp/rows.txt" -c -b 1000000000 -S "127.0.0.1:$port" -U bench -P "$pass" >"$tmp/bcp" 2>&1 \
    || { cat "$tmp/bcp" >&2; exit 1; }
t1=$(now)
s=$(calc "$t1 - $t0")
printf 'bulk load (freebcp in):      %8.2f s  %9s rows/s\n' "$s" "$(rate "$n" "$s")"
stop

q="SELECT n, label, amount, day FROM dbo.R"
start "$sim"
small=$((n / 2))
s=$(fetch bench "USE BENCH
SELECT TOP ($small) n, label, amount, day FROM dbo.R" "$small")
hwm_small=$(hwm)
stop
start "$sim"
s=$(fetch bench "USE BENCH
$q" "$n")
hwm_full=$(hwm)
stop
full=$s
printf 'full simulator (bsqldb):     %8.2f s  %9s rows/s  server VmHWM %s kB (%s kB for %s rows)\n' \
    "$s" "$(rate "$n" "$s")" "$hwm_full" "$hwm_small" "$small"

db=$(find "$tmp/data" -maxdepth 2 -type f -iname '*bench*' | head -1)
if [ -n "$db" ] && command -v sqlite3 >/dev/null; then
    t0=$(now)
    sqlite3 "$db" "SELECT n, label, amount, day FROM R" >/dev/null 2>&1 || sqlite3 "$db" "SELECT * FROM R" >/dev/null
    t1=$(now)
    ref=$(calc "$t1 - $t0")
    printf 'reference (sqlite3 shell):   %8.2f s  %9s rows/s\n' "$ref" "$(rate "$n" "$ref")"
    printf 'ratio full simulator / sqlite3 shell: %.2f x the time\n' "$(calc "$full / $ref")"
fi
[ -n "${proto:-}" ] && printf 'ratio full simulator / protocol only: %.2f x the time\n' "$(calc "$full / $proto")"
printf 'memory ratio N / (N/2) rows: %.2f (1.0 = bounded)\n' "$(calc "$hwm_full / $hwm_small")"
