#!/usr/bin/env bash
# Rule classification with and without the literal prefilter (docs/analyzer.md,
# "Rules"): the shipped catalogue classifies its own samples (matched) and
# messages no rule matches (unknown: the catalogue's "-" samples and the
# ordinary traffic below), every rule tried in order (LIAISON_AN_PREFILTER=0)
# against the prefilter, in alternating rounds of the same process.  Prints
# ns per message (median of ROUNDS rounds of about 0.1 s) and the ratio.
# usage: bench/rules.sh [BUILD_DIR] [ROUNDS]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
rounds=${2:-7}
cmake --build "$build" --target rules_bench >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
grep -v '^#' "$here/analyzer/rules/catalogue.tests" | awk -F'\t' 'NF >= 2 { print ($1 == "-" ? "-" : "+") "\t" $2 }' >"$tmp/messages"
# Unknown: what a journal's WARN lines say when nothing is wrong with the
# catalogue's conditions (plus the info traffic of bench/analyze.sh).
sed 's/^/-\t/' >>"$tmp/messages" <<'TXT'
Enregistrement synchronisé
Tiers mis à jour
Lecture du lot suivant
Contact créé
Lot 42 traité en 1843 ms (250 enregistrements)
Reprise après interruption : 12 enregistrements restant à traiter
Le champ CT_Telephone a été normalisé : +33 1 23 45 67 89
Synchronisation terminée avec avertissements, voir le rapport
Adresse de livraison CLI0042/2 mise à jour depuis le CRM
Retry 2/5 after 500 ms for batch 17
Batch 17 processed: 250 records, 3 skipped by filter
Field Phone normalised from '01 23 45 67 89' to '+33123456789'
Slow query: 2.4 s for SELECT on F_DOCENTETE (threshold 2 s)
Cursor moved to cbMarq 1843022 after 5000 rows
Skipping record CLI0042: no change since last run
Configuration reloaded from /etc/liaison/liaison.conf
Webhook returned 202 Accepted after 812 ms
Pagination: page 12 of 40 fetched from the CRM API
La valeur du champ « Région » a été raccourcie au format attendu par le CRM pour le tiers CLI0042
Document FA000123 ignoré : statut brouillon, sera repris au prochain passage
Company 'Bijouterie Martin & Fils' merged locally with its duplicate before sending
The CRM returned 14 warnings for batch 3; details follow in the payload excerpt
TXT
"$build/bench/rules_bench" "$here/analyzer/rules/catalogue.rules" "$tmp/messages" "$rounds"
