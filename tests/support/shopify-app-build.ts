import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * Makes sure Shopify CLI has built the extensions (scripts/test.sh runs `shopify app build`
 * before the tests; a test file run on its own builds here). About 3 s, offline.
 */
export function ensureExtensionsBuilt(bundles: string[] = ["extensions/product-stock-outlook/dist/product-stock-outlook.js"]): void {
  if (bundles.every((bundle) => existsSync(bundle))) return;
  execFileSync("npx", ["--no-install", "shopify", "app", "build", "--skip-dependencies-installation"], {
    stdio: "pipe",
    env: { ...process.env, CI: "true", SHOPIFY_CLI_NO_ANALYTICS: "1" },
  });
  const missing = bundles.filter((bundle) => !existsSync(bundle));
  if (missing.length) throw new Error(`shopify app build did not write ${missing.join(", ")}`);
}
