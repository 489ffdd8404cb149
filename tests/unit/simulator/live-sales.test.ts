import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSimulator, type RunningSimulator } from "../../simulator/server";
import { generateBrand } from "../../simulator/seed/brand-generator";
import { recentSoldLines } from "../../simulator/live/live-sales";
import { startReceiver, waitFor } from "./helpers";

const shopDomain = "live-sales.myshopify.com";
let simulator: RunningSimulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
  simulator = await startSimulator({
    app: {
      apiKey: "k",
      apiSecret: "s",
      appUrl: receiver.url,
      scopes: ["read_orders"],
      handle: "tempo-sop",
      webhookTargets: { "orders/create": "/webhooks/sync", "inventory_levels/update": "/webhooks/sync" },
    },
    shops: [generateBrand({ seed: 3, shopDomain, variants: 30, historyDays: 90, endDate: "2026-11-30" })],
    now: () => new Date("2026-11-30T12:00:00Z"),
  });
  simulator.shop(shopDomain).installed = true;
});

afterAll(async () => {
  await simulator?.close();
  await receiver?.close();
});

describe("live sales", () => {
  it("copies the brand's recent sold lines", () => {
    const lines = recentSoldLines(simulator.shop(shopDomain), 28, new Date("2026-11-30T12:00:00Z"));
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(line.quantity).toBeGreaterThanOrEqual(1);
  });

  it("keeps creating orders with their webhooks, from stocked variants only, until stopped", async () => {
    let made = 0;
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const shop = simulator.shop(shopDomain);
      const before = shop.store.data.orders.length;
      const sales = simulator.liveSales.start(shopDomain, { orderEverySeconds: 1, restockEverySeconds: 5 });
      await vi.advanceTimersByTimeAsync(30_000);
      made = sales.counts().orders;
      expect(made).toBeGreaterThan(5);
      expect(shop.store.data.orders.length).toBe(before + made);
      expect(shop.store.data.inventoryLevels.every((l) => l.quantities.available >= 0)).toBe(true);
      simulator.liveSales.stop();
      await vi.advanceTimersByTimeAsync(30_000);
      expect(sales.counts().orders).toBe(made);
    } finally {
      vi.useRealTimers();
    }
    const topicsReceived = () => receiver.received.map((r) => r.headers["x-shopify-topic"]);
    await waitFor(() => (topicsReceived().filter((t) => t === "orders/create").length >= made ? true : undefined));
    expect(topicsReceived()).toContain("inventory_levels/update");
  });
});
