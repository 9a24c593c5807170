#!/usr/bin/env bash
# The portal at fleet scale: writes the synthetic answers of a 5,000-repository fleet (bench/portal_answers.py),
# generates the site from them and prints the generation time, peak RSS, file count, total size and largest page.
# Goal (issue 19): <= 30 s, no page over 2 MB.
# Usage: bench/portal.sh [repositories]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
repos="${1:-5000}"
work="${CARGO_TARGET_DIR:-$root/target}/portal-bench"
cd "$root"
cargo build --release --quiet --bin archrules
bin="${CARGO_TARGET_DIR:-$root/target}/release/archrules"
[ -f "$work/answers-$repos/who_uses.jsonl" ] || python3 "$here/portal_answers.py" "$work/answers-$repos" "$repos"
rm -rf "$work/site"
/usr/bin/time -f 'generation: %e s wall, %U s user, %S s system, %M KB peak RSS' \
  "$bin" fleet site --from "$work/answers-$repos" -o "$work/site" \
  --source-url 'https://git.example/{repository}/blob/{commit}/{path}#L{line}'
echo "answers: $(du -sh "$work/answers-$repos" | cut -f1), $(wc -l < "$work/answers-$repos/who_uses.jsonl") who-uses rows"
echo "site: $(find "$work/site" -type f | wc -l) files, $(du -sh "$work/site" | cut -f1)"
echo "largest files:"
find "$work/site" -type f -printf '%s %p\n' | sort -rn | head -n 5 | awk '{printf "  %8.1f KB  %s\n", $1/1024, $2}'
over=$(find "$work/site" -type f -size +2048k | wc -l)
echo "files over 2 MB: $over"
