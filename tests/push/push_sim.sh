#!/usr/bin/env bash
# `liaison push` end to end: liaison-sim (TDS) and liaison-sim-soap (the SOAP
# endpoint) on one data folder; the outbox installed by `liaison install` in
# LIAISON_CRM; prospect tiers in each account-code mode with a contact and two
# addresses; keys recorded in the outbox and the records read back over TDS;
# an invalid account code blocked (ECHEC + catalogue code), listed, excluded,
# reactivated after the fix; a fault of the service leaves no duplicate.
# Exit 77 (skipped) when liaison-sim is not part of the build.
set -u
SIM=${LIA_BINARY_DIR:?}/sim/liaison-sim
SOAPSIM=${LIA_BINARY_DIR}/sim/liaison-sim-soap
[ -x "$SIM" ] || { echo "SKIP: $SIM not built"; exit 77; }
[ -x "$SOAPSIM" ] || { echo "SKIP: $SOAPSIM not built"; exit 77; }
command -v bsqldb >/dev/null || { echo "SKIP: bsqldb (freetds-bin) missing"; exit 77; }
WORK=$(mktemp -d)
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    rm -rf "$WORK"
}
trap cleanup EXIT
fail=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fail=1; }
export LIA_SIM_PW=demo LIAISON_LANG=fr

# start NAME PROGRAM ARGS...: waits for "ready on HOST:PORT", sets PORT
start() {
    local name=$1; shift
    "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
    PIDS+=($!)
    local i
    for i in $(seq 1 300); do
        PORT=$(sed -n 's/.*ready on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$WORK/$name.out" | head -1)
        [ -n "$PORT" ] && return 0
        kill -0 "${PIDS[-1]}" 2>/dev/null || { echo "$name exited:"; cat "$WORK/$name.err"; exit 1; }
        sleep 0.1
    done
    echo "$name not ready"; exit 1
}

mkdir -p "$WORK/data"
printf 'liaison demo owner\n' >"$WORK/data/logins"
start sim "$SIM" --listen 127.0.0.1:0 --data "$WORK/data" --logins "$WORK/data/logins"
SIM_PORT=$PORT
cat >"$WORK/freetds.conf" <<CONF
[sim]
host = 127.0.0.1
port = $SIM_PORT
tds version = 7.4
client charset = UTF-8
CONF
export FREETDSCONF="$WORK/freetds.conf"
# sql DB "T-SQL": rows tab-separated; exit 1 on a server error.
sql() {
    local out rc
    out=$(bsqldb -S sim -U liaison -P "$LIA_SIM_PW" -D "$1" -q -t $'\t' <<<"$2" 2>"$WORK/bsql.err")
    rc=$?
    printf '%s\n' "$out" | sed '/^$/d'
    if [ $rc -ne 0 ] || grep -q "^Msg " "$WORK/bsql.err"; then cat "$WORK/bsql.err" >&2; return 1; fi
}
sql master "CREATE DATABASE BIJOU" >/dev/null || { bad "CREATE DATABASE"; exit 1; }
sql master "CREATE DATABASE LIAISON_CRM" >/dev/null || { bad "CREATE DATABASE"; exit 1; }
sql BIJOU "CREATE TABLE dbo.F_COMPTET (CT_Num varchar(17) NOT NULL PRIMARY KEY, CT_Intitule varchar(69) NULL, CT_Type smallint NULL, CT_Prospect smallint NULL, CT_Adresse varchar(35) NULL, CT_CodePostal varchar(9) NULL, CT_Ville varchar(35) NULL, CT_Pays varchar(35) NULL, CT_EMail varchar(69) NULL, N_Devise smallint NULL, N_CatCompta smallint NULL, N_CatTarif smallint NULL, CT_Langue smallint NULL)" || exit 1
sql BIJOU "CREATE TABLE dbo.F_CONTACTT (CT_Num varchar(17) NOT NULL, CT_No int NOT NULL, CT_Nom varchar(35) NULL, CT_Prenom varchar(35) NULL, CT_EMail varchar(69) NULL)" || exit 1
sql BIJOU "CREATE TABLE dbo.F_LIVRAISON (LI_No int NOT NULL, CT_Num varchar(17) NOT NULL, LI_Intitule varchar(35) NULL, LI_Adresse varchar(35) NULL, LI_CodePostal varchar(9) NULL, LI_Ville varchar(35) NULL, LI_Pays varchar(35) NULL, LI_Principal smallint NULL)" || exit 1

start soap "$SOAPSIM" --listen 127.0.0.1:0 --data "$WORK/data" --codification CL
SOAP_PORT=$PORT
{
    printf '[gescom]\nserver = 127.0.0.1\nport = %s\ndatabase = BIJOU\nuser = liaison\npassword_env = LIA_SIM_PW\nencryption = off\n' "$SIM_PORT"
    printf '[crm]\nserver = 127.0.0.1\nport = %s\ndatabase = LIAISON_CRM\nuser = liaison\npassword_env = LIA_SIM_PW\nencryption = off\n' "$SIM_PORT"
    printf '[soap]\nurl = http://127.0.0.1:%s/liaison/gescom\nuser = liaison\npassword_env = LIA_SIM_PW\ncompany = BIJOU\ntimeout = 10\n' "$SOAP_PORT"
    printf '[journal]\npath = %s/journal.log\n' "$WORK"
} >"$WORK/liaison.ini"
L() { (cd "$WORK" && "$LIAISON" "$@"); }

# The outbox is the one `liaison install` creates, as on a real CRM database.
if out=$(L install 2>&1); then
    ok "install"
else
    echo "FAIL: liaison install: $(tail -1 <<<"$out")"
    exit 1
fi

q() { sql LIAISON_CRM "$1"; }
outbox() { # ENTITY OPERATION PAYLOAD
    q "INSERT INTO liaison.Outbox (Entity, Operation, Payload) VALUES (N'$1', N'$2', N'$3')" >/dev/null || bad "insert outbox"
}
outbox TIERS CREATE '{"CT_Num":"[ATTENTE]","CT_Intitule":"Prospect CRM","CT_Prospect":1,"crmId":501,"CT_Adresse":"1 rue Haute","CT_CodePostal":"69001","CT_Ville":"Lyon"}'
outbox CONTACT CREATE '{"parentOutboxId":1,"CT_Nom":"Martin","CT_Prenom":"Anne"}'
outbox ADRESSE CREATE '{"parentOutboxId":1,"LI_Adresse":"2 rue Basse","LI_Ville":"Lyon"}'
outbox ADRESSE CREATE '{"parentOutboxId":1,"LI_Adresse":"3 quai Sud","LI_Ville":"Lyon"}'

# CRM numbering with a suffix
L push --code-mode crm --code-suffix LY >"$WORK/p1.out" 2>&1; rc=$?
[ $rc -eq 0 ] && ok "push (crm numbering) exit 0" || { bad "push crm: rc=$rc"; cat "$WORK/p1.out"; }
keys=$(q "SELECT OutboxId, Status, ErpKey FROM liaison.Outbox ORDER BY OutboxId")
[ "$(sed -n 1p <<<"$keys")" = $'1\tdone\t501LY' ] && ok "tiers key recorded: 501LY" || bad "keys: $keys"
grep -q $'2\tdone\t501LY/CT_No:1' <<<"$keys" && ok "contact key recorded" || bad "contact: $keys"
grep -q $'4\tdone\t501LY/LI_No:3' <<<"$keys" && ok "second address key recorded" || bad "addresses: $keys"
t=$(sql BIJOU "SELECT CT_Num, CT_Intitule, CT_Prospect, N_Devise, N_CatCompta, N_CatTarif, CT_Langue FROM dbo.F_COMPTET WHERE CT_Num = '501LY'")
[ "$t" = $'501LY\tProspect CRM\t1\t0\t1\t1\t1' ] && ok "tiers readable over TDS with its defaults" || bad "F_COMPTET: $t"
n=$(sql BIJOU "SELECT COUNT(*) FROM dbo.F_LIVRAISON WHERE CT_Num = '501LY'")
d=$(sql BIJOU "SELECT COUNT(DISTINCT LI_Intitule) FROM dbo.F_LIVRAISON WHERE CT_Num = '501LY'")
[ "$n" = 3 ] && [ "$d" = 3 ] && ok "billing + two delivery addresses, labels unique" || bad "F_LIVRAISON: $n rows, $d labels"
c=$(sql BIJOU "SELECT CT_Nom FROM dbo.F_CONTACTT WHERE CT_Num = '501LY'")
[ "$c" = "Martin" ] && ok "contact readable over TDS" || bad "F_CONTACTT: $c"

# GesCom numbering, free entry, and an invalid code
outbox TIERS CREATE '{"CT_Num":"<AUTOERP>","CT_Intitule":"Auto"}'
L push --code-mode erp >"$WORK/p2.out" 2>&1
k=$(q "SELECT ErpKey FROM liaison.Outbox WHERE OutboxId = 5")
[ "$k" = "CL0001" ] && ok "<AUTOERP>: GesCom allocated CL0001" || bad "autoerp: $k $(cat "$WORK/p2.out")"
outbox TIERS CREATE '{"CT_Num":"libre01","CT_Intitule":"Libre"}'
outbox TIERS CREATE '{"CT_Num":"CODE INVALIDE","CT_Intitule":"Faux"}'
outbox TIERS CREATE '{"CT_Num":"[ATTENTE]","CT_Intitule":"Pas encore"}'
L push >"$WORK/p3.out" 2>&1; rc=$?
[ $rc -eq 1 ] && ok "push with a blocked and a waiting item exits 1" || bad "push free: rc=$rc $(cat "$WORK/p3.out")"
s=$(q "SELECT OutboxId, Status, COALESCE(ErpKey, N'-'), COALESCE(LastErrorCode, N'-') FROM liaison.Outbox WHERE OutboxId >= 6 ORDER BY OutboxId")
grep -q $'6\tdone\tLIBRE01' <<<"$s" && ok "free entry: LIBRE01" || bad "free: $s"
grep -q $'7\terror\t-\tERP-TIERS-0101' <<<"$s" && ok "invalid code: ECHEC ERP-TIERS-0101, blocked" || bad "invalid: $s"
grep -q $'8\tpending\t-' <<<"$s" && ok "[ATTENTE] never sent" || bad "attente: $s"
[ "$(sql BIJOU "SELECT COUNT(*) FROM dbo.F_COMPTET WHERE CT_Intitule = 'Pas encore'")" = 0 ] || bad "[ATTENTE] reached GesCom"

# the blocked list, exclude, reactivate
b=$(L push --list-blocked)
grep -q $'^7\tTIERS CREATE\tERP-TIERS-0101' <<<"$b" && ok "--list-blocked lists item 7" || bad "list: $b"
L push --list-blocked --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[0]["id"]==7 and d[0]["code"]=="ERP-TIERS-0101"' \
    && ok "--list-blocked --format json" || bad "json list"
L push --exclude 7 >/dev/null && grep -q "exclu du flux" <<<"$(L push --list-blocked)" && ok "--exclude" || bad "exclude"
L push --exclude 6 >/dev/null 2>&1; [ $? -eq 10 ] && ok "--exclude of a done item: exit 10" || bad "exclude done"
q "UPDATE liaison.Outbox SET Payload = N'{\"CT_Num\":\"CORRIGE\",\"CT_Intitule\":\"Faux\"}' WHERE OutboxId = 7" >/dev/null
L push --reactivate 7 >/dev/null || bad "reactivate"
L push >/dev/null 2>&1
s=$(q "SELECT Status, ErpKey FROM liaison.Outbox WHERE OutboxId = 7")
[ "$s" = $'done\tCORRIGE' ] && ok "reactivated item sent after the fix" || bad "after reactivate: $s"
[ -z "$(L push --list-blocked | grep -v 'aucun')" ] && ok "blocked list empty" || bad "still blocked"

# injected faults: retried or a clear failure, never a second tiers
control() { python3 -c 'import sys,urllib.request; urllib.request.urlopen(sys.argv[1], data=sys.argv[2].encode()).read()' \
    "http://127.0.0.1:$SOAP_PORT/_control" "$1"; }
outbox TIERS CREATE '{"CT_Num":"BUSY1","CT_Intitule":"Occupé"}'
control "busy=1&retry_after=1"
L push >/dev/null 2>&1; rc=$?   # 1: item 8 ([ATTENTE]) still waits
[ $rc -eq 1 ] && [ "$(q "SELECT Status FROM liaison.Outbox WHERE OutboxId = 9")" = done ] && ok "503 + Retry-After: retried, done" || bad "busy: rc=$rc"
outbox TIERS CREATE '{"CT_Num":"EXPIRE1","CT_Intitule":"Session"}'
control "expire=1"
L push >/dev/null 2>&1; rc=$?
[ $rc -eq 1 ] && [ "$(q "SELECT Status FROM liaison.Outbox WHERE OutboxId = 10")" = done ] && ok "expired session: new logon, done" || bad "expire: rc=$rc"
outbox TIERS CREATE '{"CT_Num":"CUT1","CT_Intitule":"Réponse coupée"}'
control "malformed=1"
L push >"$WORK/p4.out" 2>&1; rc=$?
[ $rc -eq 9 ] && grep -q "XML" "$WORK/p4.out" && ok "malformed response: clear failure (exit 9)" || bad "malformed: rc=$rc $(cat "$WORK/p4.out")"
r=$(q "SELECT Status, CASE WHEN RequestId IS NULL THEN 0 ELSE 1 END FROM liaison.Outbox WHERE OutboxId = 11")
[ "$r" = $'pending\t1' ] && ok "item pending with its request id" || bad "after malformed: $r"
L push >/dev/null 2>&1
[ "$(q "SELECT Status FROM liaison.Outbox WHERE OutboxId = 11")" = done ] && ok "next run: replayed, done" || bad "replay"
[ "$(sql BIJOU "SELECT COUNT(*) FROM dbo.F_COMPTET WHERE CT_Num = 'CUT1'")" = 1 ] && ok "CUT1 created once" || bad "CUT1 duplicated"
control "logon_fault=1"
outbox TIERS CREATE '{"CT_Num":"DOWN1","CT_Intitule":"Service en panne"}'
L push >"$WORK/p5.out" 2>&1; rc=$?
[ $rc -eq 9 ] && ok "fault at logon: clear failure (exit 9)" || bad "logon fault: rc=$rc $(cat "$WORK/p5.out")"
control "logon_fault=0"
L push >/dev/null 2>&1
[ "$(q "SELECT Status FROM liaison.Outbox WHERE OutboxId = 12")" = done ] && ok "after the fault: done" || bad "after logon fault"

# secrets stay out of the journal
grep -q "demo" "$WORK/journal.log" && bad "password in the journal" || ok "no password in the journal"
n=$(sql BIJOU "SELECT COUNT(*) FROM dbo.F_COMPTET")
[ "$n" = 8 ] && ok "8 tiers in GesCom, no duplicate" || bad "F_COMPTET count $n"
exit $fail
