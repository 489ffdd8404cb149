import { describe, expect, it } from "vitest";
import type { CorrelatedDemandDistribution, OccurrenceSizeDemandDistribution } from "../../../../app/engine/forecast/index";
import { normalQuantile } from "../../../../app/engine/forecast/stats";
import { computeStockPolicy } from "../../../../app/engine/policy/index";

const weeks = (n: number, value: number): number[] => Array<number>(n).fill(value);

function normal(mean: number[], sd: number[]): CorrelatedDemandDistribution {
  return { version: 1, family: "normal", mean, sd, persistence: 0, levelShare: 0, shift: mean.map(() => 0), scaleCv: 0 };
}

describe("computeStockPolicy", () => {
  it("normal demand: 12 a week, sd 4, 6-week lead time + 1-week review at 95%", () => {
    const policy = computeStockPolicy({ distribution: normal(weeks(26, 12), weeks(26, 4)), leadTimeDays: 42, reviewDays: 7, serviceLevel: 0.95, abcClass: "B" });
    // 7 independent weeks: mean 84, sd 4√7; S = 84 + z₀.₉₅·4√7 = 101.41
    const safety = normalQuantile(0.95) * 4 * Math.sqrt(7);
    expect(policy.leadTimeDemand).toBeCloseTo(72, 9);
    expect(policy.protectionDemand).toBeCloseTo(84, 9);
    expect(policy.safetyStock).toBeCloseTo(safety, 6);
    expect(policy.orderUpTo).toBe(102);
    expect(policy.reorderPoint).toBe(Math.ceil(72 + safety));
    expect(policy.method).toBe("normal");
    expect(policy.reason).toBe(
      "95% service (B class): 6-week lead time + 1-week review; about 84 units sell in 7 weeks, 102 covers 95% of outcomes, so safety stock 17, reorder at 90, order up to 102.",
    );
  });

  it("counts: Poisson 2 a week over a 1-week lead time and 1-week review at 90%", () => {
    const poisson: CorrelatedDemandDistribution = { ...normal(weeks(8, 2), weeks(8, Math.SQRT2)), family: "negative_binomial" };
    const policy = computeStockPolicy({ distribution: poisson, leadTimeDays: 7, reviewDays: 7, serviceLevel: 0.9 });
    // Poisson(4): P(≤6) = 0.889, P(≤7) = 0.949, so S = 7; safety stock 7 − 4 = 3; s = 2 + 3
    expect(policy).toMatchObject({ orderUpTo: 7, safetyStock: 3, reorderPoint: 5, leadTimeDemand: 2, protectionDemand: 4, method: "negative binomial" });
  });

  it("intermittent demand keeps its occurrence × size shape", () => {
    const lumpy: OccurrenceSizeDemandDistribution = { version: 1, family: "occurrence_size", mean: [1], probability: [0.5], sizes: [1, 3], weights: [0.5, 0.5], sizeStep: 1, rateCv: 0 };
    const policy = computeStockPolicy({ distribution: lumpy, leadTimeDays: 7, reviewDays: 7, serviceLevel: 0.9 });
    // Two weeks: CDF 0 .25, 1 .5, 2 .5625, 3 .8125, 4 .9375 — S = 4, mean 2
    expect(policy).toMatchObject({ orderUpTo: 4, safetyStock: 2, reorderPoint: 3, method: "occurrence×size" });
    // A normal approximation with the same mean and variance (4) would stock 2 + 1.28·2 = 4.6 → 5.
  });

  it("zero demand needs no stock and says so", () => {
    const policy = computeStockPolicy({ distribution: normal(weeks(13, 0), weeks(13, 0)), leadTimeDays: 14, reviewDays: 7, serviceLevel: 0.95 });
    expect(policy).toMatchObject({ safetyStock: 0, reorderPoint: 0, orderUpTo: 0, leadTimeDemand: 0 });
    expect(policy.reason).toBe("95% service: 2-week lead time + 1-week review; no demand is forecast over those 3 weeks, so no safety stock and nothing to reorder.");
  });

  it("service 0.5 of a symmetric forecast holds no safety stock", () => {
    const policy = computeStockPolicy({ distribution: normal(weeks(13, 10), weeks(13, 3)), leadTimeDays: 21, reviewDays: 7, serviceLevel: 0.5 });
    expect(policy.safetyStock).toBeCloseTo(0, 6);
    expect(policy.orderUpTo).toBe(40);
    expect(policy.reorderPoint).toBe(30);
  });

  it("a plan date inside week 0 starts the lead time there", () => {
    const rising = normal([7, 14, 21, 28], [0, 0, 0, 0]);
    // 3 days into week 0, a 7-day lead time covers 4/7 of week 0 and 3/7 of week 1: 4 + 6 = 10
    const policy = computeStockPolicy({ distribution: rising, leadTimeDays: 7, reviewDays: 7, serviceLevel: 0.9, startOffsetDays: 3 });
    expect(policy.leadTimeDemand).toBeCloseTo(10, 9);
    expect(policy.protectionDemand).toBeCloseTo(10 + 8 + 9, 9);
  });

  it("an uncertain lead time widens the protection, not its mean", () => {
    const distribution = normal(weeks(26, 12), weeks(26, 4));
    const sure = computeStockPolicy({ distribution, leadTimeDays: 42, reviewDays: 7, serviceLevel: 0.95 });
    const unsure = computeStockPolicy({ distribution, leadTimeDays: 42, leadTimeSdDays: 7, reviewDays: 7, serviceLevel: 0.95 });
    expect(unsure.protectionDemand).toBeCloseTo(sure.protectionDemand, 6);
    // Textbook: σ² = 7·16 + 12²·1² (weeks) = 256, so about 84 + 1.645·16 = 110.3.
    expect(unsure.orderUpTo).toBeGreaterThan(sure.orderUpTo + 5);
    expect(Math.abs(unsure.orderUpTo - (84 + normalQuantile(0.95) * 16))).toBeLessThan(3);
    expect(unsure.method).toBe("normal with uncertain lead time");
    expect(unsure.reason).toContain("give or take 7 days");
  });

  it("huge lead times past the horizon still give finite, ordered figures; beyond ten years it refuses", () => {
    const policy = computeStockPolicy({ distribution: normal(weeks(26, 5), weeks(26, 2)), leadTimeDays: 365, reviewDays: 7, serviceLevel: 0.98 });
    expect(policy.protectionDemand).toBeCloseTo((5 * 372) / 7, 6);
    expect(policy.orderUpTo).toBeGreaterThan(policy.reorderPoint);
    expect(policy.reason).toContain("365-day lead time");
    expect(() => computeStockPolicy({ distribution: normal([1], [1]), leadTimeDays: 4000, reviewDays: 7, serviceLevel: 0.9 })).toThrow(/ten years/);
  });

  it("refuses bad input with a clear message", () => {
    const distribution = normal([1], [1]);
    expect(() => computeStockPolicy({ distribution, leadTimeDays: -1, reviewDays: 7, serviceLevel: 0.9 })).toThrow(/leadTimeDays/);
    expect(() => computeStockPolicy({ distribution, leadTimeDays: 7, reviewDays: 7, serviceLevel: 1 })).toThrow(/serviceLevel/);
    expect(() => computeStockPolicy({ distribution, leadTimeDays: 7, reviewDays: Number.NaN, serviceLevel: 0.9 })).toThrow(/reviewDays/);
    expect(() => computeStockPolicy({ distribution, leadTimeDays: 7, leadTimeSdDays: -2, reviewDays: 7, serviceLevel: 0.9 })).toThrow(/leadTimeSdDays/);
  });
});

// The lead's first cases for this core (from main), on the final implementation.
describe("computeStockPolicy: plan cases", () => {
  const horizon = 26;
  const steady: CorrelatedDemandDistribution = { version: 1, family: "normal", mean: Array(horizon).fill(10), sd: Array(horizon).fill(2), persistence: 0, levelShare: 0 };
  const Z95 = 1.6448536;

  it("normal demand with independent weeks: S is the 95% quantile over L + R, s adds the same safety stock to lead-time demand", () => {
    const policy = computeStockPolicy({ distribution: steady, leadTimeDays: 14, reviewDays: 7, serviceLevel: 0.95, classLabel: "B class" });
    // Three weeks: mean 30, variance 3 × 2² = 12.
    const safety = Z95 * Math.sqrt(12);
    expect(policy.protectionDemand).toBeCloseTo(30, 9);
    expect(policy.leadTimeDemand).toBeCloseTo(20, 9);
    expect(policy.safetyStock).toBeCloseTo(safety, 4);
    expect(policy.orderUpTo).toBe(Math.ceil(30 + safety));
    expect(policy.reorderPoint).toBe(Math.ceil(20 + safety));
    expect(policy.reason).toBe(
      "95% service (B class): 2-week lead time + 1-week review; about 30 units sell in 3 weeks, 36 covers 95% of outcomes, so safety stock 5.7, reorder at 26, order up to 36.",
    );
  });

  it("a lead time that varies widens the safety stock about as z·√(dev² + (rate·σ_L)²) does", () => {
    const policy = computeStockPolicy({ distribution: steady, leadTimeDays: 14, leadTimeSdDays: 7, reviewDays: 7, serviceLevel: 0.95, classLabel: "A class" });
    const textbook = Z95 * Math.sqrt(12 + ((30 / 21) * 7) ** 2);
    expect(Math.abs(policy.safetyStock - textbook)).toBeLessThan(1.5);
    expect(policy.safetyStock).toBeGreaterThan(Z95 * Math.sqrt(12) + 5);
  });

  it("intermittent demand uses the occurrence×size distribution, not a normal one", () => {
    // Demand of one unit with chance 1/2 each week: three weeks sum to a Binomial(3, 1/2).
    const bernoulli: OccurrenceSizeDemandDistribution = { version: 1, family: "occurrence_size", mean: Array(horizon).fill(0.5), probability: Array(horizon).fill(0.5), sizes: [1], weights: [1], sizeStep: 1, rateCv: 0 };
    const policy = computeStockPolicy({ distribution: bernoulli, leadTimeDays: 14, reviewDays: 7, serviceLevel: 0.9 });
    // P(total ≤ 2) = 7/8 < 0.9, P(total ≤ 3) = 1: the 90% quantile is 3, the mean 1.5.
    expect(policy.orderUpTo).toBe(3);
    expect(policy.safetyStock).toBeCloseTo(1.5, 9);
    expect(policy.reorderPoint).toBe(3);
    expect(computeStockPolicy({ distribution: bernoulli, leadTimeDays: 14, reviewDays: 7, serviceLevel: 0.99 }).orderUpTo).toBe(3);
  });

  it("starts the protection interval at the plan date inside week 0", () => {
    const rising: CorrelatedDemandDistribution = { ...steady, mean: [7, 14, ...Array(horizon - 2).fill(14)] };
    const policy = computeStockPolicy({ distribution: rising, leadTimeDays: 7, reviewDays: 7, serviceLevel: 0.5, startOffsetDays: 3.5 });
    expect(policy.leadTimeDemand).toBeCloseTo(3.5 + 7, 9);
    expect(policy.protectionDemand).toBeCloseTo(3.5 + 14 + 7, 9);
  });

  it("holds nothing where nothing sells", () => {
    const none: CorrelatedDemandDistribution = { ...steady, mean: Array(horizon).fill(0), sd: Array(horizon).fill(0) };
    const policy = computeStockPolicy({ distribution: none, leadTimeDays: 28, reviewDays: 7, serviceLevel: 0.98 });
    expect(policy).toMatchObject({ safetyStock: 0, reorderPoint: 0, orderUpTo: 0 });
    expect(policy.reason).toBe("98% service: 4-week lead time + 1-week review; no demand is forecast over those 5 weeks, so no safety stock and nothing to reorder.");
  });
});
