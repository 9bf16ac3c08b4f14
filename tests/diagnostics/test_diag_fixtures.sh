#!/usr/bin/env bash
# Data-driven test of every check on the simulator: a minimal GesCom schema
# (fixtures/schema.sql) with a clean company (fixtures/base.sql) on which
# every check must find nothing, then one fixture per check
# (fixtures/DNNN.sql, "-- expect: KEY" lines as JSON strings) applied
# together: each check must report exactly its expected keys.  Diagnose
# always runs with read-only logins, which the simulator refuses writes to
# (error 229, asserted below): the command is read-only.  The login
# "auditeur" may also read msdb's backup history (D081); "lecteur" may not,
# and D081 must then be reported skipped with the reason.
set -u
. "$LIA_SOURCE_DIR/tests/diagnostics/simlib.sh"
need_sim
fx=$LIA_SOURCE_DIR/tests/diagnostics/fixtures
work=$(mktemp -d)
trap 'stop_sim; rm -rf "$work"' EXIT
mkdir -p "$work/data"
printf 'owner secret owner\nlecteur secret reader\nauditeur secret auditor\n' > "$work/logins"
cp "$work/logins" "$work/data/logins"   # the simulator also reads DATA/logins
start_sim "$work/data" --logins "$work/logins" || exit 1
DB=DIAGFIX
fail=0

printf 'CREATE DATABASE %s\nGO\n' "$DB" > "$work/create.sql"
sql_file owner secret master "$work/create.sql" || { echo "FAIL: cannot create database $DB"; exit 1; }
sql_file owner secret "$DB" "$fx/schema.sql" || { echo "FAIL: schema"; exit 1; }
sql_file owner secret "$DB" "$fx/base.sql" || { echo "FAIL: base data"; exit 1; }

# The reader login cannot write: the read-only guarantee rests on it.
printf "INSERT INTO P_PARAMETRECIAL (P_CodifTiers) VALUES (1)\nGO\n" > "$work/write.sql"
if out=$(bsqldb -S "127.0.0.1:$SIM_PORT" -U lecteur -P secret -D "$DB" -i "$work/write.sql" 2>&1); then
    echo "FAIL: the reader login could write"; fail=1
elif ! grep -q "229" <<<"$out"; then
    echo "FAIL: write by the reader login not refused with 229: $out"; fail=1
else
    echo "ok: reader login refused writes with 229"
fi

DIAG_USER=auditeur CRM_DB=$DB
diag() { # diag OUTPUT-JSON [extra args]: exit code in $rc
    local out=$1; shift
    LIAISON_PASSWORD=secret "$LIAISON" diagnose --server "127.0.0.1:$SIM_PORT" --database "$DB" \
        --user "$DIAG_USER" --reference-date 2026-06-15 --crm-database "$CRM_DB" --format json --max-keys 0 \
        --no-progress --journal "$work/journal" "$@" > "$out" 2>"$out.err"
    rc=$?
}

# A full backup, as SQL Server takes it: a copy of the database and a row in
# msdb.dbo.backupset (the readers of D081).  The reader login may not take one.
printf "BACKUP DATABASE %s TO DISK = N'%s.bak' WITH INIT\nGO\n" "$DB" "$DB" > "$work/backup.sql"
out=$(bsqldb -S "127.0.0.1:$SIM_PORT" -U owner -P secret -D "$DB" -i "$work/backup.sql" 2>&1)
copy=$(sqlite3 "$work/data/backup/$DB.bak" "SELECT COUNT(*) FROM F_COMPTET" 2>&1)
if grep -q "BACKUP DATABASE successfully processed" <<<"$out" && [ "$copy" = 3 ]; then
    echo "ok: BACKUP DATABASE wrote a copy with the 3 tiers"
else
    echo "FAIL: backup: $out / copy: $copy"; fail=1
fi
if out=$(bsqldb -S "127.0.0.1:$SIM_PORT" -U lecteur -P secret -D "$DB" -i "$work/backup.sql" 2>&1) \
    || ! grep -q "262" <<<"$out"; then
    echo "FAIL: backup by the reader login not refused with 262: $out"; fail=1
fi

# 1. Clean company: no finding, no failure, nothing skipped (the auditor
#    login reads msdb; the GesCom and CRM databases share their collation).
diag "$work/clean.json" --history "$work/history"
[ "$rc" = 0 ] || { echo "FAIL: clean run exited $rc"; cat "$work/clean.json.err"; fail=1; }
python3 - "$work/clean.json" <<'PY' || fail=1
import json, sys
rep = json.load(open(sys.argv[1]))
bad = [r for r in rep["results"] if r["status"] in ("found", "failed", "skipped")]
for r in bad:
    print(f"FAIL: clean company: {r['check']} {r['status']} keys={r['keys']} reason={r['reason']}")
for r in rep["results"]:
    if r["status"] == "skipped" and not r["reason"]:
        print(f"FAIL: {r['check']} skipped without a reason"); bad.append(r)
print("ok: clean company, %d checks, nothing found" % rep["checks"] if not bad else "")
sys.exit(1 if bad else 0)
PY

# 2. All fixtures applied: each check reports exactly its keys.
for f in "$fx"/D[0-9][0-9][0-9].sql; do
    { cat "$f"; printf '\nGO\n'; } > "$work/fixture.sql"
    sql_file owner secret "$DB" "$work/fixture.sql" || { echo "FAIL: loading $(basename "$f")"; fail=1; }
done
CRM_DB=DIAGCRM   # created by the D082 fixture with another collation
diag "$work/defects.json" --history "$work/history"
[ "$rc" = 1 ] || { echo "FAIL: run with defects exited $rc, want 1"; cat "$work/defects.json.err"; fail=1; }
python3 - "$work/defects.json" "$fx" <<'PY' || fail=1
import glob, json, os, sys
rep = json.load(open(sys.argv[1]))
got = {r["check"]: r for r in rep["results"]}
bad = 0
want_all = {}
for path in sorted(glob.glob(os.path.join(sys.argv[2], "D[0-9][0-9][0-9].sql"))):
    cid = os.path.basename(path)[:4]
    want_all[cid] = sorted(json.loads(l.split("expect:", 1)[1]) for l in open(path, encoding="utf-8")
                           if l.startswith("-- expect:"))
for cid, want in want_all.items():
    r = got.get(cid)
    keys = sorted(r["keys"]) if r else None
    if not r or r["status"] != "found" or keys != want or r["count"] != len(want):
        bad += 1
        print(f"FAIL: {cid}: want {want}, got {r and r['status']} {keys} count={r and r['count']} reason={r and r['reason']}")
    else:
        print(f"ok: {cid} finds {want}")
    if r and r.get("history") != "new":
        bad += 1
        print(f"FAIL: {cid}: history {r.get('history')}, want new")
# No other check finds anything (fixtures do not leak into each other).
for cid, r in got.items():
    if cid not in want_all and r["status"] == "found":
        bad += 1
        print(f"FAIL: {cid} found {r['keys']} without a fixture")
sys.exit(1 if bad else 0)
PY

# The reader login cannot read the backup history: D081 is skipped, and says why.
DIAG_USER=lecteur diag "$work/reader.json" --check D081
python3 - "$work/reader.json" <<'PY' || fail=1
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
ok = r["check"] == "D081" and r["status"] == "skipped" and "229" in r["reason"] and "msdb" in r["reason"]
print("ok: D081 skipped for the reader login: " + r["reason"] if ok else f"FAIL: D081 with the reader login: {r}")
sys.exit(0 if ok else 1)
PY

# 3. Fixing one defect: the next run reports it fixed (the database is
#    writable again first: the D080 fixture left it read-only).
printf "ALTER DATABASE %s SET READ_WRITE\nGO\nDELETE FROM F_COMPTET WHERE CT_Num IN ('D008')\nGO\n" "$DB" > "$work/fix.sql"
sql_file owner secret "$DB" "$work/fix.sql"
diag "$work/after.json" --history "$work/history" --check D008 D001
python3 - "$work/after.json" <<'PY' || fail=1
import json, sys
rep = {r["check"]: r for r in json.load(open(sys.argv[1]))["results"]}
ok = rep["D008"]["status"] == "clean" and rep["D008"]["history"] == "fixed" \
    and rep["D001"]["history"] == "known" and len(rep) == 2
print("ok: history shows D008 fixed, D001 known" if ok else f"FAIL: history: {rep}")
sys.exit(0 if ok else 1)
PY

# 4. The journal has one run per diagnose with DIAG events.
if grep -q "	DIAG	" "$work/journal" && [ "$(grep -c 'RUN	END' "$work/journal")" -ge 3 ]; then
    echo "ok: journal has DIAG events and RUN END lines"
else
    echo "FAIL: journal"; cat "$work/journal"; fail=1
fi

# 5. Other formats on the same data.
LIAISON_PASSWORD=secret "$LIAISON" diagnose --server "127.0.0.1:$SIM_PORT" --database "$DB" --user lecteur \
    --no-journal --format csv --bom --max-priority 1 --output "$work/r.csv"
rc=$?
if [ "$rc" = 1 ] && head -c 3 "$work/r.csv" | od -An -tx1 | grep -q "ef bb bf" \
    && ! grep -q "^D0[2-9][0-9];\(10\|50\);" "$work/r.csv"; then
    echo "ok: csv with BOM, priority 1 only"
else
    echo "FAIL: csv output (rc $rc)"; head -5 "$work/r.csv"; fail=1
fi
LIAISON_PASSWORD=secret "$LIAISON" diagnose --server "127.0.0.1:$SIM_PORT" --database "$DB" --user lecteur \
    --no-journal --format html --output "$work/r.html" --min-priority 250
rc=$?
if [ "$rc" = 0 ] && grep -q "</html>" "$work/r.html"; then
    echo "ok: html, empty priority band exits 0"
else
    echo "FAIL: html (rc $rc)"; fail=1
fi
# 6. Skip list per database: a skipped check is reported as such.
printf 'D001 %s\nD002 AUTRE\n' "$DB" > "$work/skip"
diag "$work/skip.json" --check D001 D002 --skip-file "$work/skip"
python3 - "$work/skip.json" <<'PY' || fail=1
import json, sys
rep = {r["check"]: r for r in json.load(open(sys.argv[1]))["results"]}
ok = rep["D001"]["status"] == "skipped" and "liste" in rep["D001"]["reason"] and rep["D002"]["status"] == "found"
print("ok: skip list per database" if ok else f"FAIL: skip list: {rep}")
sys.exit(0 if ok else 1)
PY

# 7. Per-check timeout: a check whose query outlasts --timeout is cancelled
#    (ATTENTION), reported failed with the reason, and the next check runs on
#    the same server.  The slow check is D002 with a 30 s WAITFOR in front.
mkdir -p "$work/sql" && cp -r "$LIA_SOURCE_DIR/sql/." "$work/sql/"
slow=diagnostics/D002_tiers_intitule_espaces.sql
{ printf "WAITFOR DELAY '00:00:30'\n"; cat "$LIA_SOURCE_DIR/sql/$slow"; } > "$work/sql/$slow"
ended() { grep -c "^liaison-sim: connection " "$work/data.sim-err"; }
n0=$(ended)
t0=$(date +%s)
LIAISON_SQL_DIR=$work/sql diag "$work/timeout.json" --check D002 D001 --timeout 1
t1=$(date +%s)
# The server ends the cancelled request too: both connections of that run
# (the timed-out one and its replacement) are over within seconds, not 30.
for _ in $(seq 1 50); do [ "$(ended)" -ge $((n0 + 2)) ] && break; sleep 0.1; done
if [ "$(ended)" -ge $((n0 + 2)) ]; then
    echo "ok: the simulator ended the cancelled WAITFOR"
else
    echo "FAIL: the timed-out request still runs on the simulator"; tail -3 "$work/data.sim-err"; fail=1
fi
python3 - "$work/timeout.json" "$rc" "$((t1 - t0))" <<'PY' || fail=1
import json, sys
rep = {r["check"]: r for r in json.load(open(sys.argv[1]))["results"]}
rc, secs = int(sys.argv[2]), int(sys.argv[3])
d2, d1 = rep["D002"], rep["D001"]
ok = (d2["status"] == "failed" and "délai dépassé (1 s)" in d2["reason"] and d1["status"] == "found"
      and rc == 8 and secs < 25)
print(f"ok: D002 cut at its 1 s timeout ({d2['reason']}), D001 still ran, exit 8" if ok
      else f"FAIL: timeout: rc={rc} after {secs} s, D002={d2}, D001={d1}")
sys.exit(0 if ok else 1)
PY
if grep -P "\tDIAG\t.*\tLIA_E_TIMEOUT\t.*D002 " "$work/journal" >/dev/null; then
    echo "ok: the timed-out check is journaled with LIA_E_TIMEOUT"
else
    echo "FAIL: no LIA_E_TIMEOUT event for D002 in the journal"; grep -P "\tDIAG\t.*D002 " "$work/journal"; fail=1
fi

# 8. Every event these runs journaled is known to the analyzer: findings by
#    the synchronisation error they predict, failed checks by the library's code.
"$LIAISON" analyze --format json -o "$work/analyze.json" "$work/journal" >/dev/null 2>&1
python3 - "$work/analyze.json" <<'PY' || fail=1
import json, sys
rep = json.load(open(sys.argv[1]))
unknown = rep["unknown"]
print("ok: the analyzer classifies every diagnose event" if not unknown
      else f"FAIL: {unknown} lines the analyzer does not know: {rep['unknown_templates']}")
sys.exit(0 if not unknown else 1)
PY
exit $fail
