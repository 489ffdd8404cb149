/**
 * Backfill benchmark: the real catalogue + orders backfill code path against the
 * simulator (in a child process, so its in-memory shop does not count) and a fresh
 * PostgreSQL database. Prints order lines per second, seconds per phase and the peak
 * RSS of this process (the app side).
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx tests/bench/sync/run.ts \
 *     [--variants 10000] [--order-lines 1000000] [--batch 5000]
 *
 * DATABASE_URL names the server; the bench creates and drops its own database tempo_bench_sync.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { TEST_APP } from "../../support/test-app";

const { values } = parseArgs({
  options: {
    variants: { type: "string", default: "10000" },
    "order-lines": { type: "string", default: "1000000" },
    batch: { type: "string", default: "5000" },
    seed: { type: "string", default: "1" },
  },
});

const SHOP = "bench-sync.myshopify.com";
const BENCH_DB = "tempo_bench_sync";
const serverUrl = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");

async function freshDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  await admin.end();
  const url = new URL(serverUrl.toString());
  url.pathname = `/${BENCH_DB}`;
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "pipe", env: { ...process.env, DATABASE_URL: url.toString() } });
  return url.toString();
}

async function startSimulatorProcess(): Promise<{ url: string; child: ChildProcess; generatedIn: number }> {
  const readyFile = join(mkdtempSync(join(tmpdir(), "tempo-bench-")), "ready.json");
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      "--max-old-space-size=12000",
      "--import",
      "tsx",
      "tests/simulator/main.ts",
      "--port",
      "0",
      "--shop",
      SHOP,
      "--seed",
      values.seed,
      "--variants",
      values.variants,
      "--order-lines",
      values["order-lines"],
      "--app-url",
      "http://127.0.0.1:9",
      "--api-key",
      TEST_APP.apiKey,
      "--api-secret",
      TEST_APP.apiSecret,
      "--scopes",
      TEST_APP.scopes.join(","),
      "--ready-file",
      readyFile,
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  while (!existsSync(readyFile)) {
    if (child.exitCode !== null) throw new Error("simulator exited");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  const { url } = JSON.parse(readFileSync(readyFile, "utf8")) as { url: string };
  return { url, child, generatedIn: (Date.now() - started) / 1000 };
}

/** Token exchange through the simulator's endpoints, as the app's afterAuth would. */
async function offlineToken(simUrl: string): Promise<string> {
  const { token } = (await (await fetch(`${simUrl}/_sim/session-token?shop=${SHOP}`)).json()) as { token: string };
  const response = await fetch(`${simUrl}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-host": SHOP },
    body: JSON.stringify({
      client_id: TEST_APP.apiKey,
      client_secret: TEST_APP.apiSecret,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: token,
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * CPU seconds used by this database's PostgreSQL backends, read from /proc each second
 * (a backend that exits keeps its last reading). With the wall clock of a shared machine,
 * it says how much of a phase is work rather than waiting for a core.
 */
async function backendCpuMeter() {
  const admin = new pg.Client({ connectionString: serverUrl.toString() });
  await admin.connect();
  const cpuByPid = new Map<number, number>();
  const ticksPerSecond = 100; // USER_HZ on Linux
  const sample = async () => {
    const { rows } = await admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [BENCH_DB]);
    for (const { pid } of rows) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
        cpuByPid.set(pid, (Number(fields[11]) + Number(fields[12])) / ticksPerSecond); // utime, stime
      } catch {
        // exited between the query and the read
      }
    }
  };
  const timer = setInterval(() => void sample(), 1000);
  return {
    async seconds() {
      await sample();
      return [...cpuByPid.values()].reduce((a, b) => a + b, 0);
    },
    async stop() {
      clearInterval(timer);
      await admin.end();
    },
  };
}

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(0);

const databaseUrl = await freshDatabase();
process.env.DATABASE_URL = databaseUrl;
const sim = await startSimulatorProcess();
process.env.SHOPIFY_SIMULATOR_URL = sim.url;
await import("../../support/app-env");
const accessToken = await offlineToken(sim.url);

const { default: prisma } = await import("~/db.server");
const { runCatalogBackfill } = await import("~/sync/catalog-backfill.server");
const { runOrdersBackfill, startOrdersExportEarly } = await import("~/sync/orders-backfill.server");
const { loadSyncContext } = await import("~/sync/shop-context.server");
const { closePgPool } = await import("~/persistence/pg-pool.server");

await prisma.session.create({ data: { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, scope: TEST_APP.scopes.join(","), accessToken } });
const shop = await prisma.shop.create({ data: { domain: SHOP, ianaTimezone: "America/New_York", accessScopes: TEST_APP.scopes.join(",") } });

let peakRss = process.memoryUsage().rss;
const rssAtStart = peakRss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 25);

const batchSize = Number(values.batch);
const ctx = await loadSyncContext(shop.id);
const dbCpu = await backendCpuMeter();
const cpu0 = { app: cpuSeconds(), db: await dbCpu.seconds() };
const t0 = performance.now();
// As the catalog-backfill job does: the orders export is prepared while the catalogue is written.
await startOrdersExportEarly(ctx);
const catalog = await runCatalogBackfill(ctx, { batchSize });
const t1 = performance.now();
const cpu1 = { app: cpuSeconds(), db: await dbCpu.seconds() };
let firstLineAt = 0;
let lastLineAt = 0;
const orders = await runOrdersBackfill(ctx, {
  batchSize,
  onBatchCommitted: () => {
    firstLineAt ||= performance.now();
    lastLineAt = performance.now();
  },
});
const t2 = performance.now();
const cpu2 = { app: cpuSeconds(), db: await dbCpu.seconds() };
clearInterval(sampler);

const counts = orders.counts as Record<string, number>;
const lines = counts.orderLines ?? 0;
const orderSeconds = (t2 - t1) / 1000;
console.log(`sync backfill bench: ${values.variants} variants, ${values["order-lines"]} order lines asked (simulator generated its shop in ${sim.generatedIn.toFixed(1)} s)`);
console.log(`  catalogue: ${((t1 - t0) / 1000).toFixed(1)} s, ${JSON.stringify(catalog.counts)}`);
console.log(`  orders:    ${orderSeconds.toFixed(1)} s for ${counts.orders} orders / ${lines} lines -> ${Math.round(lines / orderSeconds)} order lines/s end to end`);
console.log(
  `             export wait after the catalogue until first batch ${((firstLineAt - t1) / 1000).toFixed(1)} s, download+parse+write ${((lastLineAt - firstLineAt) / 1000).toFixed(1)} s, demand+stockouts ${((t2 - lastLineAt) / 1000).toFixed(1)} s`,
);
console.log(`             demand rows ${counts.demandRows}, inferred stockouts ${counts.inferredStockouts}, batches that fell back to upserts ${counts.upsertedBatches ?? 0}`);
console.log(`  total:     ${((t2 - t0) / 1000).toFixed(1)} s; peak RSS ${mb(peakRss)} MB (start ${mb(rssAtStart)} MB)`);
const cpuLine = (from: typeof cpu0, to: typeof cpu0) => `app ${(to.app - from.app).toFixed(1)} s + PostgreSQL ${(to.db - from.db).toFixed(1)} s`;
console.log(`  CPU time:  catalogue ${cpuLine(cpu0, cpu1)}; orders ${cpuLine(cpu1, cpu2)} (the simulator's own CPU not counted)`);

const { rebuildAllDemand } = await import("~/persistence/demand.server");
const { inTransaction } = await import("~/persistence/pg-pool.server");
const d0 = performance.now();
await inTransaction((client) => rebuildAllDemand(client, shop.id, "America/New_York"));
console.log(`  (demand rebuild alone, repeated: ${((performance.now() - d0) / 1000).toFixed(1)} s)`);
await dbCpu.stop();
await closePgPool();
await prisma.$disconnect();
sim.child.kill("SIGTERM");
process.exit(0);
