#!/usr/bin/env bash
# The command line: help, version, unknown commands and options exit 2 with usage.
set -u
fail=0
expect() { # expect EXIT-CODE PATTERN-ON-OUTPUT ARGS...
    local want=$1 pat=$2; shift 2
    local out rc
    out=$("$LIAISON" "$@" 2>&1); rc=$?
    if [ "$rc" != "$want" ]; then echo "FAIL: liaison $* exited $rc, want $want"; echo "$out"; fail=1; return; fi
    if ! grep -q -- "$pat" <<<"$out"; then echo "FAIL: liaison $* output lacks '$pat'"; echo "$out"; fail=1; return; fi
    echo "ok: liaison $*"
}
expect 0 "usage" --help
expect 0 "^liaison [0-9]" --version
expect 2 "commande inconnue 'frobnicate'" frobnicate
expect 2 "option inconnue '--bogus'" --bogus
expect 2 "unknown command 'frobnicate'" --lang en frobnicate
expect 2 "usage" 
expect 2 "langue inconnue" --lang de check
# --lang is global wherever it stands, and reaches the command's messages.
expect 3 "invalid configuration '/nonexistent/x.ini'" check --lang en -c /nonexistent/x.ini
expect 3 "invalid configuration '/nonexistent/x.ini'" check -c /nonexistent/x.ini --lang=en
expect 2 "langue inconnue (fr ou en) 'xx'" check --lang xx
# Every command that reads a configuration takes -c FILE; a missing file is a
# configuration error (3) that names the file.
for c in check diagnose install uninstall replicate verify push; do
    expect 3 "/nonexistent/liaison.ini" $c -c /nonexistent/liaison.ini
done
expect 3 "/nonexistent/liaison.ini" feed ca -c /nonexistent/liaison.ini
# Every command has its own help.
for c in check demo diagnose install uninstall replicate verify feed push analyze; do
    expect 0 "liaison $c" $c --help
done
exit $fail
