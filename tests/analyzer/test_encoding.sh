#!/usr/bin/env bash
# The same journal in other encodings, line ends and containers classifies the same.
. "$(dirname "$0")/lib.sh"
for j in liaison.log sage.log; do
    events "$DATA/$j" >"$T/ref"
    { printf '\xef\xbb\xbf'; cat "$DATA/$j"; } >"$T/bom"
    { printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$DATA/$j"; } >"$T/u16le"
    { printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE "$DATA/$j"; } >"$T/u16be"
    sed 's/$/\r/' "$DATA/$j" >"$T/crlf"
    { printf '\xff\xfe'; sed 's/$/\r/' "$DATA/$j" | iconv -f UTF-8 -t UTF-16LE; } >"$T/u16crlf"
    iconv -f UTF-8 -t CP1252 "$DATA/$j" >"$T/cp1252" || bad "iconv cp1252 $j"
    gzip -c "$DATA/$j" >"$T/gz.gz"
    for v in bom u16le u16be crlf u16crlf cp1252 gz.gz; do
        events "$T/$v" >"$T/got"
        if diff -q "$T/ref" "$T/got" >/dev/null; then ok "$j as $v"; else bad "$j as $v"; diff "$T/ref" "$T/got" | head; fi
    done
    "$LIAISON" analyze --format json "$T/cp1252" | grep -q '"windows1252_lines":[1-9]' && ok "$j cp1252 counted" || bad "$j cp1252 not reported"
    "$LIAISON" analyze --format json "$T/u16le" | grep -q '"encoding":"UTF-16LE"' && ok "$j UTF-16LE reported" || bad "$j UTF-16 not reported"
    # accents survive the Windows-1252 fallback
    "$LIAISON" analyze --format events "$T/cp1252" | grep -q "Numéro de compte\|numéro de compte\|Écriture\|Devise" && ok "$j accents" || bad "$j accents lost"
done
# stdin, directories and quoted globs
events - <"$DATA/liaison.log" >"$T/stdin"
events "$DATA/liaison.log" >"$T/ref"
diff -q "$T/ref" "$T/stdin" >/dev/null && ok "stdin" || bad "stdin"
mkdir "$T/dir"; cp "$DATA/liaison.log" "$DATA/sage.log" "$T/dir/"
n=$("$LIAISON" analyze --format json "$T/dir" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["files"]))')
[ "$n" = 2 ] && ok "directory" || bad "directory read $n files"
n=$("$LIAISON" analyze --format json "$T/dir/*.log" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["files"]))')
[ "$n" = 2 ] && ok "glob" || bad "glob read $n files"
exit $fail
