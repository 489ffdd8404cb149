import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { closePgPool } from "~/platform/pg-pool.server";
import { runCatalogBackfill } from "~/sync/catalog-backfill.server";
import { runOrdersBackfill } from "~/sync/orders-backfill.server";
import { loadSyncContext } from "~/sync/shop-context.server";
import { demandByVariantLocation, expectedDemand, installShop, storedTotals, testPrisma, truthOf } from "./sync-support";

const shopA = uniqueShopDomain("backfill-a");
const shopB = uniqueShopDomain("backfill-b");
let simulator: RunningSimulator;
const ids: Record<string, number> = {};

beforeAll(async () => {
  simulator = await startSimulatedShops([
    { shopDomain: shopA, seed: 11, variants: 40, historyDays: 120 },
    { shopDomain: shopB, seed: 12, variants: 25, historyDays: 90 },
  ]);
  ids[shopA] = await installShop(simulator, shopA);
  ids[shopB] = await installShop(simulator, shopB);
});

afterAll(async () => {
  await simulator?.close();
  await closePgPool();
  await testPrisma.$disconnect();
});

async function backfill(domain: string, batchSize = 200) {
  const ctx = await loadSyncContext(ids[domain]!);
  const catalog = await runCatalogBackfill(ctx, { batchSize });
  const orders = await runOrdersBackfill(ctx, { batchSize });
  return { catalog, orders };
}

describe("bulk backfill", () => {
  it("loads catalogue, stock and order history equal to the simulator's truth", async () => {
    const { catalog, orders } = await backfill(shopA);
    expect(catalog.status).toBe("SUCCEEDED");
    expect(orders.status).toBe("SUCCEEDED");
    const data = simulator.shop(shopA).store.data;
    const truth = truthOf(simulator, shopA);
    const stored = await storedTotals(ids[shopA]!);
    expect(stored).toMatchObject({
      products: data.products.length,
      variants: data.variants.length,
      levels: data.inventoryLevels.length,
      orders: truth.orders,
      orderLines: truth.orderLines,
      unitsSold: truth.unitsSold,
      netUnits: truth.netUnits,
      duplicateLines: 0,
    });
    const expected = expectedDemand(simulator, shopA);
    expect(stored.demandUnits).toBe(expected.total);
    expect(await demandByVariantLocation(ids[shopA]!)).toEqual(expected.byKey);
    expect(orders.counts).toMatchObject({ orders: truth.orders, orderLines: truth.orderLines });
    expect(orders.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("records unit cost and all four quantities", async () => {
    const data = simulator.shop(shopA).store.data;
    const item = data.inventoryItems.find((i) => i.unitCost !== null)!;
    const variant = await testPrisma.variant.findFirstOrThrow({ where: { shopId: ids[shopA]!, inventoryItemId: BigInt(item.id) } });
    expect(variant.unitCost?.toFixed(2)).toBe(Number(item.unitCost).toFixed(2));
    const simLevel = data.inventoryLevels.find((l) => l.quantities.incoming > 0) ?? data.inventoryLevels[0]!;
    const level = await testPrisma.inventoryLevel.findUniqueOrThrow({
      where: { shopId_inventoryItemId_locationId: { shopId: ids[shopA]!, inventoryItemId: BigInt(simLevel.inventoryItemId), locationId: BigInt(simLevel.locationId) } },
    });
    expect([level.available, level.onHand, level.committed, level.incoming]).toEqual([
      simLevel.quantities.available,
      simLevel.quantities.on_hand,
      simLevel.quantities.committed,
      simLevel.quantities.incoming,
    ]);
  });

  it("opens an inferred stockout for every tracked level at zero", async () => {
    const zeroLevels = await testPrisma.inventoryLevel.count({ where: { shopId: ids[shopA]!, available: { lte: 0 } } });
    const open = await testPrisma.stockoutPeriod.count({ where: { shopId: ids[shopA]!, endedOn: null } });
    expect(open).toBe(zeroLevels);
  });

  it("syncs a second shop side by side with no row crossing between them", async () => {
    const before = await storedTotals(ids[shopA]!);
    await backfill(shopB);
    const truthB = truthOf(simulator, shopB);
    const storedB = await storedTotals(ids[shopB]!);
    expect(storedB).toMatchObject({ orders: truthB.orders, orderLines: truthB.orderLines, netUnits: truthB.netUnits });
    expect(await storedTotals(ids[shopA]!)).toEqual(before);
    // The generator reuses the same numeric ids in every shop, so only the (shopId, id) key keeps them apart.
    for (const domain of [shopA, shopB]) {
      const stored = await testPrisma.order.findMany({ where: { shopId: ids[domain]! }, select: { id: true, processedAt: true } });
      const expected = simulator.shop(domain).store.data.orders.map((o) => `${o.id}@${Date.parse(o.processedAt)}`).sort();
      expect(stored.map((o) => `${o.id}@${o.processedAt.getTime()}`).sort()).toEqual(expected);
    }
  });

  it("is idempotent: a second full backfill changes no totals", async () => {
    const before = await storedTotals(ids[shopA]!);
    await backfill(shopA, 1000);
    expect(await storedTotals(ids[shopA]!)).toEqual(before);
  });
});
