#!/usr/bin/env bash
# `liaison diagnose` without a server: options, usage errors and their exit
# codes, the catalogue in every format, a refused connection.
set -u
fail=0
expect() { # expect EXIT-CODE PATTERN ARGS...
    local want=$1 pat=$2; shift 2
    local out rc
    out=$(LIAISON_PASSWORD=x "$LIAISON" "$@" 2>&1); rc=$?
    if [ "$rc" != "$want" ]; then echo "FAIL: liaison $* exited $rc, want $want"; echo "$out"; fail=1; return; fi
    if ! grep -q -- "$pat" <<<"$out"; then echo "FAIL: liaison $* output lacks '$pat'"; echo "$out"; fail=1; return; fi
    echo "ok: liaison $*"
}
conn=(--server 127.0.0.1:9 --database BIJOU --user lecteur --no-journal)
expect 0 "usage : liaison diagnose" diagnose --help
expect 0 "usage: liaison diagnose" --lang en diagnose --help
expect 0 "^D001 " diagnose --list
expect 0 "^D082;10;" diagnose --list --format csv
expect 0 "<table>" diagnose --list --format html
expect 2 "option inconnue '--frob'" diagnose --frob
expect 2 "valeur manquante pour '--format'" diagnose --format
expect 2 "format inconnu 'pdf'" diagnose --format pdf "${conn[@]}"
expect 2 "priorité invalide" diagnose --max-priority 0 "${conn[@]}"
expect 2 "min-priority est supérieure" diagnose --min-priority 50 --max-priority 10 "${conn[@]}"
expect 2 "date invalide" diagnose --reference-date 2026-13-01 "${conn[@]}"
expect 2 "contrôle inconnu 'D999'" diagnose --check D001 D999 "${conn[@]}"
expect 2 "unknown check 'D999'" --lang en diagnose --check D001,D999 "${conn[@]}"
expect 2 "serveur, base et utilisateur requis" diagnose --no-journal
skip=$(mktemp); trap 'rm -f "$skip"' EXIT
echo "D998 BIJOU" > "$skip"
expect 2 "contrôle inconnu" diagnose --skip-file "$skip" "${conn[@]}"
expect 10 "introuvable\|échec d'entrée/sortie" diagnose --skip-file /nonexistent/skip "${conn[@]}"
expect 3 "liaison.conf" diagnose --config /nonexistent/liaison.conf
printf '[gescom]\nservre = x\n' > "$skip.conf"
expect 3 "clé de configuration inconnue" diagnose --config "$skip.conf"
rm -f "$skip.conf"
expect 4 "connexion au serveur impossible" diagnose "${conn[@]}"
# The JSON catalogue parses and has every check with both languages.
if "$LIAISON" diagnose --list --format json | python3 -c '
import json, sys
cat = json.load(sys.stdin)
assert len(cat) >= 30, len(cat)
for c in cat:
    for k in ("id", "priority", "group", "title_fr", "title_en", "fix_fr", "fix_en", "codes", "sql"):
        assert c[k], (c["id"], k)
'; then echo "ok: json catalogue"; else echo "FAIL: json catalogue"; fail=1; fi
exit $fail
