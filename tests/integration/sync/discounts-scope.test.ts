import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { startAppServer, type RunningAppServer } from "../../support/app-server";
import { embeddedDocumentRequest, startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { TEST_APP, TEST_APP_PORT } from "../../support/test-app";
import { processors } from "~/jobs/processors/index.server";
import { startWorkers, type RunningWorkers } from "~/jobs/worker-runtime.server";
import { closePgPool } from "~/platform/pg-pool.server";
import { closeQueues, getQueue, shopJobId } from "~/platform/queue/queues.server";
import { unscheduleNightlyReconcile } from "~/platform/queue/schedules.server";
import { runCatalogBackfill } from "~/sync/catalog-backfill.server";
import { syncDiscounts } from "~/sync/discounts-sync.server";
import { runOrdersBackfill } from "~/sync/orders-backfill.server";
import { loadSyncContext } from "~/sync/shop-context.server";
import { installShop, storedTotals, testPrisma, truthOf } from "./sync-support";

const narrowShop = uniqueShopDomain("no-discounts");
const staleGrantShop = uniqueShopDomain("stale-grant");
const WITHOUT_DISCOUNTS = TEST_APP.scopes.filter((scope) => scope !== "read_discounts");
let simulator: RunningSimulator;
let app: RunningAppServer;
let workers: RunningWorkers;
const ids: Record<string, number> = {};

beforeAll(async () => {
  simulator = await startSimulatedShops([
    { shopDomain: narrowShop, seed: 51, variants: 20, historyDays: 60 },
    { shopDomain: staleGrantShop, seed: 52, variants: 15, historyDays: 45 },
  ]);
  for (const domain of [narrowShop, staleGrantShop]) simulator.shop(domain).grantedScopes = [...WITHOUT_DISCOUNTS];
  app = await startAppServer(TEST_APP_PORT);
  // The first framed load installs the shop and records the grant Shopify reports.
  expect((await fetch(embeddedDocumentRequest(simulator.launchUrl(narrowShop, "/app")))).status).toBe(200);
  ids[narrowShop] = (await testPrisma.shop.findUniqueOrThrow({ where: { domain: narrowShop } })).id;
  await (await getQueue("sync").getJob(shopJobId("catalog-backfill", ids[narrowShop]!)))?.remove();
  // This one's recorded grant still lists read_discounts, though Shopify no longer allows it.
  ids[staleGrantShop] = await installShop(simulator, staleGrantShop);
  workers = startWorkers({ "discounts-sync": processors["discounts-sync"] }, { concurrency: { sync: 1, planning: 1 } });
});

afterAll(async () => {
  await workers?.close();
  await unscheduleNightlyReconcile(ids[narrowShop]!).catch(() => undefined);
  await closeQueues();
  await app?.close();
  await simulator?.close();
  await closePgPool();
  await testPrisma.$disconnect();
});

async function boardHtml(domain: string): Promise<string> {
  const response = await fetch(embeddedDocumentRequest(simulator.launchUrl(domain, "/app")));
  expect(response.status).toBe(200);
  return response.text();
}

describe("a shop whose grant lacks read_discounts", () => {
  it("syncs products, collections, stock and orders, and skips discounts", async () => {
    const shopId = ids[narrowShop]!;
    expect((await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } })).accessScopes).not.toContain("read_discounts");
    const ctx = await loadSyncContext(shopId);
    const catalog = await runCatalogBackfill(ctx);
    const orders = await runOrdersBackfill(ctx);
    expect(await syncDiscounts(ctx)).toEqual({ discountsSkipped: 1 });
    expect([catalog.status, orders.status]).toEqual(["SUCCEEDED", "SUCCEEDED"]);
    expect(catalog.counts).toMatchObject({ collections: simulator.shop(narrowShop).store.data.collections.length });
    const truth = truthOf(simulator, narrowShop);
    const data = simulator.shop(narrowShop).store.data;
    expect(await storedTotals(shopId)).toMatchObject({ products: data.products.length, variants: data.variants.length, orders: truth.orders });
    expect(await testPrisma.collection.count({ where: { shopId } })).toBe(data.collections.length);
    expect(await testPrisma.shopifyDiscount.count({ where: { shopId } })).toBe(0);
    expect(data.discounts.length).toBeGreaterThan(0);
  });

  it("says on the sync panel why discounts are missing", async () => {
    const html = await boardHtml(narrowShop);
    expect(html).toContain("Discounts from Shopify are not synced");
    expect(html).toContain("its access does not include reading discounts (read_discounts)");
  });

  it("reads the discounts as soon as the merchant grants read_discounts, and the notice goes", async () => {
    const shopId = ids[narrowShop]!;
    simulator.actions.updateScopes(simulator.shop(narrowShop), [...TEST_APP.scopes]);
    await simulator.webhooks.flush(narrowShop);
    const expected = simulator.shop(narrowShop).store.data.discounts.filter((d) => d.type === "basic").length;
    const deadline = Date.now() + 15_000;
    while ((await testPrisma.shopifyDiscount.count({ where: { shopId } })) < expected) {
      if (Date.now() > deadline) throw new Error("discounts were not read after the grant");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await testPrisma.shopifyDiscount.count({ where: { shopId } })).toBe(expected);
    expect(await boardHtml(narrowShop)).not.toContain("Discounts from Shopify are not synced");
  });
});

describe("a shop whose recorded grant is out of date", () => {
  it("syncs everything else when Shopify refuses the discounts, and says it skipped them", async () => {
    const shopId = ids[staleGrantShop]!;
    const ctx = await loadSyncContext(shopId);
    const run = await runCatalogBackfill(ctx);
    expect(run.status).toBe("SUCCEEDED");
    expect(await syncDiscounts(ctx)).toEqual({ discountsSkipped: 1 });
    expect((await storedTotals(shopId)).variants).toBe(simulator.shop(staleGrantShop).store.data.variants.length);
    expect(await testPrisma.shopifyDiscount.count({ where: { shopId } })).toBe(0);
  });
});
