import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { startAppServer, type RunningAppServer } from "../../support/app-server";
import { startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { TEST_APP, TEST_APP_PORT } from "../../support/test-app";
import { closePgPool } from "~/platform/pg-pool.server";
import { runCatalogBackfill } from "~/sync/catalog-backfill.server";
import { runOrdersBackfill } from "~/sync/orders-backfill.server";
import { loadSyncContext } from "~/sync/shop-context.server";
import { startWebhookInbox, type WebhookInbox } from "~/sync/webhook-inbox.server";
import { demandByVariantLocation, expectedDemand, installShop, storedTotals, testPrisma, truthOf } from "./sync-support";

const domain = uniqueShopDomain("webhooks");
let simulator: RunningSimulator;
let app: RunningAppServer;
let shopId: number;
let inbox: WebhookInbox;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain: domain, seed: 41, variants: 20, historyDays: 60 }]);
  app = await startAppServer(TEST_APP_PORT);
  shopId = await installShop(simulator, domain);
  const ctx = await loadSyncContext(shopId);
  await runCatalogBackfill(ctx);
  await runOrdersBackfill(ctx);
  inbox = await startWebhookInbox();
});

afterAll(async () => {
  await inbox?.close();
  await app?.close();
  await simulator?.close();
  await closePgPool();
  await testPrisma.$disconnect();
});

const sim = () => simulator.shop(domain);
/** Every webhook delivered (answered) and applied by the worker's inbox. */
const deliverAll = async () => {
  await simulator.webhooks.flush(domain);
  await inbox.drain(shopId);
};
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
    await deliverAll();
    const stored = await testPrisma.order.findUniqueOrThrow({ where: { shopId_id: { shopId, id: BigInt(order.id) } } });
    expect(stored.channel).toBe("Online Store");
    expect((await level(variant.inventoryItemId, warehouse())).available).toBe(before.available - 3);
    const history = await testPrisma.inventoryLevelChange.count({ where: { shopId, inventoryItemId: BigInt(variant.inventoryItemId), source: "WEBHOOK" } });
    expect(history).toBe(1);
    await expectDemandMatchesTruth();
  });

  it("records each delivery durably before answering 200, and the worker applies those it missed while stopped", async () => {
    await inbox.close();
    const variant = firstVariant();
    const order = simulator.actions.createOrder(sim(), { lineItems: [{ variantId: variant.id, quantity: 1 }], locationId: warehouse() });
    await simulator.webhooks.flush(domain);
    const answers = simulator.webhooks.log.filter((d) => d.shop === domain && d.body.includes(order.id));
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((d) => d.attempts.at(-1)?.status === 200)).toBe(true);
    const waiting = await testPrisma.webhookEvent.findMany({ where: { shopId, status: "RECEIVED" } });
    expect(waiting.map((w) => w.topic)).toContain("ORDERS_CREATE");
    expect(waiting.every((w) => w.payload !== null)).toBe(true);
    expect(await testPrisma.order.count({ where: { shopId, id: BigInt(order.id) } })).toBe(0);

    inbox = await startWebhookInbox(); // its first sweep finds what waits
    await inbox.drain(shopId);
    expect(await testPrisma.order.count({ where: { shopId, id: BigInt(order.id) } })).toBe(1);
    expect(await testPrisma.webhookEvent.count({ where: { shopId, status: "RECEIVED" } })).toBe(0);
    await expectDemandMatchesTruth();
  });

  it("nets refunds and cancellations out of demand", async () => {
    const variant = firstVariant();
    const order = simulator.actions.createOrder(sim(), { lineItems: [{ variantId: variant.id, quantity: 4 }], locationId: warehouse() });
    simulator.actions.refundOrder(sim(), order.id, [{ lineItemId: order.lineItems[0]!.id, quantity: 1 }]);
    const cancelled = simulator.actions.createOrder(sim(), { lineItems: [{ variantId: variant.id, quantity: 2 }], locationId: warehouse() });
    simulator.actions.cancelOrder(sim(), cancelled.id);
    await deliverAll();
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
    await deliverAll();
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
    await deliverAll();
    simulator.faults.reset(domain);

    expect((await level(variant.inventoryItemId, warehouse())).available).toBe(0);
    expect((await testPrisma.product.findUniqueOrThrow({ where: { shopId_id: { shopId, id: BigInt(product.id) } } })).title).toBe("Newest title");
    const open = await testPrisma.stockoutPeriod.findFirst({ where: { shopId, variantId: BigInt(variant.id), locationId: BigInt(warehouse()), endedOn: null } });
    expect(open).not.toBeNull();

    simulator.actions.setInventory(sim(), { variantId: variant.id, locationId: warehouse(), available: 5 });
    await deliverAll();
    const closed = await testPrisma.stockoutPeriod.findUniqueOrThrow({ where: { id: open!.id } });
    expect(closed.endedOn).not.toBeNull();
  });

  it("applies product deletes, cost changes and locations", async () => {
    const product = sim().store.data.products.at(-1)!;
    const item = sim().store.data.inventoryItems[2]!;
    simulator.actions.updateInventoryItem(sim(), item.id, { unitCost: "12.34" });
    simulator.actions.deleteProduct(sim(), product.id);
    const location = simulator.actions.createLocation(sim(), { name: "Pop-up" });
    await deliverAll();
    expect((await testPrisma.product.findUniqueOrThrow({ where: { shopId_id: { shopId, id: BigInt(product.id) } } })).deletedAt).not.toBeNull();
    expect((await testPrisma.variant.findFirstOrThrow({ where: { shopId, inventoryItemId: BigInt(item.id) } })).unitCost?.toFixed(2)).toBe("12.34");
    expect((await testPrisma.location.findUniqueOrThrow({ where: { shopId_id: { shopId, id: BigInt(location.id) } } })).name).toBe("Pop-up");
  });

  const signedDelivery = (body: string, webhookId: string, topic = "orders/create") =>
    fetch(`${app.url}/webhooks/sync`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-shopify-topic": topic,
        "x-shopify-shop-domain": domain,
        "x-shopify-webhook-id": webhookId,
        "x-shopify-api-version": "2026-10",
        "x-shopify-hmac-sha256": createHmac("sha256", TEST_APP.apiSecret).update(body).digest("base64"),
      },
      body,
    });

  it("records a correctly signed body that is not JSON as rejected, with the reason, and answers 200 once and for all", async () => {
    const body = '{"id": 42, "line_items": [';
    expect((await signedDelivery(body, "not-json-1")).status).toBe(200);
    expect((await signedDelivery(body, "not-json-1")).status).toBe(200);
    const events = await testPrisma.webhookEvent.findMany({ where: { shopId, webhookId: "not-json-1" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ status: "REJECTED", topic: "ORDERS_CREATE", payload: null });
    expect(events[0]?.reason).toMatch(/not valid JSON/);
  });

  it("answers 413 to a body over the size limit, whatever its signature", async () => {
    const huge = JSON.stringify({ id: 43, note: "x".repeat(6 * 1024 * 1024) });
    const response = await signedDelivery(huge, "huge-1");
    expect(response.status).toBe(413);
    expect(await testPrisma.webhookEvent.count({ where: { shopId, webhookId: "huge-1" } })).toBe(0);
    // A body sent in chunks, without Content-Length, is cut off at the limit too.
    process.env.WEBHOOK_BODY_LIMIT_BYTES = "1024";
    try {
      const chunked = await fetch(`${app.url}/webhooks/sync`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-shopify-topic": "orders/create", "x-shopify-shop-domain": domain },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < 8; i++) controller.enqueue(new TextEncoder().encode("x".repeat(512)));
            controller.close();
          },
        }),
        duplex: "half",
      } as RequestInit);
      expect(chunked.status).toBe(413);
    } finally {
      delete process.env.WEBHOOK_BODY_LIMIT_BYTES;
    }
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
