#!/usr/bin/env bash
# The demo generator: deterministic output, a manifest and a CA oracle that
# an independent re-reading of the emitted T-SQL confirms (with and without
# defects, calendar and offset fiscal years), clear errors on bad options.
set -eu
gen="$LIA_BINARY_DIR/sim/liaison-demo-gen"
check="$LIA_SOURCE_DIR/tests/sim/demo/demo_check.py"
schema="$LIA_SOURCE_DIR/sql/demo"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Same seed, same company; another seed, another company.
"$gen" --emit-tsql "$tmp/a.sql" --defects --seed 11 --reference-date 2026-06-15 \
    --manifest "$tmp/a.json" --oracle "$tmp/a.csv"
"$gen" --emit-tsql "$tmp/b.sql" --defects --seed 11 --reference-date 2026-06-15 \
    --manifest "$tmp/b.json" --oracle "$tmp/b.csv"
cmp -s "$tmp/a.sql" "$tmp/b.sql" || fail "same seed gave two scripts"
cmp -s "$tmp/a.json" "$tmp/b.json" || fail "same seed gave two manifests"
cmp -s "$tmp/a.csv" "$tmp/b.csv" || fail "same seed gave two oracles"
"$gen" --emit-tsql "$tmp/c.sql" --defects --seed 12 --reference-date 2026-06-15
cmp -s "$tmp/a.sql" "$tmp/c.sql" && fail "two seeds gave the same script"

# The manifest and the oracle match what the script really contains.
python3 "$check" "$tmp/a.sql" "$tmp/a.json" "$tmp/a.csv" - "$schema" || fail "defects, calendar years"
grep -q '"check":"D001"' "$tmp/a.json" || fail "manifest without D001"
for v in "" "--offset-fiscal-year"; do
    for ref in 2026-02-10 2025-11-30; do
        "$gen" --emit-tsql "$tmp/d.sql" $v --seed 5 --reference-date $ref \
            --manifest "$tmp/d.json" --oracle "$tmp/d.csv"
        grep -q '"defects":\[\]' "$tmp/d.json" || fail "clean company has defects ($v $ref)"
        python3 "$check" "$tmp/d.sql" "$tmp/d.json" "$tmp/d.csv" - "$schema" || fail "clean $v $ref"
    done
done
"$gen" --emit-tsql "$tmp/e.sql" --defects --offset-fiscal-year --seed 9 --reference-date 2026-10-01 \
    --manifest "$tmp/e.json" --oracle "$tmp/e.csv"
python3 "$check" "$tmp/e.sql" "$tmp/e.json" "$tmp/e.csv" - "$schema" || fail "defects, offset years"

# Oracles alone are the same as with the script.
"$gen" --defects --seed 11 --reference-date 2026-06-15 --manifest "$tmp/f.json" --oracle "$tmp/f.csv"
cmp -s "$tmp/a.json" "$tmp/f.json" && cmp -s "$tmp/a.csv" "$tmp/f.csv" || fail "oracles alone differ"

# Bad options: one message, documented exit codes, nothing written.
set +e
"$gen" --scale huge --emit-tsql "$tmp/x.sql" 2>"$tmp/err"; rc=$?
set -e
[ $rc -eq 8 ] && grep -q "unknown scale 'huge'" "$tmp/err" || fail "bad scale: rc $rc $(cat "$tmp/err")"
[ ! -e "$tmp/x.sql" ] && [ ! -e "$tmp/x.sql.tmp" ] || fail "file written on error"
set +e
"$gen" --reference-date 2026-02-30 --oracle "$tmp/x.csv" 2>"$tmp/err"; rc=$?
set -e
[ $rc -eq 8 ] && grep -q "invalid reference date '2026-02-30'" "$tmp/err" || fail "bad date: rc $rc"
set +e
"$gen" --seed x 2>"$tmp/err"; rc=$?
set -e
[ $rc -eq 2 ] || fail "bad seed: rc $rc"
set +e
"$gen" --emit-tsql "$tmp/nodir/x.sql" 2>"$tmp/err"; rc=$?
set -e
[ $rc -eq 10 ] && grep -q "cannot write '$tmp/nodir/x.sql'" "$tmp/err" || fail "unwritable file: rc $rc"
echo "ok"
