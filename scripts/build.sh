#!/usr/bin/env bash
# Builds the SBF program (target/deploy/nft_staking.so) and the TypeScript SDK, after
# installing whatever is missing (setup.sh is a no-op when everything is present).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

bash scripts/setup.sh
echo "build:"
bash scripts/build-program.sh
step sdk npm run --silent build --workspace sdk
