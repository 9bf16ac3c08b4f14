# Helpers for the diagnose tests that need the simulator (sourced).
# start_sim DATA_DIR [ARGS...]: starts liaison-sim on a free port, sets
# SIM_PID and SIM_PORT; stop_sim is registered on EXIT by the caller.
SIM=${LIA_BINARY_DIR}/sim/liaison-sim

need_sim() {
    if [ ! -x "$SIM" ]; then
        echo "SKIP: simulator not built ($SIM)"
        exit 77
    fi
    command -v bsqldb >/dev/null || { echo "FAIL: bsqldb not installed (scripts/bootstrap)"; exit 1; }
}

start_sim() {
    local data=$1; shift
    local out=$data.sim-out
    "$SIM" --listen 127.0.0.1:0 --data "$data" "$@" >"$out" 2>"$data.sim-err" &
    SIM_PID=$!
    local i
    for i in $(seq 1 600); do
        if grep -q "ready on" "$out" 2>/dev/null; then
            SIM_PORT=$(sed -n 's/^liaison-sim: ready on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$out" | head -1)
            [ -n "$SIM_PORT" ] && return 0
        fi
        kill -0 "$SIM_PID" 2>/dev/null || break
        sleep 0.1
    done
    echo "FAIL: liaison-sim did not start"; cat "$data.sim-err"
    return 1
}

stop_sim() {
    if [ -n "${SIM_PID:-}" ]; then
        kill -TERM "$SIM_PID" 2>/dev/null
        wait "$SIM_PID" 2>/dev/null
        SIM_PID=
    fi
}

# sql_file USER PASSWORD DATABASE FILE: runs a T-SQL file (GO batches) through bsqldb.
sql_file() {
    bsqldb -S "127.0.0.1:$SIM_PORT" -U "$1" -P "$2" -D "$3" -i "$4" -q >/dev/null
}
