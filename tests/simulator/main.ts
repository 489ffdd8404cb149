/**
 * CLI: starts the Shopify simulator with generated brand data.
 *
 *   npx tsx tests/simulator/main.ts --port 4010 --app-url http://localhost:3000 \
 *     --api-key KEY --api-secret SECRET --toml shopify.app.toml --shop tempo-demo --seed 1
 *
 * Flags fall back to the Shopify template's env vars (SHOPIFY_API_KEY, SHOPIFY_API_SECRET,
 * SHOPIFY_APP_URL, SCOPES). Repeat --shop to host several shops (seeds seed, seed+1, ...).
 * --ready-file writes { url, shops, adminUrls } as JSON once listening, for scripts to read.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { ShopPlanLevel } from "./config";
import { generateBrand } from "./seed/brand-generator";
import { startSimulator } from "./server";
import { parseAppToml, type ParsedAppToml } from "./webhooks/subscriptions";
import { existsSync, readFileSync } from "node:fs";

const DEFAULT_SCOPES = "read_products,read_orders,read_all_orders,read_inventory,read_locations,read_discounts,write_inventory";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.SIMULATOR_PORT ?? "4010" },
    host: { type: "string", default: "127.0.0.1" },
    "public-url": { type: "string" },
    "app-url": { type: "string", default: process.env.SHOPIFY_APP_URL },
    "api-key": { type: "string", default: process.env.SHOPIFY_API_KEY },
    "api-secret": { type: "string", default: process.env.SHOPIFY_API_SECRET },
    scopes: { type: "string", default: process.env.SCOPES },
    handle: { type: "string" },
    name: { type: "string" },
    toml: { type: "string", default: existsSync("shopify.app.toml") ? "shopify.app.toml" : undefined },
    shop: { type: "string", multiple: true },
    seed: { type: "string", default: "1" },
    variants: { type: "string" },
    "order-lines": { type: "string" },
    "history-days": { type: "string" },
    "end-date": { type: "string" },
    locations: { type: "string" },
    plan: { type: "string", default: "standard" },
    "ready-file": { type: "string" },
    verbose: { type: "boolean", default: false },
  },
});

function required(name: string, value: string | undefined): string {
  if (!value) {
    console.error(`Missing --${name} (or its env var)`);
    process.exit(2);
  }
  return value;
}

const optionalNumber = (value: string | undefined) => (value === undefined ? undefined : Number(value));

// Flags and env win; the toml fills what they leave out.
const toml: ParsedAppToml = values.toml ? parseAppToml(readFileSync(values.toml, "utf8")) : { subscriptions: [] };
const appUrl = required("app-url", values["app-url"] ?? toml.applicationUrl);
const shopNames = values.shop?.length ? values.shop : ["tempo-demo"];
const seed = Number(values.seed);

const started = Date.now();
const shops = shopNames.map((name, i) =>
  generateBrand({
    seed: seed + i,
    shopDomain: name.includes(".") ? name : `${name}.myshopify.com`,
    variants: optionalNumber(values.variants),
    orderLines: optionalNumber(values["order-lines"]),
    historyDays: optionalNumber(values["history-days"]),
    endDate: values["end-date"],
    locations: optionalNumber(values.locations),
  }),
);
const generatedMs = Date.now() - started;

const sim = await startSimulator({
  app: {
    apiKey: required("api-key", values["api-key"] ?? toml.clientId),
    apiSecret: required("api-secret", values["api-secret"]),
    appUrl,
    scopes: values.scopes ? values.scopes.split(",").map((s) => s.trim()).filter(Boolean) : (toml.scopes ?? DEFAULT_SCOPES.split(",")),
    handle: values.handle ?? toml.handle ?? "tempo",
    name: values.name ?? toml.name ?? "Tempo",
    tomlPath: values.toml,
  },
  shops,
  port: Number(values.port),
  host: values.host,
  publicUrl: values["public-url"],
  plan: values.plan as ShopPlanLevel,
  webhookApiVersion: toml.apiVersion,
  verbose: values.verbose,
});

const adminUrls = Object.fromEntries([...sim.shops.keys()].map((domain) => [domain, sim.adminUrl(domain)]));
console.log(`Shopify simulator listening on ${sim.url} (data generated in ${generatedMs} ms)`);
for (const shop of sim.shops.values()) {
  const d = shop.store.data;
  const lines = d.orders.reduce((n, o) => n + o.lineItems.length, 0);
  console.log(`  ${shop.domain}: ${d.products.length} products, ${d.variants.length} variants, ${d.orders.length} orders, ${lines} lines`);
  console.log(`    admin: ${adminUrls[shop.domain]}`);
}
console.log(`  webhook subscriptions: ${[...sim.webhooks.targets.keys()].join(", ") || "(none)"}`);
if (values["ready-file"]) writeFileSync(values["ready-file"], JSON.stringify({ url: sim.url, shops: [...sim.shops.keys()], adminUrls }, null, 2));

const stop = async () => {
  await sim.close();
  process.exit(0);
};
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
