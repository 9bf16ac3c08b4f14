#!/usr/bin/env bash
# The HTML report in headless Chromium: scripts run without console errors, the
# summary is rendered, a screenshot is taken. No network (the page's CSP forbids it).
. "$(dirname "$0")/lib.sh"
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then bad "chromium not installed (scripts/bootstrap installs it)"; exit 1; fi
"$LIAISON" analyze --format html -o "$T/report.html" "$DATA/liaison.log" "$DATA/sage.log" "$DATA/generic.log"
run() {
    timeout 90 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --disable-extensions \
        --user-data-dir="$T/profile-$1" --enable-logging=stderr --v=0 "${@:2}" "file://$T/report.html"
}
run dom --dump-dom >"$T/dom.html" 2>"$T/dom.log" || bad "chromium --dump-dom failed: $(tail -5 "$T/dom.log")"
grep -q 'data-ready="1"' "$T/dom.html" && ok "scripts ran" || bad "scripts did not finish"
grep -q '<div class="card fail"><b>[1-9]' "$T/dom.html" && ok "summary rendered" || bad "summary not rendered"
grep -q '<svg id="chart-hours"' "$T/dom.html" && grep -q '<svg id="chart-codes"' "$T/dom.html" && ok "charts" || bad "charts missing"
if grep -iE 'Uncaught|console.*error|Refused to|SyntaxError|TypeError' "$T/dom.log"; then bad "console errors"; else ok "no console errors"; fi
run shot --screenshot="$T/shot.png" --window-size=1200,1800 --hide-scrollbars >"$T/shot.log" 2>&1 || bad "screenshot failed"
size=$(stat -c %s "$T/shot.png" 2>/dev/null || echo 0)
[ "$size" -gt 20000 ] && ok "screenshot $size bytes" || bad "screenshot too small ($size)"
[ -n "${LIA_KEEP_SCREENSHOT:-}" ] && cp "$T/shot.png" "$LIA_KEEP_SCREENSHOT"
exit $fail
