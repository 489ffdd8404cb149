import { spawn, type ChildProcess } from "node:child_process";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { webhookHmac } from "../../simulator/webhooks/sign";
import { embeddedDocumentRequest, startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { TEST_APP, TEST_APP_PORT } from "../../support/test-app";
import { enqueueShopJob } from "~/platform/queue/enqueue.server";
import { closeQueues, getQueue, shopJobId } from "~/platform/queue/queues.server";
import { unscheduleNightlyReconcile } from "~/platform/queue/schedules.server";
import { installShop, testPrisma } from "../sync/sync-support";

// The web process as production runs it (scripts/web.ts), in a child process, so SIGTERM is real.
const shopDomain = uniqueShopDomain("shutdown");
const workerShop = uniqueShopDomain("shutdown-worker");
const appUrl = `http://127.0.0.1:${TEST_APP_PORT}`;
let simulator: RunningSimulator;
const children: ChildProcess[] = [];

function startProcess(script: string): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "--import", "./tests/support/simulator-fetch-preload.ts", script], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(TEST_APP_PORT), HOST: "127.0.0.1", SHOPIFY_SIMULATOR_URL: simulator.url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once("exit", (code, signal) => resolve({ code, signal }));
  });

async function waitForHttp(url: string): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${url} never answered`);
}

beforeAll(async () => {
  simulator = await startSimulatedShops([
    { shopDomain, variants: 5, historyDays: 5 },
    { shopDomain: workerShop, variants: 8, historyDays: 5 },
  ]);
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const domain of [shopDomain, workerShop]) {
    const shop = await testPrisma.shop.findUnique({ where: { domain } });
    if (shop) await unscheduleNightlyReconcile(shop.id);
  }
  await simulator?.close();
  await closeQueues();
  await testPrisma.$disconnect();
});

describe("the web process on SIGTERM", () => {
  it("finishes the request in flight, then exits within seconds although Redis and PostgreSQL connections are open", async () => {
    const web = startProcess("scripts/web.ts");
    await waitForHttp(appUrl);
    // The first framed load installs the shop and queues its first sync: a Redis connection is open from here on.
    expect((await fetch(embeddedDocumentRequest(simulator.launchUrl(shopDomain, "/app")))).status).toBe(200);

    const body = JSON.stringify({ id: 1, updated_at: new Date().toISOString() });
    const answer = new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${appUrl}/webhooks/sync`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-shopify-topic": "locations/delete",
          "x-shopify-shop-domain": shopDomain,
          "x-shopify-webhook-id": "shutdown-in-flight",
          "x-shopify-api-version": "2026-10",
          "x-shopify-hmac-sha256": webhookHmac(body, TEST_APP.apiSecret),
        },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      // Half the body now, the rest after SIGTERM: the request is in flight when the signal comes.
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 500);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const signalledAt = Date.now();
    web.kill("SIGTERM");
    expect(await answer).toBe(200);
    const { code } = await exited(web);
    expect(Date.now() - signalledAt).toBeLessThan(5_000);
    expect(code).toBe(0);
    await expect(fetch(appUrl)).rejects.toThrow();
  });
});

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the worker process on SIGTERM", () => {
  it("hands a running import back to the queue within seconds, and a new worker resumes it", async () => {
    const shopId = await installShop(simulator, workerShop);
    // A large shop's export: the import waits on it, as backfills do for minutes.
    simulator.faults.set({ bulkHoldMs: 120_000 }, workerShop);
    const worker = startProcess("app/jobs/worker.server.ts");
    await enqueueShopJob("catalog-backfill", { shopId, shopDomain: workerShop });
    await waitFor("the import to wait on its export", () =>
      testPrisma.syncRun.findFirst({ where: { shopId, kind: "CATALOG_BACKFILL", status: "RUNNING", bulkOperationId: { not: null } } }),
    );

    const signalledAt = Date.now();
    worker.kill("SIGTERM");
    const { code } = await exited(worker);
    expect(Date.now() - signalledAt).toBeLessThan(5_000);
    expect(code).toBe(0);
    const job = await getQueue("sync").getJob(shopJobId("catalog-backfill", shopId));
    expect(["delayed", "waiting"]).toContain(await job?.getState());
    expect(job?.attemptsMade).toBe(0);
    expect((await testPrisma.syncRun.findFirstOrThrow({ where: { shopId, kind: "CATALOG_BACKFILL" } })).status).toBe("RUNNING");

    simulator.faults.set({ bulkHoldMs: 0 }, workerShop);
    const next = startProcess("app/jobs/worker.server.ts");
    const run = await waitFor("the resumed import to finish", () => testPrisma.syncRun.findFirst({ where: { shopId, kind: "CATALOG_BACKFILL", status: "SUCCEEDED" } }));
    expect(await testPrisma.syncRun.count({ where: { shopId, kind: "CATALOG_BACKFILL" } })).toBe(1);
    expect(run.error).toBeNull();
    expect(await testPrisma.variant.count({ where: { shopId, deletedAt: null } })).toBe(simulator.shop(workerShop).store.data.variants.length);
    next.kill("SIGTERM");
    expect((await exited(next)).code).toBe(0);
  });
});
