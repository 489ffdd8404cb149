import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { TEST_APP } from "../../support/test-app";
import { closePgPool } from "~/platform/pg-pool.server";
import { enqueueShopJob } from "~/platform/queue/enqueue.server";
import { closeQueues } from "~/platform/queue/queues.server";
import { installShop, testPrisma } from "../sync/sync-support";

// `npm run worker`, exactly as package.json defines it, started beside a running demo.
const domain = uniqueShopDomain("joins-demo");
const stateFile = path.join(mkdtempSync(path.join(tmpdir(), "tempo-demo-")), "demo.json");
let simulator: RunningSimulator;
let worker: ChildProcess | undefined;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain: domain, variants: 6, historyDays: 10 }]);
  // What scripts/demo.ts publishes while it runs (this test process stands in for the demo's).
  writeFileSync(
    stateFile,
    JSON.stringify({
      pid: process.pid,
      env: {
        DATABASE_URL: process.env.DATABASE_URL,
        REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
        QUEUE_PREFIX: process.env.QUEUE_PREFIX,
        SHOPIFY_API_KEY: TEST_APP.apiKey,
        SHOPIFY_API_SECRET: TEST_APP.apiSecret,
        SHOPIFY_APP_URL: TEST_APP.appUrl,
        SCOPES: TEST_APP.scopes.join(","),
        SHOPIFY_SIMULATOR_URL: simulator.url,
      },
    }),
  );
});

/** npm runs the worker two processes down (tsx, then node): signal the whole process group, or they outlive the test. */
function signalWorker(signal: NodeJS.Signals): void {
  if (!worker?.pid) return;
  try {
    process.kill(-worker.pid, signal);
  } catch {
    // The group is already gone.
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterAll(async () => {
  signalWorker("SIGKILL");
  await simulator?.close();
  await closeQueues();
  await closePgPool();
  await testPrisma.$disconnect();
});

describe("npm run worker beside the demo", () => {
  it("joins the demo's database, queues and local Shopify, and does its jobs", async () => {
    const script = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts.worker;
    expect(script).toBeDefined();
    const shopId = await installShop(simulator, domain);
    // A terminal's environment: none of the demo's settings, only where to find it.
    const output: string[] = [];
    const child = spawn("npm", ["run", "--silent", "worker"], {
      env: { NODE_ENV: "production", PATH: process.env.PATH, HOME: process.env.HOME, TEMPO_DEMO_STATE: stateFile },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    worker = child;
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    await enqueueShopJob("catalog-backfill", { shopId, shopDomain: domain });
    const deadline = Date.now() + 45_000;
    let run = null;
    while (!run && Date.now() < deadline) {
      run = await testPrisma.syncRun.findFirst({ where: { shopId, kind: "CATALOG_BACKFILL", status: "SUCCEEDED" } });
      if (!run) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(run, output.join("")).not.toBeNull();
    expect(output.join("")).toContain("joining the demo");
    expect(await testPrisma.variant.count({ where: { shopId } })).toBe(simulator.shop(domain).store.data.variants.length);
    const exited = new Promise((resolve) => child.once("exit", resolve));
    signalWorker("SIGTERM");
    await exited;
    // The worker itself (not only npm) stops on SIGTERM: nothing of it keeps taking jobs.
    const gone = Date.now() + 15_000;
    while (groupAlive(child.pid!) && Date.now() < gone) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(groupAlive(child.pid!)).toBe(false);
  });
});
