import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { closePgPool } from "~/platform/pg-pool.server";
import { runCatalogBackfill } from "~/sync/catalog-backfill.server";
import { runOrdersBackfill } from "~/sync/orders-backfill.server";
import { reconciliationWantsReimport, runReconciliation } from "~/sync/reconcile.server";
import { loadSyncContext } from "~/sync/shop-context.server";
import { deliverNow, demandByVariantLocation, expectedDemand, installShop, storedTotals, testPrisma, truthOf } from "./sync-support";

// No app server in this file: every webhook the simulator sends is lost, as when the app was down.
const domain = uniqueShopDomain("reconcile");
let simulator: RunningSimulator;
let shopId: number;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain: domain, seed: 51, variants: 20, historyDays: 60 }]);
  simulator.webhooks.targets.set(domain, "http://127.0.0.1:9/unreachable");
  shopId = await installShop(simulator, domain);
  const ctx = await loadSyncContext(shopId);
  await runCatalogBackfill(ctx);
  await runOrdersBackfill(ctx);
});

afterAll(async () => {
  await simulator?.close();
  await closePgPool();
  await testPrisma.$disconnect();
});

describe("reconciliation", () => {
  it("repairs orders, refunds, cancellations, stock and deletions that webhooks missed", async () => {
    const shop = simulator.shop(domain);
    const data = shop.store.data;
    const warehouse = data.locations[0]!.id;
    const variant = data.variants[3]!;
    simulator.actions.createOrder(shop, { lineItems: [{ variantId: variant.id, quantity: 2 }], locationId: warehouse });
    const existing = data.orders.find((o) => o.cancelledAt === null && o.refunds.length === 0 && o.lineItems.length > 0)!;
    simulator.actions.refundOrder(shop, existing.id, [{ lineItemId: existing.lineItems[0]!.id, quantity: 1 }]);
    const toCancel = data.orders.find((o) => o.cancelledAt === null && o.id !== existing.id)!;
    simulator.actions.cancelOrder(shop, toCancel.id);
    simulator.actions.setInventory(shop, { variantId: variant.id, locationId: warehouse, available: 0 });
    const deleted = data.products.at(-1)!;
    simulator.actions.deleteProduct(shop, deleted.id);

    const run = await runReconciliation(await loadSyncContext(shopId));
    expect(run.status).toBe("SUCCEEDED");
    expect(run.counts).toMatchObject({ ordersRepaired: 3, catalogueDeleted: expect.any(Number) });

    const truth = truthOf(simulator, domain);
    expect(await storedTotals(shopId)).toMatchObject({
      products: data.products.length,
      variants: data.variants.length,
      orders: truth.orders,
      orderLines: truth.orderLines,
      netUnits: truth.netUnits,
      duplicateLines: 0,
    });
    expect(await demandByVariantLocation(shopId)).toEqual(expectedDemand(simulator, domain).byKey);
    const level = await testPrisma.inventoryLevel.findUniqueOrThrow({
      where: { shopId_inventoryItemId_locationId: { shopId, inventoryItemId: BigInt(variant.inventoryItemId), locationId: BigInt(warehouse) } },
    });
    expect(level.available).toBe(0);
    expect(await testPrisma.inventoryLevelChange.count({ where: { shopId, inventoryItemId: BigInt(variant.inventoryItemId), source: "RECONCILE" } })).toBeGreaterThan(0);
    expect(await testPrisma.stockoutPeriod.count({ where: { shopId, variantId: BigInt(variant.id), locationId: BigInt(warehouse), endedOn: null } })).toBe(1);
  });

  it("changes nothing when run again with nothing missed", async () => {
    const before = await storedTotals(shopId);
    const run = await runReconciliation(await loadSyncContext(shopId));
    expect(run.status).toBe("SUCCEEDED");
    expect(run.counts).toMatchObject({ levelsRepaired: 0, catalogueDeleted: 0 });
    expect(await storedTotals(shopId)).toEqual(before);
  });

  it("re-reads an order update a webhook missed even when later webhooks moved the newest stored update on", async () => {
    const shop = simulator.shop(domain);
    const [missed, webhooked] = shop.store.data.orders.filter((o) => o.cancelledAt === null).slice(-2);
    // A later webhook stored a newer order version than the overlap reaches back to.
    await testPrisma.order.update({
      where: { shopId_id: { shopId, id: BigInt(webhooked!.id) } },
      data: { shopifyUpdatedAt: new Date(Date.now() + 3 * 3_600_000) },
    });
    simulator.actions.cancelOrder(shop, missed!.id);

    const run = await runReconciliation(await loadSyncContext(shopId));
    expect(run.status).toBe("SUCCEEDED");
    const stored = await testPrisma.order.findUniqueOrThrow({ where: { shopId_id: { shopId, id: BigInt(missed!.id) } } });
    expect(stored.cancelledAt).not.toBeNull();
  });

  it("compares order counts over the window Shopify counts without read_all_orders", async () => {
    const scopes = (await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } })).accessScopes!;
    await testPrisma.shop.update({ where: { id: shopId }, data: { accessScopes: scopes.replace(",read_all_orders", "") } });
    const old = new Date(Date.now() - 200 * 86_400_000);
    await testPrisma.order.create({ data: { shopId, id: 990_001n, name: "#old", processedAt: old, shopifyCreatedAt: old, shopifyUpdatedAt: old } });
    try {
      const run = await runReconciliation(await loadSyncContext(shopId));
      expect(run.status).toBe("SUCCEEDED");
      const counts = run.counts as Record<string, number>;
      expect(counts.storedOrders).toBe(counts.shopifyOrders);
      expect(counts.countsDiffer).toBe(0);
    } finally {
      await testPrisma.order.delete({ where: { shopId_id: { shopId, id: 990_001n } } });
      await testPrisma.shop.update({ where: { id: shopId }, data: { accessScopes: scopes } });
    }
  });

  it("reports counts a re-import cannot fix on the run and asks for one re-import only", async () => {
    const now = new Date();
    await testPrisma.order.create({ data: { shopId, id: 990_002n, name: "#stray", processedAt: now, shopifyCreatedAt: now, shopifyUpdatedAt: now } });
    try {
      const first = await runReconciliation(await loadSyncContext(shopId));
      expect(first.status).toBe("SUCCEEDED");
      expect(first.counts).toMatchObject({ countsDiffer: 1 });
      expect(await reconciliationWantsReimport(first)).toBe(true);
      const second = await runReconciliation(await loadSyncContext(shopId));
      expect(second.counts).toMatchObject({ countsDiffer: 1 });
      expect(await reconciliationWantsReimport(second)).toBe(false);
    } finally {
      await testPrisma.order.delete({ where: { shopId_id: { shopId, id: 990_002n } } });
    }
  });

  it("keeps a product it found deleted deleted when an older products/update arrives late", async () => {
    const long = new Date(Date.now() - 7 * 86_400_000);
    await testPrisma.product.create({ data: { shopId, id: 990_003n, title: "Gone", shopifyUpdatedAt: long, syncedAt: long } });
    await runReconciliation(await loadSyncContext(shopId));
    expect((await testPrisma.product.findUniqueOrThrow({ where: { shopId_id: { shopId, id: 990_003n } } })).deletedAt).not.toBeNull();

    const stale = { id: 990_003, title: "Stale", status: "active", updated_at: new Date(Date.now() - 86_400_000).toISOString(), variants: [] };
    expect(await deliverNow({ topic: "products/update", shopDomain: domain, webhookId: "reconcile-stale-1", payload: stale })).toBe("applied");
    expect(await testPrisma.product.findUniqueOrThrow({ where: { shopId_id: { shopId, id: 990_003n } } })).toMatchObject({ title: "Gone", deletedAt: expect.any(Date) });
  });
});
