#!/usr/bin/env bash
# Continuation lines attach to the event before them: their text classifies
# the event when its message does not, and is shown with it.  Each fixture of
# tests/analyzer/cont/ has the expected events (--format events, with the
# continuation text as an eighth field) and the expected file statistics and
# blocked records with their detail.
. "$(dirname "$0")/lib.sh"
C="$LIA_SOURCE_DIR/tests/analyzer/cont"
# The native fixture holds a line cut after five fields, which the generic
# format also matches: the format is given, not detected.
for j in liaison:liaison generic:generic sage:sage; do
    f=${j%%:*}; fmt=${j##*:}
    "$LIAISON" analyze --input-format "$fmt" --format events "$C/$f.log" | sed 's|^[^\t]*/||' >"$T/$f.events"
    if diff -u "$C/$f.events" "$T/$f.events"; then ok "$f: continuation classifies and follows its event"; else bad "$f events"; fi
    "$LIAISON" analyze --input-format "$fmt" --format json "$C/$f.log" >"$T/$f.json"
    python3 - "$T/$f.json" >"$T/$f.summary" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for f in r["files"]:
    print("file\tlines=%d\tcontinuation=%d\torphans=%d\tbinary=%d\tunparsed=%d\ttruncated=%s" % (
        f["lines"], f["continuation"], f["continuation_orphans"], f["binary_skipped"], f["unparsed"],
        f["truncated_last_line"]))
for b in r["blocked"]:
    print("blocked\t%s\t%s\t%s\t%d bytes\t%s" % (b["entity"], b["key"], b["code"],
                                             len((b["detail"] or "").encode()), json.dumps(b["detail"], ensure_ascii=False)))
PY
    if diff -u "$C/$f.summary" "$T/$f.summary"; then ok "$f: statistics and blocked details"; else bad "$f summary"; fi
done
# The detail is in every report.
L="$C/liaison.log"
"$LIAISON" analyze --input-format liaison --format text "$L" >"$T/text"
grep -q "^             | Violation of PRIMARY KEY constraint" "$T/text" && ok "text: continuation under the record" || bad "text detail"
"$LIAISON" analyze --input-format liaison --format csv "$L" >"$T/csv"
python3 -c '
import csv, sys
rows = [r for r in csv.reader(open(sys.argv[1], encoding="utf-8")) if r[0] == "blocked" and r[5] == "CT_Num:CLI0001"]
sys.exit(0 if rows and rows[0][13] == "Insert rejected by the server\nViolation of PRIMARY KEY constraint \x27PK_F_COMPTET\x27. Cannot insert duplicate key in object \x27dbo.F_COMPTET\x27.\npayload: {\"CT_Num\": \"CLI0001\"}" else 1)' "$T/csv" \
    && ok "csv: continuation in the message cell" || bad "csv detail"
"$LIAISON" analyze --input-format liaison --format markdown "$L" >"$T/md"
grep -q '^| TIERS | CT_Num:CLI0001 | SQL-2627 | R20260310-080000-0001 | Insert rejected by the server<br>Violation of PRIMARY KEY' "$T/md" \
    && ok "markdown: continuation after <br>" || bad "markdown detail"
"$LIAISON" analyze --input-format liaison --format html "$L" >"$T/html"
grep -q '<pre class="detail">Cannot open database &quot;BIJOU&quot;' "$T/html" && ok "html: continuation in <pre>" || bad "html detail"
# Read from a pipe: the same.
"$LIAISON" analyze --input-format liaison --format events - <"$L" | sed 's|^[^\t]*:|liaison.log:|' >"$T/stdin.events"
diff -q "$C/liaison.events" "$T/stdin.events" >/dev/null && ok "stdin: same events" || bad "stdin events differ"
exit $fail
