# Sourced: installs dependencies and generates the Prisma client.
# `npm install` rather than `npm ci`, which would delete node_modules on every run.
# The lockfile lists every optional platform build, so a fresh install leaves it
# unchanged (tests/unit/tooling/lockfile.test.ts keeps it so).
cd "$tempo_root"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund --loglevel=error
fi
# generate reads no data, but the schema names DATABASE_URL, so any value will do here.
DATABASE_URL="${DATABASE_URL:-postgresql://localhost/unused}" npx prisma generate >/dev/null
