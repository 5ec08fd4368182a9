#!/usr/bin/env bash
# Builds the SBF program (target/deploy/nft_staking.so) and the TypeScript SDK, after
# installing whatever is missing (setup.sh is a no-op when everything is present).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

bash scripts/setup.sh
echo "build:"
step program cargo build --release --quiet --target bpfel-unknown-none -p nft_staking
step sdk npm run --silent build --workspace sdk
