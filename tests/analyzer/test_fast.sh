#!/usr/bin/env bash
# The native fast lane (analyzer/an_fast.c) and the classification memo
# (an_memo.c) change no result: JSON reports with both off
# (LIAISON_AN_FAST=0 LIAISON_AN_MEMO=0), the lane's SSE2 build and the
# default (AVX2 when the CPU has it) are byte-identical on generated journals, random journals (interleaved
# runs, equal starts, continuation lines, garbage), CRLF and mis-encoded
# copies, read on one thread and split in two halves.
. "$(dirname "$0")/lib.sh"
same() { # same NAME ARGS...
    local name=$1; shift
    LIAISON_AN_FAST=0 LIAISON_AN_MEMO=0 "$LIAISON" analyze --format json "$@" >"$T/off.json" 2>/dev/null
    LIAISON_AN_FAST=sse2 "$LIAISON" analyze --format json "$@" >"$T/sse2.json" 2>/dev/null
    "$LIAISON" analyze --format json "$@" >"$T/on.json" 2>/dev/null
    if [ -s "$T/off.json" ] && cmp -s "$T/off.json" "$T/sse2.json" && cmp -s "$T/off.json" "$T/on.json"; then
        ok "$name: identical with the fast lane"
    else
        bad "$name: the fast lane changes the report"; diff "$T/off.json" "$T/on.json" | head -5
    fi
}
python3 "$LIA_SOURCE_DIR/tests/analyzer/gen_samples.py" --bench liaison 6 "$T/big.log"
same "generated journal (6 MiB), one thread" --jobs 1 "$T/big.log"
LIAISON_AN_SPLIT_MIN=1 same "generated journal, two halves" --jobs 2 "$T/big.log"
sed 's/$/\r/' "$T/big.log" >"$T/crlf.log"
same "CRLF" --jobs 1 "$T/crlf.log"
# Every 997th line in Windows-1252, every 1999th with a NUL: the lane
# leaves them to the reader, which converts or skips them.
awk 'NR % 997 == 0 { gsub(/à/, "\340") } NR % 1999 == 0 { $0 = $0 "\0x" } { print }' "$T/big.log" >"$T/mixed.log"
same "Windows-1252 and NUL lines" --jobs 1 "$T/mixed.log"
diffs=0
for s in $(seq 1 40); do
    mode=; [ $((s % 2)) = 0 ] && mode=clean
    python3 "$LIA_SOURCE_DIR/tests/analyzer/gen_random_journal.py" "$s" "$T/r.log" $mode
    for how in 1 2; do
        LIAISON_AN_FAST=0 LIAISON_AN_MEMO=0 "$LIAISON" analyze --jobs 1 --input-format liaison --format json "$T/r.log" >"$T/r0.json" 2>/dev/null
        LIAISON_AN_SPLIT_MIN=1 "$LIAISON" analyze --jobs $how --input-format liaison --format json "$T/r.log" >"$T/r1.json" 2>/dev/null
        cmp -s "$T/r0.json" "$T/r1.json" || { diffs=$((diffs + 1)); echo "seed $s (--jobs $how) differs"; }
    done
done
[ "$diffs" = 0 ] && ok "40 random journals: identical with the fast lane" || bad "$diffs random journal readings differ"
exit $fail
