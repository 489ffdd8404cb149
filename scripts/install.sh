# Sourced: installs dependencies and generates the Prisma client.
# `npm ci` is not used: the registry here lacks some optional platform builds
# listed in the lockfile, and a plain install leaves the lockfile unchanged.
cd "$tempo_root"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund --loglevel=error
fi
# generate reads no data, but the schema names DATABASE_URL, so any value will do here.
DATABASE_URL="${DATABASE_URL:-postgresql://localhost/unused}" npx prisma generate >/dev/null
