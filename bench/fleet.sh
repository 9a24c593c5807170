#!/usr/bin/env bash
# The fleet store's bench (issue 18, section 3), on a fleet made from the pinned Spark corpus's own fleet record:
#   1. `archrules check` of every corpus jar as a target module with `--report fleet=` (each jar's uses of the others
#      are library uses), timed without and with the record (the record's added cost);
#   2. bench/fleet-records.py splits the record per module, each module its own repository, replicated as renamed
#      copies to REPOS repositories;
#   3. bench/fleet-bench.py ingests them into a fresh store and asks who-uses of a member, who-uses of an artifact
#      and library, each beside DuckDB answering the same over the same JSON Lines.
#   bench/fetch-corpus.sh && bench/fleet.sh [REPOS] [ROUNDS]     (default 5000 repositories, best of 5)
# Needs python3 with venv; DuckDB (PyPI `duckdb`) is installed into target/bench-venv on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
REPOS=${1:-5000}
ROUNDS=${2:-5}
WORK=target/fleet-bench
VENV=target/bench-venv
jars=bench/corpus/jars
[ -d "$jars" ] || { echo "no corpus: run bench/fetch-corpus.sh first" >&2; exit 2; }

[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c 'import duckdb' 2>/dev/null || "$VENV/bin/pip" install -q duckdb
cargo build --release --bin archrules
bin=target/release/archrules
mkdir -p "$WORK"

# 1. The record, and what it adds to the same check (alternating rounds; exit 1 = violations found).
check=("$bin" check "$jars"/*.jar --format json -o "$WORK/check.json" --repository github.com/apache/spark
       --commit 0000000000000000000000000000000000000430 --branch main --build-time 2026-12-01T00:00:00Z)
for round in $(seq 3); do
  /usr/bin/time -f "check without the record: %e s wall, %U + %S CPU-s, %M KB" "${check[@]}" 2>&1 >/dev/null | tail -1 || true
  /usr/bin/time -f "check with the record:    %e s wall, %U + %S CPU-s, %M KB" "${check[@]}" \
    --report "fleet=$WORK/spark.jsonl" 2>&1 >/dev/null | tail -1 || true
done

# 2. The fleet.
if [ ! -f "$WORK/records-$REPOS/.done" ]; then
  rm -rf "$WORK/records-$REPOS"
  python3 bench/fleet-records.py "$WORK/spark.jsonl" "$WORK/records-$REPOS" "$REPOS"
  touch "$WORK/records-$REPOS/.done"
fi

# 3. Store beside DuckDB.
"$VENV/bin/python" bench/fleet-bench.py "$bin" "$WORK/records-$REPOS" "$WORK" "$ROUNDS"
