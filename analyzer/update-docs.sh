#!/usr/bin/env bash
# Regenerates the catalogue and format sections of docs/analyzer.md from the
# data files (ctest analyze_docs fails when they differ).
# usage: analyzer/update-docs.sh [path/to/liaison]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
liaison=${1:-$here/build/liaison}
doc=$here/docs/analyzer.md
export LIAISON_DATA_DIR=$here
rules=$(mktemp); formats=$(mktemp); out=$(mktemp)
trap 'rm -f "$rules" "$formats" "$out"' EXIT
"$liaison" analyze --list-rules >"$rules"
"$liaison" analyze --list-formats --format markdown >"$formats"
awk -v R="$rules" -v F="$formats" '
    /<!-- rules:begin -->/ { print; while ((getline l < R) > 0) print l; skip = 1; next }
    /<!-- rules:end -->/ { skip = 0 }
    /<!-- formats:begin -->/ { print; while ((getline l < F) > 0) print l; skip = 1; next }
    /<!-- formats:end -->/ { skip = 0 }
    !skip { print }' "$doc" >"$out"
cp "$out" "$doc"
