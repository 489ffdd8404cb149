/**
 * The demo: a seeded local Shopify, the app installed into it through the real
 * token exchange, the web and worker processes, and the admin URL to open.
 * Run through `bash scripts/demo.sh`, which installs and builds first.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { ensureDatabase, ensureRedis, runMigrations, type RunningService } from "./services";
import { generateBrand } from "../tests/simulator/seed/brand-generator";
import { startSimulator, type RunningSimulator } from "../tests/simulator/server";

const DEMO_APP = {
  apiKey: "tempo-demo-api-key",
  apiSecret: "tempo-demo-api-secret",
  scopes: ["read_products", "read_inventory", "read_locations", "read_orders", "read_all_orders", "read_discounts", "write_inventory"],
  handle: "tempo-sop",
  name: "Tempo",
};
const APP_PORT = Number(process.env.PORT ?? 3000);
const SIMULATOR_PORT = Number(process.env.SIMULATOR_PORT ?? 8090);
const SHOP_DOMAIN = "tempo-demo.myshopify.com";
const ROOT = path.resolve(import.meta.dirname, "..");

function log(message: string): void {
  console.log(`[demo] ${message}`);
}

function startChild(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "--import", "./tests/support/simulator-fetch-preload.ts", ...args], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`[demo] ${name} exited (${signal ?? code}); stopping the demo`);
      void stop(1);
    }
  });
  return child;
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

let stopping = false;
const children: ChildProcess[] = [];
const services: RunningService[] = [];
let simulator: RunningSimulator | undefined;

async function stop(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)))));
  await simulator?.close();
  await Promise.allSettled(services.map((service) => service.stop()));
  process.exit(exitCode);
}

async function main(): Promise<void> {
  const started = Date.now();
  const database = await ensureDatabase((message) => log(message));
  services.push(database);
  const redis = await ensureRedis();
  services.push(redis);
  log(`database ${database.url.replace(/:[^:@/]*@/, ":***@")}, redis ${redis.url}`);
  const migrateStart = Date.now();
  await runMigrations(database.url);
  log(`migrations applied in ${((Date.now() - migrateStart) / 1000).toFixed(1)} s`);

  // Same host as the simulator: a cross-site frame would lose its storage in browsers that block third-party storage.
  const appUrl = `http://127.0.0.1:${APP_PORT}`;
  // The brand's history runs up to today, as a live shop's does.
  // Some busy variants are left about to run out and others overstocked, so the plan has something to say.
  const brand = generateBrand({ seed: 42, shopDomain: SHOP_DOMAIN, endDate: new Date().toISOString().slice(0, 10), endState: true });
  simulator = await startSimulator({
    app: { ...DEMO_APP, appUrl, tomlPath: path.join(ROOT, "shopify.app.toml") },
    shops: [brand],
    port: SIMULATOR_PORT,
  });
  log(`simulated shop ${SHOP_DOMAIN}: ${brand.variants.length} variants, ${brand.orders.length} orders, ${brand.locations.length} locations`);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(APP_PORT),
    SHOPIFY_API_KEY: DEMO_APP.apiKey,
    SHOPIFY_API_SECRET: DEMO_APP.apiSecret,
    SHOPIFY_APP_URL: appUrl,
    SCOPES: DEMO_APP.scopes.join(","),
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: "tempo-demo",
    APP_BRIDGE_URL: `${simulator.url}/app-bridge.js`,
    ADDITIONAL_FRAME_ANCESTORS: simulator.url,
    SHOPIFY_SIMULATOR_URL: simulator.url,
  };
  children.push(startChild("web", ["server/main.ts"], env));
  children.push(startChild("worker", ["app/jobs/worker.server.ts"], env));
  await waitForHttp(appUrl, 60_000);

  // Install the app the way the admin does: frame it with a fresh session token.
  const install = await fetch(simulator.launchUrl(SHOP_DOMAIN, "/app"), {
    headers: { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36" },
  });
  if (install.status !== 200) throw new Error(`installing the app answered ${install.status}`);
  log(`app installed through token exchange; demo up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log("");
  log(`Open the local Shopify admin: ${simulator.adminUrl(SHOP_DOMAIN, "/app")}`);
  const product = brand.products[0];
  if (product) log(`A product page with Tempo's stock outlook block: ${simulator.productUrl(SHOP_DOMAIN, product.id)}`);
  // The shop keeps selling while the demo runs: the board follows within seconds.
  if (process.env.DEMO_LIVE_SALES !== "0") {
    simulator.liveSales.start(SHOP_DOMAIN, { orderEverySeconds: Number(process.env.DEMO_ORDER_EVERY_SECONDS ?? 4) });
    log("the shop keeps selling: an order every few seconds (DEMO_LIVE_SALES=0 turns it off)");
  }
  log("Press Ctrl-C to stop.");
}

process.once("SIGINT", () => void stop(0));
process.once("SIGTERM", () => void stop(0));
main().catch((error: unknown) => {
  console.error(`[demo] failed: ${error instanceof Error ? error.message : String(error)}`);
  void stop(1);
});
