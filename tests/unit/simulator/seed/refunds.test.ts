import { describe, expect, it } from "vitest";
import { defaultBrand, refundedByLine } from "./fixture";

describe("refunds and cancellations of the default brand", () => {
  const data = defaultBrand();

  it("never refund more than a line's quantity, and currentQuantity is what is left", () => {
    const problems: string[] = [];
    for (const order of data.orders) {
      const refunded = refundedByLine(order);
      const lineIds = new Set(order.lineItems.map((line) => line.id));
      for (const lineId of refunded.keys()) if (!lineIds.has(lineId)) problems.push(`${order.name} refunds unknown line ${lineId}`);
      for (const line of order.lineItems) {
        const refundedUnits = refunded.get(line.id) ?? 0;
        if (refundedUnits > line.quantity) problems.push(`${line.id} refunds ${refundedUnits} of ${line.quantity}`);
        if (line.currentQuantity !== line.quantity - refundedUnits) problems.push(`${line.id} currentQuantity ${line.currentQuantity}`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it("refund a few percent of orders, partly, as returns after the sale", () => {
    const returned = data.orders.filter((order) => order.cancelledAt === null && order.refunds.length > 0);
    const share = returned.length / data.orders.length;
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.08);
    const restockTypes = new Set(returned.flatMap((order) => order.refunds.flatMap((refund) => refund.refundLineItems.map((line) => line.restockType))));
    expect(restockTypes.has("RETURN")).toBe(true);
    const partial = returned.some((order) => order.lineItems.some((line) => line.currentQuantity > 0 && line.currentQuantity < line.quantity));
    expect(partial).toBe(true);
    for (const order of returned) {
      for (const refund of order.refunds) {
        expect(refund.createdAt > order.processedAt).toBe(true);
        expect(order.updatedAt >= refund.createdAt).toBe(true);
      }
    }
  });

  it("cancel about 1% of orders, fully refunded", () => {
    const cancelled = data.orders.filter((order) => order.cancelledAt !== null);
    expect(cancelled.length / data.orders.length).toBeGreaterThan(0.004);
    expect(cancelled.length / data.orders.length).toBeLessThan(0.02);
    for (const order of cancelled) {
      expect(order.cancelReason).not.toBeNull();
      expect((order.cancelledAt ?? "") >= order.processedAt).toBe(true);
      for (const line of order.lineItems) expect(line.currentQuantity).toBe(0);
      expect(order.refunds.flatMap((refund) => refund.refundLineItems).every((line) => line.restockType === "CANCEL")).toBe(true);
    }
  });

  it("refund no more money than was paid for the refunded units", () => {
    const problems: string[] = [];
    for (const order of data.orders) {
      const lineById = new Map(order.lineItems.map((line) => [line.id, line]));
      for (const refund of order.refunds) {
        for (const refundLine of refund.refundLineItems) {
          const line = lineById.get(refundLine.lineItemId);
          if (!line) throw new Error("refund of an unknown line");
          const discount = line.discountAllocations.reduce((sum, allocation) => sum + Number(allocation.amount), 0);
          const paidPerUnit = (Number(line.originalUnitPrice) * line.quantity - discount) / line.quantity;
          const subtotal = Number(refundLine.subtotal);
          if (subtotal <= 0 || subtotal > paidPerUnit * refundLine.quantity + 0.01) problems.push(`${line.id} refund ${subtotal}`);
        }
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });
});
