import "@shopify/shopify-api/adapters/node";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { startReceiver, startTestSimulator, TEST_APP, waitFor } from "./helpers";

const TOPICS = ["orders/create", "orders/updated", "orders/cancelled", "refunds/create", "inventory_levels/update", "products/update", "app/uninstalled"];

describe("webhooks", () => {
  let sim: RunningSimulator;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const shopify = (secret: string) =>
    shopifyApi({ apiKey: TEST_APP.apiKey, apiSecretKey: secret, apiVersion: ApiVersion.October26, hostName: "tempo.example", isEmbeddedApp: true, logger: { level: 0 } });

  beforeAll(async () => {
    receiver = await startReceiver();
    sim = await startTestSimulator({
      appUrl: receiver.url,
      webhookTargets: Object.fromEntries(TOPICS.map((t) => [t, `/webhooks/${t}`])),
    });
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    sim.faults.reset();
  });

  it("signs deliveries so the library's own webhook validation accepts them (and rejects another secret)", async () => {
    const variant = sim.shop().store.data.variants[0];
    const created = await fetch(`${sim.url}/_sim/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ lineItems: [{ variantId: variant?.id, quantity: 2 }] }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    await sim.webhooks.idle();
    const delivery = receiver.received.find((r) => r.headers["x-shopify-topic"] === "orders/create");
    expect(delivery).toBeDefined();
    if (!delivery) return;
    const check = await shopify(TEST_APP.apiSecret).webhooks.validate({ rawBody: delivery.rawBody, rawRequest: delivery.request, rawResponse: delivery.response });
    expect(check).toMatchObject({ valid: true, topic: "ORDERS_CREATE", domain: sim.shop().domain, apiVersion: "2026-10" });
    const forged = await shopify("some-other-secret").webhooks.validate({ rawBody: delivery.rawBody, rawRequest: delivery.request, rawResponse: delivery.response });
    expect(forged.valid).toBe(false);

    const payload = JSON.parse(delivery.rawBody) as { id: number; admin_graphql_api_id: string; line_items: { variant_id: number; quantity: number }[] };
    expect(payload.id).toBe(Number(created.id));
    expect(payload.admin_graphql_api_id).toBe(`gid://shopify/Order/${created.id}`);
    expect(payload.line_items[0]).toMatchObject({ variant_id: Number(variant?.id), quantity: 2 });
    for (const header of ["x-shopify-webhook-id", "x-shopify-event-id", "x-shopify-triggered-at", "x-shopify-shop-domain"]) expect(delivery.headers[header]).toBeTruthy();
    // The sale also moved stock at the fulfilling location.
    expect(receiver.received.some((r) => r.headers["x-shopify-topic"] === "inventory_levels/update")).toBe(true);
  });

  it("delivers a duplicate with the same webhook id when asked", async () => {
    sim.faults.set({ duplicateWebhooks: true });
    const product = sim.shop().store.data.products[0];
    sim.actions.updateProduct(sim.shop(), product?.id ?? "", { title: "Renamed" });
    await sim.webhooks.idle();
    const updates = receiver.received.filter((r) => r.headers["x-shopify-topic"] === "products/update");
    expect(updates).toHaveLength(2);
    expect(updates[0]?.headers["x-shopify-webhook-id"]).toBe(updates[1]?.headers["x-shopify-webhook-id"]);
    expect(updates[0]?.rawBody).toBe(updates[1]?.rawBody);
  });

  it("delivers an older version after a newer one when out-of-order is on", async () => {
    sim.faults.set({ outOfOrderWebhooks: true });
    const order = sim.shop().store.data.orders[10];
    sim.actions.updateOrder(sim.shop(), order?.id ?? "", { updatedAt: "2030-01-01T00:00:00Z" });
    sim.actions.updateOrder(sim.shop(), order?.id ?? "", { updatedAt: "2030-01-02T00:00:00Z" });
    expect(receiver.received).toHaveLength(0);
    await sim.webhooks.flush();
    const stamps = receiver.received
      .filter((r) => r.headers["x-shopify-topic"] === "orders/updated")
      .map((r) => (JSON.parse(r.rawBody) as { updated_at: string }).updated_at);
    expect(stamps).toEqual(["2030-01-02T00:00:00Z", "2030-01-01T00:00:00Z"]);
  });

  it("cancels and refunds with the matching topics, and uninstall revokes the token", async () => {
    const token = sim.issueOfflineToken();
    const [first, second] = sim.shop().store.data.orders.filter((o) => !o.cancelledAt && o.refunds.length === 0);
    sim.actions.cancelOrder(sim.shop(), first?.id ?? "");
    const line = second?.lineItems[0];
    sim.actions.refundOrder(sim.shop(), second?.id ?? "", [{ lineItemId: line?.id ?? "", quantity: 1 }]);
    sim.actions.uninstall(sim.shop());
    await sim.webhooks.idle();
    const topics = receiver.received.map((r) => r.headers["x-shopify-topic"]);
    expect(topics).toEqual(expect.arrayContaining(["orders/cancelled", "refunds/create", "app/uninstalled"]));
    const refund = JSON.parse(receiver.received.find((r) => r.headers["x-shopify-topic"] === "refunds/create")?.rawBody ?? "{}") as { refund_line_items: { line_item_id: number; quantity: number }[] };
    expect(refund.refund_line_items[0]).toMatchObject({ line_item_id: Number(line?.id), quantity: 1 });
    const answer = await fetch(`${sim.url}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": token, "x-forwarded-host": sim.shop().domain },
      body: JSON.stringify({ query: "{ shop { name } }" }),
    });
    expect(answer.status).toBe(401);
    await waitFor(() => (receiver.received.length > 0 ? true : undefined));
  });
});
