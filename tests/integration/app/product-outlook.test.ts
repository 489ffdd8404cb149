import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueSessionToken } from "../../simulator/auth/jwt";
import type { RunningSimulator } from "../../simulator/server";
import { startAppServer, type RunningAppServer } from "../../support/app-server";
import { seedCommittedPlan } from "../../support/plan-fixtures";
import { startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { TEST_APP, TEST_APP_PORT } from "../../support/test-app";
import { installShop, testPrisma } from "../sync/sync-support";
import { closeQueues } from "~/platform/queue/queues.server";
import { outlookView } from "../../../extensions/product-stock-outlook/src/outlook-view";

const shopA = uniqueShopDomain("outlook-a");
const shopB = uniqueShopDomain("outlook-b");
const shopNoPlan = uniqueShopDomain("outlook-none");
// The same Shopify ids in both shops: only the shop scoping tells the rows apart.
const PRODUCT = 9_100_000_001n;
const VARIANT_M = 9_200_000_001n;
const VARIANT_L = 9_200_000_002n;
const WAREHOUSE = 9_300_000_001n;
const STORE = 9_300_000_002n;

let simulator: RunningSimulator;
let app: RunningAppServer;

const headers = (shop: string, extra: Record<string, string> = {}) => ({
  Authorization: `Bearer ${simulator.sessionToken(shop)}`,
  Origin: simulator.url,
  "User-Agent": "Mozilla/5.0 Chrome/126.0",
  ...extra,
});

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain: shopA }, { shopDomain: shopB }, { shopDomain: shopNoPlan }]);
  app = await startAppServer(TEST_APP_PORT);
  const [a, b, none] = [await installShop(simulator, shopA), await installShop(simulator, shopB), await installShop(simulator, shopNoPlan)];
  await seedCommittedPlan(testPrisma, {
    shopId: a,
    productId: PRODUCT,
    productTitle: "Linen shirt",
    asOf: "2026-12-01",
    variants: [
      {
        variantId: VARIANT_M,
        title: "M / Sand",
        sku: "LIN-M",
        locations: [
          { locationId: WAREHOUSE, locationName: "Warehouse", available: 30, inbound: 100, weeksOfSupply: 5.2, projectedStockoutDate: "2027-01-05", orderByDate: "2026-12-10", proposal: { status: "PROPOSED", quantity: 120, orderByDate: "2026-12-10", expectedArrivalDate: "2026-12-31" } },
          { locationId: STORE, locationName: "Flagship store", available: 4, weeksOfSupply: 1.5, projectedStockoutDate: "2026-12-11", leadTimeDays: 14 },
        ],
      },
      { variantId: VARIANT_L, title: "L / Sand", sku: null, locations: [{ locationId: WAREHOUSE, locationName: "Warehouse", available: 80, weeksOfSupply: null, projectedStockoutDate: null }] },
    ],
  });
  // A proposal the merchant rejected is not open, so the block never shows it.
  await testPrisma.reorderProposal.create({
    data: { shopId: a, variantId: VARIANT_L, locationId: WAREHOUSE, status: "REJECTED", suggestedQuantity: 5, quantity: 5, orderByDate: new Date("2026-12-02"), expectedArrivalDate: new Date("2026-12-20"), reason: "x", termsSource: "shop", termsNote: "x", planRunId: 0 },
  });
  // Shop B: same ids, other numbers, and an older committed run plus a newer uncommitted one.
  await seedCommittedPlan(testPrisma, {
    shopId: b,
    productId: PRODUCT,
    productTitle: "Linen shirt (B)",
    asOf: "2026-11-20",
    variants: [{ variantId: VARIANT_M, title: "M / Sand", sku: "B-LIN-M", locations: [{ locationId: WAREHOUSE, locationName: "B warehouse", available: 999, weeksOfSupply: 40, projectedStockoutDate: null }] }],
  });
  await seedCommittedPlan(testPrisma, {
    shopId: b,
    productId: PRODUCT,
    productTitle: "Linen shirt (B)",
    asOf: "2026-11-27",
    activate: false,
    variants: [{ variantId: VARIANT_M, title: "M / Sand", sku: "B-LIN-M", locations: [{ locationId: WAREHOUSE, locationName: "B warehouse", available: 1, weeksOfSupply: 0.1, projectedStockoutDate: "2026-11-28" }] }],
  });
  await testPrisma.product.create({ data: { shopId: none, id: PRODUCT, title: "Linen shirt" } });
});

afterAll(async () => {
  await app?.close();
  await simulator?.close();
  await closeQueues();
  await testPrisma.$disconnect();
});

describe("GET /api/product-stock-outlook/:productId (the admin block's backend)", () => {
  it("answers the committed plan per variant, per location and in total, with the open proposal and a CORS header", async () => {
    const response = await fetch(`${app.url}/api/product-stock-outlook/${PRODUCT}`, { headers: headers(shopA) });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = await response.json();
    expect(body).toEqual({
      state: "ready",
      productId: String(PRODUCT),
      productTitle: "Linen shirt",
      asOf: "2026-12-01",
      variants: [
        {
          variantId: String(VARIANT_M),
          title: "M / Sand",
          sku: "LIN-M",
          link: `/app/variants/${VARIANT_M}`,
          planned: true,
          total: { available: 34, onHand: 34, inbound: 100, weeksOfSupply: 1.5, projectedStockoutDate: "2026-12-11", stockoutLocationName: "Flagship store", proposedUnits: 120 },
          locations: [
            { locationId: String(STORE), locationName: "Flagship store", available: 4, onHand: 4, inbound: 0, weeksOfSupply: 1.5, projectedStockoutDate: "2026-12-11", orderByDate: null, leadTimeDays: 14, reason: "1.5 weeks of supply at Flagship store", proposal: null },
            {
              locationId: String(WAREHOUSE),
              locationName: "Warehouse",
              available: 30,
              onHand: 30,
              inbound: 100,
              weeksOfSupply: 5.2,
              projectedStockoutDate: "2027-01-05",
              orderByDate: "2026-12-10",
              leadTimeDays: 21,
              reason: "5.2 weeks of supply at Warehouse",
              proposal: { id: expect.any(Number), status: "PROPOSED", quantity: 120, orderByDate: "2026-12-10", expectedArrivalDate: "2026-12-31", reason: "Reorder point reached" },
            },
          ],
        },
        {
          variantId: String(VARIANT_L),
          title: "L / Sand",
          sku: null,
          link: `/app/variants/${VARIANT_L}`,
          planned: true,
          total: { available: 80, onHand: 80, inbound: 0, weeksOfSupply: null, projectedStockoutDate: null, stockoutLocationName: null, proposedUnits: 0 },
          locations: [expect.objectContaining({ locationName: "Warehouse", proposal: null })],
        },
      ],
    });
    // The block's own view model reads the real answer.
    const view = outlookView(body);
    expect(view.kind === "table" && view.rows.map((r) => [r.title, r.weeks, r.stockout, r.stockoutTone])).toEqual([
      ["M / Sand", "1.5 weeks", "Dec 11, 2026", "critical"],
      ["L / Sand", "Not selling", "None projected", "success"],
    ]);
  });

  it("reads only the asking shop's committed run: the same ids in another shop give that shop's rows", async () => {
    const body = await (await fetch(`${app.url}/api/product-stock-outlook/${PRODUCT}`, { headers: headers(shopB) })).json();
    expect(body.productTitle).toBe("Linen shirt (B)");
    expect(body.asOf).toBe("2026-11-20");
    expect(body.variants).toHaveLength(1);
    expect(body.variants[0].sku).toBe("B-LIN-M");
    expect(body.variants[0].locations).toEqual([expect.objectContaining({ locationName: "B warehouse", available: 999, proposal: null })]);
  });

  it("explains a shop without a plan and a product Tempo does not know", async () => {
    const noPlan = await (await fetch(`${app.url}/api/product-stock-outlook/${PRODUCT}`, { headers: headers(shopNoPlan) })).json();
    expect(noPlan).toEqual({ state: "no-plan", productId: String(PRODUCT) });
    const unknown = await (await fetch(`${app.url}/api/product-stock-outlook/123`, { headers: headers(shopA) })).json();
    expect(unknown).toEqual({ state: "unknown-product", productId: "123" });
  });

  it("answers the CORS preflight the block's cross-origin fetch sends", async () => {
    const response = await fetch(`${app.url}/api/product-stock-outlook/${PRODUCT}`, {
      method: "OPTIONS",
      headers: { Origin: simulator.url, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization", "User-Agent": "Mozilla/5.0 Chrome/126.0" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")).toContain("Authorization");
  });

  it("refuses a token signed with another secret and a product id that is not numeric", async () => {
    const forged = issueSessionToken({ shop: shopA, apiKey: TEST_APP.apiKey, apiSecret: "not-the-secret" });
    const refused = await fetch(`${app.url}/api/product-stock-outlook/${PRODUCT}`, { headers: headers(shopA, { Authorization: `Bearer ${forged}` }) });
    expect(refused.status).toBe(401);
    const bad = await fetch(`${app.url}/api/product-stock-outlook/gid%3A%2F%2Fshopify%2FProduct%2F1`, { headers: headers(shopA) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: '"gid://shopify/Product/1" is not a numeric product id' });
  });
});
