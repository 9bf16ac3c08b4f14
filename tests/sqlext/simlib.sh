# Shared by the sqlext tests and bench/replicate.sh: start/stop liaison-sim
# on a free port, write a Liaison configuration, run T-SQL with bsqldb.
# Needs: SIM (path of liaison-sim), WORK (scratch directory).

SIM_PID=
SIM_PORT=

# sim_start DATA_DIR [extra liaison-sim args...]: starts and waits for the ready line.
sim_start() {
    local data=$1; shift
    mkdir -p "$data"
    : > "$WORK/sim.out"
    "$SIM" --listen "127.0.0.1:${SIM_PORT:-0}" --data "$data" "$@" > "$WORK/sim.out" 2> "$WORK/sim.err" &
    SIM_PID=$!
    local i
    for i in $(seq 1 600); do
        if grep -q "ready on" "$WORK/sim.out" 2>/dev/null; then
            SIM_PORT=$(sed -n 's/.*ready on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$WORK/sim.out" | head -1)
            return 0
        fi
        if ! kill -0 "$SIM_PID" 2>/dev/null; then
            echo "simulator exited:"; cat "$WORK/sim.err"; return 1
        fi
        sleep 0.1
    done
    echo "simulator not ready after 60 s"; return 1
}

sim_stop() {
    if [ -n "$SIM_PID" ] && kill -0 "$SIM_PID" 2>/dev/null; then
        kill -TERM "$SIM_PID" 2>/dev/null
        wait "$SIM_PID" 2>/dev/null
    fi
    SIM_PID=
}

# write_config FILE INTEGRATION DATABASE [extra [replication] lines...]
write_config() {
    local file=$1 integ=$2 db=$3; shift 3
    {
        printf '[gescom]\nserver = 127.0.0.1\nport = %s\ndatabase = %s\nuser = liaison\npassword_env = LIA_SIM_PW\nencryption = off\n' "$SIM_PORT" "$db"
        printf '[crm]\nserver = 127.0.0.1\nport = %s\ndatabase = LIAISON_CRM\nuser = liaison\npassword_env = LIA_SIM_PW\nencryption = off\n' "$SIM_PORT"
        printf '[replication]\nintegration = %s\nfull_resync_hour = none\n' "$integ"
        local l
        for l in "$@"; do printf '%s\n' "$l"; done
        printf '[journal]\npath = %s/journal.log\n' "$WORK"
    } > "$file"
}

# tsql_run DATABASE "T-SQL": prints rows tab-separated, no header.
tsql_run() {
    bsqldb -S "127.0.0.1:$SIM_PORT" -U liaison -P "$LIA_SIM_PW" -D "$1" -q -t $'\t' <<<"$2"
}
