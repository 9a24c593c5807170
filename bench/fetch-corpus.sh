#!/usr/bin/env bash
# Fetches the benchmark corpus: the jars that pyspark's sdist ships under deps/jars (326 in pyspark 4.3.0).
# Result: bench/corpus/jars/*.jar (gitignored). Idempotent: skips the download when the sdist is already there.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="${PYSPARK_VERSION:-4.3.0}"
dl="$here/corpus/dl"
jars="$here/corpus/jars"
mkdir -p "$dl" "$jars"
if ! ls "$dl"/pyspark-"$version"*.tar.gz >/dev/null 2>&1; then
    pip download --no-deps --no-binary :all: "pyspark==$version" -d "$dl"
fi
sdist="$(ls "$dl"/pyspark-"$version"*.tar.gz | head -n1)"
# Extract only deps/jars/*.jar, flattened into corpus/jars.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
tar -xzf "$sdist" -C "$tmp" --wildcards '*/deps/jars/*.jar'
find "$tmp" -path '*/deps/jars/*.jar' -exec mv -f {} "$jars/" \;
count="$(find "$jars" -maxdepth 1 -name '*.jar' | wc -l)"
size="$(du -sh "$jars" | cut -f1)"
echo "corpus: $count jars, $size in $jars"
