#!/usr/bin/env bash
# SUM/AVG over ROWS decimal(24,6) and money rows through the simulator's
# engine (sim_sqlrun), against the same SUM in the sqlite3 shell over a table
# of REAL values (reference, same run). Usage: bench/sim_sum.sh [BUILD_DIR] [ROWS]
set -eu
build=${1:-build}
rows=${2:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/load.sql" <<SQL
CREATE TABLE dl (id int NOT NULL, mt decimal(24,6) NOT NULL, px money NOT NULL)
GO
SET NOCOUNT ON
BEGIN TRAN
;WITH n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $rows)
INSERT INTO dl (id, mt, px) SELECT i, CAST(i % 1000 AS decimal(24,6)) / 100, CAST(i % 977 AS money) / 100 FROM n OPTION (MAXRECURSION 0)
COMMIT
SQL
cat > "$work/sum.sql" <<SQL
SELECT SUM(mt) AS s, AVG(mt) AS a, SUM(px) AS p, COUNT(*) AS n FROM dl
SQL
now() { date +%s.%N; }
# one sim_sqlrun process: load, then time the SUM batch alone by running it twice
t0=$(now)
"$build/tests/sim/sql/sim_sqlrun" "$work/load.sql" > /dev/null
t1=$(now)
cat "$work/load.sql" > "$work/both.sql"
printf 'GO\n' >> "$work/both.sql"
cat "$work/sum.sql" >> "$work/both.sql"
t2=$(now)
"$build/tests/sim/sql/sim_sqlrun" "$work/both.sql" | grep '^row:'
t3=$(now)
sqlite3 "$work/ref.db" "CREATE TABLE dl (id INTEGER, mt REAL, px REAL);
 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $rows)
 INSERT INTO dl SELECT i, (i % 1000) / 100.0, (i % 977) / 100.0 FROM n;"
t4=$(now)
sqlite3 "$work/ref.db" "SELECT SUM(mt), AVG(mt), SUM(px), COUNT(*) FROM dl;"
t5=$(now)
awk -v l="$(echo "$t1 - $t0" | bc)" -v b="$(echo "$t3 - $t2" | bc)" -v r="$(echo "$t5 - $t4" | bc)" -v n="$rows" 'BEGIN {
  s = b - l; if (s < 0.001) s = 0.001;
  printf "rows %d: load %.2f s; SUM/AVG batch (load+sum minus load) %.3f s; sqlite3 shell SUM over REAL %.3f s; ratio %.1f\n", n, l, s, r, s / r }'
