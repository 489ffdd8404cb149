import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueShopDomain } from "../../support/simulated-shop";
import { closePgPool } from "~/platform/pg-pool.server";
import { rebuildAllDemand } from "~/sync/queries/demand.server";
import { inSqlTransaction } from "~/platform/transaction.server";
import { upsertInventoryLevels } from "~/sync/queries/sync-writes.server";
import { acceptSyncWebhook, type SyncWebhook } from "~/sync/webhooks/accept.server";
import { applyPendingWebhooks, MAX_APPLY_ATTEMPTS } from "~/sync/webhooks/inbox-pass.server";
import { deliverNow, testPrisma } from "./sync-support";
import { LOCK_KEYS } from "~/platform/locks.server";

// Deliveries go straight to the handler (no HMAC, no app server): these tests are about what they store.
const domain = uniqueShopDomain("webhook-integrity");
let shopId: number;
let deliveryCount = 0;

beforeAll(async () => {
  shopId = (await testPrisma.shop.create({ data: { domain, name: "Integrity", currencyCode: "EUR", ianaTimezone: "UTC" } })).id;
});

afterAll(async () => {
  await closePgPool();
  await testPrisma.$disconnect();
});

const at = (second: number) => new Date(Date.UTC(2026, 10, 1, 12, 0, second)).toISOString();

function deliver(topic: string, payload: unknown, extra: Partial<SyncWebhook> = {}) {
  deliveryCount += 1;
  return deliverNow({ topic, shopDomain: domain, webhookId: `integrity-${deliveryCount}`, payload, ...extra });
}

const productBody = (id: number, variantIds: number[], updatedAt: string, title = "Product") => ({
  id,
  title,
  status: "active",
  updated_at: updatedAt,
  variants: variantIds.map((v) => ({ id: v, title: "Default", price: "10.00", inventory_item_id: v + 1000, updated_at: updatedAt })),
});

const orderBody = (id: number, variantId: number, updatedAt: string) => ({
  id,
  name: `#${id}`,
  processed_at: at(0),
  created_at: at(0),
  updated_at: updatedAt,
  source_name: "web",
  location_id: 7001,
  line_items: [{ id: id * 10, variant_id: variantId, product_id: 5001, quantity: 2, price: "10.00" }],
});

const product = (id: number) => testPrisma.product.findUniqueOrThrow({ where: { shopId_id: { shopId, id: BigInt(id) } } });
const variant = (id: number) => testPrisma.variant.findUniqueOrThrow({ where: { shopId_id: { shopId, id: BigInt(id) } } });
const location = (id: number) => testPrisma.location.findUniqueOrThrow({ where: { shopId_id: { shopId, id: BigInt(id) } } });

describe("sync webhook integrity", () => {
  it("marks a delivery applied only in the commit of its effects", async () => {
    // Hold the shop's demand lock so the order delivery stops midway, as a crash would find it.
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query("SELECT pg_advisory_xact_lock($1, $2)", [LOCK_KEYS.shopDemand, shopId]);
    const webhookId = "integrity-claim";
    const pending = deliverNow({ topic: "orders/create", shopDomain: domain, webhookId, payload: orderBody(9001, 6001, at(1)) });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const midway = await testPrisma.webhookEvent.findUnique({ where: { shopId_webhookId: { shopId, webhookId } } });
    const orderMidway = await testPrisma.order.count({ where: { shopId, id: 9001n } });
    await blocker.query("COMMIT");
    await blocker.end();

    // Recorded (durably, before the 200) but not applied while its effects were uncommitted.
    expect(midway).toMatchObject({ status: "RECEIVED", processedAt: null });
    expect(orderMidway).toBe(0);
    expect(await pending).toBe("applied");
    expect(await testPrisma.webhookEvent.findUniqueOrThrow({ where: { shopId_webhookId: { shopId, webhookId } } })).toMatchObject({
      status: "APPLIED",
      payload: null,
      processedAt: expect.any(Date),
    });
    expect(await testPrisma.order.count({ where: { shopId, id: 9001n } })).toBe(1);
    expect(await deliverNow({ topic: "orders/create", shopDomain: domain, webhookId, payload: orderBody(9001, 6001, at(1)) })).toBe("duplicate");
  });

  it("keeps a deleted product and its variants deleted when an older update arrives late", async () => {
    await deliver("products/create", productBody(5101, [6101], at(10)));
    await deliver("products/delete", { id: 5101 }, { triggeredAt: at(30) });
    expect(await deliver("products/update", productBody(5101, [6101], at(20), "Late title"))).toBe("applied");
    expect(await product(5101)).toMatchObject({ deletedAt: expect.any(Date), title: "Product" });
    expect((await variant(6101)).deletedAt).not.toBeNull();

    await deliver("products/update", productBody(5101, [6101], at(40), "Restored"));
    expect(await product(5101)).toMatchObject({ deletedAt: null, title: "Restored" });
  });

  it("keeps a deleted inventory item's variant deleted when an older product update arrives late", async () => {
    await deliver("products/create", productBody(5102, [6102], at(10)));
    await deliver("inventory_items/delete", { id: 6102 + 1000 }, { triggeredAt: at(30) });
    await deliver("products/update", productBody(5102, [6102], at(20)));
    expect((await variant(6102)).deletedAt).not.toBeNull();
  });

  it("keeps a deleted location deleted when an older update arrives late", async () => {
    await deliver("locations/create", { id: 7101, name: "Pop-up", active: true, updated_at: at(10) });
    await deliver("locations/delete", { id: 7101 }, { triggeredAt: at(30) });
    await deliver("locations/update", { id: 7101, name: "Late name", active: true, updated_at: at(20) });
    expect(await location(7101)).toMatchObject({ name: "Pop-up", isActive: false, deletedAt: expect.any(Date) });
  });

  it("does not disconnect a level reconnected after the disconnect was triggered", async () => {
    await deliver("inventory_levels/connect", { inventory_item_id: 8101, location_id: 7001, available: 5, updated_at: at(30) });
    await deliver("inventory_levels/disconnect", { inventory_item_id: 8101, location_id: 7001 }, { triggeredAt: at(20) });
    const key = { shopId_inventoryItemId_locationId: { shopId, inventoryItemId: 8101n, locationId: 7001n } };
    expect(await testPrisma.inventoryLevel.findUnique({ where: key })).toMatchObject({ available: 5 });
    await deliver("inventory_levels/disconnect", { inventory_item_id: 8101, location_id: 7001 }, { triggeredAt: at(40) });
    expect(await testPrisma.inventoryLevel.findUnique({ where: key })).toBeNull();
  });

  it("records no stock observation for an untracked item (available: null)", async () => {
    expect(await deliver("inventory_levels/update", { inventory_item_id: 8201, location_id: 7001, available: null, updated_at: at(10) })).toBe("applied");
    expect(await testPrisma.inventoryLevel.count({ where: { shopId, inventoryItemId: 8201n } })).toBe(0);
    expect(await testPrisma.inventoryLevelChange.count({ where: { shopId, inventoryItemId: 8201n } })).toBe(0);
  });

  it("makes a cancellation wait for a running full demand rebuild, so the rebuild cannot keep its units", async () => {
    await deliver("orders/create", orderBody(9501, 6501, at(10)));
    expect((await testPrisma.dailyDemand.findMany({ where: { shopId, variantId: 6501n } })).map((d) => d.units)).toEqual([2]);

    // A full rebuild (as after a backfill) runs in its own open transaction...
    const rebuild = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await rebuild.connect();
    await rebuild.query("BEGIN");
    await rebuildAllDemand(rebuild as unknown as pg.PoolClient, shopId, "UTC");
    // ...while the order is cancelled: the delivery must not finish before the rebuild commits.
    let cancelled = false;
    const cancellation = deliver("orders/cancelled", { ...orderBody(9501, 6501, at(20)), cancelled_at: at(20) }).then((outcome) => {
      cancelled = true;
      return outcome;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cancelled).toBe(false);
    await rebuild.query("COMMIT");
    await rebuild.end();
    expect(await cancellation).toBe("applied");
    expect(await testPrisma.dailyDemand.count({ where: { shopId, variantId: 6501n } })).toBe(0);
  });

  it("records a webhook's stock change with on-hand unknown, not zero", async () => {
    expect(await deliver("inventory_levels/update", { inventory_item_id: 8202, location_id: 7001, available: 4, updated_at: at(10) })).toBe("applied");
    const change = await testPrisma.inventoryLevelChange.findFirstOrThrow({ where: { shopId, inventoryItemId: 8202n } });
    expect(change.available).toBe(4);
    expect(change.onHand).toBeNull();
  });

  it("records a malformed delivery as rejected, stores nothing, and treats its retry as a duplicate", async () => {
    const body = { ...orderBody(9301, 6001, at(10)), updated_at: undefined };
    const webhookId = "integrity-malformed";
    expect(await deliverNow({ topic: "orders/updated", shopDomain: domain, webhookId, payload: body })).toBe("rejected");
    expect(await testPrisma.order.count({ where: { shopId, id: 9301n } })).toBe(0);
    expect(await testPrisma.webhookEvent.findUniqueOrThrow({ where: { shopId_webhookId: { shopId, webhookId } } })).toMatchObject({
      topic: "ORDERS_UPDATED",
      status: "REJECTED",
      reason: "Webhook payload has no valid updated_at",
      payload: null,
    });
    expect(await deliverNow({ topic: "orders/updated", shopDomain: domain, webhookId, payload: body })).toBe("duplicate");
  });

  it("rejects out-of-range quantities and ids, and line_items that is not a list, once: recorded, nothing stored, the redelivery a duplicate", async () => {
    const bodies = [
      { ...orderBody(9311, 6001, at(10)), line_items: [{ id: 93110, variant_id: 6001, quantity: 3e9, price: "1.00" }] },
      { ...orderBody(9312, 6001, at(10)), line_items: [{ id: "9223372036854775808", variant_id: 6001, quantity: 1, price: "1.00" }] },
      { ...orderBody(9313, 6001, at(10)), line_items: { id: 93130, variant_id: 6001, quantity: 1 } },
    ];
    for (const [i, body] of bodies.entries()) {
      const webhookId = `integrity-range-${i}`;
      expect(await deliverNow({ topic: "orders/create", shopDomain: domain, webhookId, payload: body })).toBe("rejected");
      expect(await deliverNow({ topic: "orders/create", shopDomain: domain, webhookId, payload: body })).toBe("duplicate");
    }
    expect(await testPrisma.order.count({ where: { shopId, id: { in: [9311n, 9312n, 9313n] } } })).toBe(0);
    expect(await testPrisma.webhookEvent.count({ where: { shopId, webhookId: { startsWith: "integrity-range-" } } })).toBe(3);
  });

  it("applies the rest of a batch when one delivery keeps failing, and gives that one up after its tries", async () => {
    // An unexpected database error for one delivery only (a trigger stands in for it).
    const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    await db.query(`CREATE OR REPLACE FUNCTION poison_location() RETURNS trigger AS $$ BEGIN
      IF NEW."name" = 'Poison' THEN RAISE EXCEPTION 'simulated failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.query(`CREATE TRIGGER poison_location BEFORE INSERT OR UPDATE ON "Location" FOR EACH ROW EXECUTE FUNCTION poison_location()`);
    try {
      const names = ["Before", "Poison", "After"];
      for (const [i, name] of names.entries()) {
        const webhook = { topic: "locations/create", shopDomain: domain, webhookId: `poison-${i}`, payload: { id: 7700 + i, name, active: true, updated_at: at(10) } };
        expect(await acceptSyncWebhook(webhook)).toBe("accepted");
      }
      expect(await applyPendingWebhooks(shopId)).toMatchObject({ applied: 2, failed: 1 });
      expect((await location(7700)).name).toBe("Before");
      expect((await location(7702)).name).toBe("After");
      const waiting = await testPrisma.webhookEvent.findUniqueOrThrow({ where: { shopId_webhookId: { shopId, webhookId: "poison-1" } } });
      expect(waiting).toMatchObject({ status: "RECEIVED", attempts: 1, reason: expect.stringContaining("simulated failure") });
      for (let attempt = 2; attempt <= MAX_APPLY_ATTEMPTS; attempt++) await applyPendingWebhooks(shopId);
      const given = await testPrisma.webhookEvent.findUniqueOrThrow({ where: { shopId_webhookId: { shopId, webhookId: "poison-1" } } });
      expect(given).toMatchObject({ status: "FAILED", attempts: MAX_APPLY_ATTEMPTS, payload: null, processedAt: expect.any(Date) });
      expect(await testPrisma.location.count({ where: { shopId, id: 7701n } })).toBe(0);
    } finally {
      await db.query(`DROP TRIGGER IF EXISTS poison_location ON "Location"`);
      await db.end();
    }
  });

  it("keeps money exact in a three-decimal currency (KWD): prices, discounts and revenue", async () => {
    const kuwait = await testPrisma.shop.create({ data: { domain: uniqueShopDomain("kwd"), currencyCode: "KWD", ianaTimezone: "Asia/Kuwait" } });
    const send = (topic: string, payload: unknown) => deliverNow({ topic, shopDomain: kuwait.domain, webhookId: `kwd-${topic}`, payload });
    expect(
      await send("products/create", {
        id: 5901,
        title: "Dates",
        updated_at: at(1),
        variants: [{ id: 6901, price: "7.125", compare_at_price: "8.375", inventory_item_id: 8901, updated_at: at(1) }],
      }),
    ).toBe("applied");
    expect(await send("inventory_items/update", { id: 8901, cost: "3.105", tracked: true, updated_at: at(1) })).toBe("applied");
    expect(
      await send("orders/create", {
        ...orderBody(9901, 6901, at(2)),
        currency: "KWD",
        line_items: [
          {
            id: 99010,
            variant_id: 6901,
            quantity: 2,
            price: "12.345",
            discount_allocations: [{ amount: "0.105" }, { amount: "0.200" }],
          },
        ],
      }),
    ).toBe("applied");
    const variant = await testPrisma.variant.findUniqueOrThrow({ where: { shopId_id: { shopId: kuwait.id, id: 6901n } } });
    expect([variant.price.toFixed(3), variant.compareAtPrice?.toFixed(3), variant.unitCost?.toFixed(3)]).toEqual(["7.125", "8.375", "3.105"]);
    const line = await testPrisma.orderLine.findUniqueOrThrow({ where: { shopId_id: { shopId: kuwait.id, id: 99010n } } });
    expect([line.unitPrice.toFixed(3), line.discount.toFixed(3)]).toEqual(["12.345", "0.305"]);
    const demand = await testPrisma.dailyDemand.findFirstOrThrow({ where: { shopId: kuwait.id, variantId: 6901n } });
    expect(demand.revenue.toFixed(3)).toBe("24.385");
  });

  it("keeps a newer shop/update when an older one arrives late, and orders two in one second by their trigger time", async () => {
    const shopUpdate = (name: string, updatedAt: string) => ({ id: 1, name, currency: "EUR", iana_timezone: "UTC", updated_at: updatedAt });
    expect(await deliver("shop/update", shopUpdate("Newer name", at(20)))).toBe("applied");
    expect(await deliver("shop/update", shopUpdate("Older name", at(10)))).toBe("applied");
    expect((await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } })).name).toBe("Newer name");
    // Same second: the later trigger wins, whichever arrives first.
    const second = at(30);
    const later = new Date(new Date(second).getTime() + 700).toISOString();
    const earlier = new Date(new Date(second).getTime() + 200).toISOString();
    await deliver("shop/update", shopUpdate("Second change", second), { triggeredAt: later });
    await deliver("shop/update", shopUpdate("First change", second), { triggeredAt: earlier });
    expect((await testPrisma.shop.findUniqueOrThrow({ where: { id: shopId } })).name).toBe("Second change");
  });

  it("deletes an order deleted in Shopify, with its lines and demand, and keeps it deleted when an older update arrives late", async () => {
    await deliver("orders/create", orderBody(9401, 6401, at(10)));
    expect(await testPrisma.dailyDemand.count({ where: { shopId, variantId: 6401n } })).toBe(1);
    expect(await deliver("orders/delete", { id: 9401 }, { triggeredAt: at(30) })).toBe("applied");
    expect(await testPrisma.order.count({ where: { shopId, id: 9401n, deletedAt: null } })).toBe(0);
    expect(await testPrisma.orderLine.count({ where: { shopId, orderId: 9401n } })).toBe(0);
    expect(await testPrisma.dailyDemand.count({ where: { shopId, variantId: 6401n } })).toBe(0);

    // orders/updated from before the delete, delivered after it: refused by the tombstone.
    expect(await deliver("orders/updated", orderBody(9401, 6401, at(20)))).toBe("applied");
    expect(await testPrisma.order.findUniqueOrThrow({ where: { shopId_id: { shopId, id: 9401n } } })).toMatchObject({ deletedAt: expect.any(Date) });
    expect(await testPrisma.orderLine.count({ where: { shopId, orderId: 9401n } })).toBe(0);
    expect(await testPrisma.dailyDemand.count({ where: { shopId, variantId: 6401n } })).toBe(0);
  });

  it("keeps an order out whose delete arrived before its create", async () => {
    expect(await deliver("orders/delete", { id: 9402 }, { triggeredAt: at(30) })).toBe("applied");
    expect(await deliver("orders/create", orderBody(9402, 6402, at(10)))).toBe("applied");
    expect(await testPrisma.order.count({ where: { shopId, id: 9402n, deletedAt: null } })).toBe(0);
    expect(await testPrisma.orderLine.count({ where: { shopId, orderId: 9402n } })).toBe(0);
    expect(await testPrisma.dailyDemand.count({ where: { shopId, variantId: 6402n } })).toBe(0);
  });

  it("keeps a disconnected level disconnected when an older update or connect arrives late; a newer connect brings it back", async () => {
    const key = { shopId_inventoryItemId_locationId: { shopId, inventoryItemId: 8301n, locationId: 7001n } };
    await deliver("inventory_levels/connect", { inventory_item_id: 8301, location_id: 7001, available: 5, updated_at: at(10) });
    await deliver("inventory_levels/disconnect", { inventory_item_id: 8301, location_id: 7001 }, { triggeredAt: at(30) });
    await deliver("inventory_levels/update", { inventory_item_id: 8301, location_id: 7001, available: 4, updated_at: at(20) });
    expect(await testPrisma.inventoryLevel.findUnique({ where: key })).toBeNull();
    // The same late update through a reconciliation's catalogue write is kept out too.
    await inSqlTransaction((client) => upsertInventoryLevels(client, shopId, [{ inventoryItemId: 8301n, locationId: 7001n, variantId: null, available: 4, onHand: 4, updatedAt: new Date(at(25)) }], "RECONCILE"));
    expect(await testPrisma.inventoryLevel.findUnique({ where: key })).toBeNull();
    expect(await testPrisma.inventoryLevelChange.count({ where: { shopId, inventoryItemId: 8301n, available: 4 } })).toBe(0);

    await deliver("inventory_levels/connect", { inventory_item_id: 8301, location_id: 7001, available: 2, updated_at: at(40) });
    expect(await testPrisma.inventoryLevel.findUnique({ where: key })).toMatchObject({ available: 2 });
    expect(await testPrisma.inventoryLevelTombstone.count({ where: { shopId, inventoryItemId: 8301n } })).toBe(0);
  });

  it("does not delete variants a product body may have left out", async () => {
    const many = Array.from({ length: 100 }, (_, i) => 6500 + i);
    await deliver("products/create", productBody(5501, [...many, 6600], at(10)));
    await deliver("products/update", productBody(5501, many, at(20)));
    expect((await variant(6600)).deletedAt).toBeNull();
    await deliver("products/update", productBody(5501, many.slice(0, 3), at(30)));
    expect((await variant(6600)).deletedAt).not.toBeNull();
    expect((await variant(6599)).deletedAt).not.toBeNull();
  });
});
