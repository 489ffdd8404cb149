import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningSimulator } from "../../../simulator/server";
import { startSimulatedShops, uniqueShopDomain } from "../../../support/simulated-shop";
import { testPrisma } from "../../sync/sync-support";
import { backfilledShop } from "../plan-support";
import { closeQueues } from "~/platform/queue/queues.server";
import { closePgPool } from "~/platform/pg-pool.server";
import { loadSyncFacts } from "~/features/sync-status/queries.server";

const shopDomain = uniqueShopDomain("order-count");
let simulator: RunningSimulator;
let shopId: number;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain, seed: 7, variants: 10, historyDays: 30 }]);
  shopId = await backfilledShop(simulator, shopDomain);
}, 120_000);

afterAll(async () => {
  await simulator?.close();
  await closeQueues();
  await closePgPool();
  await testPrisma.$disconnect();
});

it("counts the shop's orders again as soon as a sync run changes, and not on every poll in between", async () => {
  const stored = () => testPrisma.order.count({ where: { shopId, deletedAt: null } });
  expect((await loadSyncFacts(shopId)).counts.orders).toBe(await stored());
  const before = await stored();
  expect(before).toBeGreaterThan(1);

  // Orders change without a sync run moving (as a webhook's would): the half-minute count holds.
  const gone = await testPrisma.order.findFirstOrThrow({ where: { shopId, deletedAt: null }, orderBy: { id: "asc" } });
  await testPrisma.order.update({ where: { shopId_id: { shopId, id: gone.id } }, data: { deletedAt: new Date() } });
  expect((await loadSyncFacts(shopId)).counts.orders).toBe(before);

  // An import finishing (its run touched) shows the new count on the next poll.
  const run = await testPrisma.syncRun.findFirstOrThrow({ where: { shopId }, orderBy: { updatedAt: "desc" } });
  await testPrisma.syncRun.update({ where: { id: run.id }, data: { finishedAt: new Date() } });
  expect((await loadSyncFacts(shopId)).counts.orders).toBe(before - 1);
});
