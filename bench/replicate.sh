#!/usr/bin/env bash
# Replication benchmark on the demo company (issue 7), against liaison-sim
# with `--demo small` and `--demo large`, all measured in the same run:
#  1. full run on the large company vs the raw transfer of the same rows by
#     freebcp (the same per-tiers query and the free-field columns out of
#     GesCom, the same rows into the CRM staging tables) — target <= 1.5x;
#  2. incremental run after 1 % of the tiers changed vs the full run — < 10 %;
#  3. peak memory (max RSS) of the full runs, small vs large — bounded.
# Usage: bench/replicate.sh [BUILD_DIR] [small|large]
# LIA_BENCH_CACHE=DIR keeps the built demo companies in DIR/<scale> and
# reuses them next time (the large one takes ~100 s to build); each run
# works on a copy.  Prints figures and ratios; writes nothing else.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
scale=${2:-large}
LIAISON=$build/liaison
SIM=$build/sim/liaison-sim
CACHE=${LIA_BENCH_CACHE:-}
WORK=$(mktemp -d)
trap 'sim_stop; rm -rf "$WORK"' EXIT
. "$here/tests/sqlext/simlib.sh"
export LIA_SIM_PW=demo LIAISON_SQL_DIR=$here/sql LIAISON_LANG=en
export FREETDSCONF="$WORK/freetds.conf"
REF=$(date +%Y-%m-%d)
printf 'liaison demo owner\nlecteur demo reader\n' > "$WORK/logins"

now_ms() { date +%s%3N; }
# run_timed PREFIX CMD...: wall ms in ${PREFIX}_ms, max RSS kB in ${PREFIX}_kb, output in $WORK/out.
run_timed() {
    local p=$1; shift
    local t0 t1
    t0=$(now_ms)
    /usr/bin/time -f "%M" -o "$WORK/rss" "$@" > "$WORK/out" 2>&1 || { cat "$WORK/out"; return 1; }
    t1=$(now_ms)
    eval "${p}_ms=$((t1 - t0))"
    eval "${p}_kb=$(tail -1 "$WORK/rss")"
}
q() { bsqldb -S sim -U liaison -P "$LIA_SIM_PW" -D "$1" -q -t $'\t' <<<"$2"; }
bcp() { freebcp "$@" -S sim -U liaison -P "$LIA_SIM_PW" -c >> "$WORK/bcp.out" 2>&1 \
    || { cat "$WORK/bcp.out"; return 1; }; }

# start_demo SCALE: the demo company in $WORK/data-SCALE (from the cache when there).
start_demo() {
    sim_stop
    SIM_PORT=
    local data=$WORK/data-$1 t0
    if [ -n "$CACHE" ] && [ -f "$CACHE/$1/BIJOU.sqlite" ]; then
        cp -r "$CACHE/$1" "$data"
        sim_start "$data" --logins "$WORK/logins"
        echo "$1: demo company reused from $CACHE/$1"
    else
        local dir=$data
        [ -n "$CACHE" ] && { mkdir -p "$CACHE"; dir=$CACHE/$1; rm -rf "$dir"; }
        t0=$(now_ms)
        sim_start "$dir" --demo "$1"
        echo "$1: demo company built in $(( $(now_ms) - t0 )) ms"
        if [ -n "$CACHE" ]; then
            sim_stop
            cp -r "$dir" "$data"
            sim_start "$data" --logins "$WORK/logins"
        fi
    fi
    printf '[sim]\nhost = 127.0.0.1\nport = %s\ntds version = 7.4\nclient charset = UTF-8\n' "$SIM_PORT" > "$FREETDSCONF"
    write_config "$WORK/liaison.ini" bench BIJOU "include_dormant = yes"
    (cd "$WORK" && "$LIAISON" install -c liaison.ini >/dev/null)
    echo "$1: $(q BIJOU "SELECT COUNT(*) FROM F_COMPTET") tiers, $(q BIJOU "SELECT COUNT(*) FROM F_DOCLIGNE") document lines"
}
REPLICATE=("$LIAISON" replicate -c "$WORK/liaison.ini" --once --no-progress --reference-date "$REF")

start_demo small
run_timed full "${REPLICATE[@]}" --full
small_kb=$full_kb
echo "small: full run ${full_ms} ms, max RSS ${full_kb} kB ($(tail -1 "$WORK/out"))"

start_demo "$scale"
run_timed full "${REPLICATE[@]}" --full
echo "$scale: full run ${full_ms} ms, max RSS ${full_kb} kB ($(tail -1 "$WORK/out"))"

# Reference: freebcp moves the same rows.  Tiers: the same query, with the
# key set the run stages (every tiers) written inline, plus the integration
# id column of the staging table.  Free fields: the columns the run reads out,
# and the same (tiers, field, value) rows in; the unpivot between the two is
# not timed (Liaison does it while streaming).
python3 - "$here/sql/replicate/gescom_tiers.sql" "$REF" > "$WORK/tiers.sql" <<'PY'
import sys, re
text = open(sys.argv[1]).read()
text = "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("--"))
text = text.replace("#lia_tiers AS k", "(SELECT x.CT_Num FROM dbo.F_COMPTET AS x) AS k")
text = re.sub(r"SELECT\s+t\.CT_Num,", "SELECT 999 AS IntegrationId, t.CT_Num,", text, count=1)
y = int(sys.argv[2][:4])
# Calendar-year bounds: the same volume of lines as the fiscal window.
vals = {"@Clients": "1", "@Fournisseurs": "1", "@Prospects": "1", "@Sommeil": "1",
        "@DebN": f"'{y}-01-01'", "@FinNx": f"'{y+1}-01-01'", "@DebN1": f"'{y-1}-01-01'", "@FinN1x": f"'{y}-01-01'"}
for k, v in vals.items():
    text = re.sub(re.escape(k) + r"\b", v, text)
print(" ".join(text.replace(";", "").split()))
PY
grep -v '^\s*--' "$here/sql/replicate/gescom_defs.sql" > "$WORK/defs.sql"
bsqldb -S sim -U liaison -P "$LIA_SIM_PW" -D BIJOU -q -t $'\t' -i "$WORK/defs.sql" \
    | awk -F'\t' '$7 + 0 == 1 { gsub(/^ +| +$/, "", $1); gsub(/^ +| +$/, "", $2); gsub(/^ +| +$/, "", $6); print $1 "\t" $2 "\t" $6 }' > "$WORK/defs.tsv"
python3 - "$here/sql/replicate/gescom_values.sql" "$WORK/defs.tsv" > "$WORK/values.sql" <<'PY2'
import sys, re
text = open(sys.argv[1]).read()
cols = "".join(", t.[%s]" % l.rstrip("\n").split("\t")[2].replace("]", "]]") for l in open(sys.argv[2], encoding="utf-8"))
text = re.sub(r"--\s*liaison:columns-begin.*?--\s*liaison:columns-end", cols, text, flags=re.S)
text = "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("--"))
for k, v in {"@Clients": "1", "@Fournisseurs": "1", "@Prospects": "1", "@Sommeil": "1", "@Since": "NULL"}.items():
    text = re.sub(re.escape(k) + r"\b", v, text)
print(" ".join(text.replace(";", "").split()))
PY2
: > "$WORK/bcp.out"
t0=$(now_ms)
bcp "$(cat "$WORK/tiers.sql")" queryout "$WORK/tiers.bcp" -D BIJOU
bcp "liaison.StageTiers" in "$WORK/tiers.bcp" -D LIAISON_CRM
t1=$(now_ms)
bcp "$(cat "$WORK/values.sql")" queryout "$WORK/values.bcp" -D BIJOU
t2=$(now_ms)
python3 - "$WORK/defs.tsv" "$WORK/values.bcp" > "$WORK/values_long.bcp" <<'PY'
import sys
defs = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")]
for line in open(sys.argv[2], encoding="utf-8", errors="replace"):
    f = line.rstrip("\n").split("\t")
    for (src, name, _), v in zip(defs, f[1:]):
        print(f"999\t{f[0]}\t{src}\t{name}\t{v}")
PY
t3=$(now_ms)
bcp "liaison.StageValeur" in "$WORK/values_long.bcp" -D LIAISON_CRM
t4=$(now_ms)
ref_ms=$(( (t1 - t0) + (t2 - t1) + (t4 - t3) ))
ntiers=$(q LIAISON_CRM "SELECT COUNT(*) FROM liaison.StageTiers WHERE IntegrationId = 999" | tr -d ' ')
nvals=$(q LIAISON_CRM "SELECT COUNT(*) FROM liaison.StageValeur WHERE IntegrationId = 999" | tr -d ' ')
q LIAISON_CRM "DELETE FROM liaison.StageTiers WHERE IntegrationId = 999; DELETE FROM liaison.StageValeur WHERE IntegrationId = 999" >/dev/null
echo "freebcp: tiers out+in $((t1 - t0)) ms ($ntiers rows), values out $((t2 - t1)) ms + in $((t4 - t3)) ms ($nvals rows); total ${ref_ms} ms"

# Incremental, nothing changed, then after 1 % of the tiers changed (their
# card: credit limit + 1, change pointer one minute after the highest one,
# as GesCom would stamp a later edit).
run_timed idle "${REPLICATE[@]}"
check() { grep "RUN.*END" "$WORK/journal.log" | tail -1 | grep -o "deletion_check=[a-z-]*"; }
echo "incremental, nothing changed: ${idle_ms} ms ($(tail -1 "$WORK/out"); $(check))"
q BIJOU "DECLARE @m smalldatetime = (SELECT MAX(x.m) FROM (SELECT MAX(cbModification) AS m FROM F_COMPTET UNION ALL SELECT MAX(cbModification) FROM F_DOCENTETE UNION ALL SELECT MAX(cbModification) FROM F_DOCLIGNE UNION ALL SELECT MAX(cbModification) FROM F_REGLEMENTT) AS x);
UPDATE F_COMPTET SET CT_Encours = CT_Encours + 1, cbModification = DATEADD(minute, 1, @m) WHERE cbMarq % 100 = 0" >/dev/null
run_timed inc "${REPLICATE[@]}"
echo "incremental after 1 % of the tiers changed: ${inc_ms} ms ($(tail -1 "$WORK/out"); $(check))"

python3 - "$full_ms" "$ref_ms" "$inc_ms" "$idle_ms" "$small_kb" "$full_kb" <<'PY'
import sys
full, ref, inc, idle, skb, lkb = map(int, sys.argv[1:])
print(f"full / freebcp            = {full / max(ref, 1):.2f}  (target <= 1.5)")
print(f"incremental 1 % / full    = {inc / max(full, 1):.3f} (target < 0.10)")
print(f"incremental idle / full   = {idle / max(full, 1):.3f}")
print(f"max RSS large / small     = {lkb / max(skb, 1):.2f}  ({skb} kB -> {lkb} kB; bounded when ~1)")
PY
