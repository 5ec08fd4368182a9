#!/usr/bin/env bash
# Builds only the SBF program: target/deploy/nft_staking.so (see README "How it builds").
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
step program cargo build --release --quiet --target bpfel-unknown-none -p nft_staking
