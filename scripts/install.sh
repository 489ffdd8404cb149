# Sourced: installs dependencies and generates the Prisma client.
# `npm ci` is not used: the registry here lacks some optional platform builds
# listed in the lockfile, and a plain install leaves the lockfile unchanged.
cd "$tempo_root"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund --loglevel=error
fi
npx prisma generate >/dev/null
