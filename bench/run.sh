#!/usr/bin/env bash
# Measures archrules on the Spark corpus next to the floor (list + read + inflate of the same class bytes, and the
# same with every class parsed in full).
# Usage: bench/fetch-corpus.sh && bench/run.sh [runs]
# Prints wall time, CPU time and peak RSS per scenario (GNU time), best of N runs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
runs="${1:-3}"
jars="$here/corpus/jars"
[ -d "$jars" ] || { echo "no corpus: run bench/fetch-corpus.sh first" >&2; exit 2; }
cd "$root"
cargo build --release --quiet --bin archrules --example floor
target="${CARGO_TARGET_DIR:-$root/target}/release"
all=("$jars"/*.jar)
one="$jars/spark-core_2.13-4.1.0.jar"
[ -f "$one" ] || one="$(ls -S "$jars"/spark-core*.jar 2>/dev/null | head -n1 || true)"
[ -n "$one" ] || one="${all[0]}"
rest=()
for j in "${all[@]}"; do [ "$j" = "$one" ] || rest+=("$j"); done
classpath="$(IFS=:; echo "${rest[*]}")"

measure() { # name, command...
    local name="$1"; shift
    local best=""
    for _ in $(seq "$runs"); do
        local stats; stats="$(mktemp)"
        /usr/bin/time -o "$stats" -f '%e %U %S %M' "$@" >/dev/null 2>&1 || true
        read -r wall user sys rss <"$stats"; rm -f "$stats"
        if [ -z "$best" ] || awk "BEGIN{exit !($wall < ${best%% *})}"; then best="$wall $user $sys $rss"; fi
    done
    read -r wall user sys rss <<<"$best"
    printf '%-44s wall %6.2f s   cpu %6.2f s   peak RSS %5d MB\n' "$name" "$wall" "$(awk "BEGIN{print $user+$sys}")" "$((rss / 1024))"
}

echo "corpus: ${#all[@]} jars, $(du -sh "$jars" | cut -f1); one-target scenario: $(basename "$one")"
measure "floor: list + read + inflate (all jars)" "$target/examples/floor" "${all[@]}"
measure "floor: list + read + inflate + parse" "$target/examples/floor" --parse "${all[@]}"
measure "archrules inspect, all jars as targets" "$target/archrules" inspect --no-jdk "${all[@]}"
measure "archrules inspect, one target + classpath" "$target/archrules" inspect --no-jdk "$one" --classpath "$classpath"
