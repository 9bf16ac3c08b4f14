#!/usr/bin/env bash
# FreeTDS's tools against the real simulator (engine + TDS front): tsql on
# every TDS version reads every type, bsqldb runs batches, freebcp copies a
# table out and back in; SQL Server's error numbers come through (102 for
# LIMIT, 208, 229 for a reader writing, 18456).  tsql/bsqldb/freebcp only take
# the password with -P: acceptable for this throwaway test login.
set -eu
. "$(dirname "$0")/sim_env.sh"
sim_start
here=$(dirname "$0")

out=$(timeout 60 tsql -S sim -U liaison -P "$SIM_PASSWORD" <"$here/setup_types.sql" 2>&1)
echo "$out" | grep -q '^Msg' && sim_fail "setup: $out"

for v in 7.1 7.2 7.3 7.4; do
    out=$(printf 'USE CONF\ngo\nSELECT *, CAST(vmax AS varchar(max)) AS vm2, CAST(nmax AS nvarchar(max)) AS nm2 FROM dbo.T_TYPES ORDER BY id\ngo\n' \
          | TDSVER=$v timeout 60 tsql -H 127.0.0.1 -p "$SIM_PORT" -U liaison -P "$SIM_PASSWORD" 2>&1)
    for want in 'Bijouterie Élégance – été €' 'Ça coûte 5 € – 日本' '-1234567.8912' \
                '9007199254740993' '1234.56' 'grand texte éà' '𝄞 clé' '0102ff' 'Feb 29 2024 01:45PM'; do
        echo "$out" | grep -qF -- "$want" || sim_fail "TDS $v: '$want' missing in: $out"
    done
done

out=$(sim_tsql liaison "USE CONF" "SELECT id FROM dbo.T_TYPES LIMIT 5")
echo "$out" | grep -q 'Msg 102 (severity 15' || sim_fail "LIMIT: $out"
out=$(sim_tsql liaison "USE CONF" "SELECT * FROM dbo.NO_SUCH_TABLE")
echo "$out" | grep -q 'Msg 208 ' || sim_fail "208: $out"
out=$(sim_tsql lecteur "USE CONF" "DELETE FROM dbo.T_TYPES")
echo "$out" | grep -q 'Msg 229 ' || sim_fail "229: $out"
out=$(printf 'SELECT 1\ngo\n' | timeout 20 tsql -S sim -U liaison -P wrong 2>&1 || true)
echo "$out" | grep -q "Login failed for user 'liaison'" || sim_fail "18456: $out"

# bsqldb: several statements, several result sets.
out=$(printf "USE CONF\nSELECT COUNT(*) AS n FROM dbo.T_TYPES\nSELECT vc FROM dbo.T_TYPES WHERE id = 1\ngo\n" \
      | timeout 60 bsqldb -S sim -U liaison -P "$SIM_PASSWORD" 2>&1)
echo "$out" | grep -q 'Bijouterie Élégance – été €' || sim_fail "bsqldb: $out"

# freebcp in (INSERT BULK) then out, and back in to a second table.
for i in $(seq 1 500); do printf '%d\tnom %d élève\t%d.125\t2024-01-%02d 10:00:00\n' "$i" "$i" "$i" $(( (i % 28) + 1 )); done >"$SIM_TMP/in.txt"
timeout 60 freebcp CONF.dbo.T_BCP in "$SIM_TMP/in.txt" -c -S sim -U liaison -P "$SIM_PASSWORD" >"$SIM_TMP/bcp1" 2>&1 \
    || sim_fail "freebcp in: $(cat "$SIM_TMP/bcp1")"
grep -q '500 rows copied' "$SIM_TMP/bcp1" || sim_fail "freebcp in: $(cat "$SIM_TMP/bcp1")"
timeout 60 freebcp CONF.dbo.T_BCP out "$SIM_TMP/out.txt" -c -S sim -U liaison -P "$SIM_PASSWORD" >"$SIM_TMP/bcp2" 2>&1 \
    || sim_fail "freebcp out: $(cat "$SIM_TMP/bcp2")"
[ "$(wc -l <"$SIM_TMP/out.txt")" = 500 ] || sim_fail "freebcp out: $(wc -l <"$SIM_TMP/out.txt") rows"
grep -q "nom 42 élève" "$SIM_TMP/out.txt" || sim_fail "freebcp out text: $(head -3 "$SIM_TMP/out.txt")"
timeout 60 freebcp CONF.dbo.T_BCP2 in "$SIM_TMP/out.txt" -c -S sim -U liaison -P "$SIM_PASSWORD" >"$SIM_TMP/bcp3" 2>&1 \
    || sim_fail "freebcp in again: $(cat "$SIM_TMP/bcp3")"
out=$(sim_tsql liaison "USE CONF" \
    "SELECT COUNT(*) FROM dbo.T_BCP a JOIN dbo.T_BCP2 b ON a.id = b.id AND a.nom = b.nom AND a.montant = b.montant AND a.jour = b.jour")
echo "$out" | grep -qx '500' || sim_fail "round trip: $out"

kill -TERM "$SIM_PID"; wait "$SIM_PID" || sim_fail "exit status after SIGTERM"
SIM_PID=""
echo "conf_freetds: ok"
