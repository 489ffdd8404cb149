import { describe, expect, it } from "vitest";
import { dayIndex, defaultBrand, meanOver, unitsByDay } from "./fixture";

describe("past promotions of the default brand", () => {
  const data = defaultBrand();
  const promotions = data.truth.promotions;

  it("include BFCM, spring and summer sales and product-specific flash sales, 10-40% deep", () => {
    const codes = promotions.map((promotion) => promotion.code);
    for (const prefix of ["BFCM", "SPRING", "SUMMER", "FLASH"]) expect(codes.some((code) => code.startsWith(prefix))).toBe(true);
    for (const promotion of promotions) {
      expect(promotion.discountPct).toBeGreaterThanOrEqual(0.1);
      expect(promotion.discountPct).toBeLessThanOrEqual(0.4);
      expect(promotion.productIds.length).toBeGreaterThan(0);
    }
    const flash = promotions.filter((promotion) => promotion.code.startsWith("FLASH"));
    for (const promotion of flash) expect(promotion.productIds.length).toBeLessThan(data.products.length / 4);
  });

  it("lift units per day during the promotion, more for deeper discounts, and dip right after", () => {
    // Flash sales cover one to three products of a small shop: judged together, a single late PO would swamp one.
    const flash = { before: 0, during: 0, after: 0, liftFloor: 0 };
    for (const promotion of promotions) {
      const promoted = new Set(promotion.productIds);
      const units = unitsByDay(data, (_, line) => promoted.has(line.productId ?? ""));
      const start = dayIndex(promotion.startsAt);
      const end = dayIndex(promotion.endsAt);
      const before = meanOver(units, start - 14, start);
      const during = meanOver(units, start, end);
      const after = meanOver(units, end, end + 7);
      const liftFloor = 1 + 2.5 * promotion.discountPct;
      if (promotion.code.startsWith("FLASH")) {
        flash.before += before;
        flash.during += during;
        flash.after += after;
        flash.liftFloor = Math.max(flash.liftFloor, liftFloor);
      } else {
        expect(during, promotion.code).toBeGreaterThan(liftFloor * before);
        expect(after, promotion.code).toBeLessThan(before);
      }
    }
    expect(flash.during).toBeGreaterThan(flash.liftFloor * flash.before);
    expect(flash.after).toBeLessThan(flash.before);
  });

  it("lift more for deeper discounts", () => {
    const liftOf = (code: string): number => {
      const promotion = promotions.find((candidate) => candidate.code === code);
      if (!promotion) throw new Error(`no ${code}`);
      const promoted = new Set(promotion.productIds);
      const units = unitsByDay(data, (_, line) => promoted.has(line.productId ?? ""));
      const start = dayIndex(promotion.startsAt);
      return meanOver(units, start, dayIndex(promotion.endsAt)) / meanOver(units, start - 28, start);
    };
    const seasonal = promotions.filter((promotion) => !promotion.code.startsWith("FLASH")).sort((a, b) => a.discountPct - b.discountPct);
    const shallowest = seasonal[0];
    const deepest = seasonal[seasonal.length - 1];
    if (!shallowest || !deepest) throw new Error("no seasonal promotions");
    expect(deepest.discountPct).toBeGreaterThan(shallowest.discountPct);
    expect(liftOf(deepest.code)).toBeGreaterThan(liftOf(shallowest.code));
  });

  it("put discount allocations and the code on exactly the promoted lines", () => {
    const windows = promotions.map((promotion) => ({
      promotion,
      start: dayIndex(promotion.startsAt),
      end: dayIndex(promotion.endsAt),
      products: new Set(promotion.productIds),
    }));
    let discountedLines = 0;
    const problems: string[] = [];
    for (const order of data.orders) {
      const day = dayIndex(order.processedAt);
      const codes = new Set<string>();
      for (const line of order.lineItems) {
        const running = windows.find((window) => day >= window.start && day < window.end && window.products.has(line.productId ?? ""))?.promotion;
        const discount = line.discountAllocations.reduce((sum, allocation) => sum + Number(allocation.amount), 0);
        if (!running) {
          if (line.discountAllocations.length > 0) problems.push(`${line.id} discounted outside a promotion`);
          continue;
        }
        discountedLines++;
        codes.add(running.code);
        const expected = Number(line.originalUnitPrice) * line.quantity * running.discountPct;
        if (Math.abs(discount - expected) > 0.01) problems.push(`${line.id} discount ${discount} instead of ${expected}`);
      }
      if (order.discountCodes.slice().sort().join() !== [...codes].sort().join()) problems.push(`${order.name} codes ${order.discountCodes.join()}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(discountedLines).toBeGreaterThan(100);
  });
});
