#!/usr/bin/env bash
# The native engine benchmark of today (benches/engine.rs + benches/common/)
# run against the engine of earlier commits, for BENCHMARKS.md's
# before/after table. Each commit is checked out in a temporary worktree
# (target/bench-history/); the figures are printed, nothing is changed.
#
# Usage: scripts/engine_history.sh [COMMIT...]   (default: the commits
# before and after each engine optimisation)
set -euo pipefail
cd "$(dirname "$0")/.."
commits=("$@")
if [ ${#commits[@]} -eq 0 ]; then
  commits=(8c9ddd4 0102c05 b416d9a 44571e0)
fi
export CARGO_TARGET_DIR="$PWD/target/bench-history/target"
mkdir -p target/bench-history
for c in "${commits[@]}"; do
  wt="target/bench-history/$c"
  [ -d "$wt" ] || git worktree add --detach "$wt" "$c" >/dev/null
  rm -rf "$wt/benches"
  cp -r benches "$wt/benches"
  echo "=== $c: $(git log --format=%s -1 "$c" | cut -c1-100)"
  (cd "$wt" && cargo bench --quiet --bench engine 2>/dev/null) | grep -E "^(route|full|memory)" || echo "(did not build: the engine's API differed)"
done
for c in "${commits[@]}"; do git worktree remove --force "target/bench-history/$c" 2>/dev/null || true; done
