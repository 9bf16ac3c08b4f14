#!/usr/bin/env bash
# docs/analyzer.md carries the catalogue generated from the rules file: it cannot drift.
. "$(dirname "$0")/lib.sh"
"$LIAISON" analyze --list-rules >"$T/rules.md"
"$LIAISON" analyze --list-formats --format markdown >"$T/formats.md"
doc="$LIA_SOURCE_DIR/docs/analyzer.md"
sed -n '/<!-- rules:begin -->/,/<!-- rules:end -->/p' "$doc" | sed '1d;$d' >"$T/doc-rules.md"
sed -n '/<!-- formats:begin -->/,/<!-- formats:end -->/p' "$doc" | sed '1d;$d' >"$T/doc-formats.md"
diff -u "$T/doc-rules.md" "$T/rules.md" >/dev/null && ok "rules section current" || bad "docs/analyzer.md rules out of date: scripts/analyzer-docs"
diff -u "$T/doc-formats.md" "$T/formats.md" >/dev/null && ok "formats section current" || bad "docs/analyzer.md formats out of date"
n=$(grep -c '^| `' "$T/rules.md")
[ "$n" -ge 40 ] && ok "$n rules" || bad "only $n rules"
# Every code of the diagnostic contract is in the catalogue with its check id.
while IFS=$'\t' read -r check code; do
    grep -q "^| \`$code\` |.*$check" "$T/rules.md" || bad "$code lacks check $check"
done <"$LIA_SOURCE_DIR/tests/analyzer/contract-codes.tsv"
for c in SQL-208 SQL-207 SQL-18456 SQL-4060 SQL-1205 SQL-2627 NET-0001 NET-0002 SOAP-0001 SOAP-0002 MAP-0001 \
         ERP-TIERS-0102 ERP-TIERS-0106 ERP-ADR-0306 ERP-TIERS-0107 ERP-LOCK-0001; do
    grep -q "^| \`$c\` |" "$T/rules.md" || bad "$c missing"
done
grep -q '^| `SQL-1205` | transient' "$T/rules.md" && grep -q '^| `SOAP-0002` | fatal' "$T/rules.md" \
    && grep -q '^| `ERP-LOCK-0001` | transient' "$T/rules.md" && ok "severities of the contract" || bad "contract severities"
exit $fail
