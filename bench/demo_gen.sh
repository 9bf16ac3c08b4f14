#!/usr/bin/env bash
# Demo company generation benchmark (scale large by default):
#   1. oracles only: the generator with a writer that drops the rows
#      (manifest + CA oracle) - the cost of drawing the company;
#   2. T-SQL emission: the same company as a script file (time, size);
#   3. direct load into a simulator data folder (when liaison-demo-gen was
#      built with the T-SQL engine): time, size of the SQLite file;
#   reference, same run: copying the emitted script (cat > file), i.e. the
#   raw cost of writing that many bytes on this disk.
# Prints counts, times, sizes and ratios to the reference.
# Usage: bench/demo_gen.sh [small|large] [seed]   (build first: scripts/build build)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${LIA_BINARY_DIR:-$here/build}
gen="$build/sim/liaison-demo-gen"
scale=${1:-large}
seed=${2:-1}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/demo-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
ref_date=2026-06-15
now() { date +%s.%N; }
secs() { python3 -c "print('%.2f' % ($2 - $1))"; }
ratio() { python3 -c "print('%.1f' % ($1 / max($2, 0.001)))"; }
common=(--scale "$scale" --seed "$seed" --defects --reference-date "$ref_date")

t0=$(now)
"$gen" "${common[@]}" --manifest "$tmp/m.json" --oracle "$tmp/o.csv"
t1=$(now)
"$gen" "${common[@]}" --emit-tsql "$tmp/demo.sql"
t2=$(now)
cat "$tmp/demo.sql" > "$tmp/copy.sql"
t3=$(now)
rm -f "$tmp/copy.sql"
gen_s=$(secs "$t0" "$t1"); tsql_s=$(secs "$t1" "$t2"); ref_s=$(secs "$t2" "$t3")
size=$(stat -c %s "$tmp/demo.sql")
tiers=$(($(wc -l < "$tmp/o.csv") - 1))
lines=$(grep -c '^INSERT INTO \[dbo\]\.\[F_DOCLIGNE\]' "$tmp/demo.sql" || true)
echo "scale $scale, seed $seed: customers in the oracle $tiers, F_DOCLIGNE INSERT statements $lines (<= 1000 rows each)"
echo "oracles only       ${gen_s} s"
echo "T-SQL emission     ${tsql_s} s, $((size / 1048576)) MiB"
echo "reference: copy    ${ref_s} s (same bytes)"
echo "ratio emission / copy: $(ratio "$tsql_s" "$ref_s")"
rm -f "$tmp/demo.sql"
t4=$(now)
if "$gen" "${common[@]}" --data "$tmp/data" 2>"$tmp/err"; then
    t5=$(now)
    dsize=$(du -sb "$tmp/data" | cut -f1)
    load_s=$(secs "$t4" "$t5")
    echo "direct load        ${load_s} s, data folder $((dsize / 1048576)) MiB"
    echo "ratio load / emission: $(ratio "$load_s" "$tsql_s")"
else
    echo "direct load        not run: $(cat "$tmp/err")"
fi
