#!/usr/bin/env bash
# Replication benchmark on the demo company (issue 7), against liaison-sim:
#  1. full run vs the raw transfer of the same rows by freebcp (out of GesCom
#     with the same per-tiers query, into the CRM staging table) — target <= 1.5x;
#  2. incremental run after 1 % of the tiers changed vs the full run — target < 10 %;
#  3. peak memory (max RSS) of full runs on small and large — must not grow with tiers.
# Usage: bench/replicate.sh [BUILD_DIR] [small|large]   (prints ratios; writes nothing else)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
scale=${2:-large}
LIAISON=$build/liaison
SIM=$build/sim/liaison-sim
WORK=$(mktemp -d)
trap 'sim_stop; rm -rf "$WORK"' EXIT
. "$here/tests/sqlext/simlib.sh"
export LIA_SIM_PW=demo LIAISON_SQL_DIR=$here/sql
REF=$(date +%Y-%m-%d)

now_ms() { date +%s%3N; }
# run_timed OUTVAR-PREFIX CMD...: wall ms in ${prefix}_ms, max RSS kB in ${prefix}_kb.
run_timed() {
    local p=$1; shift
    local t0 t1
    t0=$(now_ms)
    /usr/bin/time -f "%M" -o "$WORK/rss" "$@" > "$WORK/out" 2>&1 || { cat "$WORK/out"; return 1; }
    t1=$(now_ms)
    eval "${p}_ms=$((t1 - t0))"
    eval "${p}_kb=$(tail -1 "$WORK/rss")"
}

bench_scale() { # scale
    sim_stop
    SIM_PORT=
    sim_start "$WORK/data-$1" --demo "$1"
    cat > "$WORK/freetds.conf" <<CONF
[sim]
host = 127.0.0.1
port = $SIM_PORT
tds version = 7.4
client charset = UTF-8
CONF
    export FREETDSCONF="$WORK/freetds.conf"
    write_config "$WORK/liaison.ini" bench BIJOU
    (cd "$WORK" && "$LIAISON" install >/dev/null)
    run_timed full "$LIAISON" -c "$WORK/liaison.ini" replicate --once --full --no-progress --reference-date "$REF"
    echo "$1: full run ${full_ms} ms, max RSS ${full_kb} kB ($(grep -o 'lus [0-9]*' "$WORK/out"))"
}

bench_scale small
small_kb=$full_kb
bench_scale "$scale"

# Reference: the same per-tiers rows through freebcp, out of GesCom then into the CRM.
python3 - "$here/sql/replicate/gescom_tiers.sql" "$REF" > "$WORK/query.sql" <<'PY'
import sys, re
text = open(sys.argv[1]).read()
text = "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("--"))
y = int(sys.argv[2][:4])
# Calendar-like bounds are enough for a transfer-volume reference.
vals = {"@Since": "NULL", "@Clients": "1", "@Fournisseurs": "1", "@Prospects": "1", "@Sommeil": "1",
        "@DebN": f"'{y}-01-01'", "@FinNx": f"'{y+1}-01-01'", "@DebN1": f"'{y-1}-01-01'", "@FinN1x": f"'{y}-01-01'"}
for k, v in vals.items():
    text = re.sub(re.escape(k) + r"\b", v, text)
print(" ".join(text.replace(";", "").split()))
PY
t0=$(now_ms)
freebcp "$(cat "$WORK/query.sql")" queryout "$WORK/tiers.bcp" -S sim -U liaison -P "$LIA_SIM_PW" -D BIJOU -c > "$WORK/bcp.out" 2>&1
freebcp "liaison.StageTiers" in "$WORK/tiers.bcp" -S sim -U liaison -P "$LIA_SIM_PW" -D LIAISON_CRM -c >> "$WORK/bcp.out" 2>&1 || true
t1=$(now_ms)
ref_ms=$((t1 - t0))
bsqldb -S sim -U liaison -P "$LIA_SIM_PW" -D LIAISON_CRM -q <<<"DELETE FROM liaison.StageTiers" >/dev/null 2>&1 || true
echo "freebcp out+in of the same rows: ${ref_ms} ms"

# Incremental after 1 % of the tiers changed.
bsqldb -S sim -U liaison -P "$LIA_SIM_PW" -D BIJOU -q <<<"UPDATE F_COMPTET SET cbModification = CONVERT(smalldatetime, GETDATE()) WHERE cbMarq % 100 = 0" >/dev/null
run_timed inc "$LIAISON" -c "$WORK/liaison.ini" replicate --once --no-progress --reference-date "$REF"
echo "incremental after 1 % changed: ${inc_ms} ms"

python3 - "$full_ms" "$ref_ms" "$inc_ms" "$small_kb" "$full_kb" <<'PY'
import sys
full, ref, inc, skb, lkb = map(int, sys.argv[1:])
print(f"full / freebcp      = {full / max(ref, 1):.2f}  (target <= 1.5)")
print(f"incremental / full  = {inc / max(full, 1):.3f} (target < 0.10)")
print(f"max RSS large/small = {lkb / max(skb, 1):.2f}  ({skb} kB -> {lkb} kB; bounded when ~1)")
PY
