#!/usr/bin/env bash
# Format definitions: detection per file, override, --check-format, users' own formats.
. "$(dirname "$0")/lib.sh"
for j in liaison.log:liaison sage.log:sage generic.log:generic sample.jsonl:jsonl; do
    f=${j%%:*}; want=${j##*:}
    got=$("$LIAISON" analyze --format json "$DATA/$f" | python3 -c 'import json,sys; print(json.load(sys.stdin)["files"][0]["format"])')
    [ "$got" = "$want" ] && ok "$f detected as $want" || bad "$f detected as $got"
    expect_rc 0 "$LIAISON" analyze --check-format "$DATA/$f"
    grep -q " 0 hors format" "$T/out" && ok "$f fully matched" || bad "$f check-format: $(cat "$T/out")"
done
# A Liaison journal with a line cut after a few fields is still a Liaison
# journal ("timestamp level message" matches the cut line too).
got=$("$LIAISON" analyze --format json "$LIA_SOURCE_DIR/tests/analyzer/cont/liaison.log" | python3 -c 'import json,sys; print(json.load(sys.stdin)["files"][0]["format"])')
[ "$got" = liaison ] && ok "cut Liaison journal detected as liaison" || bad "cut Liaison journal detected as $got"
# Mixed files in one run: each detected on its own.
n=$("$LIAISON" analyze --format json "$DATA/sage.log" "$DATA/generic.log" | python3 -c 'import json,sys; print(" ".join(f["format"] for f in json.load(sys.stdin)["files"]))')
[ "$n" = "sage generic" ] && ok "per-file detection" || bad "per-file detection: $n"
# --check-format lists foreign lines with their numbers, exit 1.
{ head -3 "$DATA/sage.log"; echo "this is not a journal line"; tail -n +4 "$DATA/sage.log"; } >"$T/mixed.log"
expect_rc 1 "$LIAISON" analyze --check-format "$T/mixed.log"
grep -q "mixed.log:4: this is not a journal line" "$T/out" && ok "foreign line listed" || bad "foreign line: $(cat "$T/out")"
# Override: reading the Sage journal as generic matches nothing.
expect_rc 1 "$LIAISON" analyze --input-format generic --check-format "$DATA/sage.log"
# A user's own format, without recompiling: pipe-separated connector log.
cat >"$T/pipe.fmt" <<'FMT'
name = pipes
description.en = test connector log
line = ^(?<ts>[0-9-]+ [0-9:]+)\|(?<level>[A-Z]+)\|(?<entity>\w+)\|(?<key>[^|]*)\|(?<message>.*)$
level.OOPS = ERROR
level.HMM = WARN
FMT
cat >"$T/pipe.log" <<'LOG'
2026-03-09 10:00:00|INFO|TIERS|CLI0001|ok
2026-03-09 10:00:01|OOPS|TIERS|CLI0002|Numéro de compte invalide : cli 2
2026-03-09 10:00:02|HMM|CONTACT|CLI0003/1|Invalid e-mail address 'x@y'
LOG
"$LIAISON" analyze --format-file "$T/pipe.fmt" --format events "$T/pipe.log" | cut -f3-6 >"$T/got"
printf 'error\tERP-TIERS-0101\tTIERS\tCLI0002\nwarning\tERP-MAIL-0501\tCONTACT\tCLI0003/1\n' >"$T/want"
diff -u "$T/want" "$T/got" && ok "user format" || bad "user format"
mkdir -p "$T/cfg/liaison/formats"; cp "$T/pipe.fmt" "$T/cfg/liaison/formats/"
XDG_CONFIG_HOME="$T/cfg" "$LIAISON" analyze --list-formats | grep -q "^pipes" && ok "user config directory" || bad "user config directory"
# Reading the user log with the built-in detection (no definition) leaves it unparsed.
"$LIAISON" analyze --format json "$T/pipe.log" | grep -q '"unparsed":3' && ok "unknown shape unparsed" || bad "unknown shape"
exit $fail
