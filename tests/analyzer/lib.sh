# Shared helpers of the analyzer's script tests.
set -u
fail=0
DATA="$LIA_SOURCE_DIR/tests/analyzer/data"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export LIAISON_DATA_DIR="$LIA_SOURCE_DIR"
unset LIAISON_LANG
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fail=1; }
# events FILE...: "line<TAB>severity<TAB>code" of warnings and worse, file names dropped
events() {
    "$LIAISON" analyze --format events "$@" | awk -F'\t' '{ split($1, w, ":"); print w[length(w)] "\t" $3 "\t" $4 }'
}
# expect_rc WANT CMD...: runs CMD, checks its exit code
expect_rc() {
    local want=$1; shift
    "$@" >"$T/out" 2>"$T/err"; local rc=$?
    if [ "$rc" = "$want" ]; then ok "$* -> $rc"; else bad "$* exited $rc, want $want"; cat "$T/err"; fi
}
