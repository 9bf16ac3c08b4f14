#!/usr/bin/env bash
# Runs one case file through sqlrun and compares with its .expected file.
# SIM_SQL_BLESS=1 rewrites the expected file (review the diff before committing).
set -u
runner=$1
case=$2
expected=${case%.sql}.expected
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$runner" "$case" >"$out" 2>&1 || { echo "sqlrun failed on $case"; cat "$out"; exit 1; }
if [ "${SIM_SQL_BLESS:-}" = 1 ]; then
  cp "$out" "$expected"
  exit 0
fi
diff -u "$expected" "$out"
