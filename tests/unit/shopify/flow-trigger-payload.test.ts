import { describe, expect, it } from "vitest";
import { stockoutRiskPayload, type StockoutRiskTrigger } from "~/shopify/flow-triggers.server";
import { promotionCapPayload, type PromotionCapTrigger } from "~/shopify/promotion-cap-trigger.server";

const base: StockoutRiskTrigger = {
  variantId: "4001",
  productId: "3001",
  productTitle: "Linen shirt",
  variantTitle: "M / Sand",
  sku: "LIN-M-SND",
  locationName: "Warehouse",
  projectedStockoutDate: "2026-12-14",
  weeksOfSupply: 0.96,
  severity: "high",
  reason: "Under one week of stock left.",
  url: "https://admin.shopify.com/store/x/apps/tempo-sop/app/variants/4001",
};

describe("stockoutRiskPayload", () => {
  it("turns numeric ids into gids and rounds weeks of supply to one decimal", () => {
    const payload = stockoutRiskPayload(base);
    expect(payload.product_id).toBe("gid://shopify/Product/3001");
    expect(payload["Variant ID"]).toBe("gid://shopify/ProductVariant/4001");
    expect(payload["Weeks of supply"]).toBe(1);
    expect(payload.SKU).toBe("LIN-M-SND");
  });

  it("leaves unknown weeks of supply out and keeps text on one line", () => {
    const payload = stockoutRiskPayload({ ...base, weeksOfSupply: null, reason: "Sells fast.\nNext PO is late." });
    expect("Weeks of supply" in payload).toBe(false);
    expect(payload.Reason).toBe("Sells fast. Next PO is late.");
  });

  it("refuses input Flow would refuse, with the field named", () => {
    expect(() => stockoutRiskPayload({ ...base, projectedStockoutDate: "2026-02-30" })).toThrow('projectedStockoutDate "2026-02-30" is not a YYYY-MM-DD date');
    expect(() => stockoutRiskPayload({ ...base, severity: "urgent" as never })).toThrow('severity "urgent" is not critical, high, medium or low');
    expect(() => stockoutRiskPayload({ ...base, productId: "gid://shopify/ProductVariant/4001" })).toThrow(/productId .* is neither a numeric id nor a gid:\/\/shopify\/Product\/ id/);
    expect(() => stockoutRiskPayload({ ...base, url: "/app/variants/4001" })).toThrow('url "/app/variants/4001" is not an absolute URL');
    expect(() => stockoutRiskPayload({ ...base, weeksOfSupply: Number.NaN })).toThrow("weeksOfSupply NaN is not a finite number");
  });
});

describe("promotionCapPayload", () => {
  const cap: PromotionCapTrigger = {
    variantId: "4001",
    productId: "3001",
    productTitle: "Linen shirt",
    variantTitle: "M / Sand",
    promotionName: "Holiday\nSale",
    discountId: "901",
    capUnits: 40,
    unitsSold: 41,
    reason: "Sold 41 of its cap of 40.",
    url: "https://admin.shopify.com/store/x/apps/tempo-sop/app/promotions/7",
  };

  it("keys the fields as the extension declares them, with the discount as a gid", () => {
    expect(promotionCapPayload(cap)).toEqual({
      product_id: "gid://shopify/Product/3001",
      "Variant ID": "gid://shopify/ProductVariant/4001",
      "Product title": "Linen shirt",
      "Variant title": "M / Sand",
      "Promotion name": "Holiday Sale",
      "Discount ID": "gid://shopify/DiscountNode/901",
      "Cap units": 40,
      "Units sold": 41,
      Reason: "Sold 41 of its cap of 40.",
      "Tempo link": cap.url,
    });
    expect(promotionCapPayload({ ...cap, discountId: null })["Discount ID"]).toBe("");
  });

  it("refuses units that are not a count and a relative link", () => {
    expect(() => promotionCapPayload({ ...cap, capUnits: -1 })).toThrow("capUnits -1 is not a number of units");
    expect(() => promotionCapPayload({ ...cap, unitsSold: Number.NaN })).toThrow("unitsSold NaN is not a number of units");
    expect(() => promotionCapPayload({ ...cap, url: "/app/promotions/7" })).toThrow('url "/app/promotions/7" is not an absolute URL');
  });
});
