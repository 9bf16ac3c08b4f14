#!/usr/bin/env bash
# The demo company with its injected defects: the generator's manifest and
# `liaison diagnose --format json` must agree exactly, check by check and key
# by key (run with the demo's reader login).  D081 (backup history) is left
# out: whether a simulator has backups is not a data defect.
set -u
. "$LIA_SOURCE_DIR/tests/diagnostics/simlib.sh"
need_sim
work=$(mktemp -d)
trap 'stop_sim; rm -rf "$work"' EXIT
mkdir -p "$work/data"
start_sim "$work/data" --demo small --defects || exit 1
# The generator writes the manifest of the same company (same seed, scale,
# reference date today) without a database.
manifest=$work/manifest.json
"$LIA_BINARY_DIR/sim/liaison-demo-gen" --scale small --defects --manifest "$manifest" \
    || { echo "FAIL: liaison-demo-gen could not write the manifest"; exit 1; }
LIAISON_PASSWORD=demo "$LIAISON" diagnose --server "127.0.0.1:$SIM_PORT" --database BIJOU --user lecteur \
    --crm-database LIAISON_CRM --format json --max-keys 0 --no-progress --no-journal > "$work/diag.json" \
    2> "$work/diag.err"
rc=$?
[ "$rc" = 1 ] || { echo "FAIL: diagnose exited $rc on the demo with defects, want 1"; cat "$work/diag.err"; exit 1; }
python3 - "$manifest" "$work/diag.json" <<'PY'
import json, sys
man = json.load(open(sys.argv[1], encoding="utf-8"))
want = {}
def walk(n):
    # Entries name a check and its key(s); accept "key" or "keys".
    if isinstance(n, dict):
        cid = n.get("check") or n.get("id")
        if isinstance(cid, str) and ("key" in n or "keys" in n):
            ks = n["keys"] if "keys" in n else [n["key"]]
            want.setdefault(cid, set()).update(ks)
            return
        for v in n.values():
            walk(v)
    elif isinstance(n, list):
        for v in n:
            walk(v)
walk(man)
rep = json.load(open(sys.argv[2]))
got = {r["check"]: set(r["keys"]) for r in rep["results"] if r["status"] == "found"}
failed = [r for r in rep["results"] if r["status"] == "failed"]
bad = 0
for r in failed:
    bad += 1
    print(f"FAIL: {r['check']} failed: {r['reason']}")
for cid in sorted(set(want) | set(got)):
    if cid == "D081":
        continue
    w, g = want.get(cid, set()), got.get(cid, set())
    if w != g:
        bad += 1
        print(f"FAIL: {cid}: manifest only {sorted(w - g)}, diagnose only {sorted(g - w)}")
    else:
        print(f"ok: {cid}: {len(w)} keys agree")
if not want:
    bad += 1
    print("FAIL: empty manifest")
sys.exit(1 if bad else 0)
PY
