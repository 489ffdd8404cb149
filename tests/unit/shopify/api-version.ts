import { readFileSync } from "node:fs";

/**
 * The API version app/shopify.server.ts pins, read from its source: importing it
 * would start the Shopify app, which needs the full app environment.
 */
export const ADMIN_API_VERSION_FOR_TESTS = (() => {
  const source = readFileSync("app/shopify.server.ts", "utf8");
  const match = /ADMIN_API_VERSION = ApiVersion\.(\w+)/.exec(source);
  const versions: Record<string, string> = { October26: "2026-10", July26: "2026-07", April26: "2026-04", January26: "2026-01" };
  return match ? versions[match[1] ?? ""] : undefined;
})();
