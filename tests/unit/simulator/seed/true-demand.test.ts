import { describe, expect, it } from "vitest";
import { generateBrand } from "../../../simulator/seed/brand-generator";

// Whole brands are generated; allow for a busy machine.
describe("uncensored weekly demand (trueDemand)", { timeout: 30_000 }, () => {
  const options = { seed: 11, variants: 60, historyDays: 365 };
  const plain = generateBrand(options);
  const withTruth = generateBrand({ ...options, trueDemand: true });
  const truth = withTruth.truth.weeklyDemand!;

  it("is off by default and leaves the shop itself unchanged", () => {
    expect(plain.truth.weeklyDemand).toBeUndefined();
    const { weeklyDemand: _recorded, ...rest } = withTruth.truth;
    expect(JSON.stringify({ ...withTruth, truth: rest })).toBe(JSON.stringify(plain));
  });

  it("covers complete Monday weeks of every carried variant and location", () => {
    // 2025-11-01 (a Saturday) to 2026-10-31: the first Monday is 3 November, the last complete week starts 19 October.
    expect(truth.weekStarts[0]).toBe("2025-11-03");
    expect(truth.weekStarts.at(-1)).toBe("2026-10-19");
    expect(truth.weekStarts.length).toBe(51);
    for (const start of truth.weekStarts) expect(new Date(`${start}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(truth.cells.length).toBe(withTruth.inventoryLevels.length);
  });

  it("is at least what sold each week, and more where stock ran out", () => {
    const sold = new Map<string, number[]>();
    const first = Date.parse(`${truth.weekStarts[0]}T00:00:00Z`);
    for (const order of withTruth.orders) {
      const week = Math.floor((Date.parse(order.processedAt) - first) / (7 * 86_400_000));
      if (week < 0 || week >= truth.weekStarts.length) continue;
      for (const line of order.lineItems) {
        const key = `${line.variantId}@${order.locationId}`;
        const weeks = sold.get(key) ?? new Array<number>(truth.weekStarts.length).fill(0);
        weeks[week]! += line.quantity;
        sold.set(key, weeks);
      }
    }
    let lostWeeks = 0;
    for (const cell of truth.cells) {
      const soldWeeks = sold.get(`${cell.variantId}@${cell.locationId}`) ?? [];
      cell.units.forEach((units, w) => {
        expect(units).toBeGreaterThanOrEqual(soldWeeks[w] ?? 0);
        if (units > (soldWeeks[w] ?? 0)) lostWeeks++;
      });
    }
    const stockedOut = new Set(withTruth.truth.stockouts.map((s) => `${s.variantId}@${s.locationId}`));
    expect(stockedOut.size).toBeGreaterThan(0);
    expect(lostWeeks).toBeGreaterThan(0);
  });
});
