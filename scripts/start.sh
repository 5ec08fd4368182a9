#!/usr/bin/env bash
# `npm start`: installs and builds today; the local chain and web app arrive with their issues.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/build.sh
echo "Built target/deploy/nft_staking.so and the SDK."
echo "The local chain (LiteSVM behind JSON-RPC) and the web app are not built yet; run 'npm test'."
