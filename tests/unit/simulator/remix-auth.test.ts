import "@shopify/shopify-app-remix/adapters/node";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import type { Session } from "@shopify/shopify-api";
import { ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulatorFetch } from "../../simulator/fetch-bridge";
import type { RunningSimulator } from "../../simulator/server";
import { startReceiver, startTestSimulator, TEST_APP } from "./helpers";

const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

/** Just enough session storage for the library, kept in memory. */
class MemorySessionStorage implements SessionStorage {
  readonly sessions = new Map<string, Session>();
  async storeSession(session: Session) {
    this.sessions.set(session.id, session);
    return true;
  }
  async loadSession(id: string) {
    return this.sessions.get(id);
  }
  async deleteSession(id: string) {
    return this.sessions.delete(id);
  }
  async deleteSessions(ids: string[]) {
    ids.forEach((id) => this.sessions.delete(id));
    return true;
  }
  async findSessionsByShop(shop: string) {
    return [...this.sessions.values()].filter((s) => s.shop === shop);
  }
}

describe("@shopify/shopify-app-remix authenticating against the simulator", () => {
  let sim: RunningSimulator;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const storage = new MemorySessionStorage();
  let shopify: ReturnType<typeof shopifyApp>;

  beforeAll(async () => {
    receiver = await startReceiver();
    sim = await startTestSimulator({ appUrl: receiver.url, webhookTargets: { "orders/create": "/webhooks/sync" } });
    setAbstractFetchFunc(createSimulatorFetch(sim.url));
    shopify = shopifyApp({
      apiKey: TEST_APP.apiKey,
      apiSecretKey: TEST_APP.apiSecret,
      apiVersion: ApiVersion.October26,
      scopes: TEST_APP.scopes,
      appUrl: receiver.url,
      authPathPrefix: "/auth",
      sessionStorage: storage,
      distribution: AppDistribution.AppStore,
      future: { unstable_newEmbeddedAuthStrategy: true },
      logger: { level: 0 },
    });
  });
  afterAll(async () => {
    setAbstractFetchFunc(globalThis.fetch);
    await sim.close();
    await receiver.close();
  });

  it("turns the admin's launch URL into an admin context via token exchange and queries the shop", async () => {
    const request = new Request(sim.launchUrl(undefined, "/app"), { headers: { "User-Agent": BROWSER_UA } });
    const { admin, session } = await shopify.authenticate.admin(request);
    expect(session.shop).toBe(sim.shop().domain);
    expect(session.accessToken).toMatch(/^shpat_/);
    expect(storage.sessions.size).toBe(1);
    const response = await admin.graphql(`#graphql
      query { shop { myshopifyDomain } ordersCount { count } }`);
    const body = (await response.json()) as { data: { shop: { myshopifyDomain: string }; ordersCount: { count: number } } };
    expect(body.data.shop.myshopifyDomain).toBe(sim.shop().domain);
    expect(body.data.ordersCount.count).toBe(sim.shop().store.data.orders.length);
  });

  it("authenticates a fetch carrying the App Bridge bearer token", async () => {
    const request = new Request(`${receiver.url}/app/data?shop=${sim.shop().domain}`, {
      headers: { "User-Agent": BROWSER_UA, Authorization: `Bearer ${sim.sessionToken()}` },
    });
    const { session } = await shopify.authenticate.admin(request);
    expect(session.shop).toBe(sim.shop().domain);
  });

  it("accepts the simulator's webhooks in authenticate.webhook", async () => {
    const variant = sim.shop().store.data.variants[1];
    sim.actions.createOrder(sim.shop(), { lineItems: [{ variantId: variant?.id, quantity: 1 }] });
    await sim.webhooks.idle();
    const delivery = receiver.received.find((r) => r.headers["x-shopify-topic"] === "orders/create");
    expect(delivery).toBeDefined();
    const headers = new Headers();
    for (const [key, value] of Object.entries(delivery?.headers ?? {})) if (typeof value === "string") headers.set(key, value);
    const context = await shopify.authenticate.webhook(new Request(`${receiver.url}/webhooks/sync`, { method: "POST", headers, body: delivery?.rawBody }));
    expect(context.topic).toBe("ORDERS_CREATE");
    expect(context.shop).toBe(sim.shop().domain);
    expect(context.admin).toBeDefined();
  });
});
