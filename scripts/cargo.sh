#!/usr/bin/env bash
# Runs Debian's cargo with the project's environment (see env.sh).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
exec cargo "$@"
