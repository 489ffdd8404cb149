import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueShopDomain } from "../../support/simulated-shop";
import { closePgPool } from "~/platform/pg-pool.server";
import { deliverNow, testPrisma } from "./sync-support";

// Two shops whose Shopify ids collide (ids are only unique within a shop here): the same
// order, line, product, variant, inventory item and location ids, and even the same webhook ids.
const shops = { a: uniqueShopDomain("twin-a"), b: uniqueShopDomain("twin-b") };
const ids = { a: 0, b: 0 };

beforeAll(async () => {
  ids.a = (await testPrisma.shop.create({ data: { domain: shops.a, ianaTimezone: "UTC" } })).id;
  ids.b = (await testPrisma.shop.create({ data: { domain: shops.b, ianaTimezone: "UTC" } })).id;
});

afterAll(async () => {
  await closePgPool();
  await testPrisma.$disconnect();
});

const at = (second: number) => new Date(Date.UTC(2026, 10, 3, 9, 0, second)).toISOString();
const order = (quantity: number, updatedAt: string, extra: Record<string, unknown> = {}) => ({
  id: 9001,
  name: "#1001",
  processed_at: at(0),
  created_at: at(0),
  updated_at: updatedAt,
  location_id: 7001,
  line_items: [{ id: 90010, variant_id: 6001, product_id: 5001, quantity, price: "10.00" }],
  ...extra,
});
const product = (title: string, updatedAt: string) => ({
  id: 5001,
  title,
  status: "active",
  updated_at: updatedAt,
  variants: [{ id: 6001, title: "Default", price: "10.00", inventory_item_id: 8001, updated_at: updatedAt }],
});

const deliver = (shop: keyof typeof shops, webhookId: string, topic: string, payload: unknown, triggeredAt?: string) =>
  deliverNow({ topic, shopDomain: shops[shop], webhookId, payload, ...(triggeredAt ? { triggeredAt } : {}) });

async function state(shop: keyof typeof shops) {
  const shopId = ids[shop];
  const [orders, line, demand, level, variant, dirty] = await Promise.all([
    testPrisma.order.findMany({ where: { shopId } }),
    testPrisma.orderLine.findFirst({ where: { shopId, id: 90010n } }),
    testPrisma.dailyDemand.aggregate({ where: { shopId, variantId: 6001n }, _sum: { units: true } }),
    testPrisma.inventoryLevel.findFirst({ where: { shopId, inventoryItemId: 8001n, locationId: 7001n } }),
    testPrisma.variant.findFirst({ where: { shopId, id: 6001n } }),
    testPrisma.planDirtyVariant.count({ where: { shopId, variantId: 6001n } }),
  ]);
  return { orders: orders.length, cancelled: orders[0]?.cancelledAt !== null && orders.length > 0, line, units: demand._sum.units ?? 0, level, variant, dirty };
}

describe("webhooks for two shops that share Shopify ids", () => {
  it("keeps each shop's orders, demand, stock and catalogue to itself", async () => {
    for (const shop of ["a", "b"] as const) {
      expect(await deliver(shop, "same-id-product", "products/create", product(`Product of ${shop}`, at(1)))).toBe("applied");
      expect(await deliver(shop, "same-id-order", "orders/create", order(shop === "a" ? 2 : 5, at(1)))).toBe("applied");
      expect(await deliver(shop, "same-id-level", "inventory_levels/update", { inventory_item_id: 8001, location_id: 7001, available: shop === "a" ? 3 : 30, updated_at: at(1) })).toBe(
        "applied",
      );
    }
    expect(await state("a")).toMatchObject({ orders: 1, units: 2, level: { available: 3 }, variant: { title: "Default" }, dirty: 1 });
    expect(await state("b")).toMatchObject({ orders: 1, units: 5, level: { available: 30 }, dirty: 1 });
    expect((await testPrisma.product.findFirstOrThrow({ where: { shopId: ids.b, id: 5001n } })).title).toBe("Product of b");

    // Shop A refunds, cancels, deletes its product and disconnects its level; shop B is untouched.
    await testPrisma.planDirtyVariant.deleteMany({ where: { shopId: { in: [ids.a, ids.b] } } });
    expect(await deliver("a", "a-refund", "refunds/create", { id: 1, order_id: 9001, created_at: at(2), refund_line_items: [{ line_item_id: 90010, quantity: 1 }] })).toBe("applied");
    expect(await deliver("a", "a-cancel", "orders/cancelled", order(2, at(3), { cancelled_at: at(3), refunds: [{ id: 1, refund_line_items: [{ line_item_id: 90010, quantity: 1 }] }] }))).toBe("applied");
    expect(await deliver("a", "a-product-delete", "products/delete", { id: 5001 }, at(4))).toBe("applied");
    expect(await deliver("a", "a-disconnect", "inventory_levels/disconnect", { inventory_item_id: 8001, location_id: 7001 }, at(5))).toBe("applied");

    const a = await state("a");
    expect(a).toMatchObject({ cancelled: true, units: 0, dirty: 1 });
    expect(a.line?.refundedQuantity).toBe(1);
    expect(a.variant?.deletedAt).not.toBeNull();
    const b = await state("b");
    expect(b).toMatchObject({ orders: 1, cancelled: false, units: 5, level: { available: 30 }, dirty: 0 });
    expect(b.line?.refundedQuantity).toBe(0);
    expect(b.variant?.deletedAt).toBeNull();
    expect(b.level).not.toBeNull();

    // Shop A's orders/delete does not reach shop B's order with the same id.
    expect(await deliver("a", "a-order-delete", "orders/delete", { id: 9001 }, at(6))).toBe("applied");
    expect(await testPrisma.order.count({ where: { shopId: ids.a, id: 9001n, deletedAt: null } })).toBe(0);
    expect(await testPrisma.order.count({ where: { shopId: ids.b, id: 9001n } })).toBe(1);
    expect(await testPrisma.orderLine.count({ where: { shopId: ids.b, orderId: 9001n } })).toBe(1);
  });

  it("treats one shop's redelivery as a duplicate without touching the other shop's delivery of the same id", async () => {
    expect(await deliver("a", "same-id-order", "orders/updated", order(9, at(30)))).toBe("duplicate");
    expect(await deliver("b", "same-id-order", "orders/updated", order(9, at(30)))).toBe("duplicate");
    expect(await deliver("b", "b-update", "orders/updated", order(4, at(31)))).toBe("applied");
    expect((await state("b")).units).toBe(4);
    expect(await testPrisma.webhookEvent.count({ where: { webhookId: "same-id-order", shopId: { in: [ids.a, ids.b] } } })).toBe(2);
  });
});
