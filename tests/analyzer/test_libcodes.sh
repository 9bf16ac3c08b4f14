#!/usr/bin/env bash
# End to end: `liaison replicate` and `liaison check` against a closed port
# write LIA_E_CONNECT in their journal; `liaison analyze` knows the code (title
# from the error table, cause and fix of its class) in both languages.
. "$(dirname "$0")/lib.sh"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
printf 'not-the-password\n' >"$T/pw"
chmod 600 "$T/pw"
{
    for s in gescom crm; do
        db=BIJOU; [ $s = crm ] && db=LIAISON_CRM
        printf '[%s]\nserver = 127.0.0.1\nport = %s\ndatabase = %s\nuser = liaison\npassword_file = pw\nlogin_timeout = 2\nquery_timeout = 2\n' \
            "$s" "$port" "$db"
    done
    printf '[journal]\npath = %s/journal\n' "$T"
} >"$T/liaison.ini"
(cd "$T" && timeout 60 "$LIAISON" replicate >/dev/null 2>&1); rc=$?
[ "$rc" = 4 ] && ok "replicate on a closed port -> 4" || bad "replicate exited $rc, want 4"
(cd "$T" && timeout 60 "$LIAISON" check >/dev/null 2>&1)
grep -q $'\tLIA_E_CONNECT\t' "$T/journal" && ok "journal carries LIA_E_CONNECT" || { bad "no LIA_E_CONNECT in the journal"; cat "$T/journal"; }

expect_rc 8 "$LIAISON" analyze --format json -o "$T/fr.json" "$T/journal"
LIAISON_LANG=en "$LIAISON" analyze --format json -o "$T/en.json" "$T/journal"
python3 - "$T/fr.json" "$T/en.json" <<'PY' && ok "LIA_E_CONNECT classified (fr, en)" || bad "LIA_E_CONNECT not classified"
import json, sys
fr, en = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
for d, title in ((fr, "connexion au serveur impossible"), (en, "cannot connect to the server")):
    codes = {c["code"]: c for c in d["codes"]}
    c = codes.get("LIA_E_CONNECT")
    assert c and c["known"], codes
    assert c["title"] == title, c["title"]
    assert c["rule_severity"] == "transient" and c["fix"], c
    assert all(x["known"] for x in d["codes"]), d["codes"]
    assert d["unknown_templates"] == [], d["unknown_templates"]
    assert d["status"] == "ECHEC"
PY
# the events view names the code, never '?'
"$LIAISON" analyze --format events "$T/journal" >"$T/events"
grep -q $'\tLIA_E_CONNECT\t' "$T/events" && ! grep -q $'\t?\t' "$T/events" && ok "events name the code" || { bad "events"; cat "$T/events"; }
# --list-rules lists every code of the error table
grep -o '^LIA_ERR([A-Z_]*' "$LIA_SOURCE_DIR/engine/include/liaison/error_codes.h" | cut -c9- | sort >"$T/table"
"$LIAISON" analyze --list-rules | grep -o '^| `LIA_[A-Z_]*`' | tr -d '|` ' | sort >"$T/listed"
[ -s "$T/table" ] && diff -u "$T/table" "$T/listed" >/dev/null && ok "$(wc -l <"$T/table") table codes listed" \
    || { bad "--list-rules and the error table differ"; diff -u "$T/table" "$T/listed"; }
# a sample for a code-only rule is refused with a message that says why
printf 'LIA_E_LOGIN\téchec de l'"'"'authentification\n' >"$T/lib.tests"
expect_rc 1 "$LIAISON" analyze --test-rules "$T/lib.tests"
grep -q 'LIA_E_LOGIN' "$T/out" && grep -q 'sans motif' "$T/out" && ok "code-only sample refused" || { bad "code-only sample"; cat "$T/out"; }
exit $fail
