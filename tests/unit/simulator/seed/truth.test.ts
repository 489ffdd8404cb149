import { describe, expect, it } from "vitest";
import { summarizeTruth } from "../../../simulator/seed/truth";
import type { ShopData, SimLineItem, SimOrder } from "../../../simulator/store/types";
import { defaultBrand } from "./fixture";

function line(id: string, variantId: string | null, quantity: number, currentQuantity = quantity): SimLineItem {
  return { id, variantId, productId: "1", sku: "SKU", title: "Tee", quantity, currentQuantity, originalUnitPrice: "10.00", discountAllocations: [] };
}

function order(id: string, overrides: Partial<SimOrder>): SimOrder {
  return {
    id, name: `#${id}`, createdAt: "2025-01-01T10:00:00Z", processedAt: "2025-01-01T10:00:00Z", updatedAt: "2025-01-01T10:00:00Z",
    cancelledAt: null, cancelReason: null, sourceName: "web", channelName: "Online Store", locationId: "L1", currencyCode: "USD",
    test: false, lineItems: [], refunds: [], discountCodes: [], ...overrides,
  };
}

describe("summarizeTruth", () => {
  it("nets refunds and cancellations per variant and location", () => {
    const orders = [
      order("1", { lineItems: [line("11", "A", 3, 2), line("12", "B", 1)], refunds: [{ id: "r1", createdAt: "2025-01-09T10:00:00Z", refundLineItems: [{ lineItemId: "11", quantity: 1, restockType: "RETURN", subtotal: "10.00" }] }] }),
      order("2", { processedAt: "2025-02-01T10:00:00Z", cancelledAt: "2025-02-01T11:00:00Z", lineItems: [line("21", "A", 2, 0)], refunds: [{ id: "r2", createdAt: "2025-02-01T11:00:00Z", refundLineItems: [{ lineItemId: "21", quantity: 2, restockType: "CANCEL", subtotal: "20.00" }] }] }),
      order("3", { processedAt: "2024-12-24T10:00:00Z", channelName: "Point of Sale", locationId: "L2", lineItems: [line("31", "A", 4), line("32", null, 1)] }),
    ];
    const data = { orders } as unknown as ShopData;
    const summary = summarizeTruth(data);
    expect(summary.orders).toBe(3);
    expect(summary.cancelledOrders).toBe(1);
    expect(summary.ordersWithRefunds).toBe(2);
    expect(summary.orderLines).toBe(5);
    expect(summary.unitsSold).toBe(11);
    expect(summary.unitsRefunded).toBe(3);
    expect(summary.netUnits).toBe(8);
    expect(summary.netUnitsByVariant).toEqual({ A: 6, B: 1 });
    expect(summary.netUnitsByVariantLocation).toEqual({ "A@L1": 2, "B@L1": 1, "A@L2": 4 });
    expect(summary.linesByChannel).toEqual({ "Online Store": 3, "Point of Sale": 2 });
    expect(summary.firstProcessedAt).toBe("2024-12-24T10:00:00Z");
    expect(summary.lastProcessedAt).toBe("2025-02-01T10:00:00Z");
  });

  it("sums the generated brand consistently: per-variant net units add up to the total", () => {
    const summary = summarizeTruth(defaultBrand());
    const byVariant = Object.values(summary.netUnitsByVariant).reduce((a, b) => a + b, 0);
    expect(byVariant).toBe(summary.netUnits);
    expect(summary.orderLines).toBeGreaterThan(40_000);
    expect(summary.netUnits).toBeLessThan(summary.unitsSold);
  });
});
