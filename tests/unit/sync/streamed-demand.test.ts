import { describe, expect, it } from "vitest";
import type { OrderLineRecord, OrderRecord } from "~/shopify/sync-records";
import { DemandAccumulator, scaled4 } from "~/sync/streamed-demand";

const order = (id: number, day: number): OrderRecord => {
  const at = new Date(Date.UTC(2025, 0, 1 + day, 12));
  return { id: BigInt(id), name: "", processedAt: at, createdAt: at, updatedAt: at, cancelledAt: null, channel: null, locationId: 1n, currencyCode: null, test: false, discountCodes: [], refundedByLine: null, hasRefunds: false };
};
const line = (id: number, orderId: number, unitPrice = "10.00", discount = "0.00"): OrderLineRecord => ({
  id: BigInt(id),
  orderId: BigInt(orderId),
  variantId: 7n,
  productId: 1n,
  sku: null,
  quantity: 1,
  currentQuantity: 1,
  unitPrice,
  discount,
});

describe("DemandAccumulator", () => {
  it("gives up its sum (and its memory) past maxCells, so the SQL rebuild takes over", () => {
    const demand = new DemandAccumulator("UTC", 3);
    demand.add([order(1, 0), order(2, 1), order(3, 2)], [line(1, 1), line(2, 2), line(3, 3)]);
    expect(demand.exact).toBe(true);
    expect(demand.size).toBe(3);
    demand.add([order(4, 3)], [line(4, 4)]);
    expect(demand.exact).toBe(false);
    expect(demand.size).toBe(0);
  });

  it("gives up on an amount that is not a plain decimal", () => {
    const demand = new DemandAccumulator("UTC");
    demand.add([order(1, 0)], [line(1, 1, "1e3")]);
    expect(demand.exact).toBe(false);
  });

  it("reads amounts as numeric(18,4) stores them", () => {
    expect(scaled4("19.99")).toBe(199_900n);
    expect(scaled4("0.00005")).toBe(1n);
    expect(scaled4("-0.00005")).toBe(-1n);
    expect(scaled4("7.123449")).toBe(71_234n);
    expect(scaled4("abc")).toBeNull();
  });
});
