#!/usr/bin/env bash
# The README's test command: installs everything and runs every check.
#   bash scripts/test.sh
# Uses DATABASE_URL / REDIS_URL when set; otherwise the local PostgreSQL and Redis
# on their default ports, or an embedded PostgreSQL and a spawned redis-server.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node22.sh"
source "$tempo_root/scripts/install.sh"

# One source of truth for service discovery: scripts/services.ts prints shell exports.
eval "$(npx tsx scripts/services.ts env --database tempo_test)"
echo "[tempo] database ${DATABASE_URL%%\?*}, redis $REDIS_URL"

echo "[tempo] typecheck"; npm run --silent typecheck
echo "[tempo] lint"; npm run --silent lint
echo "[tempo] build"; npm run --silent build >/dev/null
echo "[tempo] tests"; npx vitest run --reporter=default
