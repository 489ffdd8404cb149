import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { startAppServer, type RunningAppServer } from "../../support/app-server";
import { startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { TEST_APP, TEST_APP_PORT } from "../../support/test-app";
import { closePgPool } from "~/persistence/pg-pool.server";
import { runCatalogBackfill } from "~/sync/catalog-backfill.server";
import { runOrdersBackfill } from "~/sync/orders-backfill.server";
import { loadSyncContext } from "~/sync/shop-context.server";
import { demandByVariantLocation, expectedDemand, installShop, storedTotals, testPrisma, truthOf } from "./sync-support";

const domain = uniqueShopDomain("webhooks");
let simulator: RunningSimulator;
let app: RunningAppServer;
let shopId: number;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain: domain, seed: 41, variants: 20, historyDays: 60 }]);
  app = await startAppServer(TEST_APP_PORT);
  shopId = await installShop(simulator, domain);
  const ctx = await loadSyncContext(shopId);
  await runCatalogBackfill(ctx);
  await runOrdersBackfill(ctx);
});

afterAll(async () => {
  await app?.close();
  await simulator?.close();
  await closePgPool();
  await testPrisma.$disconnect();
});

const sim = () => simulator.shop(domain);
const firstVariant = () => sim().store.data.variants[0]!;
const warehouse = () => sim().store.data.locations[0]!.id;

async function level(inventoryItemId: string, locationId: string) {
  return testPrisma.inventoryLevel.findUniqueOrThrow({
    where: { shopId_inventoryItemId_locationId: { shopId, inventoryItemId: BigInt(inventoryItemId), locationId: BigInt(locationId) } },
  });
}

async function expectDemandMatchesTruth() {
  const expected = expectedDemand(simulator, domain);
  expect((await storedTotals(shopId)).demandUnits).toBe(expected.total);
  expect(await demandByVariantLocation(shopId)).toEqual(expected.byKey);
}

describe("sync webhooks", () => {
  it("applies a new order, its stock movement and the demand within the delivery", async () => {
    const variant = firstVariant();
    const before = await level(variant.inventoryItemId, warehouse());
    const order = simulator.actions.createOrder(sim(), { lineItems: [{ variantId: variant.id, quantity: 3 }], locationId: warehouse() });
    await simulator.webhooks.flush(domain);
    const stored = await testPrisma.order.findUniqueOrThrow({ where: { shopId_id: { shopId, id: BigInt(order.id) } } });
    expect(stored.channel).toBe("Online Store");
    expect((await level(variant.inventoryItemId, warehouse())).available).toBe(before.available - 3);
    const history = await testPrisma.inventoryLevelChange.count({ where: { shopId, inventoryItemId: BigInt(variant.inventoryItemId), source: "WEBHOOK" } });
    expect(history).toBe(1);
    await expectDemandMatchesTruth();
  });

  it("nets refunds and cancellations out of demand", async () => {
    const variant = firstVariant();
    const order = simulator.actions.createOrder(sim(), { lineItems: [{ variantId: variant.id, quantity: 4 }], locationId: warehouse() });
    simulator.actions.refundOrder(sim(), order.id, [{ lineItemId: order.lineItems[0]!.id, quantity: 1 }]);
    const cancelled = simulator.actions.createOrder(sim(), { lineItems: [{ variantId: variant.id, quantity: 2 }], locationId: warehouse() });
    simulator.actions.cancelOrder(sim(), cancelled.id);
    await simulator.webhooks.flush(domain);
    const line = await testPrisma.orderLine.findUniqueOrThrow({ where: { shopId_id: { shopId, id: BigInt(order.lineItems[0]!.id) } } });
    expect(line.refundedQuantity).toBe(1);
    await expectDemandMatchesTruth();
    const truth = truthOf(simulator, domain);
    expect(await storedTotals(shopId)).toMatchObject({ orders: truth.orders, orderLines: truth.orderLines, netUnits: truth.netUnits });
  });

  it("ignores duplicate deliveries of the same X-Shopify-Webhook-Id", async () => {
    simulator.faults.set({ duplicateWebhooks: true }, domain);
    const variant = firstVariant();
    const order = simulator.actions.createOrder(sim(), { lineItems: [{ variantId: variant.id, quantity: 2 }], locationId: warehouse() });
    simulator.actions.refundOrder(sim(), order.id, [{ lineItemId: order.lineItems[0]!.id, quantity: 1 }]);
    await simulator.webhooks.flush(domain);
    simulator.faults.reset(domain);
    const deliveries = simulator.webhooks.log.filter((d) => d.shop === domain && d.topic === "refunds/create");
    const distinct = new Set(deliveries.map((d) => d.webhookId));
    expect(distinct.size).toBeLessThan(deliveries.length);
    expect(await testPrisma.webhookEvent.count({ where: { shopId, webhookId: { in: [...distinct] } } })).toBe(distinct.size);
    const simLevel = sim().store.levelsByItem.get(variant.inventoryItemId)!.find((l) => l.locationId === warehouse())!;
    expect((await level(variant.inventoryItemId, warehouse())).available).toBe(simLevel.quantities.available);
    const line = await testPrisma.orderLine.findUniqueOrThrow({ where: { shopId_id: { shopId, id: BigInt(order.lineItems[0]!.id) } } });
    expect(line.refundedQuantity).toBe(1);
    await expectDemandMatchesTruth();
  });

  it("keeps the newest version when deliveries arrive out of order, and records stockouts", async () => {
    simulator.faults.set({ outOfOrderWebhooks: true }, domain);
    const variant = sim().store.data.variants[1]!;
    simulator.actions.setInventory(sim(), { variantId: variant.id, locationId: warehouse(), available: 7 });
    await new Promise((resolve) => setTimeout(resolve, 1100)); // Shopify timestamps have second precision
    simulator.actions.setInventory(sim(), { variantId: variant.id, locationId: warehouse(), available: 0 });
    const product = sim().store.data.products[0]!;
    simulator.actions.updateProduct(sim(), product.id, { title: "Older title" });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    simulator.actions.updateProduct(sim(), product.id, { title: "Newest title" });
    await simulator.webhooks.flush(domain);
    simulator.faults.reset(domain);

    expect((await level(variant.inventoryItemId, warehouse())).available).toBe(0);
    expect((await testPrisma.product.findUniqueOrThrow({ where: { shopId_id: { shopId, id: BigInt(product.id) } } })).title).toBe("Newest title");
    const open = await testPrisma.stockoutPeriod.findFirst({ where: { shopId, variantId: BigInt(variant.id), locationId: BigInt(warehouse()), endedOn: null } });
    expect(open).not.toBeNull();

    simulator.actions.setInventory(sim(), { variantId: variant.id, locationId: warehouse(), available: 5 });
    await simulator.webhooks.flush(domain);
    const closed = await testPrisma.stockoutPeriod.findUniqueOrThrow({ where: { id: open!.id } });
    expect(closed.endedOn).not.toBeNull();
  });

  it("applies product deletes, cost changes and locations", async () => {
    const product = sim().store.data.products.at(-1)!;
    const item = sim().store.data.inventoryItems[2]!;
    simulator.actions.updateInventoryItem(sim(), item.id, { unitCost: "12.34" });
    simulator.actions.deleteProduct(sim(), product.id);
    const location = simulator.actions.createLocation(sim(), { name: "Pop-up" });
    await simulator.webhooks.flush(domain);
    expect((await testPrisma.product.findUniqueOrThrow({ where: { shopId_id: { shopId, id: BigInt(product.id) } } })).deletedAt).not.toBeNull();
    expect((await testPrisma.variant.findFirstOrThrow({ where: { shopId, inventoryItemId: BigInt(item.id) } })).unitCost?.toFixed(2)).toBe("12.34");
    expect((await testPrisma.location.findUniqueOrThrow({ where: { shopId_id: { shopId, id: BigInt(location.id) } } })).name).toBe("Pop-up");
  });

  it("rejects a delivery with a forged HMAC with 401 and changes nothing", async () => {
    const body = JSON.stringify({ id: 1, name: "#forged", line_items: [] });
    const response = await fetch(`${app.url}/webhooks/sync`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-shopify-topic": "orders/create",
        "x-shopify-shop-domain": domain,
        "x-shopify-webhook-id": "forged-1",
        "x-shopify-api-version": "2026-10",
        "x-shopify-hmac-sha256": createHmac("sha256", "not-the-secret").update(body).digest("base64"),
      },
      body,
    });
    expect(response.status).toBe(401);
    expect(await testPrisma.webhookEvent.count({ where: { shopId, webhookId: "forged-1" } })).toBe(0);
    expect(TEST_APP.apiSecret).not.toBe("not-the-secret");
  });
});
