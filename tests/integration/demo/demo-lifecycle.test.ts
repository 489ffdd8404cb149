import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort } from "../../../scripts/lib/free-port";

// scripts/demo.ts as a user runs it (a small shop, its own database and queues), stopped and started again.
const SHOP = "tempo-demo.myshopify.com";
const demoDatabaseUrl = (() => {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `${url.pathname}_demo`;
  return url.toString();
})();
const queuePrefix = `${process.env.QUEUE_PREFIX}-demo`;
const stateFile = path.join(mkdtempSync(path.join(tmpdir(), "tempo-demo-")), "demo.json");
let appPort = 0;
let simulatorPort = 0;
let db: pg.Client;
let firstShopId = 0;
const started: ChildProcess[] = [];

interface RunningDemo {
  demo: ChildProcess;
  webPid: number;
  workerPid: number;
  output: string[];
}

/** scripts/demo.ts itself, or the README's command (`bash scripts/demo.sh`), which installs, reuses the build CI made, and execs it. */
function startDemo(command: "demo.ts" | "demo.sh" = "demo.ts"): Promise<RunningDemo> {
  const [file, args] = command === "demo.sh" ? ["bash", ["scripts/demo.sh"]] : [process.execPath, ["--import", "tsx", "scripts/demo.ts"]];
  const demo = spawn(file, args, {
    env: {
      ...process.env,
      DATABASE_URL: demoDatabaseUrl,
      PORT: String(appPort),
      SIMULATOR_PORT: String(simulatorPort),
      QUEUE_PREFIX: queuePrefix,
      DEMO_VARIANTS: "20",
      DEMO_HISTORY_DAYS: "40",
      // The test places its own orders: the simulator's stock then changes only when it says so.
      DEMO_LIVE_SALES: "0",
      TEMPO_DEMO_STATE: stateFile,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(demo);
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not come up:\n${output.join("")}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const ready = /web \(pid (\d+)\) and worker \(pid (\d+)\) running/.exec(output.join(""));
      if (ready) {
        clearTimeout(timer);
        resolve({ demo, webPid: Number(ready[1]), workerPid: Number(ready[2]), output });
      }
    };
    demo.stdout.on("data", onData);
    demo.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    demo.once("exit", (code) => reject(new Error(`the demo exited (${code}) before it was up:\n${output.join("")}`)));
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));

async function answers(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`);
    return true;
  } catch {
    return false;
  }
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const runs = async (kind: string, status: string, since: Date) =>
  (await db.query(`SELECT r.* FROM "SyncRun" r JOIN "Shop" s ON s."id" = r."shopId" WHERE s."domain" = $1 AND r."kind" = $2 AND r."status" = $3 AND r."updatedAt" >= $4`, [SHOP, kind, status, since]))
    .rows;

beforeAll(async () => {
  appPort = await findFreePort(3900 + (process.pid % 50));
  simulatorPort = await findFreePort(8900 + (process.pid % 50));
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${new URL(demoDatabaseUrl).pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
});

afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await db?.end();
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  for await (const keys of redis.scanStream({ match: `${queuePrefix}*`, count: 1000 })) if ((keys as string[]).length) await redis.del(...(keys as string[]));
  redis.disconnect();
});

describe("the demo", () => {
  it("says which database it uses, and stops every process it started within seconds", async () => {
    const first = await startDemo();
    expect(first.output.join("")).toContain(`database: DATABASE_URL (${demoDatabaseUrl})`);
    db = new pg.Client({ connectionString: demoDatabaseUrl });
    await db.connect();
    await waitFor("the first import", async () => (await runs("ORDERS_BACKFILL", "SUCCEEDED", new Date(0))).length > 0);
    expect(existsSync(stateFile)).toBe(true);
    // An order this run's shop takes and the next run's freshly seeded shop will not have.
    const ordersBefore = Number((await db.query(`SELECT count(*) FROM "Order" o JOIN "Shop" s ON s."id" = o."shopId" WHERE s."domain" = $1`, [SHOP])).rows[0].count);
    const { sku } = (await db.query(`SELECT v."sku" FROM "Variant" v JOIN "Shop" s ON s."id" = v."shopId" WHERE s."domain" = $1 AND v."sku" IS NOT NULL ORDER BY v."id" LIMIT 1`, [SHOP])).rows[0];
    const placed = await fetch(`http://127.0.0.1:${simulatorPort}/_sim/orders?shop=${SHOP}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ lineItems: [{ sku, quantity: 2 }] }) });
    expect(placed.status).toBe(200);
    await waitFor("the live order in Tempo", async () => Number((await db.query(`SELECT count(*) FROM "Order" o JOIN "Shop" s ON s."id" = o."shopId" WHERE s."domain" = $1`, [SHOP])).rows[0].count) > ordersBefore);
    firstShopId = (await db.query(`SELECT "id" FROM "Shop" WHERE "domain" = $1`, [SHOP])).rows[0].id as number;

    const signalledAt = Date.now();
    first.demo.kill("SIGINT");
    expect(await exitOf(first.demo)).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(alive(first.webPid)).toBe(false);
    expect(alive(first.workerPid)).toBe(false);
    expect(await answers(appPort)).toBe(false);
    expect(await answers(simulatorPort)).toBe(false);
    expect(existsSync(stateFile)).toBe(false);
  });

  it("restarts clean, like its freshly seeded shop: demand matches the stored order lines and stock matches the shop's", async () => {
    const restartedAt = new Date();
    const second = await startDemo();
    expect(second.output.join("")).toMatch(/Tempo starts clean too: the last run's data for tempo-demo.myshopify.com was erased/);
    expect((await db.query(`SELECT 1 FROM "Shop" WHERE "id" = $1`, [firstShopId])).rowCount).toBe(0);
    expect((await db.query(`SELECT 1 FROM "Order" WHERE "shopId" = $1 UNION ALL SELECT 1 FROM "DailyDemand" WHERE "shopId" = $1`, [firstShopId])).rowCount).toBe(0);
    await waitFor("the import after the restart", async () => (await runs("ORDERS_BACKFILL", "SUCCEEDED", restartedAt)).length > 0);
    const shopId = (await db.query(`SELECT "id" FROM "Shop" WHERE "domain" = $1`, [SHOP])).rows[0].id as number;
    // Daily demand recomputed from the stored order lines, both ways: no row in one that the other lacks.
    const recompute = `SELECT l."variantId", COALESCE(o."locationId", 0) AS "locationId", ((o."processedAt" AT TIME ZONE 'UTC') AT TIME ZONE COALESCE(s."ianaTimezone", 'UTC'))::date AS "day",
        SUM(l."quantity" - l."refundedQuantity" - l."removedQuantity")::int AS "units"
      FROM "OrderLine" l JOIN "Order" o ON o."shopId" = l."shopId" AND o."id" = l."orderId" JOIN "Shop" s ON s."id" = o."shopId"
      WHERE l."shopId" = $1 AND o."cancelledAt" IS NULL AND o."deletedAt" IS NULL AND NOT o."test" AND l."variantId" IS NOT NULL
      GROUP BY 1, 2, 3 HAVING SUM(l."quantity" - l."refundedQuantity" - l."removedQuantity") > 0`;
    const stored = `SELECT "variantId", "locationId", "day", "units" FROM "DailyDemand" WHERE "shopId" = $1`;
    expect(Number((await db.query(`SELECT count(*) FROM "DailyDemand" WHERE "shopId" = $1`, [shopId])).rows[0].count)).toBeGreaterThan(0);
    expect((await db.query(`(${recompute}) EXCEPT (${stored})`, [shopId])).rows).toEqual([]);
    expect((await db.query(`(${stored}) EXCEPT (${recompute})`, [shopId])).rows).toEqual([]);
    // Tempo's stock is the shop's, level by level.
    const idOf = (id: unknown) => String(id).replace(/^gid:\/\/shopify\/\w+\//, "");
    const shopLevels = (await (await fetch(`http://127.0.0.1:${simulatorPort}/_sim/inventory-levels?shop=${SHOP}`)).json()) as { inventoryItemId: string; locationId: string; available: number }[];
    const tempoLevels = (await db.query(`SELECT "inventoryItemId", "locationId", "available" FROM "InventoryLevel" WHERE "shopId" = $1`, [shopId])).rows as { inventoryItemId: string; locationId: string; available: number }[];
    const byKey = (levels: { inventoryItemId: unknown; locationId: unknown; available: number }[]) => Object.fromEntries(levels.map((l) => [`${idOf(l.inventoryItemId)}@${idOf(l.locationId)}`, l.available]));
    expect(shopLevels.length).toBeGreaterThan(0);
    expect(byKey(tempoLevels)).toEqual(byKey(shopLevels));
    // A reconciliation reads Shopify with the stored token: it must not be the first run's, which this simulator never issued.
    const queue = new Queue("tempo-sync", { connection: new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: null }), prefix: queuePrefix });
    await queue.add("reconcile", { shopId, shopDomain: SHOP }, { jobId: `demo-test-reconcile-${Date.now()}` });
    await waitFor("a reconciliation after the restart", async () => (await runs("RECONCILIATION", "SUCCEEDED", restartedAt)).length > 0);
    expect(await runs("RECONCILIATION", "FAILED", restartedAt)).toEqual([]);
    expect((await db.query(`SELECT "accessLostAt" FROM "Shop" WHERE "domain" = $1`, [SHOP])).rows[0].accessLostAt).toBeNull();
    await queue.close();

    second.demo.kill("SIGTERM");
    expect(await exitOf(second.demo)).toBe(0);
    expect(alive(second.webPid) || alive(second.workerPid)).toBe(false);
  });

  it.each(["SIGTERM", "SIGINT"] as const)("stops the app, the worker and the shop within 10 s when the PID of `bash scripts/demo.sh` gets %s", async (signal) => {
    const running = await startDemo("demo.sh");
    // The script execs the demo, so the PID a user sees is the demo's own (not a wrapper's that would die alone).
    const state = JSON.parse(readFileSync(stateFile, "utf8")) as { pid: number };
    expect(state.pid).toBe(running.demo.pid);
    const signalledAt = Date.now();
    process.kill(running.demo.pid!, signal);
    expect(await exitOf(running.demo)).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(alive(running.webPid) || alive(running.workerPid)).toBe(false);
    expect(await answers(appPort)).toBe(false);
    expect(await answers(simulatorPort)).toBe(false);
    expect(existsSync(stateFile)).toBe(false);
  });

  it("stops everything, instead of hanging, when its worker is killed", async () => {
    const third = await startDemo();
    const killedAt = Date.now();
    process.kill(third.workerPid, "SIGKILL");
    expect(await exitOf(third.demo)).toBe(1);
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    expect(alive(third.webPid)).toBe(false);
    expect(await answers(appPort)).toBe(false);
    expect(third.output.join("")).toMatch(/worker exited \(SIGKILL\); stopping the demo/);
  });
});
