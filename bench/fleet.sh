#!/usr/bin/env bash
# The fleet store's bench (issue 18, section 3): a synthetic fleet of 5,000 repositories written as fleet records
# (bench/fleet-records.py, the rows of FLEET-CONTRACT.md), ingested into the store and asked who-uses of a member,
# who-uses of an artifact and library, each beside DuckDB answering the same over the same JSON Lines.
#   bench/fleet.sh [REPOS] [ROUNDS]       (default 5000 repositories, best of 5)
# Needs python3 with venv; DuckDB (PyPI `duckdb`) is installed into target/bench-venv on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
REPOS=${1:-5000}
ROUNDS=${2:-5}
WORK=target/fleet-bench
VENV=target/bench-venv

[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c 'import duckdb' 2>/dev/null || "$VENV/bin/pip" install -q duckdb
cargo build --release --bin archrules
mkdir -p "$WORK"
if [ ! -f "$WORK/records-$REPOS/.done" ]; then
  rm -rf "$WORK/records-$REPOS"
  python3 bench/fleet-records.py "$WORK/records-$REPOS" "$REPOS"
  touch "$WORK/records-$REPOS/.done"
fi
"$VENV/bin/python" bench/fleet-bench.py target/release/archrules "$WORK/records-$REPOS" "$WORK" "$ROUNDS"
