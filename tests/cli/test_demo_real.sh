#!/usr/bin/env bash
# The README's main command end to end: `liaison demo` against the real
# simulator and demo company; every step must end as expected, the journal
# analysed must be the one this run wrote, and no simulator may be left.
set -u
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
out=$(TMPDIR=$work LIAISON_SIM=$LIA_BINARY_DIR/sim/liaison-sim "$LIAISON" --lang en demo --keep 2>&1); rc=$?
echo "$out" | tail -n 60
[ "$rc" = 0 ] || { echo "FAIL: demo exited $rc"; fail=1; }
grep -q "Tour finished$" <<<"$out" || { echo "FAIL: tour did not finish cleanly"; fail=1; }
dir=$(ls -d "$work"/liaison-demo-* 2>/dev/null | head -n 1)
[ -n "$dir" ] || { echo "FAIL: --keep did not keep the work folder"; exit 1; }
# The journal the tour analysed holds runs of the commands that touched a database.
j="$dir/liaison.journal"
[ -s "$j" ] || { echo "FAIL: no journal written"; fail=1; }
runs=$(grep -c $'\tRUN\tSTART\t' "$j" || true)
[ "${runs:-0}" -ge 3 ] || { echo "FAIL: only ${runs:-0} runs journaled"; fail=1; }
grep -qiE "(password|pwd)[=: ]+demo" "$j" && { echo "FAIL: secret in journal"; fail=1; }
# Diagnose found the injected defects (the tour shows the priority-1 ones).
grep -q "D001" <<<"$out" || { echo "FAIL: diagnose did not report D001"; fail=1; }
# No simulator left behind.
if pgrep -f "liaison-sim.*$work" >/dev/null; then echo "FAIL: simulator still running"; fail=1; fi
[ $fail = 0 ] && echo "demo end to end: ok"
exit $fail
