#!/usr/bin/env bash
# The two outputs of one description agree: the demo company `small` (with
# defects) loaded directly into a data folder (sim_demo_build) and the same
# company built by running its emitted T-SQL script through bsqldb against a
# fresh liaison-sim give the same row count per table, the same CA per tiers
# (SUM over the documents, -ABS for credit invoices) - which is also the
# oracle's - and the same tiers rows.
set -eu
gen="$LIA_BINARY_DIR/sim/liaison-demo-gen"
sim="$LIA_BINARY_DIR/sim/liaison-sim"
tmp=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT
# DEMO_KEEP=1 keeps the temporary folder for debugging.
[ -n "${DEMO_KEEP:-}" ] && trap 'for p in "${pids[@]}"; do kill "$p"; done' EXIT
fail() { echo "FAIL: $*" >&2; for f in "$tmp"/err*; do tail -5 "$f" >&2; done; exit 1; }
export LANG=C.UTF-8
pass="Demo-$$"
umask 077
printf 'liaison %s owner\n' "$pass" > "$tmp/logins"
opts=(--scale small --seed 4 --defects --reference-date 2026-06-15)

# 1. Direct load, and the script of the same company.
"$gen" "${opts[@]}" --data "$tmp/direct" --manifest "$tmp/m.json" --oracle "$tmp/o.csv"
"$gen" "${opts[@]}" --emit-tsql "$tmp/demo.sql"

start() {  # start NAME DATA_DIR [ARGS]: a server on a free port, config section NAME
    local name=$1 dir=$2
    shift 2
    "$sim" --listen 127.0.0.1:0 --data "$dir" --logins "$tmp/logins" "$@" >"$tmp/out.$name" 2>"$tmp/err.$name" &
    pids+=($!)
    for _ in $(seq 300); do
        grep -q ready "$tmp/out.$name" 2>/dev/null && break
        kill -0 "${pids[-1]}" 2>/dev/null || fail "liaison-sim ($name) exited before it was ready"
        sleep 0.1
    done
    port=$(sed -n 's/^liaison-sim: ready on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/out.$name")
    [ -n "$port" ] || fail "no ready line from liaison-sim ($name)"
    printf '[%s]\n    host = 127.0.0.1\n    port = %s\n    tds version = 7.4\n    client charset = UTF-8\n' \
        "$name" "$port" >> "$tmp/freetds.conf"
}
export FREETDSCONF="$tmp/freetds.conf"
: > "$FREETDSCONF"
mkdir "$tmp/viasql"
# The engine also reads <data>/logins (sim_exec.h), whatever the front does with --logins.
cp "$tmp/logins" "$tmp/direct/logins"
cp "$tmp/logins" "$tmp/viasql/logins"
mkdir "$tmp/simdemo"
cp "$tmp/logins" "$tmp/simdemo/logins"
start direct "$tmp/direct"
start viasql "$tmp/viasql"
# liaison-sim --demo builds the same company (same seed, defects) itself.
start simdemo "$tmp/simdemo" --demo small --seed 4 --defects

# 2. The script through bsqldb (batches end at "go" lines).
sed 's/^GO$/go/' "$tmp/demo.sql" > "$tmp/demo.go.sql"
timeout 600 bsqldb -S viasql -U liaison -P "$pass" -i "$tmp/demo.go.sql" -o "$tmp/load.out" 2>"$tmp/err.load" \
    || fail "bsqldb could not run the script"
grep -qi "msg [0-9]*, level 1[1-9]" "$tmp/err.load" && fail "the script raised errors"

# 3. Same answers from both databases.
tables=$(ls "$LIA_SOURCE_DIR/sql/demo" | sed -n 's/^[0-9][0-9]_\(.*\)\.sql$/\1/p' | grep -v '^indexes$')
{
    echo "USE BIJOU"
    echo "go"
    sep=""
    for t in $tables; do
        printf "%sSELECT CAST('%s' AS varchar(30)) AS t, COUNT(*) AS n FROM [dbo].[%s]\n" "$sep" "$t" "$t"
        sep="UNION ALL "
    done
    echo "go"
    cat <<'SQL'
SELECT e.DO_Tiers,
       SUM(CASE WHEN e.DO_Provenance NOT IN (1, 2) AND e.DO_Date >= '2026-01-01T00:00:00'
                THEN l.DL_MontantHT
                WHEN e.DO_Date >= '2026-01-01T00:00:00' THEN -ABS(l.DL_MontantHT)
                ELSE 0 END) AS ca_n,
       SUM(CASE WHEN e.DO_Provenance NOT IN (1, 2) AND e.DO_Date < '2026-01-01T00:00:00'
                THEN l.DL_MontantHT
                WHEN e.DO_Date < '2026-01-01T00:00:00' THEN -ABS(l.DL_MontantHT)
                ELSE 0 END) AS ca_n1
FROM [dbo].[F_DOCENTETE] AS e
INNER JOIN [dbo].[F_DOCLIGNE] AS l
    ON l.DO_Domaine = e.DO_Domaine AND l.DO_Type = e.DO_Type AND l.DO_Piece = e.DO_Piece
WHERE e.DO_Domaine = 0 AND e.DO_Type IN (6, 7)
  AND e.DO_Date >= '2025-01-01T00:00:00' AND e.DO_Date < '2027-01-01T00:00:00'
GROUP BY e.DO_Tiers
ORDER BY e.DO_Tiers
go
SELECT CT_Num, CT_Intitule, CT_Type, CT_EMail, [Secteur d'activité], "Canal [web]", cbModification
FROM [dbo].[F_COMPTET]
ORDER BY cbMarq
go
SQL
} > "$tmp/q.sql"
for s in direct viasql; do
    timeout 120 bsqldb -S "$s" -U liaison -P "$pass" -t ';' -i "$tmp/q.sql" -o "$tmp/r.$s" 2>"$tmp/err.q.$s" \
        || fail "queries failed on $s"
done
[ -s "$tmp/r.direct" ] || fail "no answer from the direct load"
diff "$tmp/r.direct" "$tmp/r.viasql" > "$tmp/diff" || { head -20 "$tmp/diff" >&2; fail "direct load and script differ"; }
# Counts: every table of the description is there, F_DOCLIGNE in thousands.
grep -q "^F_DOCLIGNE;[0-9][0-9][0-9][0-9]" "$tmp/r.direct" || fail "F_DOCLIGNE count: $(grep F_DOCLIGNE "$tmp/r.direct")"
[ "$(grep -c "^[A-Za-z_]*;[0-9]*$" "$tmp/r.direct")" -ge "$(echo $tables | wc -w)" ] || fail "counts missing"

# liaison-sim --demo: the same tiers (its reference date is today: compare
# only what does not depend on it).
printf 'USE BIJOU\ngo\nSELECT CT_Num, CT_Intitule, CT_Type FROM [dbo].[F_COMPTET] ORDER BY cbMarq\ngo\n' > "$tmp/q2.sql"
for s in direct simdemo; do
    timeout 60 bsqldb -S "$s" -U liaison -P "$pass" -t ';' -i "$tmp/q2.sql" -o "$tmp/r2.$s" 2>/dev/null \
        || fail "query failed on $s"
done
[ "$(wc -l < "$tmp/r2.direct")" -ge 290 ] || fail "too few tiers"
cmp -s "$tmp/r2.direct" "$tmp/r2.simdemo" || fail "liaison-sim --demo small gave other tiers"

# 4. The CA from the database is the oracle's (rows with a non-zero CA).
python3 - "$tmp/r.direct" "$tmp/o.csv" <<'PY'
import sys
from decimal import Decimal
db = {}
for line in open(sys.argv[1], encoding="utf-8"):
    f = line.rstrip("\n").split(";")
    if len(f) == 3 and f[0] and f[1][:1] in "-0123456789" and "." in f[1]:
        db[f[0]] = (Decimal(f[1]), Decimal(f[2]))
ora = {}
for line in open(sys.argv[2], encoding="utf-8").read().splitlines()[1:]:
    n, a, b = line.split(";")
    if Decimal(a) or Decimal(b):
        ora[n] = (Decimal(a), Decimal(b))
if not ora:
    sys.exit("empty oracle")
bad = [(k, db.get(k), ora.get(k)) for k in set(db) | set(ora) if db.get(k, (0, 0)) != ora.get(k, (0, 0))]
if bad:
    sys.exit("CA differs from the oracle: %s" % bad[:5])
print("CA of %d tiers equals the oracle" % len(ora))
PY
echo ok
