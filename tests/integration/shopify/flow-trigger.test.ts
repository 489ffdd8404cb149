import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { startSimulatedShops, uniqueShopDomain } from "../../support/simulated-shop";
import { installShop, testPrisma } from "../sync/sync-support";
import { throttledOfflineGraphql } from "~/shopify/offline-client.server";
import { FlowTriggerError, sendStockoutRiskTrigger, type StockoutRiskTrigger } from "~/shopify/flow-triggers.server";

const shopDomain = uniqueShopDomain("flow");
let simulator: RunningSimulator;
let trigger: StockoutRiskTrigger;

beforeAll(async () => {
  simulator = await startSimulatedShops([{ shopDomain, variants: 6, historyDays: 30 }]);
  await installShop(simulator, shopDomain);
  const data = simulator.shop(shopDomain).store.data;
  const variant = data.variants[0]!;
  const product = data.products.find((p) => p.id === variant.productId)!;
  trigger = {
    variantId: `gid://shopify/ProductVariant/${variant.id}`,
    productId: `gid://shopify/Product/${product.id}`,
    productTitle: product.title,
    variantTitle: variant.title,
    sku: null,
    locationName: data.locations[0]!.name,
    projectedStockoutDate: "2026-12-14",
    weeksOfSupply: 1.43,
    severity: "critical",
    reason: "1.4 weeks of stock left; the next delivery is 3 weeks out.",
    url: `https://admin.shopify.com/store/${shopDomain.replace(".myshopify.com", "")}/apps/tempo-sop/app/variants/${variant.id}`,
  };
});

afterAll(async () => {
  await simulator?.close();
  await testPrisma.$disconnect();
});

describe("sendStockoutRiskTrigger through the app's offline Admin client", () => {
  it("reaches Flow with the payload the trigger extension declares", async () => {
    const client = await throttledOfflineGraphql(shopDomain);
    await sendStockoutRiskTrigger(client, trigger);
    const recorded = simulator.flowTriggers(shopDomain);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.handle).toBe("stockout-risk");
    expect(recorded[0]?.payload).toEqual({
      product_id: trigger.productId,
      "Variant ID": trigger.variantId,
      "Product title": trigger.productTitle,
      "Variant title": trigger.variantTitle,
      SKU: "",
      "Location name": trigger.locationName,
      "Projected stockout date": "2026-12-14",
      "Weeks of supply": 1.4,
      Severity: "critical",
      Reason: trigger.reason,
      "Tempo link": trigger.url,
    });
  });

  it("turns Flow's userErrors into an error that names the variant and the problem", async () => {
    const client = await throttledOfflineGraphql(shopDomain);
    const before = simulator.flowTriggers(shopDomain).length;
    const otherShopsProduct = { ...trigger, productId: "gid://shopify/Product/987654321" };
    const error = await sendStockoutRiskTrigger(client, otherShopsProduct).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlowTriggerError);
    expect((error as Error).message).toBe(
      `Shopify Flow refused the stockout-risk trigger for variant ${trigger.variantId} at ${trigger.locationName}: payload.product_id: 'product_id': product 987654321 does not exist`,
    );
    expect(simulator.flowTriggers(shopDomain)).toHaveLength(before);
  });

  it("refuses input Flow could not take before sending anything", async () => {
    const client = await throttledOfflineGraphql(shopDomain);
    await expect(sendStockoutRiskTrigger(client, { ...trigger, projectedStockoutDate: "14/12/2026" })).rejects.toThrow(
      'projectedStockoutDate "14/12/2026" is not a YYYY-MM-DD date',
    );
  });
});
