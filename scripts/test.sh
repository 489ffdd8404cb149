#!/usr/bin/env bash
# The README's test command: installs everything and runs every check.
#   bash scripts/test.sh
# Uses DATABASE_URL / REDIS_URL when set; otherwise the local PostgreSQL and Redis
# on their default ports, or an embedded PostgreSQL and a spawned redis-server.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/node22.sh"
step_started=$SECONDS
source "$tempo_root/scripts/install.sh"
echo "[tempo] install took $((SECONDS - step_started)) s"

# One source of truth for service discovery: scripts/services.ts prints the URLs.
eval "export $(npx tsx scripts/services.ts env)"
# Tests wipe their database, so they get their own on the same server: <name>_test.
DATABASE_URL="$(node -e 'const u = new URL(process.env.DATABASE_URL); const name = u.pathname.slice(1) || "tempo"; u.pathname = "/" + (name.endsWith("_test") ? name : name + "_test"); console.log(u.toString())')"
export DATABASE_URL
echo "[tempo] database ${DATABASE_URL%%\?*}, redis $REDIS_URL"

timed() { local label="$1"; shift; local started=$SECONDS; echo "[tempo] $label"; "$@"; echo "[tempo] $label took $((SECONDS - started)) s"; }
timed typecheck npm run --silent typecheck
timed lint npm run --silent lint
timed build bash -c 'npm run --silent build >/dev/null'
# Shopify's own CLI validates shopify.app.toml and every extension and bundles the admin block.
# It runs offline and needs no Partner login (CI=true: no prompts; dependencies are installed above).
mkdir -p test-results
timed "shopify app build" bash -c '
  if CI=true SHOPIFY_CLI_NO_ANALYTICS=1 npx --no-install shopify app build --skip-dependencies-installation >test-results/shopify-app-build.log 2>&1; then
    grep -o "[a-z0-9-]* built!" test-results/shopify-app-build.log
  else
    cat test-results/shopify-app-build.log; exit 1
  fi'
echo "[tempo] tests"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=$?
# One plain summary line that any CI reader understands (failed suites included).
npx tsx scripts/lib/vitest-summary.ts test-results/vitest.json || true
exit "$status"
