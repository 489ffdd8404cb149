/**
 * The demo: a seeded local Shopify, the app installed into it through the real
 * token exchange, the web and worker processes, and the admin URL to open.
 * Run through `bash scripts/demo.sh`, which installs and builds first.
 *
 * Ctrl-C (or SIGTERM) stops everything it started, in seconds: the web and worker
 * processes (killed outright if they have not exited after STOP_TIMEOUT_MS), the
 * simulator, and any PostgreSQL or redis-server it launched. If the web or worker
 * process dies, the demo stops the same way.
 *
 * Every start seeds the local shop afresh, so a restart starts Tempo clean too (eraseEarlierRun).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { ensureDatabase, ensureRedis, runMigrations, type RunningService } from "./services";
import { removeDemoState, writeDemoState } from "./lib/demo-state";
import { redactPassword } from "./lib/migrations";
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
/** How long the web and worker processes get to exit after SIGTERM before they are killed. */
const STOP_TIMEOUT_MS = 6_000;
/** How long erasing an earlier run's shop may take before the demo gives up (a large DEMO_VARIANTS shop takes longest). */
const ERASE_TIMEOUT_MS = 120_000;
const optionalNumber = (value: string | undefined) => (value ? Number(value) : undefined);

function log(message: string): void {
  console.log(`[demo] ${message}`);
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Resolves once the child has exited, whether it exited itself or was killed by a signal. */
function exitOf(child: ChildProcess): Promise<void> {
  return hasExited(child) ? Promise.resolve() : new Promise((resolve) => child.once("exit", () => resolve()));
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

/** The demo shop's id in Tempo's database when an earlier run left it there. */
async function earlierRunShopId(databaseUrl: string, shopDomain: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = (await client.query<{ id: number }>(`SELECT "id" FROM "Shop" WHERE "domain" = $1`, [shopDomain])).rows;
    return rows[0]?.id ?? null;
  } finally {
    await client.end();
  }
}

/**
 * The simulator is seeded afresh on every run (its orders, stock and ids start over), so what an
 * earlier run left in Tempo would disagree with it: its orders' ids repeat, its receipts are not in
 * the new shop's stock. Both start clean instead: the earlier shop is erased by the worker, as
 * shop/redact erases a shop, before the app is installed again. The stored token is emptied first,
 * so nothing the worker picks up meanwhile calls the new simulator with it.
 */
async function eraseEarlierRun(databaseUrl: string, shopId: number, shopDomain: string, startWorker: () => void): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`UPDATE "Session" SET "accessToken" = '' WHERE "shop" = $1 AND NOT "isOnline"`, [shopDomain]);
    const { enqueueShopJob } = await import("../app/platform/queue/enqueue.server");
    const { closeQueues, getQueue, QUEUES } = await import("../app/platform/queue/queues.server");
    // What the last run left queued is for the shop about to go: it would only hold the erasure back.
    for (const key of Object.keys(QUEUES) as (keyof typeof QUEUES)[]) await getQueue(key).obliterate({ force: true });
    await enqueueShopJob("shop-erase", { shopId, shopDomain });
    await closeQueues();
    startWorker();
    const deadline = Date.now() + ERASE_TIMEOUT_MS;
    while ((await client.query(`SELECT 1 FROM "Shop" WHERE "id" = $1`, [shopId])).rowCount) {
      if (Date.now() > deadline) throw new Error(`the earlier run's shop was not erased within ${ERASE_TIMEOUT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await client.end();
  }
}

let stopping = false;
const children: ChildProcess[] = [];
const services: RunningService[] = [];
let simulator: RunningSimulator | undefined;

async function stop(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  removeDemoState();
  for (const child of children) if (!hasExited(child)) child.kill("SIGTERM");
  const killer = setTimeout(() => {
    for (const child of children) {
      if (hasExited(child)) continue;
      console.error(`[demo] pid ${child.pid} did not exit in ${STOP_TIMEOUT_MS / 1000} s; killing it`);
      child.kill("SIGKILL");
    }
  }, STOP_TIMEOUT_MS);
  await Promise.all(children.map(exitOf));
  clearTimeout(killer);
  await simulator?.close();
  await Promise.allSettled(services.map((service) => service.stop()));
  log("stopped");
  process.exit(exitCode);
}

async function main(): Promise<void> {
  const started = Date.now();
  const database = await ensureDatabase((message) => log(message));
  services.push(database);
  const redis = await ensureRedis();
  services.push(redis);
  log(`database: ${database.description ?? "PostgreSQL"} (${redactPassword(database.url)})`);
  log(`redis: ${redis.description ?? "Redis"} (${redis.url})`);
  const migrateStart = Date.now();
  await runMigrations(database.url);
  log(`migrations applied in ${((Date.now() - migrateStart) / 1000).toFixed(1)} s`);

  // Same host as the simulator: a cross-site frame would lose its storage in browsers that block third-party storage.
  const appUrl = `http://127.0.0.1:${APP_PORT}`;
  // The brand's history runs up to today, as a live shop's does. DEMO_VARIANTS / DEMO_HISTORY_DAYS make it smaller.
  // Some busy variants are left about to run out and others overstocked, so the plan has something to say.
  const brand = generateBrand({
    seed: 42,
    shopDomain: SHOP_DOMAIN,
    endDate: new Date().toISOString().slice(0, 10),
    variants: optionalNumber(process.env.DEMO_VARIANTS),
    historyDays: optionalNumber(process.env.DEMO_HISTORY_DAYS),
    endState: true,
  });
  simulator = await startSimulator({
    app: { ...DEMO_APP, appUrl, tomlPath: path.join(ROOT, "shopify.app.toml") },
    shops: [brand],
    port: SIMULATOR_PORT,
  });
  log(`simulated shop ${SHOP_DOMAIN}: ${brand.variants.length} variants, ${brand.orders.length} orders, ${brand.locations.length} locations`);

  const env: Record<string, string> = {
    NODE_ENV: "production",
    PORT: String(APP_PORT),
    SHOPIFY_API_KEY: DEMO_APP.apiKey,
    SHOPIFY_API_SECRET: DEMO_APP.apiSecret,
    SHOPIFY_APP_URL: appUrl,
    SCOPES: DEMO_APP.scopes.join(","),
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: process.env.QUEUE_PREFIX ?? "tempo-demo",
    APP_BRIDGE_URL: `${simulator.url}/app-bridge.js`,
    ADDITIONAL_FRAME_ANCESTORS: simulator.url,
    SHOPIFY_SIMULATOR_URL: simulator.url,
  };
  const web = startChild("web", ["scripts/web.ts"], { ...process.env, ...env });
  children.push(web);
  await waitForHttp(appUrl, 60_000);
  let worker: ChildProcess | undefined;
  const startWorker = () => {
    worker = startChild("worker", ["app/jobs/worker.server.ts"], { ...process.env, ...env });
    children.push(worker);
  };
  const earlier = await earlierRunShopId(database.url, SHOP_DOMAIN);
  if (earlier !== null) {
    const erasingAt = Date.now();
    Object.assign(process.env, env); // the queue below is the app's own: its Redis and prefix
    await eraseEarlierRun(database.url, earlier, SHOP_DOMAIN, startWorker);
    log(`the local shop is seeded afresh on every start, so Tempo starts clean too: the last run's data for ${SHOP_DOMAIN} was erased in ${((Date.now() - erasingAt) / 1000).toFixed(1)} s`);
  }

  // Install the app the way the admin does: frame it with a fresh session token (token exchange).
  const install = await fetch(simulator.launchUrl(SHOP_DOMAIN, "/app"), {
    headers: { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36" },
  });
  if (install.status !== 200) throw new Error(`installing the app answered ${install.status}`);
  // On a first start the worker starts once the shop holds a valid token, so its first jobs never meet a void one.
  if (!worker) startWorker();
  writeDemoState({ pid: process.pid, env });
  log(`app installed through token exchange; web (pid ${web.pid}) and worker (pid ${worker!.pid}) running; demo up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log("`npm run worker` in another terminal joins this demo with a second worker.");
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
