#!/usr/bin/env bash
# `liaison demo` starts the simulator, waits for its ready line, runs every
# step, and always stops the simulator and removes its work folder.
# A stand-in simulator records how it was called and how it was stopped.
set -u
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
cat > "$work/fake-sim" <<'SIM'
#!/usr/bin/env bash
echo "$@" > "$STATE/args"
trap 'echo stopped > "$STATE/stopped"; exit 0' TERM
echo "loading demo company" >&2
echo "liaison-sim: ready on 127.0.0.1:4242"
while :; do sleep 0.1; done
SIM
chmod +x "$work/fake-sim"

out=$(STATE=$work LIAISON_SIM=$work/fake-sim TMPDIR=$work "$LIAISON" --lang en demo 2>&1); rc=$?
grep -q "started on 127.0.0.1:4242" <<<"$out" || { echo "FAIL: no start line"; echo "$out"; fail=1; }
for step in check diagnose install replicate verify analyze; do
    grep -q "^\$ liaison $step" <<<"$out" || { echo "FAIL: step $step not run"; fail=1; }
done
[ -f "$work/stopped" ] || { echo "FAIL: simulator not stopped with SIGTERM"; fail=1; }
grep -q -- "--demo small --defects" "$work/args" || { echo "FAIL: simulator args: $(cat "$work/args")"; fail=1; }
ls -d "$work"/liaison-demo-* >/dev/null 2>&1 && { echo "FAIL: work folder left behind"; fail=1; }
[ "$rc" = 0 ] || [ "$rc" = 8 ] || { echo "FAIL: exit $rc"; fail=1; }

# A simulator that dies before it is ready: clear message, exit 4, nothing left.
printf '#!/bin/sh\necho "cannot open data" >&2\nexit 3\n' > "$work/dead-sim"; chmod +x "$work/dead-sim"
out=$(LIAISON_SIM=$work/dead-sim TMPDIR=$work "$LIAISON" --lang en demo 2>&1); rc=$?
[ "$rc" = 4 ] || { echo "FAIL: dead simulator exit $rc, want 4"; echo "$out"; fail=1; }
grep -q "the simulator did not start" <<<"$out" || { echo "FAIL: message: $out"; fail=1; }

# Unknown option: usage, exit 2.
"$LIAISON" demo --bogus >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] || { echo "FAIL: --bogus exit $rc"; fail=1; }
[ $fail = 0 ] && echo "demo lifecycle: ok"
exit $fail
