import { describe, expect, it } from "vitest";
import type { ShopData } from "../../../simulator/store/types";
import { dayIndex, defaultBrand, HISTORY_DAYS } from "./fixture";

function addAt(values: Int32Array, index: number, amount: number): void {
  values[index] = (values[index] ?? 0) + amount;
}

/** Per "variantId@locationId", per day: start-of-day receipts and end-of-day net sales, rebuilt from the records. */
function rebuildFlows(data: ShopData): Map<string, { received: Int32Array; sold: Int32Array }> {
  const flows = new Map<string, { received: Int32Array; sold: Int32Array }>();
  const flowOf = (key: string) => {
    let flow = flows.get(key);
    if (!flow) {
      flow = { received: new Int32Array(HISTORY_DAYS + 1), sold: new Int32Array(HISTORY_DAYS + 1) };
      flows.set(key, flow);
    }
    return flow;
  };
  for (const order of data.truth.purchaseOrders ?? []) {
    if (order.receivedAt !== null) addAt(flowOf(`${order.variantId}@${order.locationId}`).received, dayIndex(order.receivedAt), order.quantity);
  }
  for (const order of data.orders) {
    const variantOfLine = new Map(order.lineItems.map((line) => [line.id, line.variantId ?? ""]));
    for (const line of order.lineItems) addAt(flowOf(`${line.variantId}@${order.locationId}`).sold, dayIndex(order.processedAt), line.quantity);
    for (const refund of order.refunds) {
      for (const refundLine of refund.refundLineItems) {
        const flow = flowOf(`${variantOfLine.get(refundLine.lineItemId)}@${order.locationId}`);
        // Cancellations go back on the shelf the same day; returns arrive at the start of their day.
        if (refundLine.restockType === "CANCEL") addAt(flow.sold, dayIndex(refund.createdAt), -refundLine.quantity);
        if (refundLine.restockType === "RETURN") addAt(flow.received, dayIndex(refund.createdAt), refundLine.quantity);
      }
    }
  }
  return flows;
}

describe("inventory of the default brand", () => {
  const data = defaultBrand();
  const flows = rebuildFlows(data);
  const variantOfItem = new Map(data.variants.map((variant) => [variant.inventoryItemId, variant]));

  it("has non-negative levels where on_hand = available + committed and incoming comes from open POs", () => {
    const openOrders = new Map<string, number>();
    for (const order of data.truth.purchaseOrders ?? []) {
      if (order.receivedAt === null) openOrders.set(`${order.variantId}@${order.locationId}`, (openOrders.get(`${order.variantId}@${order.locationId}`) ?? 0) + order.quantity);
    }
    expect(openOrders.size).toBeGreaterThan(0);
    for (const level of data.inventoryLevels) {
      const { available, on_hand: onHand, committed, incoming } = level.quantities;
      for (const quantity of Object.values(level.quantities)) expect(quantity).toBeGreaterThanOrEqual(0);
      expect(onHand).toBe(available + committed);
      const variant = variantOfItem.get(level.inventoryItemId);
      expect(incoming).toBe(openOrders.get(`${variant?.id}@${level.locationId}`) ?? 0);
    }
    expect(data.inventoryLevels.some((level) => level.quantities.committed > 0)).toBe(true);
  });

  it("ends with the stock that receipts, returns, cancellations and sales add up to", () => {
    for (const level of data.inventoryLevels) {
      const flow = flows.get(`${variantOfItem.get(level.inventoryItemId)?.id}@${level.locationId}`);
      const expected = flow ? flow.received.reduce((a, b) => a + b, 0) - flow.sold.reduce((a, b) => a + b, 0) : 0;
      expect(level.quantities.available).toBe(expected);
    }
  });

  it("has stockouts, and no sales inside any of them at that location", () => {
    expect(data.truth.stockouts.length).toBeGreaterThan(20);
    const late = (data.truth.purchaseOrders ?? []).filter((order) => order.receivedAt !== null && order.receivedAt > order.expectedAt);
    expect(late.length).toBeGreaterThan(0);
    const saleDays = new Map<string, Set<number>>();
    for (const order of data.orders) {
      for (const line of order.lineItems) {
        const key = `${line.variantId}@${order.locationId}`;
        if (!saleDays.has(key)) saleDays.set(key, new Set());
        saleDays.get(key)?.add(dayIndex(order.processedAt));
      }
    }
    for (const stockout of data.truth.stockouts) {
      const days = saleDays.get(`${stockout.variantId}@${stockout.locationId}`) ?? new Set<number>();
      expect(Date.parse(stockout.to)).toBeGreaterThan(Date.parse(stockout.from));
      for (let day = dayIndex(stockout.from); day < dayIndex(stockout.to); day++) expect(days.has(day), `${stockout.variantId} day ${day}`).toBe(false);
    }
  });

  it("records exactly the days an active variant starts with zero stock", () => {
    const inStockout = new Map<string, Uint8Array>();
    for (const stockout of data.truth.stockouts) {
      const key = `${stockout.variantId}@${stockout.locationId}`;
      const days = inStockout.get(key) ?? new Uint8Array(HISTORY_DAYS);
      for (let day = dayIndex(stockout.from); day < dayIndex(stockout.to); day++) days[day] = 1;
      inStockout.set(key, days);
    }
    const activeProducts = new Set(data.products.filter((product) => product.status === "ACTIVE").map((product) => product.id));
    let checkedDays = 0;
    const mismatches: string[] = [];
    for (const variant of data.variants) {
      for (const location of data.locations) {
        const key = `${variant.id}@${location.id}`;
        const flow = flows.get(key);
        if (!flow) continue;
        const marked = inStockout.get(key) ?? new Uint8Array(HISTORY_DAYS);
        let stock = 0;
        let opened = false;
        for (let day = 0; day < HISTORY_DAYS; day++) {
          stock += flow.received[day] ?? 0;
          opened ||= stock > 0;
          const wrong = stock < 0 || (marked[day] ? stock !== 0 : opened && activeProducts.has(variant.productId) && stock === 0);
          if (wrong) mismatches.push(`${key} day ${day} stock ${stock} marked ${marked[day]}`);
          checkedDays++;
          stock -= flow.sold[day] ?? 0;
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(checkedDays).toBeGreaterThan(HISTORY_DAYS * 100);
  });
});
