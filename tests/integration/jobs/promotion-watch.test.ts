import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import type { RunningSimulator } from "../../simulator/server";
import { startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { testPrisma } from "../sync/sync-support";
import { plannedShop } from "../features/plan-support";
import { processors } from "~/jobs/processors/index.server";
import { startWorkers, type RunningWorkers } from "~/jobs/worker-runtime.server";
import { enqueueShopJob } from "~/platform/queue/enqueue.server";
import { closeQueues, getQueue } from "~/platform/queue/queues.server";
import { closePgPool } from "~/platform/pg-pool.server";
import { tryLockShopPlan } from "~/platform/locks.server";
import { addDays } from "~/engine/calendar";

const domain = uniqueShopDomain("promotion-watch");
let simulator: RunningSimulator;
let shopId: number;
let workers: RunningWorkers;

async function waitForState(job: Job, states: string[], timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await job.getState();
    if (states.includes(state)) return state;
    if (Date.now() > deadline) throw new Error(`job ${job.id} stayed ${state}, wanted ${states.join("/")}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain: domain, seed: 5, variants: 8, historyDays: 60 }]);
  ({ shopId } = await plannedShop(simulator, domain));
  // Only the watch runs here: the plan jobs the set-up queued stay queued.
  workers = startWorkers({ "promotion-watch": processors["promotion-watch"] }, { concurrency: { planning: 1 } });
}, 120_000);

afterAll(async () => {
  await workers?.close();
  await simulator?.close();
  await closeQueues();
  await closePgPool();
  await testPrisma.$disconnect();
});

describe("the promotion-watch job", () => {
  it("opens cap alerts under the shop's plan lock, then tells Flow through the alerts' notifier", async () => {
    const variant = await testPrisma.variant.findFirstOrThrow({ where: { shopId }, orderBy: { id: "asc" } });
    const today = new Date().toISOString().slice(0, 10);
    // Cap 0: reached whatever the variant sold.
    await testPrisma.promotion.create({
      data: {
        shopId, name: "Weekend", status: "LIVE", startsOn: new Date(`${addDays(today, -2)}T00:00:00Z`), endsOn: new Date(`${addDays(today, 2)}T00:00:00Z`),
        discountPct: 25, selection: { variantIds: [String(variant.id)] }, createdBy: "staff:7", capPerVariant: 0, variants: { create: [{ shopId, variantId: variant.id }] },
      },
    });
    const held = await tryLockShopPlan(shopId);
    expect(held).not.toBeNull();
    const job = await enqueueShopJob("promotion-watch", { shopId, shopDomain: domain }, { idSuffix: "lock-test" });
    try {
      expect(await waitForState(job, ["delayed", "completed", "failed"])).toBe("delayed");
      expect(await testPrisma.alert.count({ where: { shopId, kind: "PROMOTION_CAP_REACHED" } })).toBe(0);
    } finally {
      await held?.release();
    }
    await job.promote();
    expect(await waitForState(job, ["completed", "failed"])).toBe("completed");
    const done = await getQueue("planning").getJob(job.id!);
    expect(done?.returnvalue).toMatchObject({ caps: { opened: 1, toNotify: 1 }, notified: { sent: 1, failed: 0 } });
    const alert = await testPrisma.alert.findFirstOrThrow({ where: { shopId, kind: "PROMOTION_CAP_REACHED" } });
    expect(alert.flowTriggeredAt).not.toBeNull();
    expect(simulator.flowTriggers(domain).map((t) => [t.handle, t.payload["Promotion name"]])).toEqual([["promotion-cap-reached", "Weekend"]]);

    // The next watch finds it open and sent: Flow hears nothing more.
    const next = await enqueueShopJob("promotion-watch", { shopId, shopDomain: domain }, { idSuffix: "again" });
    expect(await waitForState(next, ["completed", "failed"])).toBe("completed");
    expect((await getQueue("planning").getJob(next.id!))?.returnvalue).toMatchObject({ caps: { opened: 0, refreshed: 1, toNotify: 0 }, notified: { sent: 0, failed: 0 } });
    expect(simulator.flowTriggers(domain)).toHaveLength(1);
  });
});
