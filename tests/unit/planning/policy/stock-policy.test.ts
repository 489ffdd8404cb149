import { describe, expect, it } from "vitest";
import type { CorrelatedDemandDistribution, OccurrenceSizeDemandDistribution } from "../../../../app/planning/forecast";
import { classifyAbc, computeStockPolicy, serviceLevelFor } from "../../../../app/planning/policy";

const weeks = 26;
const steady: CorrelatedDemandDistribution = { version: 1, family: "normal", mean: Array(weeks).fill(10), sd: Array(weeks).fill(2), persistence: 0, levelShare: 0 };
const Z95 = 1.6448536;

describe("computeStockPolicy", () => {
  it("normal demand with independent weeks: S is the 95% quantile over L + R, s adds the same safety stock to lead-time demand", () => {
    const policy = computeStockPolicy({ distribution: steady, leadTimeDays: 14, reviewDays: 7, serviceLevel: 0.95, classLabel: "B class" });
    // Three weeks: mean 30, variance 3 × 2² = 12.
    const safety = Z95 * Math.sqrt(12);
    expect(policy.protectionDemand).toBeCloseTo(30, 9);
    expect(policy.leadTimeDemand).toBeCloseTo(20, 9);
    expect(policy.safetyStock).toBeCloseTo(safety, 4);
    expect(policy.orderUpTo).toBe(Math.ceil(30 + safety));
    expect(policy.reorderPoint).toBe(Math.ceil(20 + safety));
    expect(policy.method).toBe("normal");
    expect(policy.reason).toBe(
      "95% service (B class): 2-week lead time + 1-week review; about 30 units sell in that time and 36 covers 95% of outcomes, so safety stock 5.7, reorder at 26, order up to 36.",
    );
  });

  it("a lead time that varies widens the safety stock by z·rate·σ_L in quadrature", () => {
    const policy = computeStockPolicy({ distribution: steady, leadTimeDays: 14, leadTimeSdDays: 7, reviewDays: 7, serviceLevel: 0.95, classLabel: "A class" });
    const demandDeviation = Z95 * Math.sqrt(12);
    const leadDeviation = Z95 * (30 / 21) * 7;
    expect(policy.safetyStock).toBeCloseTo(Math.sqrt(demandDeviation ** 2 + leadDeviation ** 2), 3);
    expect(policy.reason).toContain("lead time varying by ±7 days");
  });

  it("intermittent demand uses the occurrence×size distribution, not a normal one", () => {
    // Demand of one unit with chance 1/2 each week: three weeks sum to a Binomial(3, 1/2).
    const bernoulli: OccurrenceSizeDemandDistribution = { version: 1, family: "occurrence_size", mean: Array(weeks).fill(0.5), probability: Array(weeks).fill(0.5), sizes: [1], weights: [1], sizeStep: 1, rateCv: 0 };
    const policy = computeStockPolicy({ distribution: bernoulli, leadTimeDays: 14, reviewDays: 7, serviceLevel: 0.9 });
    // P(total ≤ 2) = 7/8 < 0.9, P(total ≤ 3) = 1: the 90% quantile is 3, the mean 1.5.
    expect(policy.orderUpTo).toBe(3);
    expect(policy.safetyStock).toBeCloseTo(1.5, 9);
    // s = ceil(1 + 1.5) = 3, capped at S.
    expect(policy.reorderPoint).toBe(3);
    expect(policy.method).toBe("occurrence×size");
    // A normal approximation would give 1.5 + 2.326·√0.75 ≈ 3.5 → 4 at 99%; the count never needs more than 3.
    expect(computeStockPolicy({ distribution: bernoulli, leadTimeDays: 14, reviewDays: 7, serviceLevel: 0.99 }).orderUpTo).toBe(3);
  });

  it("starts the protection interval at the plan date inside week 0", () => {
    const rising: CorrelatedDemandDistribution = { ...steady, mean: [7, 14, ...Array(weeks - 2).fill(14)] };
    // Half of week 0 is gone: a 7-day lead time covers the second half of week 0 and the first half of week 1.
    const policy = computeStockPolicy({ distribution: rising, leadTimeDays: 7, reviewDays: 7, serviceLevel: 0.5, startOffsetDays: 3.5 });
    expect(policy.leadTimeDemand).toBeCloseTo(3.5 + 7, 9);
    expect(policy.protectionDemand).toBeCloseTo(3.5 + 14 + 7, 9);
  });

  it("holds nothing where nothing sells", () => {
    const none: CorrelatedDemandDistribution = { ...steady, mean: Array(weeks).fill(0), sd: Array(weeks).fill(0) };
    const policy = computeStockPolicy({ distribution: none, leadTimeDays: 28, reviewDays: 7, serviceLevel: 0.98 });
    expect(policy).toMatchObject({ safetyStock: 0, reorderPoint: 0, orderUpTo: 0 });
    expect(policy.reason).toBe("98% service: no demand is forecast over the 4-week lead time + 1-week review, so no stock is held for it.");
  });
});

describe("classifyAbc", () => {
  it("cuts classes by cumulative revenue share, the crossing item staying in the higher class", () => {
    const classes = classifyAbc([
      { id: "a", revenue: 500 },
      { id: "b", revenue: 300 },
      { id: "c", revenue: 120 },
      { id: "d", revenue: 50 },
      { id: "e", revenue: 30 },
      { id: "f", revenue: 0 },
    ]);
    // Shares .5 .3 .12 .05 .03: before-shares 0, .5, .8, .92, .97.
    expect([...classes.entries()].map(([id, c]) => `${id}${c.abcClass}`).join(" ")).toBe("aA bA cB dB eC fC");
    expect(classes.get("c")?.reason).toBe("B class: 12% of revenue, among the items making 80%–95%.");
    expect(classes.get("f")?.reason).toBe("C class: no revenue in the last year.");
  });

  it("maps classes to the shop's service levels", () => {
    expect(serviceLevelFor("A", { A: 0.98, B: 0.95, C: 0.9 })).toBe(0.98);
    expect(serviceLevelFor("C", { A: 0.98, B: 0.95, C: 0.9 })).toBe(0.9);
  });
});
