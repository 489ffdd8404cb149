import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { uniqueShopDomain } from "../../support/simulated-shop";
import { enqueueShopJob } from "~/platform/queue/enqueue.server";
import { processors } from "~/jobs/processors/index.server";
import { RECONCILE_SKIPPED_BEFORE_BACKFILL } from "~/sync/reconcile.server";
import { closeQueues, getQueue, shopJobId, type JobName } from "~/platform/queue/queues.server";
import { startWorkers, type RunningWorkers } from "~/jobs/worker-runtime.server";
import { closePgPool } from "~/platform/pg-pool.server";
import { tryLockShopSync } from "~/platform/locks.server";

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });
const domain = uniqueShopDomain("sync-lock");
let shopId: number;
let workers: RunningWorkers;

async function waitForState(job: Job, states: string[], timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await job.getState();
    if (states.includes(state)) return state;
    if (Date.now() > deadline) throw new Error(`job ${job.id} stayed ${state}, wanted ${states.join("/")}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  shopId = (await prisma.shop.create({ data: { domain, ianaTimezone: "UTC" } })).id;
  // Shop ids restart with every test database: drop leftovers of earlier runs with the same ids.
  for (const name of ["demand-rebuild", "reconcile"] satisfies JobName[]) await (await getQueue("sync").getJob(shopJobId(name, shopId)))?.remove();
  workers = startWorkers(processors, { concurrency: { sync: 2, planning: 1 } });
});

afterAll(async () => {
  await workers?.close();
  await closeQueues();
  await closePgPool();
  await prisma.$disconnect();
});

describe("per-shop sync lock", () => {
  it("holds a shop's sync job back while another holds the shop, without using an attempt", async () => {
    const held = await tryLockShopSync(shopId);
    expect(held).not.toBeNull();
    expect(await tryLockShopSync(shopId)).toBeNull();
    const job = await enqueueShopJob("demand-rebuild", { shopId, shopDomain: domain });
    try {
      await waitForState(job, ["delayed", "completed", "failed"]);
      expect(await job.getState()).toBe("delayed");
      const delayed = await getQueue("sync").getJob(job.id!);
      expect(delayed?.attemptsMade).toBe(0);
      expect(await prisma.syncRun.count({ where: { shopId, kind: "DEMAND_REBUILD" } })).toBe(0);
    } finally {
      await held?.release();
    }
    await job.promote();
    expect(await waitForState(job, ["completed", "failed"])).toBe("completed");
    expect(await prisma.syncRun.count({ where: { shopId, kind: "DEMAND_REBUILD", status: "SUCCEEDED" } })).toBe(1);
  });

  it("skips reconciliation while the shop's orders backfill has never succeeded", async () => {
    const job = await enqueueShopJob("reconcile", { shopId, shopDomain: domain });
    expect(await waitForState(job, ["completed", "failed"])).toBe("completed");
    expect((await getQueue("sync").getJob(job.id!))?.returnvalue).toEqual({ skipped: RECONCILE_SKIPPED_BEFORE_BACKFILL });
    expect(await prisma.syncRun.count({ where: { shopId, kind: "RECONCILIATION" } })).toBe(0);
  });
});
