#!/usr/bin/env bash
# sql/demo/*.sql is exactly what the generator's description emits
# (regenerate with: liaison-demo-gen --emit-ddl sql/demo).
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$LIA_BINARY_DIR/sim/liaison-demo-gen" --emit-ddl "$tmp"
if ! diff -r "$LIA_SOURCE_DIR/sql/demo" "$tmp" > "$tmp.diff"; then
    head -20 "$tmp.diff"
    rm -f "$tmp.diff"
    echo "FAIL: sql/demo differs from the description: regenerate it" >&2
    exit 1
fi
rm -f "$tmp.diff"
[ "$(ls "$tmp" | wc -l)" -ge 25 ] || { echo "FAIL: too few schema files" >&2; exit 1; }
echo ok
