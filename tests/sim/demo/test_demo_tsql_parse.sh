#!/usr/bin/env bash
# The emitted T-SQL of `small` (with defects: every column and value kind)
# parses under sqlfluff's tsql dialect.  sqlfluff needs minutes on the whole
# 1.5 MB script, so every statement is kept with 2 rows per INSERT
# (sample_tsql.py; the rows left out come from the same code) and each GO
# batch is parsed as its own file.  The CREATE TABLE batch is the text of
# sql/demo/*.sql (same function, checked by the demo_ddl test), which the
# sql_parse test parses.
set -eu
gen="$LIA_BINARY_DIR/sim/liaison-demo-gen"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v sqlfluff >/dev/null || { echo "sqlfluff not found: run scripts/bootstrap" >&2; exit 1; }
"$gen" --emit-tsql "$tmp/full.sql" --defects --seed 1 --reference-date 2026-06-15
python3 "$LIA_SOURCE_DIR/tests/sim/demo/sample_tsql.py" "$tmp/full.sql" "$tmp/s.sql" 2
[ "$(grep -c '^INSERT INTO' "$tmp/s.sql")" -eq "$(grep -c '^INSERT INTO' "$tmp/full.sql")" ]
mkdir "$tmp/b"
python3 - "$tmp/s.sql" "$tmp/b" <<'PY'
import sys
parts = open(sys.argv[1], encoding="utf-8").read().split("\nGO\n")
n = 0
for i, p in enumerate(parts):
    if p.strip() and not p.lstrip().startswith("CREATE TABLE"):
        open("%s/%03d.sql" % (sys.argv[2], i), "w", encoding="utf-8").write(p + "\nGO\n")
        n += 1
print("batches:", n)
PY
cd "$tmp/b"
sqlfluff parse --dialect tsql --templater raw -f json --nofail . > ../parse.json 2>/dev/null
python3 - ../parse.json "$(ls | wc -l)" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
bad = 0
for f in d:
    s = json.dumps(f.get("segments"))
    if f.get("segments") is None or '"unparsable"' in s:
        print("not parsed:", f["filepath"], s[:200])
        bad += 1
if len(d) != int(sys.argv[2]):
    sys.exit("sqlfluff reported %d files, expected %s" % (len(d), sys.argv[2]))
sys.exit(1 if bad else 0)
PY
echo ok
