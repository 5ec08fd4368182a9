#!/usr/bin/env bash
# `npm start`: installs what is missing, builds, then runs the local chain (LiteSVM behind
# JSON-RPC + WebSocket) with the program deployed and the demo seeded, and serves the web app
# (scripts/start.ts).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
bash scripts/build.sh
echo "  building the web app"
npx vite build app --logLevel warn
exec npx ts-node -P tsconfig.json scripts/start.ts "$@"
