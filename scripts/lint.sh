#!/usr/bin/env bash
# Formatting, lints and type checks; fails on the first problem.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

echo "lint:"
step rustfmt cargo fmt --all --check
step clippy-host cargo clippy --quiet --workspace --all-targets -- -D warnings
step clippy-sbf cargo clippy --quiet --release --target bpfel-unknown-none -p nft_staking -- -D warnings
step prettier npx prettier --check --log-level warn .
step eslint npx eslint --max-warnings 0 .
step tsc npx tsc --noEmit -p tsconfig.json
step tsc-app npx tsc --noEmit -p app/tsconfig.json
