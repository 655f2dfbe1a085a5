#!/usr/bin/env bash
# `make test`: installs what is missing, then runs every test stage, goes on
# past a failed stage where the next one does not depend on it, and prints a
# summary. Exits non-zero if anything failed. Each stage's full output is
# also kept in target/test-logs/.
set -uo pipefail
cd "$(dirname "$0")/.."

LOGS=target/test-logs
mkdir -p "$LOGS"
MAKE="make --no-print-directory"

bold() { printf '\033[1m%s\033[0m\n' "$*"; }

names=() results=() times=() notes=()
total_passed=0 total_failed=0 any_failed=0

# Sums the passed/failed counts that cargo/libtest, wasm-bindgen-test and
# node's test runner print at the end of their runs (node's cancelled
# tests, e.g. after a failed `before` hook, count as failed).
count() {
  local log=$1 p f
  p=$(grep -aoE '^test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | grep -oE '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
  f=$(grep -aoE '^test result: [a-zA-Z]+\. [0-9]+ passed; [0-9]+ failed' "$log" | grep -oE '[0-9]+ failed' | awk '{s+=$1} END {print s+0}')
  p=$((p + $(grep -aE '^(ℹ|#) pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')))
  f=$((f + $(grep -aE '^(ℹ|#) (fail|cancelled) [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')))
  echo "$p $f"
}

# run NAME LOGFILE COUNTS(yes/no) COMMAND...
run() {
  local name=$1 log=$2 counts=$3; shift 3
  bold "==> $name: $*"
  local start=$SECONDS status
  "$@" 2>&1 | tee "$LOGS/$log"
  status=${PIPESTATUS[0]}
  local took=$((SECONDS - start)) note=""
  if [ "$counts" = yes ]; then
    read -r p f < <(count "$LOGS/$log")
    # A stage that failed before reporting any failing test (a compile error,
    # a browser that did not start) still counts as one failure.
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    total_passed=$((total_passed + p)); total_failed=$((total_failed + f))
    note="$p passed, $f failed"
  elif [ "$status" -ne 0 ]; then
    total_failed=$((total_failed + 1))
  fi
  names+=("$name"); times+=("${took}s")
  if [ "$status" -eq 0 ]; then results+=("ok"); else results+=("FAILED"); any_failed=1; fi
  notes+=("$note")
  return "$status"
}

skip() {
  names+=("$1"); results+=("skipped"); times+=("-"); notes+=("$2")
}

if ! run "setup" setup.log no $MAKE setup; then
  bold "setup failed: see $LOGS/setup.log"
  echo "total: 0 passed, 1 failed"
  exit 1
fi

# The gates fail fast: code that is not formatted, has clippy or doc
# warnings, or breaks the fuzz build is not worth testing further.
if ! run "checks (fmt, clippy, doc, fuzz build)" check.log no $MAKE check; then
  bold "checks failed: see $LOGS/check.log"
  echo "total: 0 passed, 1 failed"
  exit 1
fi

run "native tests" native.log yes $MAKE test-native
run "wasm tests (Chromium)" wasm.log yes $MAKE test-wasm
run "python programs vs CPython + RabbitMQ" programs.log yes $MAKE test-programs

if run "release build" build.log no $MAKE build-release; then
  wasm=$(ls dist/*.wasm 2>/dev/null | head -1)
  if [ -n "$wasm" ]; then
    raw=$(stat -c %s "$wasm")
    gz=$(gzip -9 -c "$wasm" | wc -c)
    notes[${#notes[@]}-1]="$(basename "$wasm"): $((raw / 1024)) KiB, $((gz / 1024)) KiB gzipped"
  fi
  run "end-to-end (Chromium)" e2e.log yes $MAKE test-e2e
  run "real broker (RabbitMQ)" broker.log yes $MAKE test-broker
else
  skip "end-to-end (Chromium)" "needs the release build"
  skip "real broker (RabbitMQ)" "needs the release build"
  total_failed=$((total_failed + 1))
fi

echo
bold "==================== make test: summary ===================="
for i in "${!names[@]}"; do
  printf '  %-24s %-8s %6s   %s\n' "${names[$i]}" "${results[$i]}" "${times[$i]}" "${notes[$i]}"
done
echo "  logs: $LOGS/   screenshots: target/screenshots/"
if [ "$any_failed" -ne 0 ]; then bold "FAILED"; else bold "ALL PASSED"; fi
echo "total: $total_passed passed, $total_failed failed"
exit "$any_failed"
