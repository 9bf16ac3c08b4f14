#!/usr/bin/env bash
# Bad input: truncated, binary, huge lines, missing files, bad data files. Never a crash.
. "$(dirname "$0")/lib.sh"
L="$DATA/liaison.log"
# noise N SEED: N pseudo-random bytes, the same every run (never a gzip magic at the start)
noise() { python3 -c 'import random,sys; r=random.Random(int(sys.argv[2])); b=bytearray(r.randrange(256) for _ in range(int(sys.argv[1]))); b[0]=0x41; sys.stdout.buffer.write(b)' "$1" "$2"; }
# Truncated last line (no newline, cut in the middle of a field) is still read and flagged.
head -c -1 "$L" >"$T/trunc"
"$LIAISON" analyze --format json "$T/trunc" >"$T/j"; rc=$?
grep -q '"truncated_last_line":true' "$T/j" && [ "$rc" = 8 ] && ok "truncated last line" || bad "truncated rc=$rc"
head -c 3000 "$L" >"$T/cut"
expect_rc 8 "$LIAISON" analyze "$T/cut"
# NUL bytes and binary garbage in the middle: skipped and reported, the rest classified.
{ head -20 "$L"; printf 'garbage\0\0\x01\x02\xff\xfe binary\n'; noise 4096 1 | tr -d '\n' ; echo; tail -n +21 "$L"; } >"$T/bin"
"$LIAISON" analyze --format json "$T/bin" >"$T/j"; rc=$?
python3 -c 'import json,sys; f=json.load(open(sys.argv[1]))["files"][0]; sys.exit(0 if f["binary_skipped"]>=1 and f["first_binary_line"]==21 else 1)' "$T/j" \
    && ok "binary lines reported" || bad "binary lines not reported"
events "$T/bin" | awk -F'\t' '{print $2"\t"$3}' >"$T/a"; awk -F'\t' '{print $2"\t"$3}' "$DATA/liaison.expected" >"$T/b"
diff -q "$T/a" "$T/b" >/dev/null && ok "classification around garbage" || bad "garbage changed the classification"
# Pure random bytes, an empty file, a 3 MiB line.
noise 200000 2 >"$T/rand"
expect_rc 0 "$LIAISON" analyze "$T/rand"
: >"$T/empty"
expect_rc 0 "$LIAISON" analyze "$T/empty"
{ head -3 "$L"; python3 -c 'print("x" * 3000000)'; tail -n +4 "$L"; } >"$T/long"
"$LIAISON" analyze --format json "$T/long" | grep -q '"too_long":1' && ok "long line cut" || bad "long line"
# UTF-16 with an odd byte count and a lone surrogate.
{ printf '\xff\xfe'; printf 'a\0\x00\xd8b\0\n\0c'; } >"$T/odd16"
expect_rc 0 "$LIAISON" analyze "$T/odd16"
# Corrupt gzip.
{ printf '\x1f\x8b\x08\x00'; noise 100 3; } >"$T/bad.gz"
expect_rc 10 "$LIAISON" analyze "$T/bad.gz"
grep -q "gzip" "$T/err" && ok "gzip message" || bad "gzip message: $(cat "$T/err")"
# Missing file: message names it, exit 10; other files are still reported.
expect_rc 10 "$LIAISON" analyze "$T/nope.log" "$L"
grep -q "journal illisible '$T/nope.log'" "$T/err" && ok "missing file message" || bad "message: $(cat "$T/err")"
grep -q "R20260301-080000-0001" "$T/out" && ok "other file reported" || bad "other file not reported"
# Bad catalogue and bad format definitions: exit 3 with the file and line.
printf '[X-1]\nseverity = severe\n' >"$T/bad.rules"
expect_rc 3 "$LIAISON" analyze --rules "$T/bad.rules" "$L"
grep -q "bad.rules:2" "$T/err" && ok "rule error names the line" || bad "rule error: $(cat "$T/err")"
printf '[X-1]\nseverity = error\ntitle.fr = a\ntitle.en = a\ncause.fr = a\ncause.en = a\nfix.fr = a\nfix.en = a\npattern = (unclosed\n' >"$T/bad2.rules"
expect_rc 3 "$LIAISON" analyze --rules "$T/bad2.rules" "$L"
printf 'name = broken\nline = ^(?<ts>\\S+) (?<message>.*\n' >"$T/bad.fmt"
expect_rc 3 "$LIAISON" analyze --format-file "$T/bad.fmt" "$L"
printf 'name = nomsg\nline = ^(?<ts>\\S+)\n' >"$T/nomsg.fmt"
expect_rc 3 "$LIAISON" analyze --format-file "$T/nomsg.fmt" "$L"
expect_rc 2 "$LIAISON" analyze --bogus
expect_rc 2 "$LIAISON" analyze --format pdf "$L"
expect_rc 2 "$LIAISON" analyze --input-format nosuch "$L"
expect_rc 10 "$LIAISON" analyze -o "$T/no/such/dir/r.txt" "$L"
exit $fail
