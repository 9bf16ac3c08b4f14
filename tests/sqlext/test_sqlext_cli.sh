#!/usr/bin/env bash
# install, uninstall, replicate, verify, feed without a server: help, usage
# errors (2), configuration errors (3), unreachable server (4, clear
# message), pause switch (11).  No password ever printed.
set -u
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
expect() { # WANT-EXIT PATTERN ARGS...
    local want=$1 pat=$2; shift 2
    local out rc
    out=$(cd "$work" && "$LIAISON" "$@" 2>&1); rc=$?
    if [ "$rc" != "$want" ]; then echo "FAIL: liaison $* exited $rc, want $want"; echo "$out"; fail=1; return; fi
    if ! grep -q -- "$pat" <<<"$out"; then echo "FAIL: liaison $* lacks '$pat'"; echo "$out"; fail=1; return; fi
    if grep -q "Secr3t" <<<"$out"; then echo "FAIL: liaison $* printed the password"; fail=1; fi
    echo "ok: liaison $*"
}
for c in install uninstall replicate verify feed; do
    expect 0 "usage : liaison $c" $c --help
    expect 2 "option inconnue '--bogus'" $c --bogus
    args=$c; [ $c = feed ] && args="feed ca"
    expect 3 "configuration invalide 'absent.ini'" $args -c absent.ini
done
expect 0 "usage: liaison replicate" --lang en replicate -h
expect 2 "intervalle invalide" replicate --interval 0
expect 2 "date invalide" replicate --reference-date 2026-13
expect 2 "flux inconnu" feed bogus
expect 2 "format inconnu 'xml'" feed ca --format xml
expect 2 "source inconnue" feed ca --source erp
expect 2 "infosflash n'existe que côté CRM" feed infosflash --source gescom

# A port nobody listens on: connection refused, exit 4, subject named.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
cat > "$work/liaison.ini" <<INI
[gescom]
server = 127.0.0.1
port = $port
database = BIJOU
user = liaison
password_env = LIA_TEST_PW
login_timeout = 2
[crm]
server = 127.0.0.1
port = $port
database = LIAISON_CRM
user = liaison
password_env = LIA_TEST_PW
login_timeout = 2
[journal]
path = $work/journal.log
INI
export LIA_TEST_PW=Secr3t
expect 4 "connexion au serveur impossible" install
expect 4 "connexion au serveur impossible" install --dry-run
expect 4 "connexion au serveur impossible" uninstall
expect 4 "connexion au serveur impossible" replicate --once
expect 4 "connexion au serveur impossible" verify
expect 4 "connexion au serveur impossible" feed ca
# The failed run is journaled: RUN START, the error, RUN END ECHEC.
if ! grep -q "RUN.*END.*ECHEC" "$work/journal.log"; then echo "FAIL: no failed RUN END in the journal"; cat "$work/journal.log"; fail=1; else echo "ok: journal"; fi
if grep -q Secr3t "$work/journal.log"; then echo "FAIL: password in the journal"; fail=1; fi
# Pause switch: nothing is tried while it exists.
touch "$work/liaison.pause"
expect 11 "réplication en pause" replicate --once
expect 11 "paused" --lang en replicate --pause-file liaison.pause
exit $fail
