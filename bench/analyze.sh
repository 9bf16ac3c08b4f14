#!/usr/bin/env bash
# Analyzer throughput on generated journals of ANALYZE_BENCH_MIB MiB (default 1024)
# per format, against references measured in the same run on the same file:
#   wc -l                               (reading speed)
#   grep -c -i -E -f PATTERNS           (the catalogue's patterns, PCRE → ERE)
#   lnav -n -c ':write-json-to /dev/null' when lnav is installed
# then liaison analyze with one thread (--jobs 1) and with its default (two
# threads when two CPUs are online).
# Each tool runs ANALYZE_BENCH_RUNS times (default 3; grep once), the best
# time kept.  Prints MB/s, lines/s, peak RSS (/usr/bin/time) and the ratios the issue sets:
# liaison format within 3x of wc -l; other formats faster than grep; RSS < 64 MiB.
# usage: bench/analyze.sh [build-dir]   (files go to $TMPDIR, deleted after)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
liaison=$build/liaison
[ -x "$liaison" ] || liaison=$build/engine/liaison   # older build trees
mib=${ANALYZE_BENCH_MIB:-1024}
formats=${ANALYZE_BENCH_FORMATS:-liaison sage generic jsonl}
export LIAISON_DATA_DIR=$here LC_ALL=C.UTF-8
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The catalogue's patterns as one ERE file: (?: → (, lookbehinds dropped.
python3 - "$here/analyzer/rules/catalogue.rules" >"$tmp/patterns.ere" <<'PY'
import re, sys
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("pattern ="):
        p = line.split("=", 1)[1].strip()
        p = re.sub(r"\(\?<!.*?\)", "", p).replace("(?:", "(").replace("(?i:", "(")
        print(p)
PY
# measure NAME CMD... -> "seconds maxrss_kib": the best of $runs runs (other
# workers share the machine: the best is the least disturbed), wall time in
# milliseconds (time(1) rounds to 10 ms, a 7 % step on wc -l) less the cost
# of starting a command measured the same way, the largest peak RSS.
runs=${ANALYZE_BENCH_RUNS:-3}
TIMEFORMAT=%3R
start_cost=0
measure() {
    local name=$1; shift
    local best= rss=0 k s m
    for k in $(seq 1 "$runs"); do
        s=$( { time /usr/bin/time -f "%M" -o "$tmp/time" "$@" >"$tmp/out.$name" 2>/dev/null; } 2>&1 )
        m=$(tail -1 "$tmp/time")
        [ "$m" -gt "$rss" ] 2>/dev/null && rss=$m
        if [ -z "$best" ] || awk -v x="$s" -v y="$best" 'BEGIN { exit !(x < y) }'; then best=$s; fi
    done
    awk -v s="$best" -v c="$start_cost" -v r="$rss" 'BEGIN { printf "%.4f %d\n", s - c, r }'
}
start_cost=$(runs=5 measure start true | cut -d' ' -f1)
measure1() { runs=1 measure "$@"; }   # grep takes a minute a run
printf '%-8s %-22s %9s %9s %12s %9s\n' format tool seconds MB/s lines/s rss_MiB
for fmt in $formats; do
    f=$tmp/journal.$fmt
    python3 "$here/tests/analyzer/gen_samples.py" --bench "$fmt" "$mib" "$f"
    bytes=$(stat -c %s "$f")
    cat "$f" >/dev/null   # page cache warm for every tool alike
    lines=$(wc -l <"$f")
    row() {
        read -r s rss <<<"$2"
        awk -v f="$fmt" -v t="$1" -v s="$s" -v b="$bytes" -v l="$lines" -v r="$rss" \
            'BEGIN { if (s <= 0) s = 0.001; printf "%-8s %-22s %9.3f %9.1f %12.0f %9.1f\n", f, t, s, b/s/1e6, l/s, r/1024 }'
        echo "$s" >"$tmp/s.$1"
    }
    row "wc -l" "$(measure wc wc -l "$f")"
    row "grep -c -i -E" "$(LC_ALL=C measure1 grep grep -c -i -E -f "$tmp/patterns.ere" "$f")"
    if command -v lnav >/dev/null 2>&1; then
        row "lnav" "$(measure lnav lnav -n -c ':write-json-to /dev/null' "$f")"
    fi
    row "liaison analyze -j1" "$(measure an1 "$liaison" analyze --jobs 1 --format json -o "$tmp/report1.json" "$f")"
    row "liaison analyze" "$(measure an "$liaison" analyze --format json -o "$tmp/report.json" "$f")"
    cmp -s "$tmp/report1.json" "$tmp/report.json" || echo "$fmt: reports of --jobs 1 and the default differ" >&2
    awk -v w="$(cat "$tmp/s.wc -l")" -v g="$(cat "$tmp/s.grep -c -i -E")" -v a="$(cat "$tmp/s.liaison analyze")" \
        -v a1="$(cat "$tmp/s.liaison analyze -j1")" -v f="$fmt" \
        'BEGIN { printf "%-8s ratio analyze/wc = %.2f (one thread %.2f), analyze/grep = %.2f (one thread %.2f)\n", f, a/w, a1/w, a/g, a1/g }'
    rm -f "$f"
done
