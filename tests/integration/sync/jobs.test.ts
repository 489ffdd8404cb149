import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { enqueueInitialSync } from "~/platform/queue/enqueue.server";
import { processors } from "~/jobs/processors/index.server";
import { closeQueues, getQueue, shopJobId } from "~/platform/queue/queues.server";
import { nightlyReconcilePattern, unscheduleNightlyReconcile } from "~/platform/queue/schedules.server";
import { startWorkers, type RunningWorkers } from "~/jobs/worker-runtime.server";
import { closePgPool } from "~/platform/pg-pool.server";
import { planCatchUp } from "~/sync/catch-up.server";
import { expectedDemand, installShop, storedTotals, testPrisma, truthOf } from "./sync-support";

const domain = uniqueShopDomain("jobs");
let simulator: RunningSimulator;
let workers: RunningWorkers;
let shopId: number;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain: domain, seed: 61, variants: 20, historyDays: 60 }]);
  shopId = await installShop(simulator, domain);
  // Shop ids restart with every test database: drop leftovers of earlier runs with the same ids.
  for (const name of ["catalog-backfill", "orders-backfill"] as const) await (await getQueue("sync").getJob(shopJobId(name, shopId)))?.remove();
  workers = startWorkers(processors, { concurrency: { sync: 1, planning: 1 } });
});

afterAll(async () => {
  await workers?.close();
  await unscheduleNightlyReconcile(shopId).catch(() => undefined);
  await closeQueues();
  await simulator?.close();
  await closePgPool();
  await testPrisma.$disconnect();
});

async function waitForRun(kind: "ORDERS_BACKFILL" | "RECONCILIATION", timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await testPrisma.syncRun.findFirst({ where: { shopId, kind, status: "SUCCEEDED" } });
    if (run) return run;
    if (Date.now() > deadline) throw new Error(`${kind} did not succeed in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("sync jobs", () => {
  it("plans a backfill for a shop that never finished one", async () => {
    const plan = await planCatchUp();
    expect(plan.backfill.map((b) => b.shopId)).toContain(shopId);
  });

  it("runs catalogue then orders backfill from the install job and schedules the nightly reconciliation", async () => {
    await enqueueInitialSync(shopId, domain);
    await waitForRun("ORDERS_BACKFILL");
    const truth = truthOf(simulator, domain);
    const stored = await storedTotals(shopId);
    expect(stored).toMatchObject({ orders: truth.orders, orderLines: truth.orderLines, netUnits: truth.netUnits });
    expect(stored.demandUnits).toBe(expectedDemand(simulator, domain).total);
    const catalog = await testPrisma.syncRun.findFirstOrThrow({ where: { shopId, kind: "CATALOG_BACKFILL" } });
    expect(catalog.status).toBe("SUCCEEDED");
    // The orders export was started before the catalogue import finished, and reused by the orders job.
    const orders = await testPrisma.syncRun.findMany({ where: { shopId, kind: "ORDERS_BACKFILL" } });
    expect(orders).toHaveLength(1);
    expect(orders[0]!.createdAt.getTime()).toBeLessThan(catalog.finishedAt!.getTime());
    expect(orders[0]!.attempts).toBe(1);
    const schedulers = await getQueue("sync").getJobSchedulers();
    expect(schedulers.find((s) => s.key === `reconcile-nightly-shop-${shopId}`)?.pattern).toBe(nightlyReconcilePattern(shopId));
  });

  it("reads the shop's discounts in their own job after the catalogue import", async () => {
    const expected = simulator.shop(domain).store.data.discounts.filter((d) => d.type === "basic").length;
    expect(expected).toBeGreaterThan(0);
    const deadline = Date.now() + 30_000;
    while ((await testPrisma.shopifyDiscount.count({ where: { shopId } })) < expected) {
      if (Date.now() > deadline) throw new Error("the discounts-sync job did not read the discounts in time");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await testPrisma.shopifyDiscount.count({ where: { shopId } })).toBe(expected);
  });

  it("plans a reconciliation once the last successful sync is over a day old", async () => {
    expect((await planCatchUp()).reconcile.map((r) => r.shopId)).not.toContain(shopId);
    const tomorrow = new Date(Date.now() + 25 * 3600_000);
    expect((await planCatchUp(tomorrow)).reconcile.map((r) => r.shopId)).toContain(shopId);
  });
});
