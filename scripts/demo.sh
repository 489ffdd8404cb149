#!/usr/bin/env bash
# The README's demo command: installs everything and starts the demo shop.
#   bash scripts/demo.sh
# Ctrl-C, or SIGINT / SIGTERM to this script's PID, stops it and everything it started.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node22.sh"

# While installing and building, a signal stops the step in hand (its whole process group) and the script.
step=""
trap '[ -n "$step" ] && kill -TERM -- "-$step" 2>/dev/null; echo "[tempo] stopped"; exit 130' INT TERM
in_step() { setsid "$@" & step=$!; wait "$step"; step=""; }

step_started=$SECONDS
source "$tempo_root/scripts/install.sh"
# A build newer than every source it is made from is reused: a restart does not rebuild.
newer_than() { [ -f "$1" ] && [ -z "$(find app extensions/*/src vite.config.ts package-lock.json -newer "$1" -print -quit)" ]; }
if ! newer_than build/server/index.js; then in_step npm run --silent build >/dev/null; fi
# The admin's product pages run the admin block that Shopify CLI builds (offline).
if ! newer_than extensions/product-stock-outlook/dist/product-stock-outlook.js; then
  in_step env CI=true SHOPIFY_CLI_NO_ANALYTICS=1 npx --no-install shopify app build --skip-dependencies-installation >/dev/null
fi
echo "[tempo] install and build took $((SECONDS - step_started)) s"
# exec, and node itself rather than an npx wrapper: this PID becomes the demo's, so its signals reach the demo.
trap - INT TERM
exec node --import tsx scripts/demo.ts "$@"
