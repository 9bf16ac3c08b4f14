#!/usr/bin/env bash
# `liaison check` and the connection layer against the simulator: a small
# GesCom-looking database, a database that is not GesCom and a CRM database
# are created through T-SQL; then check must pass on them, and fail with the
# documented exit code and SQL Server's own text on a wrong password (5), an
# unknown database (6) and a database that is not GesCom (6).  test_db_live
# then runs the db layer's own tests on the CRM database.
set -u
SIM_BIN="$LIA_BINARY_DIR/sim/liaison-sim"
LIVE="$LIA_BINARY_DIR/tests/engine/test_db_live"
work=$(mktemp -d)
sim_pid=
cleanup() {
    if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null; fi
    rm -rf "$work"
}
trap cleanup EXIT
fail=0
die() { echo "FAIL: $*"; echo "--- simulator log"; tail -20 "$work/sim.err"; exit 1; }

password="Chk-$$-pw"
umask 077
printf 'liaison %s owner\nlecteur %s reader\n' "$password" "$password" > "$work/logins"
mkdir -p "$work/data"
"$SIM_BIN" --listen 127.0.0.1:0 --data "$work/data" --logins "$work/logins" > "$work/sim.out" 2> "$work/sim.err" &
sim_pid=$!
for _ in $(seq 300); do
    grep -q ready "$work/sim.out" 2>/dev/null && break
    kill -0 "$sim_pid" 2>/dev/null || die "liaison-sim exited before it was ready"
    sleep 0.1
done
port=$(sed -n 's/^liaison-sim: ready on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$work/sim.out")
[ -n "$port" ] || die "no ready line from liaison-sim"

# Test data, through FreeTDS's own tsql (one batch per "go").
cat > "$work/freetds.conf" <<CONF
[sim]
    host = 127.0.0.1
    port = $port
    tds version = 7.4
    client charset = UTF-8
CONF
FREETDSCONF="$work/freetds.conf" timeout 60 tsql -S sim -U liaison -P "$password" \
    < "$LIA_SOURCE_DIR/tests/engine/check_sim_setup.sql" > "$work/setup.log" 2>&1
if grep -q "Msg [0-9]" "$work/setup.log"; then cat "$work/setup.log"; die "test databases not created"; fi

printf '%s\n' "$password" > "$work/sim.pw"
chmod 600 "$work/sim.pw"
printf 'wrong-%s\n' "$password" > "$work/wrong.pw"
chmod 600 "$work/wrong.pw"
config() { # FILE GESCOM-DB PASSWORD-FILE [CRM-DB [CRM-USER]]
    {
        printf '[gescom]\nserver = 127.0.0.1\nport = %s\ndatabase = %s\nuser = liaison\npassword_file = %s\nlogin_timeout = 10\n' \
            "$port" "$2" "$3"
        if [ -n "${4:-}" ]; then
            printf '[crm]\nserver = 127.0.0.1\nport = %s\ndatabase = %s\nuser = %s\npassword_file = sim.pw\n' \
                "$port" "$4" "${5:-liaison}"
        fi
        printf '[journal]\npath = %s/journal\n' "$work"
    } > "$work/$1"
}

expect() { # NAME WANT-EXIT CONFIG PATTERN [EXTRA-ARGS...]
    local name=$1 want=$2 cfg=$3 pat=$4; shift 4
    local out rc
    out=$(cd "$work" && timeout 60 "$LIAISON" check -c "$cfg" "$@" 2>&1); rc=$?
    if [ "$rc" != "$want" ]; then echo "FAIL $name: exit $rc, want $want"; echo "$out"; fail=1; return 1; fi
    if ! grep -q -- "$pat" <<<"$out"; then echo "FAIL $name: output lacks '$pat'"; echo "$out"; fail=1; return 1; fi
    if grep -q -- "$password" <<<"$out" || grep -q -- "$password" "$work/journal"; then
        echo "FAIL $name: the password appears in the output or the journal"; fail=1; return 1
    fi
    echo "ok: $name"
    LAST_OUT=$out
}

config ok.ini GESTEST sim.pw CRMTEST
expect "GesCom and CRM ready" 0 ok.ini "base Sage 100 Gestion Commerciale reconnue" &&
    for want in "✓ connexion : liaison@127.0.0.1:$port, base GESTEST" "✓ lecture (SELECT) des tables GesCom" \
                "CRM (127.0.0.1:$port, base CRMTEST)" "Prérequis : " "0 manquants"; do
        grep -q -- "$want" <<<"$LAST_OUT" || { echo "FAIL ok: lacks '$want'"; echo "$LAST_OUT"; fail=1; }
    done
tail -n 1 "$work/journal" | grep -q $'\tRUN\tEND\t-\t-\t-\t\\(SUCCES\\|AVERTISSEMENT\\)\t' ||
    { echo "FAIL ok: journal run not ended with success"; tail -n 3 "$work/journal"; fail=1; }
expect "json report" 0 ok.ini '"status":"ok"' --format json &&
    { python3 -m json.tool <<<"$LAST_OUT" > /dev/null || { echo "FAIL json: not valid JSON"; fail=1; }; }

# A server without HAS_PERMS_BY_NAME (error 195): the read test falls back to
# reading zero rows from each table.  The T-SQL of check comes from a copy of
# sql/ where the permission query calls a function no server has.
mkdir -p "$work/sql"
cp -r "$LIA_SOURCE_DIR/sql/engine" "$work/sql/"
printf -- '-- test: a function the server does not know\nSELECT NO_SUCH_FUNCTION(1) AS table_name, 1 AS can_select;\n' \
    > "$work/sql/engine/gescom_permissions.sql"
LIAISON_SQL_DIR="$work/sql" expect "no HAS_PERMS_BY_NAME" 0 ok.ini "✓ lecture (SELECT) des tables GesCom"
# A database whose collation is not French: a warning, not a block.
mkdir -p "$work/sqlcoll"
cp -r "$LIA_SOURCE_DIR/sql/engine" "$work/sqlcoll/"
sed 's/CAST(DATABASEPROPERTYEX(DB_NAME(), .Collation.) AS nvarchar(128))/N'"'"'Latin1_General_CI_AS'"'"'/' \
    "$LIA_SOURCE_DIR/sql/engine/server_info.sql" > "$work/sqlcoll/engine/server_info.sql"
grep -q Latin1_General_CI_AS "$work/sqlcoll/engine/server_info.sql" || { echo "FAIL: collation override not made"; fail=1; }
LIAISON_SQL_DIR="$work/sqlcoll" expect "other collation" 0 ok.ini "⚠ collation inattendue pour une base GesCom (French_CI_AS attendue) : Latin1_General_CI_AS"
# ...and that read test is what decides: one that fails blocks.
printf -- '-- test: a read that fails\nSELECT TOP (0) 1 AS probe FROM dbo.F_ABSENTE;\n' > "$work/sql/engine/gescom_select_probe.sql"
LIAISON_SQL_DIR="$work/sql" expect "fallback read fails" 6 ok.ini "✗ lecture (SELECT) des tables GesCom : objet inexistant 'engine/gescom_select_probe.sql' (erreur SQL Server 208)"

config badpw.ini GESTEST wrong.pw
expect "wrong password" 5 badpw.ini "échec de l'authentification 'liaison@127.0.0.1:$port' (erreur SQL Server 18456): Login failed for user 'liaison'"

config nodb.ini NO_SUCH_DB sim.pw
expect "unknown database" 6 nodb.ini "impossible d'ouvrir la base de données 'NO_SUCH_DB' (erreur SQL Server 4060)"

config other.ini AUTRE sim.pw
expect "not a GesCom database" 6 other.ini "la base n'est pas une base Sage 100 Gestion Commerciale 'AUTRE'"
grep -q "F_COMPTET" <<<"$LAST_OUT" || { echo "FAIL not GesCom: the missing tables are not named"; fail=1; }

# A read-only login: enough for GesCom, not for installing on the CRM side.
config reader.ini GESTEST sim.pw CRMTEST lecteur
expect "reader on the CRM" 7 reader.ini "✗ création des objets Liaison (install)" &&
    grep -q "✓ lecture (SELECT) des tables GesCom" <<<"$LAST_OUT" ||
    { echo "FAIL reader: GesCom read not granted"; fail=1; }

config en.ini AUTRE sim.pw
expect "english" 6 en.ini "not a Sage 100 Gestion Commerciale database" --lang en

# The demo company of the simulator: BIJOU and its empty CRM database.
kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null
mkdir -p "$work/demo"
"$SIM_BIN" --listen 127.0.0.1:0 --data "$work/demo" --logins "$work/logins" --demo small > "$work/sim.out" 2> "$work/sim.err" &
sim_pid=$!
for _ in $(seq 600); do
    grep -q ready "$work/sim.out" 2>/dev/null && break
    kill -0 "$sim_pid" 2>/dev/null || die "liaison-sim --demo small exited before it was ready"
    sleep 0.1
done
demo_port=$(sed -n 's/^liaison-sim: ready on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$work/sim.out")
[ -n "$demo_port" ] || die "no ready line from liaison-sim --demo small"
port_save=$port
port=$demo_port
config demo.ini BIJOU sim.pw LIAISON_CRM
expect "demo company" 0 demo.ini "✓ base Sage 100 Gestion Commerciale reconnue"
port=$port_save
kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null; sim_pid=

# The db layer's own tests, on the CRM database (first simulator, started again on its data).
"$SIM_BIN" --listen 127.0.0.1:0 --data "$work/data" --logins "$work/logins" > "$work/sim.out" 2> "$work/sim.err" &
sim_pid=$!
for _ in $(seq 300); do
    grep -q ready "$work/sim.out" 2>/dev/null && break
    kill -0 "$sim_pid" 2>/dev/null || die "liaison-sim exited before it was ready"
    sleep 0.1
done
port=$(sed -n 's/^liaison-sim: ready on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$work/sim.out")
if LIA_TEST_PORT=$port LIA_TEST_USER=liaison LIA_TEST_PASSWORD=$password LIA_TEST_DB=CRMTEST \
   LIA_TEST_READER=lecteur LIA_TEST_READER_PASSWORD=$password "$LIVE" > "$work/live.log" 2>&1; then
    echo "ok: test_db_live"
else
    echo "FAIL: test_db_live"; cat "$work/live.log"; fail=1
fi
exit $fail
