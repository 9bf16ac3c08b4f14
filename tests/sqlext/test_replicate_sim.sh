#!/usr/bin/env bash
# End to end against liaison-sim and the demo company (BIJOU -> LIAISON_CRM):
# install (idempotent, altered script refused), full run, CA N / N-1 per
# tiers equal to an independent computation from the raw document lines
# (and to the demo's oracle when it ships one), free fields with accents,
# then change / add / delete a document, retype / delete a free field: the
# incremental run reflects each, verify finds no drift, a second run writes
# nothing; SIGKILL at every point of a run then restart equals a clean full
# run; the server lock; simulator restarted under the daemon; several
# integrations in one view; uninstall.
# Exit 77 (skipped) when the simulator lacks T-SQL the replication needs,
# naming what is missing.
set -u
here=$(cd "$(dirname "$0")" && pwd)
SIM=${LIA_BINARY_DIR}/sim/liaison-sim
WORK=$(mktemp -d)
DAEMON_PID=
cleanup() {
    [ -n "$DAEMON_PID" ] && kill -9 "$DAEMON_PID" 2>/dev/null
    sim_stop
    rm -rf "$WORK"
}
trap cleanup EXIT
. "$here/simlib.sh"
export LIA_SIM_PW=demo
export LIAISON_LANG=fr
REF=${LIA_TEST_REFERENCE_DATE:-$(date +%Y-%m-%d)}
fail=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fail=1; }

[ -x "$SIM" ] || { echo "SKIP: $SIM not built"; exit 77; }
sim_start "$WORK/data" --demo small || exit 1
cat > "$WORK/freetds.conf" <<CONF
[sim]
host = 127.0.0.1
port = $SIM_PORT
tds version = 7.4
client charset = UTF-8
CONF
export FREETDSCONF="$WORK/freetds.conf"
# sql DB "T-SQL": rows tab-separated on stdout; server errors on stderr and exit 1.
sql() {
    local out err
    out=$(bsqldb -S sim -U liaison -P "$LIA_SIM_PW" -D "$1" -q -t $'\t' -e "$WORK/bsql.err" <<<"$2" 2>>"$WORK/bsql.err")
    local rc=$?
    printf '%s\n' "$out" | sed '/^$/d'
    if [ $rc -ne 0 ] || grep -q "^Msg \|[Ee]rror\b" "$WORK/bsql.err"; then cat "$WORK/bsql.err" >&2; : > "$WORK/bsql.err"; return 1; fi
    : > "$WORK/bsql.err"
}

# ---- what the simulator must support for this test to mean anything
missing=()
sql LIAISON_CRM "SELECT 1 AS a EXCEPT SELECT 2 AS a" >/dev/null 2>&1 || missing+=("EXCEPT")
sql LIAISON_CRM "DECLARE @rc int; EXEC @rc = sp_getapplock @Resource = N'probe', @LockMode = N'Exclusive', @LockOwner = N'Session', @LockTimeout = 0; SELECT @rc" >/dev/null 2>&1 || missing+=("sp_getapplock")
sql BIJOU "WITH a AS (SELECT 1 AS x UNION SELECT 2 AS x) SELECT a.x, ROW_NUMBER() OVER (PARTITION BY a.x ORDER BY a.x) AS rn FROM a" >/dev/null 2>&1 || missing+=("CTE/UNION/ROW_NUMBER")
sql LIAISON_CRM "CREATE SCHEMA liaison_probe" >/dev/null 2>&1 && sql LIAISON_CRM "DROP SCHEMA liaison_probe" >/dev/null 2>&1 || missing+=("CREATE/DROP SCHEMA")
if [ ${#missing[@]} -gt 0 ]; then
    echo "SKIP: the simulator lacks T-SQL the replication uses: ${missing[*]}"
    exit 77
fi

write_config "$WORK/liaison.ini" bijou BIJOU
L() { (cd "$WORK" && "$LIAISON" "$@"); }

# ---- install
out=$(L install 2>&1) && grep -q "003_stage.sql" <<<"$out" && ok "install applies the migrations" || { bad "install: $out"; exit 1; }
out=$(L install 2>&1) && grep -q "à jour" <<<"$out" && ! grep -q "application crm" <<<"$out" && ok "install is idempotent" || bad "second install: $out"
out=$(L install --dry-run 2>&1) && ! grep -q "appliquerait" <<<"$out" && ok "dry-run after install plans nothing" || bad "dry-run: $out"
mkdir -p "$WORK/sqlcopy" && cp -r "$LIA_SOURCE_DIR/sql/." "$WORK/sqlcopy/"
printf '\n-- edited\n' >> "$WORK/sqlcopy/crm/002_tables.sql"
out=$(cd "$WORK" && LIAISON_SQL_DIR="$WORK/sqlcopy" "$LIAISON" install 2>&1); rc=$?
[ $rc -eq 6 ] && grep -q "script déjà appliqué modifié depuis 'crm/002_tables.sql'" <<<"$out" && ok "altered applied script refused" || bad "altered script: rc=$rc $out"

# ---- independent computation of CA N / N-1 from the raw lines
expected_ca() {
    sql BIJOU "SELECT CONVERT(varchar(10), D_DebutExo01, 120), CONVERT(varchar(10), D_FinExo01, 120), CONVERT(varchar(10), D_DebutExo02, 120), CONVERT(varchar(10), D_FinExo02, 120), CONVERT(varchar(10), D_DebutExo03, 120), CONVERT(varchar(10), D_FinExo03, 120), CONVERT(varchar(10), D_DebutExo04, 120), CONVERT(varchar(10), D_FinExo04, 120), CONVERT(varchar(10), D_DebutExo05, 120), CONVERT(varchar(10), D_FinExo05, 120) FROM P_DOSSIER" > "$WORK/exo.tsv" || return 1
    sql BIJOU "SELECT e.DO_Tiers, CONVERT(varchar(10), e.DO_Date, 120), e.DO_Type, e.DO_Provenance, l.DL_MontantHT FROM F_DOCLIGNE l INNER JOIN F_DOCENTETE e ON e.DO_Domaine = l.DO_Domaine AND e.DO_Type = l.DO_Type AND e.DO_Piece = l.DO_Piece WHERE e.DO_Domaine = 0" > "$WORK/lines.tsv" || return 1
    python3 - "$REF" "$WORK/exo.tsv" "$WORK/lines.tsv" <<'PY'
import sys
from decimal import Decimal
ref, exo, lines = sys.argv[1:4]
f = open(exo).read().split('\t')
slots = [(f[i].strip(), f[i+1].strip()) for i in range(0, 10, 2) if f[i].strip() > '1901']
cur = [s for s in slots if s[0] <= ref <= s[1]][0]
prev = max([s for s in slots if s[1] < cur[0]], key=lambda s: s[1])
ca = {}
for line in open(lines):
    t, d, typ, prov, amt = line.rstrip('\n').split('\t')
    if typ.strip() not in ('6', '7'):
        continue
    a = Decimal(amt)
    if prov.strip() in ('1', '2'):
        a = -abs(a)
    k = 0 if cur[0] <= d <= cur[1] else 1 if prev[0] <= d <= prev[1] else None
    if k is None:
        continue
    ca.setdefault(t.strip(), [Decimal(0), Decimal(0)])[k] += a
for t in sorted(ca):
    print(f"{t}\t{ca[t][0]:.6f}\t{ca[t][1]:.6f}")
PY
}
replicated_ca() {
    L feed ca --format jsonl --integration bijou | python3 -c '
import sys, json
from decimal import Decimal
for l in sys.stdin:
    r = json.loads(l)
    n, n1 = Decimal(str(r["CaHtN"])), Decimal(str(r["CaHtN1"]))
    if n or n1:
        print(f"{r[\"CT_Num\"]}\t{n:.6f}\t{n1:.6f}")' | sort
}
check_ca() { # label
    expected_ca | sort > "$WORK/ca.want" || { bad "$1: cannot compute the expected CA"; return; }
    replicated_ca > "$WORK/ca.got"
    if [ -s "$WORK/ca.want" ] && diff "$WORK/ca.want" "$WORK/ca.got" > "$WORK/ca.diff"; then
        ok "$1: CA N / N-1 of $(wc -l < "$WORK/ca.want") tiers equal the independent computation"
    else
        bad "$1: CA differs"; head -20 "$WORK/ca.diff"
    fi
}
counters() { sed -n 's/.*créés \([0-9]*\), modifiés \([0-9]*\), supprimés \([0-9]*\).*/\1 \2 \3/p' <<<"$1"; }

out=$(L replicate --once --reference-date "$REF" 2>&1); rc=$?
[ $rc -eq 0 ] && grep -q "full" <<<"$out" && ok "first run is full: $out" || { bad "first run rc=$rc: $out"; exit 1; }
check_ca "full run"
# The demo generator's own oracle (computed from what it generated, never
# queried): same seed and scale as the simulator's --demo small.
GEN=${LIA_BINARY_DIR}/sim/liaison-demo-gen
if [ -x "$GEN" ] && "$GEN" --scale small --oracle "$WORK/oracle.csv" --reference-date "$REF" >/dev/null 2>&1; then
    python3 - "$WORK/oracle.csv" "$WORK/ca.got" <<'PY' && ok "CA N / N-1 equal the demo oracle for every customer" || bad "CA differs from the demo oracle"
import sys, csv
from decimal import Decimal
want = {r["CT_Num"]: (Decimal(r["ca_n"]), Decimal(r["ca_n1"])) for r in csv.DictReader(open(sys.argv[1]), delimiter=";")}
got = {}
for l in open(sys.argv[2]):
    t, n, n1 = l.rstrip("\n").split("\t")
    got[t] = (Decimal(n), Decimal(n1))
zero = (Decimal(0), Decimal(0))
bad = [t for t in want if want[t] != got.get(t, zero)]
print(len(want), "customers in the oracle;", len(bad), "differ", bad[:10])
sys.exit(1 if bad or not want else 0)
PY
else
    bad "cannot produce the demo oracle with $GEN"
fi

# ---- free fields: every replicated value equals GesCom's, accents intact
check_values() { # label
    L feed infolibres --format jsonl --integration bijou > "$WORK/vals.jsonl" || { bad "$1: feed infolibres"; return; }
    sql BIJOU "SELECT CB_Name, CB_Type FROM cbSysLibre WHERE CB_File = N'F_COMPTET' AND CB_Type IN (9, 22)" > "$WORK/textdefs.tsv"
    python3 - "$WORK/vals.jsonl" "$WORK/textdefs.tsv" "$WORK" <<'PY' > "$WORK/vals.check"
import sys, json, subprocess, os
vals, defs, work = sys.argv[1:4]
got = {}
for l in open(vals):
    r = json.loads(l)
    if r["Statut"] == "actif" and r["ValueKind"] == "text" and r["Source"] == "F_COMPTET":
        got[(r["CT_Num"], r["Champ"])] = r["ValText"]
names = [l.split('\t')[0] for l in open(defs) if l.strip()]
print(len(names), "text fields,", len(got), "text values")
accents = sum(1 for v in got.values() if v and any(ord(c) > 127 for c in v))
print("accented", accents)
PY
    cat "$WORK/vals.check"
    grep -q "^0 text fields" "$WORK/vals.check" && bad "$1: no text free field in the demo"
    # The same values straight from GesCom through feed --source gescom.
    L feed infolibres --source gescom --format jsonl > "$WORK/gvals.jsonl" || { bad "$1: feed --source gescom"; return; }
    python3 - "$WORK/vals.jsonl" "$WORK/gvals.jsonl" <<'PY' && ok "$1: free-field values equal GesCom's" || bad "$1: free-field values differ"
import sys, json
from decimal import Decimal
crm = {}
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r["Statut"] != "actif":
        continue
    v = r["ValText"] if r["ValueKind"] == "text" else r["ValNumber"] if r["ValueKind"] == "number" else r["ValDate"]
    crm[(r["CT_Num"], r["Champ"])] = v
diffs = 0
n = 0
for l in open(sys.argv[2]):
    r = json.loads(l)
    for k, v in r.items():
        if k == "CT_Num" or (r["CT_Num"], k) not in crm and v is None:
            continue
        n += 1
        c = crm.get((r["CT_Num"], k))
        if isinstance(v, (int, float)) or isinstance(c, (int, float)):
            same = c is not None and v is not None and Decimal(str(v)) == Decimal(str(c))
        elif isinstance(v, str) and v[:10] in ("1753-01-01", "1900-01-01"):
            same = c is None
        else:
            same = (v or None) == (c or None) or (isinstance(v, str) and isinstance(c, str) and v[:19] == c[:19])
        if not same:
            diffs += 1
            if diffs < 10:
                print("differs:", r["CT_Num"], k, repr(v), repr(c))
print(n, "values compared,", diffs, "differ")
sys.exit(1 if diffs or n == 0 else 0)
PY
}
check_values "full run"

out=$(L verify 2>&1); rc=$?
[ $rc -eq 0 ] && ok "verify: no drift after the full run" || bad "verify rc=$rc: $out"
out=$(L replicate --once --reference-date "$REF" 2>&1)
[ "$(counters "$out")" = "0 0 0" ] && ok "a second run with no change writes nothing" || bad "second run wrote: $out"

# ---- changes in GesCom
now="CONVERT(smalldatetime, GETDATE())"
pick() { sql BIJOU "$1" | head -1 | cut -f1; }
tA=$(pick "SELECT TOP (1) e.DO_Tiers FROM F_DOCENTETE e WHERE e.DO_Domaine = 0 AND e.DO_Type = 6 AND e.DO_Provenance = 0 ORDER BY e.cbMarq")
pA=$(pick "SELECT TOP (1) e.DO_Piece FROM F_DOCENTETE e WHERE e.DO_Domaine = 0 AND e.DO_Type = 6 AND e.DO_Provenance = 0 ORDER BY e.cbMarq")
pC=$(pick "SELECT TOP (1) e.DO_Piece FROM F_DOCENTETE e WHERE e.DO_Domaine = 0 AND e.DO_Type = 7 ORDER BY e.cbMarq DESC")
tB=$(pick "SELECT TOP (1) t.CT_Num FROM F_COMPTET t WHERE t.CT_Type = 0 ORDER BY t.cbMarq DESC")
fRetype=$(pick "SELECT TOP (1) CB_Name FROM cbSysLibre WHERE CB_File = N'F_COMPTET' AND CB_Type IN (7, 20) ORDER BY CB_Pos")
fDelete=$(pick "SELECT TOP (1) CB_Name FROM cbSysLibre WHERE CB_File = N'F_COMPTET' AND CB_Type IN (9, 22) ORDER BY CB_Pos DESC")
echo "changing: line of $pA ($tA), new invoice for $tB, deleting $pC, retyping '$fRetype', deleting '$fDelete'"
sql BIJOU "UPDATE F_DOCLIGNE SET DL_MontantHT = DL_MontantHT + 10, cbModification = $now WHERE DO_Domaine = 0 AND DO_Type = 6 AND DO_Piece = '$pA' AND cbMarq = (SELECT MIN(l.cbMarq) FROM F_DOCLIGNE l WHERE l.DO_Domaine = 0 AND l.DO_Type = 6 AND l.DO_Piece = '$pA')" >/dev/null || bad "update line"
sql BIJOU "INSERT INTO F_DOCENTETE (DO_Domaine, DO_Type, DO_Piece, DO_Date, DO_Tiers, DO_Provenance, cbModification) VALUES (0, 6, 'LIATEST1', CONVERT(datetime, '$REF'), '$tB', 0, $now)" >/dev/null || bad "insert header"
sql BIJOU "INSERT INTO F_DOCLIGNE (DO_Domaine, DO_Type, DO_Piece, CT_Num, DL_MontantHT, cbModification) VALUES (0, 6, 'LIATEST1', '$tB', 1234.56, $now)" >/dev/null || bad "insert line"
sql BIJOU "DELETE FROM F_DOCLIGNE WHERE DO_Domaine = 0 AND DO_Type = 7 AND DO_Piece = '$pC'" >/dev/null || bad "delete lines"
sql BIJOU "DELETE FROM F_DOCENTETE WHERE DO_Domaine = 0 AND DO_Type = 7 AND DO_Piece = '$pC'" >/dev/null || bad "delete header"
[ -n "$fRetype" ] && { sql BIJOU "UPDATE cbSysLibre SET CB_Type = 9 WHERE CB_File = N'F_COMPTET' AND CB_Name = N'${fRetype//\'/\'\'}'" >/dev/null || bad "retype"; }
[ -n "$fDelete" ] && { sql BIJOU "DELETE FROM cbSysLibre WHERE CB_File = N'F_COMPTET' AND CB_Name = N'${fDelete//\'/\'\'}'" >/dev/null || bad "delete field"; }

out=$(L replicate --once --reference-date "$REF" 2>&1); rc=$?
[ $rc -eq 0 ] && ok "incremental run after the changes: $out" || bad "incremental rc=$rc: $out"
check_ca "after changes"
check_values "after changes"
L feed infolibres --format jsonl --integration bijou > "$WORK/vals2.jsonl"
python3 - "$WORK/vals2.jsonl" "$fRetype" "$fDelete" <<'PY' && ok "retyped field marked type_change with a new active text field; deleted field marked supprime" || bad "free-field statuses"
import sys, json
rows = [json.loads(l) for l in open(sys.argv[1])]
st = {}
for r in rows:
    st.setdefault(r["Champ"], set()).add((r["Statut"], r["ValueKind"]))
ok = True
if sys.argv[2]:
    ok &= ("type_change", "number") in st.get(sys.argv[2], set()) and ("actif", "text") in st.get(sys.argv[2], set())
if sys.argv[3]:
    ok &= st.get(sys.argv[3], set()) and all(s == "supprime" for s, k in st[sys.argv[3]])
print(st.get(sys.argv[2]), st.get(sys.argv[3]))
sys.exit(0 if ok else 1)
PY
out=$(L verify 2>&1); rc=$?
[ $rc -eq 0 ] && ok "verify: no drift after the incremental run" || bad "verify rc=$rc: $out"
out=$(L replicate --once --reference-date "$REF" 2>&1)
[ "$(counters "$out")" = "0 0 0" ] && ok "no change, nothing written" || bad "run without change wrote: $out"
out=$(L replicate --once --full --reference-date "$REF" 2>&1)
[ "$(counters "$out")" = "0 0 0" ] && ok "a full run finds the incremental state exact" || bad "full after incremental wrote: $out"
# Drift is reported: tamper with the copy.
sql LIAISON_CRM "UPDATE liaison.CaRealise SET CaHtN = CaHtN + 1 WHERE CT_Num = '$tB'" >/dev/null
out=$(L verify 2>&1); rc=$?
[ $rc -eq 1 ] && grep -q "$tB" <<<"$out" && ok "verify reports a tampered tiers (exit 1)" || bad "verify on drift rc=$rc: $out"
L replicate --once --full --reference-date "$REF" >/dev/null 2>&1
out=$(L replicate --once --purge-removed --reference-date "$REF" 2>&1)
L feed infolibres --format jsonl --integration bijou | grep -q '"Statut":"supprime"\|"Statut":"type_change"' && bad "--purge-removed kept inactive fields" || ok "--purge-removed forgets inactive fields"

# ---- crash safety: SIGKILL at each point, restart, compare with a clean full run
i=0
for point in before_tx after_stage_tiers after_stage after_apply before_commit after_commit; do
    i=$((i + 1))
    sql BIJOU "UPDATE F_DOCLIGNE SET DL_MontantHT = DL_MontantHT + $i, cbModification = $now WHERE DO_Piece = 'LIATEST1'" >/dev/null
    (cd "$WORK" && LIAISON_TEST_CRASH_AT=$point "$LIAISON" replicate --once --reference-date "$REF" >/dev/null 2>&1); rc=$?
    [ $rc -eq 137 ] || bad "crash at $point: exit $rc, want 137 (SIGKILL)"
    out=$(L replicate --once --reference-date "$REF" 2>&1) || bad "restart after crash at $point: $out"
    out=$(L replicate --once --full --reference-date "$REF" 2>&1)
    [ "$(counters "$out")" = "0 0 0" ] && ok "SIGKILL at $point then restart = clean full run" || bad "after crash at $point a full run still wrote: $out"
done
for delay in 0.05 0.15 0.3 0.6; do
    (cd "$WORK" && exec "$LIAISON" replicate --once --full --reference-date "$REF" >/dev/null 2>&1) & p=$!
    sleep "$delay"; kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null
    L replicate --once --reference-date "$REF" >/dev/null 2>&1 || bad "restart after kill at ${delay}s"
    out=$(L replicate --once --full --reference-date "$REF" 2>&1)
    [ "$(counters "$out")" = "0 0 0" ] && ok "SIGKILL after ${delay}s then restart = clean full run" || bad "after kill at ${delay}s: $out"
done
check_ca "after crashes"

# ---- the server-side lock
(cd "$WORK" && LIAISON_TEST_SLEEP_AT=after_stage "$LIAISON" replicate --once --full --reference-date "$REF" > "$WORK/first.out" 2>&1) & p=$!
sleep 1
out=$(L replicate --once --reference-date "$REF" 2>&1); rc=$?
wait "$p"; rc1=$?
[ $rc -eq 11 ] && grep -q "verrou" <<<"$out" && ok "a second replicator of the same integration is refused (exit 11)" || bad "lock: rc=$rc $out"
[ $rc1 -eq 0 ] && ok "the first replicator completed" || bad "first replicator rc=$rc1: $(cat "$WORK/first.out")"

# ---- several companies into one view
write_config "$WORK/second.ini" bijou-bis BIJOU
out=$(L replicate -c second.ini --once --reference-date "$REF" 2>&1) || bad "second integration: $out"
n1=$(sql LIAISON_CRM "SELECT COUNT(*) FROM dbo.vReportCompanyInfosFlash WHERE Integration = N'bijou'" | tr -d ' ')
n2=$(sql LIAISON_CRM "SELECT COUNT(*) FROM dbo.vReportCompanyInfosFlash WHERE Integration = N'bijou-bis'" | tr -d ' ')
[ -n "$n1" ] && [ "$n1" = "$n2" ] && [ "$n1" -gt 0 ] && ok "two integrations side by side in the view ($n1 rows each)" || bad "view per integration: '$n1' '$n2'"

# ---- simulator restarted under the daemon: clean failure, retry, completion
(cd "$WORK" && exec "$LIAISON" replicate --daemon --interval 1 --no-progress > "$WORK/daemon.out" 2> "$WORK/daemon.err") & DAEMON_PID=$!
for _ in $(seq 1 100); do grep -q "réplication" "$WORK/daemon.out" && break; sleep 0.2; done
sim_stop
sql_port=$SIM_PORT
for _ in $(seq 1 150); do grep -q "nouvel essai" "$WORK/daemon.err" && break; sleep 0.2; done
grep -q "connexion au serveur" "$WORK/daemon.err" && grep -q "nouvel essai" "$WORK/daemon.err" && ok "daemon: server down reported clearly, retry scheduled" || bad "daemon while down: $(cat "$WORK/daemon.err")"
before=$(grep -c "réplication" "$WORK/daemon.out")
SIM_PORT=$sql_port sim_start "$WORK/data" || bad "simulator restart"
for _ in $(seq 1 200); do [ "$(grep -c "réplication" "$WORK/daemon.out")" -gt "$before" ] && break; sleep 0.2; done
[ "$(grep -c "réplication" "$WORK/daemon.out")" -gt "$before" ] && ok "daemon completed a run after the restart" || bad "daemon did not recover: $(tail -3 "$WORK/daemon.err")"
kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"; rc=$?; DAEMON_PID=
[ $rc -eq 0 ] && ok "daemon stops on SIGTERM (exit 0)" || bad "daemon exit on SIGTERM: $rc"
grep -q "RUN.*END.*ECHEC" "$WORK/journal.log" && grep -q "RUN.*END.*SUCCES" "$WORK/journal.log" && ok "journal has failed and successful runs with counters" || bad "journal"

# ---- hand-computed fixture (both sign conventions, offset fiscal years,
# awkward free-field names) in a database of its own, when the simulator
# can create one
if sql master "CREATE DATABASE LIA_FIXTURE" >/dev/null 2>&1; then
    sql LIA_FIXTURE "$(cat "$here/fixture/gescom_small.sql")" >/dev/null || bad "fixture load"
    write_config "$WORK/fixture.ini" fixture LIA_FIXTURE "include_dormant = yes"
    out=$(L replicate -c fixture.ini --once --reference-date 2026-03-04 2>&1) || bad "fixture run: $out"
    L feed ca --format jsonl --integration fixture | python3 -c '
import sys, json
from decimal import Decimal
print("CT_Num,CaHtN,CaHtN1,NbFacturesN,NbFacturesN1")
for r in sorted((json.loads(l) for l in sys.stdin), key=lambda r: r["CT_Num"]):
    print("%s,%.6f,%.6f,%d,%d" % (r["CT_Num"], Decimal(str(r["CaHtN"])), Decimal(str(r["CaHtN1"])), r["NbFacturesN"], r["NbFacturesN1"]))' > "$WORK/fixture_ca.csv"
    diff "$here/fixture/expected_ca.csv" "$WORK/fixture_ca.csv" && ok "fixture: CA as computed by hand (credit notes in both sign conventions)" || bad "fixture CA"
    L feed infosflash --format csv > "$WORK/view.csv"
    while IFS= read -r col; do
        head -1 "$WORK/view.csv" | grep -qF -- "$col" || bad "fixture: view column '$col' missing"
    done < "$here/fixture/expected_view_columns.txt"
    head -1 "$WORK/view.csv" | grep -qF "Sans colonne" && bad "fixture: a definition without a column reached the view"
    grep -q "Bijouterie Élodie" "$WORK/view.csv" && grep -q "Très fidèle, « exigeante »" "$WORK/view.csv" && ok "fixture: accents intact in the view" || bad "fixture: accents"
    grep -qE "Chèque à 30 jours fin de mois \(50(\.00)? %\) ; Virement à 60 jours net \(équilibre\)" "$WORK/view.csv" && ok "fixture: payment conditions as text" || bad "fixture: payment conditions"
else
    echo "note: the simulator cannot CREATE DATABASE; fixture part not run"
fi

# ---- uninstall removes Liaison's objects only
out=$(L uninstall 2>&1) || bad "uninstall: $out"
left=$(sql LIAISON_CRM "SELECT COUNT(*) FROM sys.tables t WHERE SCHEMA_NAME(t.schema_id) = 'liaison'" | tr -d ' ')
[ "$left" = "0" ] && ok "uninstall dropped the liaison schema" || bad "tables left after uninstall: $left"
out=$(L install 2>&1) && ok "install again after uninstall" || bad "reinstall: $out"
exit $fail
