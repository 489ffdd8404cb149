import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
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
const started: ChildProcess[] = [];

interface RunningDemo {
  demo: ChildProcess;
  webPid: number;
  workerPid: number;
  output: string[];
}

function startDemo(): Promise<RunningDemo> {
  const demo = spawn(process.execPath, ["--import", "tsx", "scripts/demo.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: demoDatabaseUrl,
      PORT: String(appPort),
      SIMULATOR_PORT: String(simulatorPort),
      QUEUE_PREFIX: queuePrefix,
      DEMO_VARIANTS: "20",
      DEMO_HISTORY_DAYS: "40",
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

    const signalledAt = Date.now();
    first.demo.kill("SIGINT");
    expect(await exitOf(first.demo)).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(15_000);
    expect(alive(first.webPid)).toBe(false);
    expect(alive(first.workerPid)).toBe(false);
    expect(await answers(appPort)).toBe(false);
    expect(await answers(simulatorPort)).toBe(false);
    expect(existsSync(stateFile)).toBe(false);
  });

  it("restarts on the same database with a token that works", async () => {
    const restartedAt = new Date();
    const second = await startDemo();
    // A reconciliation reads Shopify with the stored token: it must not be the first run's, which this simulator never issued.
    const queue = new Queue("tempo-sync", { connection: new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: null }), prefix: queuePrefix });
    const shopId = (await db.query(`SELECT "id" FROM "Shop" WHERE "domain" = $1`, [SHOP])).rows[0].id as number;
    await queue.add("reconcile", { shopId, shopDomain: SHOP }, { jobId: `demo-test-reconcile-${Date.now()}` });
    await waitFor("a reconciliation after the restart", async () => (await runs("RECONCILIATION", "SUCCEEDED", restartedAt)).length > 0);
    expect(await runs("RECONCILIATION", "FAILED", restartedAt)).toEqual([]);
    expect((await db.query(`SELECT "accessLostAt" FROM "Shop" WHERE "domain" = $1`, [SHOP])).rows[0].accessLostAt).toBeNull();
    await queue.close();

    second.demo.kill("SIGTERM");
    expect(await exitOf(second.demo)).toBe(0);
    expect(alive(second.webPid) || alive(second.workerPid)).toBe(false);
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
