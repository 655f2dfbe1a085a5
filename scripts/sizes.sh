#!/usr/bin/env bash
# The release build's transfer size: raw and gzipped (gzip -9) bytes per
# file of dist/ (or DIR), the total, and the budget (< 250 KB gzipped, as
# issue 6 sets it; KB = 1,000 bytes). It reports; it never fails on size.
#
# Usage: scripts/sizes.sh [DIR]      (run `trunk build --release` first)
set -euo pipefail
dir=${1:-dist}
budget=250000
if ! ls "$dir"/*.wasm >/dev/null 2>&1; then
  echo "no release build in $dir/: run \`trunk build --release\` first" >&2
  exit 1
fi
printf '%-44s %12s %12s\n' "file ($dir/)" "raw bytes" "gzip -9"
total_raw=0 total_gz=0
while IFS= read -r f; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-44s %12s %12s\n' "${f#"$dir"/}" "$raw" "$gz"
done < <(find "$dir" -maxdepth 1 -type f | sort)
printf '%-44s %12s %12s\n' "total" "$total_raw" "$total_gz"
if [ "$total_gz" -lt "$budget" ]; then verdict=met; else verdict="MISSED by $(((total_gz - budget + 999) / 1000)) KB"; fi
echo "budget: < $((budget / 1000)) KB gzipped in total → $verdict ($((total_gz / 1000)) KB)"
