import { afterAll, describe, expect, it } from "vitest";
import { uniqueShopDomain } from "../../support/simulated-shop";
import { testPrisma } from "../sync/sync-support";
import { closePgPool } from "~/platform/pg-pool.server";
import { tryLockShopPlan, tryLockShopSync } from "~/platform/locks.server";
import { acceptSyncWebhook } from "~/sync/webhooks/accept.server";
import { applyPendingWebhooks } from "~/sync/webhooks/inbox-pass.server";

afterAll(async () => {
  await closePgPool();
  await testPrisma.$disconnect();
});

const order = (id: number) => ({
  id,
  name: `#${id}`,
  processed_at: "2026-11-02T10:00:00Z",
  created_at: "2026-11-02T10:00:00Z",
  updated_at: "2026-11-02T10:00:00Z",
  source_name: "web",
  location_id: 71,
  line_items: [{ id: id * 10, variant_id: 900, product_id: 500, quantity: 2, price: "10.00" }],
});

describe("advisory locks", () => {
  it("applies a shop's webhooks while a plan run holds the shop (the inbox has a lock of its own)", async () => {
    const domain = uniqueShopDomain("locks-plan");
    const shop = await testPrisma.shop.create({ data: { domain, ianaTimezone: "UTC" } });
    const plan = await tryLockShopPlan(shop.id);
    expect(plan).not.toBeNull();
    try {
      expect(await acceptSyncWebhook({ topic: "orders/create", shopDomain: domain, webhookId: "locks-1", payload: order(7001) })).toBe("accepted");
      const pass = await applyPendingWebhooks(shop.id);
      expect(pass).toMatchObject({ applied: 1, busy: false });
      expect(await testPrisma.order.count({ where: { shopId: shop.id } })).toBe(1);
      expect(await testPrisma.webhookEvent.count({ where: { shopId: shop.id, status: "RECEIVED" } })).toBe(0);
    } finally {
      await plan?.release();
    }
  });

  it("keeps a shop's sync lock and plan lock apart, and each one exclusive", async () => {
    const shop = await testPrisma.shop.create({ data: { domain: uniqueShopDomain("locks-apart"), ianaTimezone: "UTC" } });
    const plan = await tryLockShopPlan(shop.id);
    const sync = await tryLockShopSync(shop.id);
    try {
      expect(plan).not.toBeNull();
      expect(sync).not.toBeNull();
      expect(await tryLockShopPlan(shop.id)).toBeNull();
      expect(await tryLockShopSync(shop.id)).toBeNull();
    } finally {
      await plan?.release();
      await sync?.release();
    }
    const again = await tryLockShopPlan(shop.id);
    expect(again).not.toBeNull();
    await again?.release();
  });
});
