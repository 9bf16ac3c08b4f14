#!/usr/bin/env bash
# Sample journals: up to date with the catalogue; every line classified as the
# generator intended; runs, statuses and blocked records as expected.
. "$(dirname "$0")/lib.sh"
python3 "$LIA_SOURCE_DIR/tests/analyzer/gen_samples.py" "$T/gen"
for f in "$DATA"/*; do
    cmp -s "$f" "$T/gen/$(basename "$f")" || bad "$(basename "$f") out of date: run tests/analyzer/gen_samples.py"
done
[ "$fail" = 0 ] && ok "samples match the catalogue"
for j in liaison.log sage.log generic.log sample.jsonl; do
    base=${j%.*}
    events "$DATA/$j" >"$T/$base.events"
    if diff -u "$DATA/$base.expected" "$T/$base.events"; then ok "$j classified"; else bad "$j classification"; fi
    "$LIAISON" analyze --format json "$DATA/$j" >"$T/$base.json"; rc=$?
    python3 - "$T/$base.json" "$DATA/$base.summary" >"$T/$base.cmp" <<'PY' || bad "$j summary: $(cat "$T/$base.cmp")"
import json, sys
r = json.load(open(sys.argv[1]))
got = []
for i, run in enumerate(r["runs"], 1):
    got.append("run\t%d\t%s%s" % (i, run["status"], "\tinterrupted" if run["interrupted"] else ""))
got += ["blocked\t%s\t%s" % (b["entity"], b["key"]) for b in r["blocked"]]
want = open(sys.argv[2], encoding="utf-8").read().split("\n")[:-1]
# per-run code counts add up to the classified lines the generator wrote
exp = [l.rstrip("\n").split("\t")[2] for l in open(sys.argv[2].replace(".summary", ".expected"), encoding="utf-8") if l.strip()]
codes = {}
for run in r["runs"]:
    for c, n in run["codes"].items():
        codes[c] = codes.get(c, 0) + n
wanted = {}
for c in exp:
    if c != "?":
        wanted[c] = wanted.get(c, 0) + 1
if codes != wanted:
    print("per-run codes", codes, "want", wanted)
    sys.exit(1)
if got != want:
    print("got", got, "want", want)
    sys.exit(1)
PY
    [ -s "$T/$base.cmp" ] || ok "$j runs and blocked records"
    want=1; grep -q "ECHEC" "$DATA/$base.summary" && want=8
    [ "$rc" = "$want" ] && ok "$j exit $rc" || bad "$j exit $rc, want $want"
done
# Unknown lines grouped into one template with its count.
grep -q '"template":"Widget frobnication failed on shard <\*>","count":2' "$T/liaison.json" \
    && ok "unknown template" || bad "unknown template missing"
# Every output format renders; English on request.
for f in text json csv markdown html; do
    "$LIAISON" analyze --format $f "$DATA/liaison.log" >"$T/out.$f"
    [ -s "$T/out.$f" ] && ok "format $f" || bad "format $f empty"
done
grep -q "Échec (interrompu)" "$T/out.text" && ok "interrupted run in French" || bad "no Échec (interrompu)"
"$LIAISON" --lang en analyze "$DATA/liaison.log" | grep -q "Failed (interrupted)" && ok "English" || bad "no English"
grep -q '^run,R20260305-080000-0005,Échec (interrompu)' "$T/out.csv" && ok "csv run row" || bad "csv run row"
grep -q '^| `ERP-TIERS-0101`' "$T/out.markdown" && ok "markdown code row" || bad "markdown"
# -o writes the file whole; the exit code still says what the runs were.
"$LIAISON" analyze -o "$T/report.html" --format html "$DATA/sage.log"; rc=$?
[ "$rc" = 8 ] && grep -q '</html>' "$T/report.html" && ok "-o report" || bad "-o report rc=$rc"
# A success-only journal exits 0.
head -7 "$DATA/liaison.log" >"$T/ok.log"
expect_rc 0 "$LIAISON" analyze "$T/ok.log"
exit $fail
