#!/usr/bin/env bash
# tedious (Node.js) against the real simulator; see tedious_conf.js.
set -eu
mods="$LIA_SOURCE_DIR/tests/conformance/node_modules"
[ -d "$mods/tedious" ] || { echo "tedious is not installed: run scripts/bootstrap" >&2; exit 1; }
. "$(dirname "$0")/sim_env.sh"
sim_start
NODE_PATH="$mods" timeout 120 node "$(dirname "$0")/tedious_conf.js" || sim_fail "tedious"
kill -0 "$SIM_PID" || sim_fail "server died"
echo "conf_tedious: ok"
