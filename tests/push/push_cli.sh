#!/usr/bin/env bash
# `liaison push` on the command line, without servers: help, usage errors,
# configuration errors and an unreachable CRM give their documented exit codes.
set -u
L=${LIAISON:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
expect() { # expected-code description command...
    local want=$1 what=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    if [ "$got" != "$want" ]; then
        echo "FAIL: $what: exit $got, expected $want"; cat "$tmp/out" "$tmp/err"; fail=1
    fi
}
expect 0 "help" "$L" push --help
grep -q -- "--list-blocked" "$tmp/out" || { echo "FAIL: help lacks --list-blocked"; fail=1; }
expect 0 "help en" "$L" --lang en push --help
grep -q "Exit codes" "$tmp/out" || { echo "FAIL: English help"; fail=1; }
expect 2 "unknown option" "$L" push --bogus
grep -q "bogus" "$tmp/err" || { echo "FAIL: message names the option"; fail=1; }
expect 2 "bad id" "$L" push --exclude 12x
expect 2 "bad id 0" "$L" push --reactivate 0
expect 2 "exclusive" "$L" push --list-blocked --exclude 3
expect 2 "bad mode" "$L" push --code-mode auto
expect 2 "bad batch" "$L" push --batch 0
expect 2 "long suffix" "$L" push --code-suffix ABCDEFGHIJKLMNOPQR
expect 3 "missing config" "$L" push -c "$tmp/none.ini" --list-blocked
printf 'secret\n' >"$tmp/pw"
chmod 600 "$tmp/pw"
cat >"$tmp/l.ini" <<INI
[gescom]
server = 127.0.0.1
port = 1
database = BIJOU
user = liaison
password_file = pw
login_timeout = 2
[crm]
server = 127.0.0.1
port = 1
database = LIAISON_CRM
user = liaison
password_file = pw
login_timeout = 2
INI
expect 4 "CRM unreachable" "$L" push -c "$tmp/l.ini" --list-blocked
grep -q "secret" "$tmp/out" "$tmp/err" && { echo "FAIL: password printed"; fail=1; }
exit $fail
