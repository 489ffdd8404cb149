#!/usr/bin/env bash
# The README's demo command: installs everything and starts the demo shop.
#   bash scripts/demo.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node22.sh"
source "$tempo_root/scripts/install.sh"
npm run --silent build >/dev/null
exec npx tsx scripts/demo.ts "$@"
