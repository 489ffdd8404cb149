import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import type { RunningSimulator } from "../../simulator/server";
import { startAppServer, type RunningAppServer } from "../../support/app-server";
import { embeddedDocumentRequest, startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { TEST_APP_PORT } from "../../support/test-app";
import { processors } from "~/jobs/processors/index.server";
import { startWorkers, type RunningWorkers } from "~/jobs/worker-runtime.server";
import { closePgPool } from "~/platform/pg-pool.server";
import { recordShopAccessLost } from "~/platform/sessions.server";
import { enqueueShopJob } from "~/platform/queue/enqueue.server";
import { closeQueues, getQueue, shopJobId } from "~/platform/queue/queues.server";
import { unscheduleNightlyReconcile } from "~/platform/queue/schedules.server";
import { testPrisma } from "./sync-support";

// A token Shopify stops accepting (revoked, the app reinstalled; in the demo, a restarted simulator).
const domain = uniqueShopDomain("lost-access");
let simulator: RunningSimulator;
let app: RunningAppServer;
let workers: RunningWorkers;
let shopId: number;

const offlineToken = async () => (await testPrisma.session.findFirstOrThrow({ where: { shop: domain, isOnline: false } })).accessToken;
const shop = () => testPrisma.shop.findUniqueOrThrow({ where: { domain } });

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const finishedRun = (kind: "RECONCILIATION" | "ORDERS_BACKFILL", status: "SUCCEEDED" | "FAILED", after = new Date(0)) =>
  testPrisma.syncRun.findFirst({ where: { shopId, kind, status, finishedAt: { gt: after } }, orderBy: { finishedAt: "desc" } });

async function framedLoad(): Promise<string> {
  const response = await fetch(embeddedDocumentRequest(simulator.launchUrl(domain, "/app")));
  expect(response.status).toBe(200);
  return response.text();
}

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain: domain, variants: 10, historyDays: 20 }]);
  app = await startAppServer(TEST_APP_PORT);
  workers = startWorkers(processors);
  await framedLoad(); // installs through token exchange and queues the first import
  shopId = (await shop()).id;
  await waitFor("the first import", () => finishedRun("ORDERS_BACKFILL", "SUCCEEDED"));
});

afterAll(async () => {
  await workers?.close();
  await unscheduleNightlyReconcile(shopId).catch(() => undefined);
  await app?.close();
  await simulator?.close();
  await closeQueues();
  await closePgPool();
  await testPrisma.$disconnect();
});

describe("a lost access token", () => {
  it("stops the job at the first 401, marks the shop and empties its session, instead of five failing tries", async () => {
    const before = new Date();
    simulator.core.tokens.revokeShop(domain);
    const job = await enqueueShopJob("reconcile", { shopId, shopDomain: domain });
    await waitFor("the reconcile job to fail", async () => (await getQueue("sync").getJob(job.id!))?.isFailed());
    const failed = (await getQueue("sync").getJob(job.id!)) as Job;
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toMatch(/refused Tempo's access token/);
    expect((await shop()).accessLostAt).toBeInstanceOf(Date);
    expect(await offlineToken()).toBe("");
    const run = await finishedRun("RECONCILIATION", "FAILED", before);
    expect(run?.error).toMatch(/reconnects the next time you open it/);
  });

  it("exchanges a fresh token on the merchant's next load and resumes the sync", async () => {
    const before = new Date();
    const html = await framedLoad();
    expect(html).not.toContain("Reconnect Tempo to your shop");
    const token = await offlineToken();
    expect(token).not.toBe("");
    expect((await shop()).accessLostAt).toBeNull();
    // The resumed reconcile runs with the new token.
    await waitFor("the resumed reconciliation", () => finishedRun("RECONCILIATION", "SUCCEEDED", before));
  });

  it("leaves a token exchanged meanwhile alone when a job that started with the old one is refused", async () => {
    const fresh = await offlineToken();
    expect(await recordShopAccessLost(domain, "shpat_an_older_token")).toBe(false);
    expect(await offlineToken()).toBe(fresh);
    expect((await shop()).accessLostAt).toBeNull();
  });

  it("shows Reconnect while the shop is marked, and the button exchanges a fresh token and resumes", async () => {
    await testPrisma.shop.update({ where: { id: shopId }, data: { accessLostAt: new Date() } });
    const html = await framedLoad();
    expect(html).toContain("Reconnect Tempo to your shop");
    const tokenBefore = await offlineToken();
    await (await getQueue("sync").getJob(shopJobId("reconcile", shopId)))?.remove();

    const response = await fetch(`${app.url}/app?index`, {
      method: "POST",
      headers: { Authorization: `Bearer ${simulator.sessionToken(domain)}`, "User-Agent": "Mozilla/5.0 Chrome/126.0", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "reconnect" }),
    });
    expect(response.status).toBe(200);
    expect(await offlineToken()).not.toBe(tokenBefore);
    expect((await shop()).accessLostAt).toBeNull();
    expect(await getQueue("sync").getJob(shopJobId("reconcile", shopId))).toBeTruthy();
  });
});
