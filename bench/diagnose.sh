#!/usr/bin/env bash
# Benchmark of `liaison diagnose`: all checks on the demo company served by
# the simulator, against running the same T-SQL files through FreeTDS's
# bsqldb in the same run (the raw cost of the queries).  Prints both times
# and the ratio; target: Liaison adds under 10 % (ratio < 1.10).
# Usage: bench/diagnose.sh [BUILD_DIR] [small|large] [ROUNDS]
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
scale=${2:-large}
rounds=${3:-3}
LIAISON=$build/liaison
SIM=$build/sim/liaison-sim
for b in "$LIAISON" "$SIM"; do
    [ -x "$b" ] || { echo "diagnose bench: '$b' not built" >&2; exit 1; }
done
work=$(mktemp -d)
sim_pid=
trap '[ -n "$sim_pid" ] && kill -TERM $sim_pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
mkdir "$work/data"
t0=$(date +%s.%N)
"$SIM" --listen 127.0.0.1:0 --data "$work/data" --demo "$scale" --defects > "$work/out" 2>"$work/err" &
sim_pid=$!
for _ in $(seq 1 6000); do
    grep -q "ready on" "$work/out" 2>/dev/null && break
    kill -0 $sim_pid 2>/dev/null || { echo "simulator failed:"; cat "$work/err"; exit 1; }
    sleep 0.1
done
port=$(sed -n 's/.*ready on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/out")
t1=$(date +%s.%N)
printf 'demo company %s ready in %.1f s (port %s)\n' "$scale" "$(echo "$t1 - $t0" | bc)" "$port"
DB=BIJOU CRM=LIAISON_CRM USER=liaison PASS=demo
today=$(date +%Y-%m-%d)

# The raw queries: every catalogue file with its parameters declared, the
# per-field step of two-step checks expanded the way liaison does it.
prelude="DECLARE @RefDate datetime; SET @RefDate = '$today'; DECLARE @BackupDays int; SET @BackupDays = 7;
DECLARE @CrmDatabase nvarchar(128); SET @CrmDatabase = N'$CRM';"
: > "$work/all.sql"
fields=$(printf 'SET NOCOUNT ON\n%s\nGO\n' "$(cat "$src/sql/diagnostics/D052_info_libre_champs_table.sql")" > "$work/f.sql";
         bsqldb -S "127.0.0.1:$port" -U $USER -P $PASS -D $DB -i "$work/f.sql" -q -t '|' 2>/dev/null)
for f in "$src"/sql/diagnostics/D*.sql; do
    case $f in *D052_info_libre_valeurs.sql) continue ;; esac
    printf '%s\n%s\nGO\n' "$prelude" "$(cat "$f")" >> "$work/all.sql"
done
while IFS='|' read -r name pos; do
    [ -n "$name" ] || continue
    col="[${name//]/]]}]"
    body=$(sed "s/\[__COLUMN__\]/$(printf '%s' "$col" | sed 's/[&/\]/\\&/g')/g" \
           "$src/sql/diagnostics/D052_info_libre_valeurs.sql")
    printf 'DECLARE @FieldPos int; SET @FieldPos = %s;\n%s\nGO\n' "${pos// /}" "$body" >> "$work/all.sql"
done <<<"$fields"

best() { sort -n | head -1; }
raw=() lia=()
for r in $(seq 1 "$rounds"); do
    a=$(date +%s.%N)
    bsqldb -S "127.0.0.1:$port" -U $USER -P $PASS -D $DB -i "$work/all.sql" > "$work/raw.out" 2>/dev/null
    b=$(date +%s.%N)
    LIAISON_PASSWORD=$PASS "$LIAISON" diagnose --server "127.0.0.1:$port" --database $DB --user $USER \
        --crm-database $CRM --format json --max-keys 0 --no-progress --no-journal > "$work/lia.json"
    c=$(date +%s.%N)
    raw+=("$(echo "$b - $a" | bc)")
    lia+=("$(echo "$c - $b" | bc)")
done
r=$(printf '%s\n' "${raw[@]}" | best)
l=$(printf '%s\n' "${lia[@]}" | best)
rows=$(grep -c . "$work/raw.out")
findings=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(x["count"] for x in d["results"]))' "$work/lia.json")
printf 'scale=%s rounds=%s raw_rows=%s liaison_keys=%s\n' "$scale" "$rounds" "$rows" "$findings"
printf 'bsqldb (raw SQL files)  best %.3f s\n' "$r"
printf 'liaison diagnose        best %.3f s\n' "$l"
printf 'ratio liaison/bsqldb    %.3f\n' "$(echo "$l / $r" | bc -l)"
