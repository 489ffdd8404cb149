import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { unauthenticated } from "~/shopify.server";
import { remixAdminTransport } from "~/shopify/offline-client.server";
import { createThrottledClient, type GraphqlTransport } from "~/shopify/throttled-client.server";
import { SHOP_COUNTS_QUERY } from "~/shopify/sync-queries.server";
import { closePgPool } from "~/platform/pg-pool.server";
import { runCatalogBackfill } from "~/sync/catalog-backfill.server";
import { runOrdersBackfill } from "~/sync/orders-backfill.server";
import { loadSyncContext } from "~/sync/shop-context.server";
import { installShop, storedTotals, testPrisma, truthOf } from "./sync-support";

let simulator: RunningSimulator;
const domains = {
  throttled: uniqueShopDomain("faults-throttle"),
  flaky: uniqueShopDomain("faults-5xx"),
  bulkFail: uniqueShopDomain("faults-bulkfail"),
  partial: uniqueShopDomain("faults-partial"),
  truncated: uniqueShopDomain("faults-truncate"),
};
const ids: Record<string, number> = {};

beforeAll(async () => {
  simulator = await startSimulatedShops(Object.values(domains).map((shopDomain, i) => ({ shopDomain, seed: 20 + i, variants: 20, historyDays: 60 })));
  for (const domain of Object.values(domains)) ids[domain] = await installShop(simulator, domain);
});

beforeEach(() => {
  for (const domain of Object.values(domains)) simulator.faults.reset(domain);
});

afterAll(async () => {
  await simulator?.close();
  await closePgPool();
  await testPrisma.$disconnect();
});

async function expectComplete(domain: string) {
  const truth = truthOf(simulator, domain);
  const data = simulator.shop(domain).store.data;
  expect(await storedTotals(ids[domain]!)).toMatchObject({
    variants: data.variants.length,
    levels: data.inventoryLevels.length,
    orders: truth.orders,
    orderLines: truth.orderLines,
    unitsSold: truth.unitsSold,
    netUnits: truth.netUnits,
    duplicateLines: 0,
  });
}

/** A bulk fault makes the first run fail with a clear message; the retry (faults off) completes. */
async function failThenRetry(domain: string, message: RegExp) {
  const ctx = await loadSyncContext(ids[domain]!);
  await expect(runOrdersBackfill(ctx, { batchSize: 50 })).rejects.toThrow();
  const failed = await testPrisma.syncRun.findFirstOrThrow({ where: { shopId: ids[domain]!, kind: "ORDERS_BACKFILL" }, orderBy: { createdAt: "desc" } });
  expect(failed.status).toBe("FAILED");
  expect(failed.error).toMatch(message);
  expect(failed.bulkOperationId).toBeNull();
  simulator.faults.reset(domain);
  const retried = await runOrdersBackfill(ctx, { batchSize: 50 });
  expect(retried.id).toBe(failed.id);
  expect(retried.status).toBe("SUCCEEDED");
  expect(retried.attempts).toBe(2);
}

describe("backfill under faults", () => {
  it("waits out THROTTLED answers when another client drained the cost bucket", async () => {
    const domain = domains.throttled;
    // Shopify's smallest bucket still holds its 1000-point single-query limit: the backfill's own
    // queries (the discount list asks for about 550) must fit in it, or none could ever run.
    simulator.faults.set({ bucket: { maximumAvailable: 1000, restoreRate: 100 } }, domain);
    const { admin } = await unauthenticated.admin(domain);
    const raw = remixAdminTransport(admin);
    let throttled = 0;
    const counting: GraphqlTransport = async (query, variables) => {
      const reply = await raw(query, variables);
      if (reply.errors?.some((e) => e.extensions?.code === "THROTTLED")) throttled++;
      return reply;
    };
    const ctx = await loadSyncContext(ids[domain]!, createThrottledClient(counting));
    // Another process spends the whole bucket (4 points a query) just before the backfill starts.
    await Promise.all(Array.from({ length: 260 }, () => raw(SHOP_COUNTS_QUERY, { ordersSearch: "status:any" })));
    // What the bucket won back while those queries ran (a slow machine takes seconds) is spent too,
    // so the backfill's first query meets an empty bucket however fast this machine is.
    const bucket = simulator.shop(domain).bucket;
    bucket.tryTake(bucket.currentlyAvailable());
    const catalog = await runCatalogBackfill(ctx);
    const orders = await runOrdersBackfill(ctx);
    expect([catalog.status, orders.status]).toEqual(["SUCCEEDED", "SUCCEEDED"]);
    expect(throttled).toBeGreaterThan(0);
    await expectComplete(domain);
  });

  it("retries 5xx answers with backoff and loses nothing", async () => {
    const domain = domains.flaky;
    simulator.faults.set({ serverErrorNext: 3, serverErrorRate: 0.3, serverErrorStatus: 503 }, domain);
    const ctx = await loadSyncContext(ids[domain]!, undefined, { baseDelayMs: 10, maxDelayMs: 100, maxAttempts: 10 });
    await runCatalogBackfill(ctx);
    await runOrdersBackfill(ctx, { batchSize: 50 });
    await expectComplete(domain);
  });

  it("records a failed bulk operation on the sync run and succeeds on retry", async () => {
    const domain = domains.bulkFail;
    await runCatalogBackfill(await loadSyncContext(ids[domain]!));
    simulator.faults.set({ bulkFail: true }, domain);
    await failThenRetry(domain, /could not finish exporting/);
    await expectComplete(domain);
  });

  it("treats a partial result (partialDataUrl) as a failure and re-exports", async () => {
    const domain = domains.partial;
    await runCatalogBackfill(await loadSyncContext(ids[domain]!));
    simulator.faults.set({ bulkPartial: true }, domain);
    await failThenRetry(domain, /part-way/);
    await expectComplete(domain);
  });

  it("detects a truncated JSONL file and re-exports", async () => {
    const domain = domains.truncated;
    await runCatalogBackfill(await loadSyncContext(ids[domain]!));
    simulator.faults.set({ bulkTruncate: true }, domain);
    await failThenRetry(domain, /incomplete/);
    await expectComplete(domain);
  });
});
