#!/usr/bin/env bash
# The native engine benchmark of today (benches/engine.rs + benches/common/)
# run against the engine of earlier commits, for BENCHMARKS.md's
# before/after table. Each commit is checked out in a temporary worktree
# (target/bench-history/) and its benchmark built; then the binaries run in
# turn, ROUNDS times over, so that a busy machine slows all of them alike
# (take each commit's best round). Nothing in the work tree changes.
#
# Usage: scripts/engine_history.sh [COMMIT...]   (default: the first
# benchmark commit and the commits of each engine optimisation, then HEAD)
# ROUNDS=3 by default.
set -euo pipefail
cd "$(dirname "$0")/.."
commits=("$@")
if [ ${#commits[@]} -eq 0 ]; then
  commits=(8c9ddd4 0102c05 b416d9a 44571e0 HEAD)
fi
rounds=${ROUNDS:-3}
export CARGO_TARGET_DIR="$PWD/target/bench-history/target"
mkdir -p target/bench-history
declare -A bin
for c in "${commits[@]}"; do
  wt="target/bench-history/wt-$c"
  [ -d "$wt" ] || git worktree add --detach "$wt" "$c" >/dev/null 2>&1
  rm -rf "$wt/benches"
  cp -r benches "$wt/benches"
  exe=$(cd "$wt" && cargo bench --no-run --bench engine 2>&1 | sed -n 's/.*Executable .*(\(.*\)).*/\1/p' | tail -1)
  [ -n "$exe" ] || { echo "$c: the benchmark did not build (the engine's API differed)"; continue; }
  cp "$exe" "target/bench-history/engine-$c"
  bin[$c]="target/bench-history/engine-$c"
done
for c in "${commits[@]}"; do git worktree remove --force "target/bench-history/wt-$c" 2>/dev/null || true; done
for r in $(seq "$rounds"); do
  for c in "${commits[@]}"; do
    [ -n "${bin[$c]:-}" ] || continue
    echo "=== round $r, $c: $(git log --format=%s -1 "$c" | cut -c1-90)"
    "${bin[$c]}" --bench | grep -E "^(route|full|memory)"
  done
done
