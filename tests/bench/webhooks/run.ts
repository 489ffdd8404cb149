/**
 * Webhook throughput benchmark: a burst of signed order webhooks (new orders, refunds,
 * cancellations and the stock moves they cause; some delivered twice, shuffled out of
 * order) sent to the built app, run as in production (the web process, scripts/web.ts, and the
 * worker, on PostgreSQL and Redis), with a fixed number of deliveries in flight.
 * Prints acknowledgements per second, latency percentiles, how long until every
 * delivery was applied, CPU per process, and the exactness check against the simulator.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/tempo npx tsx tests/bench/webhooks/run.ts \
 *     [--orders 1000] [--in-flight 20] [--seed 1] [--orders-only]
 *
 * --orders-only sends the order topics alone (no inventory_levels/update), to read the
 * order rate without the stock updates sharing the cores; stock levels are then not checked.
 *
 * DATABASE_URL names the server; the bench uses its own database <name>_bench_webhooks.
 * Run `npm run build` first.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { Agent, request as httpRequest } from "node:http";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { generateBrand } from "../../simulator/seed/brand-generator";
import { startSimulator } from "../../simulator/server";
import { seededRandom } from "../../support/random";
import { TEST_APP } from "../../support/test-app";
import { backendCpuMeter, benchDatabaseUrl, freshBenchDatabase, ownCpuSeconds, processCpuSeconds, quantile } from "../support/bench-env";

const { values } = parseArgs({
  options: {
    orders: { type: "string", default: "1000" },
    "in-flight": { type: "string", default: "20" },
    seed: { type: "string", default: "1" },
    port: { type: "string", default: process.env.PORT ?? "3491" },
    "orders-only": { type: "boolean", default: false },
  },
});

const SHOP = "bench-webhooks.myshopify.com";
const ORDER_TOPICS = new Set(["orders/create", "orders/updated", "orders/cancelled", "refunds/create"]);
const appPort = Number(values.port);
const appUrl = `http://127.0.0.1:${appPort}`;
const inFlight = Number(values["in-flight"]);
const ordersOnly = values["orders-only"] === true;
const random = seededRandom(Number(values.seed));

if (!existsSync("build/server/index.js")) throw new Error("Run `npm run build` first: the bench serves the built app.");
const databaseUrl = benchDatabaseUrl("webhooks");
await freshBenchDatabase(databaseUrl);
process.env.DATABASE_URL = databaseUrl;

interface Captured {
  topic: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}
const captured: Captured[] = [];
const capture = (async (url: string | URL, init?: RequestInit) => {
  const headers = init?.headers as Record<string, string>;
  captured.push({ topic: headers["X-Shopify-Topic"] ?? "", path: new URL(String(url)).pathname, headers, body: String(init?.body) });
  return new Response(null, { status: 200 });
}) as typeof fetch;

// Shopify timestamps have second precision: a clock one second further per change keeps versions apart.
let clockMs = Date.now() + 60_000;
const simulator = await startSimulator({
  app: { ...TEST_APP, scopes: [...TEST_APP.scopes], appUrl, tomlPath: "shopify.app.toml" },
  shops: [generateBrand({ seed: Number(values.seed), shopDomain: SHOP, variants: 300, historyDays: 30 })],
  webhookFetch: capture,
  now: () => new Date(clockMs),
});
process.env.SHOPIFY_SIMULATOR_URL = simulator.url;
await import("../../support/app-env");
const { installShop, storedTotals, demandByVariantLocation, expectedDemand, truthOf, testPrisma } = await import("../../integration/sync/sync-support");
const { loadSyncContext } = await import("~/sync/shop-context.server");
const { runCatalogBackfill } = await import("~/sync/catalog-backfill.server");
const { runOrdersBackfill } = await import("~/sync/orders-backfill.server");
const { closePgPool } = await import("~/platform/pg-pool.server");

const shopId = await installShop(simulator, SHOP);
const ctx = await loadSyncContext(shopId);
await runCatalogBackfill(ctx);
await runOrdersBackfill(ctx);
captured.length = 0; // bulk_operations/finish of the backfill

// The burst: new orders, then refunds and cancellations of some of them.
const shop = simulator.shop(SHOP);
const variants = shop.store.data.variants;
const locationId = shop.store.data.locations[0]!.id;
const created = [];
for (let i = 0; i < Number(values.orders); i++) {
  clockMs += 1000;
  // Distinct variants: two stock moves of one item within a second tie on Shopify's timestamps.
  const picked = new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => variants[Math.floor(random() * variants.length)]!.id));
  const lines = [...picked].map((variantId) => ({ variantId, quantity: 1 + Math.floor(random() * 3) }));
  created.push(simulator.actions.createOrder(shop, { lineItems: lines, locationId }));
}
for (const order of created) {
  const roll = random();
  clockMs += 1000;
  if (roll < 0.15) simulator.actions.refundOrder(shop, order.id, [{ lineItemId: order.lineItems[0]!.id, quantity: 1 }]);
  else if (roll < 0.25) simulator.actions.cancelOrder(shop, order.id);
}
await simulator.webhooks.flush();

// 10 % delivered twice (same webhook id), then shuffled within windows so updates overtake creates.
const deliveries: Captured[] = [];
for (const delivery of captured) {
  if (ordersOnly && !ORDER_TOPICS.has(delivery.topic)) continue;
  deliveries.push(delivery);
  if (random() < 0.1) deliveries.push(delivery);
}
const WINDOW = inFlight * 2;
for (let start = 0; start < deliveries.length; start += WINDOW) {
  for (let i = Math.min(deliveries.length, start + WINDOW) - 1; i > start; i--) {
    const j = start + Math.floor(random() * (i - start + 1));
    [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
  }
}

const queuePrefix = `tempo-bench-${process.pid}`;
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  PORT: String(appPort),
  DATABASE_URL: databaseUrl,
  QUEUE_PREFIX: queuePrefix,
  SHOPIFY_API_KEY: TEST_APP.apiKey,
  SHOPIFY_API_SECRET: TEST_APP.apiSecret,
  SHOPIFY_APP_URL: appUrl,
  SCOPES: TEST_APP.scopes.join(","),
  SHOPIFY_LOG_LEVEL: "error",
  SHOPIFY_SIMULATOR_URL: simulator.url,
};
// BENCH_CPU_PROFILE=web|worker writes that process's V8 CPU profile into .tempo/profiles (open it in Chrome DevTools).
const profile = (name: string) => (process.env.BENCH_CPU_PROFILE === name ? ["--cpu-prof", "--cpu-prof-dir=.tempo/profiles"] : []);
// Each process names its database connections, so PostgreSQL's CPU can be split between them.
const namedDatabaseUrl = (name: string) => {
  const url = new URL(databaseUrl);
  url.searchParams.set("application_name", `bench-${name}`);
  return url.toString();
};
const startChild = (name: string, args: string[]): ChildProcess =>
  spawn(process.execPath, [...profile(name), "--import", "tsx", "--import", "./tests/support/simulator-fetch-preload.ts", ...args], {
    env: { ...childEnv, DATABASE_URL: namedDatabaseUrl(name) },
    stdio: ["ignore", "ignore", "inherit"],
  });
const web = startChild("web", ["scripts/web.ts"]);
const worker = startChild("worker", ["app/jobs/worker.server.ts"]);
for (let tries = 0; ; tries++) {
  try {
    await fetch(appUrl);
    break;
  } catch {
    if (tries > 240) throw new Error("the app did not start");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
await new Promise((resolve) => setTimeout(resolve, 2000)); // the worker's start-up and catch-up

const pendingDeliveries = async () => {
  const [row] = await testPrisma.$queryRaw<{ pending: bigint }[]>`SELECT count(*) AS pending FROM "WebhookEvent" WHERE "shopId" = ${shopId} AND "processedAt" IS NULL`;
  return Number(row?.pending ?? 0);
};

const pgCpu = await backendCpuMeter(databaseUrl);
const cpuNow = async () => ({
  web: processCpuSeconds(web.pid!)!,
  worker: processCpuSeconds(worker.pid!)!,
  pg: await pgCpu.seconds(),
  pgWeb: await pgCpu.seconds("bench-web"),
  pgWorker: await pgCpu.seconds("bench-worker"),
  bench: ownCpuSeconds(),
});
const cpuBefore = await cpuNow();
const latencies: number[] = [];
const orderLatencies: number[] = [];
const statuses = new Map<number, number>();
// node:http with keep-alive rather than fetch: the load generator shares the two cores, so it should cost little.
const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
const post = (delivery: Captured) =>
  new Promise<number>((resolve, reject) => {
    const req = httpRequest(`${appUrl}${delivery.path}`, { method: "POST", headers: delivery.headers, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(delivery.body);
  });
let next = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: inFlight }, async () => {
    while (next < deliveries.length) {
      const delivery = deliveries[next++]!;
      const sent = performance.now();
      const status = await post(delivery);
      const latency = performance.now() - sent;
      latencies.push(latency);
      if (ORDER_TOPICS.has(delivery.topic)) orderLatencies.push(latency);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  }),
);
const acknowledgedMs = performance.now() - t0;
agent.destroy();
while ((await pendingDeliveries()) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
const appliedMs = performance.now() - t0;
const cpuAfter = await cpuNow();
await new Promise((resolve) => setTimeout(resolve, 1000)); // jobs queued after the last commit

// Exactness: what the app stored against what the simulator holds.
const truth = truthOf(simulator, SHOP);
const totals = await storedTotals(shopId);
const demand = expectedDemand(simulator, SHOP);
const storedDemand = await demandByVariantLocation(shopId);
const demandKeysWrong = [...new Set([...Object.keys(demand.byKey), ...Object.keys(storedDemand)])].filter((k) => (demand.byKey[k] ?? 0) !== (storedDemand[k] ?? 0));
const storedLevels = await testPrisma.inventoryLevel.findMany({ where: { shopId } });
const levelsWrong = storedLevels.filter((l) => {
  const simLevel = (shop.store.levelsByItem.get(String(l.inventoryItemId)) ?? []).find((s) => s.locationId === String(l.locationId));
  return simLevel !== undefined && simLevel.quantities.available !== l.available;
}).length;
const distinctIds = new Set(deliveries.map((d) => d.headers["X-Shopify-Webhook-Id"])).size;
const recorded = await testPrisma.webhookEvent.count({ where: { shopId, webhookId: { in: deliveries.map((d) => d.headers["X-Shopify-Webhook-Id"]!) } } });
const checks = {
  orders: totals.orders === truth.orders,
  orderLines: totals.orderLines === truth.orderLines && totals.duplicateLines === 0,
  netUnits: totals.netUnits === truth.netUnits,
  dailyDemand: totals.demandUnits === demand.total && demandKeysWrong.length === 0,
  // Orders only: the stock updates were never sent.
  stockLevels: ordersOnly || levelsWrong === 0,
  oneEventPerWebhookId: recorded === distinctIds,
  all200: (statuses.get(200) ?? 0) === deliveries.length,
};

const orderDeliveries = deliveries.filter((d) => ORDER_TOPICS.has(d.topic)).length;
const seconds = acknowledgedMs / 1000;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const cpu = (key: keyof typeof cpuBefore) => `${(cpuAfter[key] - cpuBefore[key]).toFixed(1)} s`;
const percentiles = (values: number[]) => `p50 ${ms(quantile(values, 0.5))}, p95 ${ms(quantile(values, 0.95))}, p99 ${ms(quantile(values, 0.99))}, max ${ms(Math.max(...values))}`;
console.log(
  `webhook bench${ordersOnly ? " (orders only)" : ""}: ${deliveries.length} deliveries (${orderDeliveries} order topics, ${deliveries.length - orderDeliveries} stock updates; ${deliveries.length - distinctIds} duplicates), ${inFlight} in flight`,
);
console.log(`  acknowledged: ${seconds.toFixed(1)} s -> ${(deliveries.length / seconds).toFixed(0)} webhooks/s; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
console.log(`  order topics: ${(orderDeliveries / seconds).toFixed(0)} order webhooks/s acknowledged (target >= 200 at p99 <= 250 ms); their latency ${percentiles(orderLatencies)}`);
console.log(`  latency:      ${percentiles(latencies)} (all deliveries)`);
console.log(`  all applied:  ${(appliedMs / 1000).toFixed(1)} s after the first delivery -> ${(deliveries.length / (appliedMs / 1000)).toFixed(0)} webhooks/s applied`);
console.log(
  `  CPU time:     web ${cpu("web")} + its PostgreSQL ${cpu("pgWeb")}; worker ${cpu("worker")} + its PostgreSQL ${cpu("pgWorker")}; all PostgreSQL ${cpu("pg")}; this load generator ${cpu("bench")}`,
);
console.log(`  exactness:    ${Object.values(checks).every(Boolean) ? "OK" : "FAILED"} ${JSON.stringify(checks)}`);
console.log(`                stored ${totals.orders} orders / ${totals.orderLines} lines / ${totals.netUnits} net units / ${totals.demandUnits} demand units; simulator ${truth.orders} / ${truth.orderLines} / ${truth.netUnits} / ${demand.total}; ${demandKeysWrong.length} demand keys and ${ordersOnly ? "(not checked: no stock updates were sent)" : levelsWrong} stock levels differ`);

const exited = (child: ChildProcess) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once("exit", resolve)));
web.kill("SIGTERM");
worker.kill("SIGTERM");
await Promise.race([Promise.all([exited(web), exited(worker)]), new Promise((resolve) => setTimeout(resolve, 10_000))]);
await pgCpu.stop();
await closePgPool();
await testPrisma.$disconnect();
await simulator.close();
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
for await (const keys of redis.scanStream({ match: `${queuePrefix}*`, count: 1000 })) if ((keys as string[]).length) await redis.del(...(keys as string[]));
redis.disconnect();
process.exit(Object.values(checks).every(Boolean) ? 0 : 1);
