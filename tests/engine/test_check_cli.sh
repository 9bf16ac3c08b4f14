#!/usr/bin/env bash
# `liaison check` options and configuration failures: help, usage errors
# (exit 2) and configuration errors (exit 3) with file:line, before any
# connection is tried.
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
    echo "ok: liaison $*"
}
expect 0 "usage : liaison check" check --help
expect 0 "usage: liaison check" --lang en check -h
expect 0 "usage : liaison check" help check
expect 2 "option inconnue '--bogus'" check --bogus
expect 2 "format inconnu 'xml'" check --format xml
expect 2 "fichier manquant après '-c'" check -c
expect 2 "option inconnue '--password'" check --password secret
expect 3 "configuration invalide 'liaison.ini'" check
expect 3 "configuration invalide 'absent.ini'" check -c absent.ini

printf '[gescom]\nserver = 127.0.0.1\nbogus line\n' > "$work/bad.ini"
expect 3 "ligne de configuration mal formée 'bad.ini:3'" check -c bad.ini
printf '[gescom]\nserver = 127.0.0.1\nservre = x\n' > "$work/key.ini"
expect 3 "unknown configuration key 'key.ini:3'" --lang en check --config=key.ini
printf 'hunter2\n' > "$work/open.pw"
chmod 644 "$work/open.pw"
printf '[gescom]\nserver=127.0.0.1\nport=1\ndatabase=BIJOU\nuser=u\npassword_file=open.pw\n' > "$work/perm.ini"
expect 3 "chmod 600) 'open.pw': mode actuel 644" check -c perm.ini
out=$(cd "$work" && "$LIAISON" check -c perm.ini 2>&1)
if grep -q hunter2 <<<"$out"; then echo "FAIL: password printed"; fail=1; fi
printf '[gescom]\nserver=127.0.0.1\nport=1\ndatabase=BIJOU\nuser=u\npassword_env=LIA_TEST_NO_SUCH_VAR\n' > "$work/env.ini"
expect 3 "mot de passe introuvable 'LIA_TEST_NO_SUCH_VAR'" check -c env.ini
exit $fail
