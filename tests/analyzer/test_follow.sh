#!/usr/bin/env bash
# --follow prints classified events as they come, across rotation and truncation.
. "$(dirname "$0")/lib.sh"
L="$DATA/liaison.log"
head -2 "$L" >"$T/live.log"
"$LIAISON" analyze --follow "$T/live.log" --from-start --input-format liaison >"$T/f.out" 2>"$T/f.err" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
wait_for() { for _ in $(seq 50); do grep -q "$1" "$T/f.out" && return 0; sleep 0.1; done; return 1; }
grep -P '\tERP-TIERS-0107\t' "$L" >>"$T/live.log"
wait_for ERP-TIERS-0107 && ok "event printed" || bad "event not printed"
mv "$T/live.log" "$T/live.log.1"
grep -P '\tERP-TIERS-0101\t' "$L" | head -1 >"$T/live.log"
wait_for ERP-TIERS-0101 && ok "after rotation" || bad "rotation not followed"
: >"$T/live.log"; sleep 0.5
grep -P '\tERP-TIERS-0102\t' "$L" | head -1 >>"$T/live.log"
wait_for ERP-TIERS-0102 && ok "after truncation" || bad "truncation not followed"
kill -TERM $pid; wait $pid; rc=$?
[ "$rc" = 8 ] && ok "exit after SIGTERM ($rc)" || bad "follow exit $rc"
exit $fail
