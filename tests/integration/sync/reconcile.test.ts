import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { closePgPool } from "~/persistence/pg-pool.server";
import { runCatalogBackfill } from "~/sync/catalog-backfill.server";
import { runOrdersBackfill } from "~/sync/orders-backfill.server";
import { runReconciliation } from "~/sync/reconcile.server";
import { loadSyncContext } from "~/sync/shop-context.server";
import { demandByVariantLocation, expectedDemand, installShop, storedTotals, testPrisma, truthOf } from "./sync-support";

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
});
