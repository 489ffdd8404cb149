#!/usr/bin/env bash
# The README's demo command: installs everything and starts the demo shop.
#   bash scripts/demo.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node22.sh"
step_started=$SECONDS
source "$tempo_root/scripts/install.sh"
npm run --silent build >/dev/null
# The admin's product pages run the admin block that Shopify CLI builds (offline).
CI=true SHOPIFY_CLI_NO_ANALYTICS=1 npx --no-install shopify app build --skip-dependencies-installation >/dev/null
echo "[tempo] install and build took $((SECONDS - step_started)) s"
exec npx tsx scripts/demo.ts "$@"
