#!/usr/bin/env bash
# Validates a SARIF log rendered by archrules with Microsoft's SARIF Multitool: the SARIF 2.1.0 schema, the SARIF
# rules and GitHub code scanning's ingestion rules (GH*). The tool comes from npm into a local prefix (no global
# install). With no argument, the log is the one the report tests render for their fixture findings.
#
#   .ci/validate-sarif.sh                 # render the fixture log via `cargo test`, then validate it
#   .ci/validate-sarif.sh path/to.sarif   # validate a given log
#
# The multitool exits 0 even when it reports errors, so this script fails on any `error` line in its output.
set -euo pipefail
cd "$(dirname "$0")/.."

version=5.7.0
prefix="${SARIF_MULTITOOL_PREFIX:-${CARGO_TARGET_DIR:-$PWD/target}/sarif-multitool}"
tool="$prefix/node_modules/@microsoft/sarif-multitool/bin.js"
if [ ! -f "$tool" ]; then
  npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "@microsoft/sarif-multitool@$version"
fi
# Newer npm skips install scripts by default, including the one that makes the native binary executable.
for bin in "$prefix"/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool; do
  [ -f "$bin" ] && chmod u+x "$bin"
done

sarif="${1:-}"
if [ -z "$sarif" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  sarif="$work/archrules-fixture.sarif"
  ARCHRULES_SARIF_OUT="$sarif" cargo test --lib --quiet report::tests::sarif::write_sarif_for_validation >/dev/null
fi
[ -s "$sarif" ] || { echo "validate-sarif: no SARIF file at $sarif" >&2; exit 1; }

# .NET's self-contained binary needs ICU unless told not to; CI images may not have it.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
# bin.js runs the tool through a shell, so the `;` list needs its own quotes.
output="$(node "$tool" validate "$sarif" --rule-kind '"Gh;Sarif"' 2>&1)" || { echo "$output"; exit 1; }
echo "$output"
if grep -qE ': error [A-Z]+[0-9]+:' <<<"$output"; then
  echo "validate-sarif: $sarif has errors" >&2
  exit 1
fi
grep -q 'Analysis completed successfully' <<<"$output" || { echo "validate-sarif: the multitool did not finish" >&2; exit 1; }
echo "validate-sarif: $sarif is valid SARIF 2.1.0 for GitHub code scanning"
