# Sourced by the conformance tests: starts liaison-sim on a free port with a
# fresh data folder and a logins file, and stops it on exit.
#   sim_start [extra args...]   sets SIM_PORT, SIM_TMP, SIM_PID
# Logins: liaison/$SIM_PASSWORD (owner), lecteur/$SIM_PASSWORD (reader).
SIM_BIN="$LIA_BINARY_DIR/sim/liaison-sim"
SIM_TMP=$(mktemp -d)
SIM_PID=""
SIM_PASSWORD="Conf0rm-$$"
export SIM_PASSWORD
sim_cleanup() {
    if [ -n "$SIM_PID" ]; then kill "$SIM_PID" 2>/dev/null; wait "$SIM_PID" 2>/dev/null; fi
    rm -rf "$SIM_TMP"
}
trap sim_cleanup EXIT
sim_fail() {
    echo "FAIL: $*" >&2
    echo "--- server log (last lines)" >&2
    tail -20 "$SIM_TMP/err" >&2
    exit 1
}
sim_start() {
    umask 077
    printf 'liaison %s owner\nlecteur %s reader\n' "$SIM_PASSWORD" "$SIM_PASSWORD" >"$SIM_TMP/logins"
    mkdir -p "$SIM_TMP/data"
    "$SIM_BIN" --listen 127.0.0.1:0 --data "$SIM_TMP/data" --logins "$SIM_TMP/logins" "$@" \
        >"$SIM_TMP/out" 2>"$SIM_TMP/err" &
    SIM_PID=$!
    for _ in $(seq 300); do
        grep -q ready "$SIM_TMP/out" 2>/dev/null && break
        kill -0 "$SIM_PID" 2>/dev/null || sim_fail "liaison-sim exited before it was ready"
        sleep 0.1
    done
    SIM_PORT=$(sed -n 's/^liaison-sim: ready on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$SIM_TMP/out")
    [ -n "$SIM_PORT" ] || sim_fail "no ready line"
    export SIM_PORT
    cat >"$SIM_TMP/freetds.conf" <<CONF
[sim]
    host = 127.0.0.1
    port = $SIM_PORT
    tds version = 7.4
    client charset = UTF-8
CONF
    export FREETDSCONF="$SIM_TMP/freetds.conf" LANG=C.UTF-8
}
# sim_tsql USER SQL...: runs each SQL as its own batch through tsql.
sim_tsql() {
    local user=$1
    shift
    local input=""
    for q in "$@"; do input+="$q"$'\n'"go"$'\n'; done
    printf '%s' "$input" | timeout 60 tsql -S sim -U "$user" -P "$SIM_PASSWORD" 2>&1
}
