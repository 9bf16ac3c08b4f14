#!/usr/bin/env bash
# Simulator T-SQL engine: parameterized INSERT through sim_exec_batch vs the
# same INSERT through SQLite directly (reference measured in the same run),
# and a full SELECT streamed to a sink. Usage: bench/sim_sql.sh [BUILD_DIR] [ROWS]
set -eu
build=${1:-build}
rows=${2:-200000}
exec "$build/tests/sim/sql/bench_sim_sql" "$rows"
