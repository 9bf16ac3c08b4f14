#!/usr/bin/env bash
# docs/diagnostics.md is generated from the catalogue; fail when it is stale.
set -u
want="$LIA_SOURCE_DIR/docs/diagnostics.md"
got=$(mktemp)
trap 'rm -f "$got"' EXIT
if ! "$LIAISON" diagnose --list --format markdown > "$got"; then
    echo "FAIL: liaison diagnose --list --format markdown failed"
    exit 1
fi
# The page does not depend on the user's language.
if ! LIAISON_LANG=en "$LIAISON" diagnose --list --format markdown | cmp -s - "$got"; then
    echo "FAIL: the markdown catalogue depends on the language"
    exit 1
fi
if ! diff -u "$want" "$got"; then
    echo "FAIL: docs/diagnostics.md is stale: run"
    echo "  liaison diagnose --list --format markdown > docs/diagnostics.md"
    exit 1
fi
echo "ok: docs/diagnostics.md matches the catalogue"
