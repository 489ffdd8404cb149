import { describe, expect, it } from "vitest";
import { estimateUplift, type PromoEvent } from "~/engine/forecast/uplift";
import { applyFinishedPromotions, plannedAgainstActual, promotionSalesDays, withoutFinishedRuns } from "~/engine/promotions";

describe("promotionSalesDays", () => {
  it("takes each day's baseline from its forecast week and weekday share, and marks stocked-out days", () => {
    // Weeks from Monday 2027-03-01: 70 then 140 units; Mondays carry twice the average day.
    const weekdayIndex = [1, 2, 1, 1, 1, 1, 0];
    const days = promotionSalesDays({
      days: ["2027-03-01", "2027-03-08", "2027-03-09", "2027-02-20"],
      unitsByDay: new Map([["2027-03-08", 50]]),
      forecast: { firstWeek: "2027-03-01", mean: [70, 140], weekdayIndex },
      stockouts: [{ from: "2027-03-09", to: null }],
    });
    expect(days.map((d) => d.baseline)).toEqual([20, 40, 20, 0]);
    expect(days.map((d) => d.units)).toEqual([0, 50, 0, 0]);
    expect(days.map((d) => d.stockedOut)).toEqual([false, false, true, false]);
  });
});

describe("applyFinishedPromotions", () => {
  const event = (variantId: string, groupId: string, start: string, units: number, baselineUnits: number, depthPct: number): PromoEvent => ({
    variantId,
    groupId,
    start,
    end: start,
    units,
    baselineUnits,
    depthPct,
    postWeeks: [],
  });
  // History: tees learned ×2.0 at 15–30% from two promotions.
  const history = [event("a", "tees", "2026-03-01", 400, 200, 20), event("b", "tees", "2026-06-01", 400, 200, 20)];

  it("moves the shop's and the covered group's lift toward what a finished promotion measured, weighted by its baseline units", () => {
    const learned = estimateUplift(history);
    const next = applyFinishedPromotions(learned, [{ start: "2026-10-01", end: "2026-10-05", discountPct: 25, groupIds: ["tees"], units: 1200, baselineUnits: 400 }]);
    const before = learned.shop.byBucket[1]!;
    const after = next.shop.byBucket[1]!;
    // w = 400 / (400 + 400 + 50) on the measured ×3.0.
    const w = 400 / (400 + before.baselineUnits + 50);
    expect(after.lift).toBeCloseTo(Math.exp(w * Math.log(3) + (1 - w) * Math.log(before.lift)), 9);
    expect(after.promotions).toBe(3);
    expect(after.measured).toBe(1);
    expect(next.groups.tees!.byBucket[1]!.lift).toBeGreaterThan(learned.groups.tees!.byBucket[1]!.lift);
    // Other depths are untouched.
    expect(next.shop.byBucket[2]).toEqual(learned.shop.byBucket[2]);
  });

  it("leaves out the history's runs of a measured promotion, so it is not counted twice", () => {
    const runs = [...history, event("a", "tees", "2026-10-02", 900, 300, 25), event("c", "tees", "2026-10-02", 90, 30, 25)];
    const kept = withoutFinishedRuns(runs, [{ start: "2026-10-01", end: "2026-10-05", variantIds: ["a"] }]);
    expect(kept.map((e) => `${e.variantId}@${e.start}`)).toEqual(["a@2026-03-01", "b@2026-06-01", "c@2026-10-02"]);
  });
});

describe("plannedAgainstActual", () => {
  it("reads planned against actual", () => {
    expect(plannedAgainstActual(2.64, 2.91)).toBe("Planned ×2.6, actual ×2.9");
    expect(plannedAgainstActual(null, null)).toBe("No lift planned, actual not measurable");
  });
});
