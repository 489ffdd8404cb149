import { describe, expect, it } from "vitest";
import { liftConfidence, type LiftEstimate } from "../../../../app/engine/forecast/uplift";
import { blendUplift, measurePromotionUplift, type PromotionSalesDay } from "../../../../app/engine/promotions";

const day = (date: string, units: number, baseline: number, stockedOut = false): PromotionSalesDay => ({ date, units, baseline, stockedOut });

describe("measurePromotionUplift", () => {
  it("is the ratio of units to baseline over in-stock days, with the dip of the week after", () => {
    const measured = measurePromotionUplift({
      plannedLift: 2,
      variants: [
        // The third day stocked out: it says nothing about demand.
        { variantId: "tee", days: [day("2027-03-08", 30, 10), day("2027-03-09", 28, 10), day("2027-03-10", 0, 10, true)], after: Array.from({ length: 9 }, (_, i) => day(`2027-03-${11 + i}`, 7, 10)) },
        { variantId: "hat", days: [day("2027-03-08", 15, 5), day("2027-03-09", 15, 5), day("2027-03-10", 15, 5)] },
      ],
    });
    // (30 + 28 + 45) / (20 + 15) = 103 / 35.
    expect(measured.lift?.value).toBeCloseTo(103 / 35, 12);
    expect(measured.days).toBe(5);
    expect(measured.excludedDays).toBe(1);
    expect(measured.byVariant).toEqual([
      { variantId: "tee", lift: 2.9, units: 58, baselineUnits: 20 },
      { variantId: "hat", lift: 3, units: 45, baselineUnits: 15 },
    ]);
    // Only the first seven days after count: 49 against 70.
    expect(measured.dipFirstWeek?.value).toBeCloseTo(-0.3, 12);
    expect(measured.reason).toBe("Sold 103 against a baseline of 35 over 5 variant-days: ×2.9, against ×2 planned (1 stocked-out day left out).");
  });

  it("has no lift without a baseline to compare with", () => {
    const measured = measurePromotionUplift({ variants: [{ variantId: "new", days: [day("2027-03-08", 4, 0)] }] });
    expect(measured.lift).toBeNull();
    expect(measured.reason).toBe("No baseline demand to measure against over 1 variant-day.");
  });
});

describe("blendUplift", () => {
  const learned: LiftEstimate = { lift: 2, events: 4, baselineUnits: 150, weight: 0.75 };
  const finished = measurePromotionUplift({ variants: [{ variantId: "tee", days: [day("2027-03-08", 103, 35)] }] });

  it("shrinks the measured lift toward the learned one by baseline units", () => {
    const next = blendUplift(learned, [finished]);
    // w = 35 / (35 + 150 + 50).
    const weight = 35 / 235;
    const lift = Math.exp(weight * Math.log(103 / 35) + (1 - weight) * Math.log(2));
    expect(next.weight).toBeCloseTo(weight, 12);
    expect(next.lift).toBeCloseTo(lift, 12);
    expect(next.events).toBe(5);
    // One measured promotion: the default spread 0.3 over √5 promotions.
    expect(next.range.high).toBeCloseTo(lift * Math.exp((1.2815515655446004 * 0.3) / Math.sqrt(5)), 9);
    // 185 baseline units: 185 / 235 = 79% own weight, just short of high.
    expect(next.confidence).toBe("medium");
    expect(next.reason).toBe("×2.1 (×1.8–×2.5): the learned ×2 from 4 past promotions, moved toward the ×2.9 measured in 1 finished promotion, which carries 15% of it. Medium confidence: rests on 5 past promotions over 185 baseline units.");
  });

  it("lets many finished promotions take over, and their scatter sets the range", () => {
    const many = [2.8, 3.2, 3.0, 2.9].map((lift, i) => measurePromotionUplift({ variants: [{ variantId: `v${i}`, days: [day("2027-03-08", 100 * lift, 100)] }] }));
    const next = blendUplift(learned, many);
    expect(next.weight).toBeCloseTo(400 / 600, 12);
    expect(next.lift).toBeGreaterThan(2.6);
    expect(next.confidence).toBe("high");
    const logs = [2.8, 3.2, 3.0, 2.9].map(Math.log);
    const mean = logs.reduce((a, b) => a + b, 0) / 4;
    const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / 3);
    expect(next.range.low).toBeCloseTo(next.lift * Math.exp((-1.2815515655446004 * sd) / Math.sqrt(8)), 9);
  });

  it("keeps the learned estimate when nothing was measured", () => {
    const next = blendUplift(learned, []);
    expect(next.lift).toBe(2);
    expect(next.weight).toBe(0);
    expect(liftConfidence({ events: 0, baselineUnits: 0 }).reason).toBe("Low confidence: rests on no past promotions.");
  });
});
