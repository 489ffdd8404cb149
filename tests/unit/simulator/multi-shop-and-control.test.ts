import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyShop } from "../../simulator/fixtures/tiny-shop";
import type { RunningSimulator } from "../../simulator/server";
import { adminGraphql, startReceiver, startTestSimulator, TEST_APP } from "./helpers";

describe("several shops and the HTTP control API", () => {
  let sim: RunningSimulator;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const now = new Date("2026-11-21T12:00:00Z");
  beforeAll(async () => {
    receiver = await startReceiver();
    sim = await startTestSimulator({
      appUrl: receiver.url,
      webhookTargets: { "inventory_levels/update": "/webhooks/sync", "orders/cancelled": "/webhooks/sync" },
      shops: [tinyShop({ domain: "alpha.myshopify.com", products: 3, endDate: now.toISOString() }), tinyShop({ domain: "beta.myshopify.com", products: 5, endDate: now.toISOString() })],
      now: () => now,
    });
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  it("keeps shops apart: data, tokens, and the /shops/<domain> prefix", async () => {
    const alphaToken = sim.issueOfflineToken("alpha.myshopify.com");
    const alpha = await adminGraphql(sim, alphaToken, "{ productsCount { count } }", {}, "alpha.myshopify.com");
    expect(alpha.body.data?.productsCount).toEqual({ count: 3 });
    const crossed = await adminGraphql(sim, alphaToken, "{ productsCount { count } }", {}, "beta.myshopify.com");
    expect(crossed.status).toBe(401);
    const betaToken = sim.issueOfflineToken("beta");
    const prefixed = await fetch(`${sim.url}/shops/beta.myshopify.com/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": betaToken },
      body: JSON.stringify({ query: "{ productsCount { count } }" }),
    });
    expect(((await prefixed.json()) as { data: unknown }).data).toEqual({ productsCount: { count: 5 } });
  });

  it("changes inventory and cancels orders over HTTP, with webhooks", async () => {
    const shop = sim.shop("beta");
    const variant = shop.store.data.variants[0];
    const location = shop.store.data.locations[0];
    const post = (path: string, body: unknown) =>
      fetch(`${sim.url}/_sim${path}?shop=beta`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<Record<string, unknown>>);
    const level = await post("/inventory", { variantId: variant?.id, locationId: location?.id, available: 3 });
    expect((level.quantities as { available: number }).available).toBe(3);
    const order = shop.store.data.orders.find((o) => !o.cancelledAt);
    const cancelled = await post(`/orders/${order?.id}/cancel`, { reason: "inventory" });
    expect(cancelled.cancelReason).toBe("INVENTORY");
    await sim.webhooks.idle();
    const topics = receiver.received.map((r) => `${r.headers["x-shopify-shop-domain"]} ${r.headers["x-shopify-topic"]}`);
    expect(topics).toContain("beta.myshopify.com inventory_levels/update");
    expect(topics).toContain("beta.myshopify.com orders/cancelled");
    const payload = JSON.parse(receiver.received[0]?.rawBody ?? "{}") as { available: number; inventory_item_id: number };
    expect(payload).toMatchObject({ available: 3, inventory_item_id: Number(variant?.inventoryItemId) });
  });

  it("hides orders older than 60 days without read_all_orders, as Shopify does", async () => {
    const shop = sim.shop("alpha");
    shop.grantedScopes = TEST_APP.scopes.filter((s) => s !== "read_all_orders");
    const old = shop.store.data.orders[0];
    if (!old) throw new Error("fixture has no orders");
    old.createdAt = "2026-01-01T00:00:00Z";
    shop.store.orderChanged(old);
    try {
      const token = sim.issueOfflineToken("alpha");
      const answer = await adminGraphql(sim, token, "{ ordersCount { count } }", {}, "alpha.myshopify.com");
      expect(answer.body.data?.ordersCount).toEqual({ count: shop.store.data.orders.length - 1 });
    } finally {
      shop.grantedScopes = [...TEST_APP.scopes];
    }
  });
});
