/**
 * Backfill benchmark: the real catalogue + orders backfill code path against the
 * simulator (in a child process, so its in-memory shop does not count) and a fresh
 * PostgreSQL database. Prints order lines per second, seconds per phase and the peak
 * RSS of this process (the app side); then Tempo's own time (the total less the time
 * spent waiting for the simulator to write its exports) beside a plain COPY of the
 * same order lines into an empty table, the floor any backfill is measured against.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx tests/bench/sync/run.ts \
 *     [--variants 10000] [--order-lines 1000000] [--batch 5000] [--database tempo_bench_sync]
 *
 * DATABASE_URL names the server; the bench creates and drops its own database (--database,
 * so two people benching on one server do not drop each other's).
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { TEST_APP } from "../../support/test-app";

const { values } = parseArgs({
  options: {
    variants: { type: "string", default: "10000" },
    "order-lines": { type: "string", default: "1000000" },
    batch: { type: "string", default: "5000" },
    seed: { type: "string", default: "1" },
    database: { type: "string", default: "tempo_bench_sync" },
  },
});

const SHOP = "bench-sync.myshopify.com";
const BENCH_DB = values.database;
if (!/^[a-z_][a-z0-9_]*$/.test(BENCH_DB)) throw new Error(`--database must be a plain lower-case name, got ${BENCH_DB}`);
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

/**
 * Where the simulator delivers its webhooks (bulk_operations/finish above all): verified
 * and recorded as app/routes/webhooks.sync.tsx does, so the finish wakes the waiting import.
 */
async function startWebhookReceiver(): Promise<string> {
  const { hasValidHmac } = await import("~/shopify/webhook-signature");
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const header = (name: string) => String(req.headers[name] ?? "");
      if (!hasValidHmac(body, header("x-shopify-hmac-sha256"), TEST_APP.apiSecret)) {
        res.writeHead(401).end();
        return;
      }
      void import("~/sync/webhooks/accept.server")
        .then(({ acceptSyncWebhook }) =>
          acceptSyncWebhook({ topic: header("x-shopify-topic"), shopDomain: header("x-shopify-shop-domain"), webhookId: header("x-shopify-webhook-id"), payload: JSON.parse(body), body }),
        )
        .then(
          () => res.writeHead(200).end(),
          () => res.writeHead(500).end(),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function startSimulatorProcess(appUrl: string): Promise<{ url: string; child: ChildProcess; generatedIn: number }> {
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
      appUrl,
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

/**
 * When the simulator created and finished writing a bulk export (its own clock, the
 * same machine's): the time Tempo could only wait.
 */
async function exportTimes(graphql: (query: string, variables: Record<string, unknown>) => Promise<unknown>, operationId: string | null) {
  if (!operationId) return { createdMs: 0, completedMs: 0 };
  const data = (await graphql(`query BenchBulkTimes($id: ID!) { node(id: $id) { ... on BulkOperation { createdAt completedAt } } }`, { id: operationId })) as {
    node: { createdAt: string; completedAt: string | null } | null;
  };
  return { createdMs: Date.parse(data.node?.createdAt ?? ""), completedMs: Date.parse(data.node?.completedAt ?? "") };
}

/**
 * The floor: the shop's stored order lines COPYed out to a file, then timed COPYed
 * into an empty, logged table of the same columns (LIKE "OrderLine": types and NOT
 * NULL only; no key, no index, no foreign key), from this process as the backfill
 * writes. Then once more into a table with OrderLine's key and indexes, for reference.
 */
async function copyBaseline(databaseUrl: string, shopId: number): Promise<{ plainSeconds: number; indexedSeconds: number; rows: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const file = join(mkdtempSync(join(tmpdir(), "tempo-bench-copy-")), "order-lines.tsv");
  await pipeline(client.query(copyTo(`COPY (SELECT * FROM "OrderLine" WHERE "shopId" = ${Number(shopId)}) TO STDOUT`)), createWriteStream(file));
  const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "OrderLine" WHERE "shopId" = $1`, [shopId]);
  const timedCopy = async (table: string, like: string) => {
    await client.query(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (LIKE "OrderLine" ${like})`);
    await client.query("CHECKPOINT"); // neither run pays for the backfill's dirty pages
    const started = performance.now();
    await pipeline(createReadStream(file), client.query(copyFrom(`COPY ${table} FROM STDIN`)));
    const seconds = (performance.now() - started) / 1000;
    await client.query(`DROP TABLE ${table}`);
    return seconds;
  };
  const plainSeconds = await timedCopy("bench_copy_plain", "");
  const indexedSeconds = await timedCopy("bench_copy_indexed", "INCLUDING INDEXES");
  rmSync(file, { force: true });
  await client.end();
  return { plainSeconds, indexedSeconds, rows: Number(rows[0]!.n) };
}

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(0);

const databaseUrl = await freshDatabase();
process.env.DATABASE_URL = databaseUrl;
const sim = await startSimulatorProcess(await startWebhookReceiver());
process.env.SHOPIFY_SIMULATOR_URL = sim.url;
await import("../../support/app-env");
const accessToken = await offlineToken(sim.url);

const { default: prisma } = await import("~/platform/db.server");
const { runCatalogBackfill } = await import("~/sync/catalog-backfill.server");
const { runOrdersBackfill, startOrdersExportEarly } = await import("~/sync/orders-backfill.server");
const { loadSyncContext } = await import("~/sync/shop-context.server");
const { closePgPool } = await import("~/platform/pg-pool.server");

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
const t0Wall = Date.now();
// As the catalog-backfill job does: the orders export is prepared while the catalogue is written.
await startOrdersExportEarly(ctx);
const catalog = await runCatalogBackfill(ctx, { batchSize });
const t1 = performance.now();
const t1Wall = Date.now();
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
console.log(
  `             demand rows ${counts.demandRows} (${counts.demandStreamed ? "summed while streaming" : "rebuilt from the stored lines"}), inferred stockouts ${counts.inferredStockouts}, batches that fell back to upserts ${counts.upsertedBatches ?? 0}`,
);
console.log(`  total:     ${((t2 - t0) / 1000).toFixed(1)} s; peak RSS ${mb(peakRss)} MB (start ${mb(rssAtStart)} MB)`);
const cpuLine = (from: typeof cpu0, to: typeof cpu0) => `app ${(to.app - from.app).toFixed(1)} s + PostgreSQL ${(to.db - from.db).toFixed(1)} s`;
console.log(`  CPU time:  catalogue ${cpuLine(cpu0, cpu1)}; orders ${cpuLine(cpu1, cpu2)} (the simulator's own CPU not counted)`);

// Waiting for the simulator: the catalogue export from its creation to its end, and the
// orders export from the end of the catalogue to its end (it was started before the catalogue).
const benchGraphql = ctx.graphql as unknown as (query: string, variables: Record<string, unknown>) => Promise<unknown>;
const catalogExport = await exportTimes(benchGraphql, catalog.bulkOperationId);
const ordersExport = await exportTimes(benchGraphql, orders.bulkOperationId);
const catalogWait = Math.max(0, catalogExport.completedMs - Math.max(catalogExport.createdMs, t0Wall)) / 1000;
const ordersWait = Math.max(0, ordersExport.completedMs - t1Wall) / 1000;
const totalSeconds = (t2 - t0) / 1000;
const ownSeconds = totalSeconds - catalogWait - ordersWait;
const baseline = await copyBaseline(databaseUrl, shop.id);
console.log(`  export wait: catalogue ${catalogWait.toFixed(1)} s, orders after the catalogue ${ordersWait.toFixed(1)} s (the simulator's completedAt)`);
console.log(`  Tempo's own time: ${ownSeconds.toFixed(1)} s (total ${totalSeconds.toFixed(1)} s less the export waits); CPU app ${(cpu2.app - cpu0.app).toFixed(1)} s + PostgreSQL ${(cpu2.db - cpu0.db).toFixed(1)} s`);
console.log(
  `  COPY baseline: ${baseline.rows} stored order lines into an empty logged table of the same columns (no key, no index) ${baseline.plainSeconds.toFixed(1)} s; with OrderLine's key and indexes ${baseline.indexedSeconds.toFixed(1)} s`,
);
console.log(`  own / COPY: ${(ownSeconds / baseline.plainSeconds).toFixed(1)}x (against the indexed COPY ${(ownSeconds / baseline.indexedSeconds).toFixed(1)}x)`);

const { rebuildAllDemand } = await import("~/sync/queries/demand.server");
const { inSqlTransaction } = await import("~/platform/transaction.server");
const d0 = performance.now();
await inSqlTransaction((client) => rebuildAllDemand(client, shop.id, "America/New_York"));
console.log(`  (demand rebuild alone, repeated: ${((performance.now() - d0) / 1000).toFixed(1)} s)`);
await dbCpu.stop();
await closePgPool();
await prisma.$disconnect();
sim.child.kill("SIGTERM");
process.exit(0);
