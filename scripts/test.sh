#!/usr/bin/env bash
# `npm test`: installs what is missing, builds, lints, runs the Rust and TypeScript suites,
# and ends with one line counting every test: "N passed, N failed, N skipped" (skipped: mocha's
# pending tests, e.g. suites whose third-party program dumps are missing; see tests/utils/programs.ts).
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

log_dir="$(mktemp -d)"
trap 'rm -rf "$log_dir"' EXIT
passed=0
failed=0
skipped=0
broken=()

bash scripts/build.sh || broken+=(build)
[ ${#broken[@]} -eq 0 ] && { bash scripts/lint.sh || broken+=(lint); }

if [ ${#broken[@]} -eq 0 ]; then
  echo "rust tests:"
  cargo test --workspace 2>&1 | tee "$log_dir/rust.log" | grep -E '^test |test result|panicked' || true
  [ "${PIPESTATUS[0]}" -eq 0 ] || broken+=(rust-tests)
  read -r rust_passed rust_failed < <(awk '/^test result:/ {
      for (i = 1; i <= NF; i++) { if ($i ~ /^passed;?$/) p += $(i-1); if ($i ~ /^failed;?$/) f += $(i-1) } }
      END { print p + 0, f + 0 }' "$log_dir/rust.log")
  passed=$((passed + rust_passed))
  failed=$((failed + rust_failed))

  echo "app unit tests (vitest):"
  (cd app && NO_COLOR=1 npx vitest run 2>&1) | tee "$log_dir/app.log" | grep -E 'Test Files|Tests|FAIL|✗|×' || true
  [ "${PIPESTATUS[0]}" -eq 0 ] || broken+=(app-tests)
  app_passed=$(grep -Eo 'Tests +[0-9]+ passed' "$log_dir/app.log" | grep -Eo '[0-9]+' | tail -1)
  app_failed=$(grep -Eo 'Tests +[0-9]+ failed' "$log_dir/app.log" | grep -Eo '[0-9]+' | tail -1)
  passed=$((passed + ${app_passed:-0}))
  failed=$((failed + ${app_failed:-0}))

  echo "typescript tests (program, SDK, flows, local chain, browser):"
  npx ts-mocha -p tsconfig.json --timeout 120000 --reporter spec 'tests/**/*.test.ts' 2>&1 |
    tee "$log_dir/ts.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || broken+=(ts-tests)
  ts_passed=$(grep -Eo '^ *[0-9]+ passing' "$log_dir/ts.log" | grep -Eo '[0-9]+' | tail -1)
  ts_failed=$(grep -Eo '^ *[0-9]+ failing' "$log_dir/ts.log" | grep -Eo '[0-9]+' | tail -1)
  ts_skipped=$(grep -Eo '^ *[0-9]+ pending' "$log_dir/ts.log" | grep -Eo '[0-9]+' | tail -1)
  passed=$((passed + ${ts_passed:-0}))
  failed=$((failed + ${ts_failed:-0}))
  skipped=$((skipped + ${ts_skipped:-0}))
fi

if [ ${#broken[@]} -gt 0 ]; then
  echo "FAILED: ${broken[*]}"
  # A broken step that ran no test still counts as a failure in the summary.
  [ "$failed" -eq 0 ] && failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ ${#broken[@]} -eq 0 ]
