#!/usr/bin/env bash
# --jobs 2 gives the serial path's reports byte for byte: the pipeline (a
# reading thread feeds the analysis) on sample journals, several files at
# once, generated journals of every format spanning many batches, gzip and a
# pipe; and the split of native journals in two halves read at once
# (LIAISON_AN_SPLIT_MIN lowers the size from which a file is split).
. "$(dirname "$0")/lib.sh"
same() { # same NAME ARGS...: json and events reports of --jobs 1 and --jobs 2 are identical
    local name=$1; shift
    "$LIAISON" analyze --jobs 1 --format json "$@" >"$T/j1.json" 2>/dev/null
    "$LIAISON" analyze --jobs 2 --format json "$@" >"$T/j2.json" 2>/dev/null
    "$LIAISON" analyze --jobs 1 --format events "$@" >"$T/e1" 2>/dev/null
    "$LIAISON" analyze --jobs 2 --format events "$@" >"$T/e2" 2>/dev/null
    if [ -s "$T/j1.json" ] && cmp -s "$T/j1.json" "$T/j2.json" && cmp -s "$T/e1" "$T/e2"; then
        ok "$name: identical with --jobs 2"
    else
        bad "$name: --jobs 2 differs"; diff "$T/j1.json" "$T/j2.json" | head -5
    fi
}
for j in liaison.log sage.log generic.log sample.jsonl; do same "$j" "$DATA/$j"; done
same "all samples at once" "$DATA/liaison.log" "$DATA/sage.log" "$DATA/generic.log" "$DATA/sample.jsonl"
for f in liaison generic sage; do same "cont/$f.log" --input-format $f "$LIA_SOURCE_DIR/tests/analyzer/cont/$f.log"; done
for fmt in liaison generic sage jsonl; do
    python3 "$LIA_SOURCE_DIR/tests/analyzer/gen_samples.py" --bench $fmt 6 "$T/big.$fmt"
    same "generated $fmt journal (6 MiB)" "$T/big.$fmt"
done
for f in "$DATA/liaison.log" "$LIA_SOURCE_DIR/tests/analyzer/cont/liaison.log" "$T/big.liaison"; do
    LIAISON_AN_SPLIT_MIN=1 same "split $(basename "$f")" "$f"
done
LIAISON_AN_SPLIT_MIN=1 same "split, several files" "$DATA/liaison.log" "$T/big.liaison" "$DATA/sage.log"
# Random small journals (interleaved runs, equal starts, runs without START,
# records shared by runs, garbage): split in halves, same report as one reading.
diffs=0
for s in $(seq 1 40); do
    mode=; [ $((s % 2)) = 0 ] && mode=clean
    python3 "$LIA_SOURCE_DIR/tests/analyzer/gen_random_journal.py" "$s" "$T/r.log" $mode
    "$LIAISON" analyze --jobs 1 --input-format liaison --format json "$T/r.log" >"$T/r1.json" 2>/dev/null
    LIAISON_AN_SPLIT_MIN=1 "$LIAISON" analyze --jobs 2 --input-format liaison --format json "$T/r.log" >"$T/r2.json" 2>/dev/null
    cmp -s "$T/r1.json" "$T/r2.json" || { diffs=$((diffs + 1)); echo "seed $s differs"; }
done
[ "$diffs" = 0 ] && ok "40 random journals split: identical" || bad "$diffs random journals differ"
gzip -c "$T/big.liaison" >"$T/big.gz"
same "gzip" "$T/big.gz"
"$LIAISON" analyze --jobs 1 --format json - <"$T/big.liaison" >"$T/p1.json"
cat "$T/big.liaison" | "$LIAISON" analyze --jobs 2 --format json >"$T/p2.json"
cmp -s "$T/p1.json" "$T/p2.json" && ok "pipe: identical" || bad "pipe differs"
expect_rc 2 "$LIAISON" analyze --jobs 3 "$DATA/liaison.log"
exit $fail
