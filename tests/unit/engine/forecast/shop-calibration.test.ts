import { describe, expect, it } from "vitest";
import type { CorrelatedDemandDistribution } from "~/engine/forecast/demand-distribution";
import { intervalDemand } from "~/engine/forecast/demand-distribution";
import { calibrationFor, calibrationReason, fitShopCalibration, recalibrated, sampleBacktest, type CalibrationSample } from "~/engine/forecast/shop-calibration";
import { gaussianSampler } from "./random";

const WEEKS = 8;
const model = (sd: number, level = 100): CorrelatedDemandDistribution => ({
  version: 1,
  family: "normal",
  mean: Array(WEEKS).fill(level),
  sd: Array(WEEKS).fill(sd),
  persistence: 0,
  levelShare: 0,
});

/** Backtests of a model with sd 10 on outcomes whose errors have sd `trueSd` and mean shift `bias`. */
function backtests(count: number, key: string, trueSd: number, seed: number, bias = 0): CalibrationSample[] {
  const draw = gaussianSampler(seed);
  return Array.from({ length: count }, () => sampleBacktest(key, model(10), Array.from({ length: WEEKS }, () => 100 + bias + trueSd * draw())));
}

/** Share of fresh outcomes (sd `trueSd`) inside a distribution's P10–P90 for week 0. */
function coverage(distribution: CorrelatedDemandDistribution, trueSd: number, seed: number): number {
  const [p10, p90] = intervalDemand(distribution, { startWeek: 0, weeks: 1 }, [0.1, 0.9]).quantiles as [number, number];
  const draw = gaussianSampler(seed);
  let inside = 0;
  const n = 20_000;
  for (let i = 0; i < n; i++) {
    const y = 100 + trueSd * draw();
    if (y > p10 && y <= p90) inside++;
  }
  return inside / n;
}

describe("fitShopCalibration: intervals from the shop's own backtests", () => {
  it("widens a band that held too little, so fresh outcomes land 80% inside it", () => {
    const shop = fitShopCalibration(backtests(200, "own_history:smooth", 15, 1), { horizonWeeks: WEEKS, originsWeeksAgo: [8, 16] })!;
    const smooth = calibrationFor(shop, "own_history", "smooth")!;
    expect(smooth.modelCoverage).toBeLessThan(0.65);
    expect(coverage(model(10), 15, 9)).toBeLessThan(0.65);
    expect(coverage(recalibrated(model(10), smooth), 15, 9)).toBeGreaterThan(0.77);
    expect(coverage(recalibrated(model(10), smooth), 15, 9)).toBeLessThan(0.83);
  });

  it("narrows a band that held too much", () => {
    const shop = fitShopCalibration(backtests(200, "own_history:smooth", 6, 2), { horizonWeeks: WEEKS, originsWeeksAgo: [8] })!;
    const smooth = calibrationFor(shop, "own_history", "smooth")!;
    expect(smooth.modelCoverage).toBeGreaterThan(0.9);
    expect(coverage(recalibrated(model(10), smooth), 6, 9)).toBeLessThan(0.84);
    expect(calibrationReason(smooth, shop.originsWeeksAgo)).toMatch(
      /^Its P10–P90 band is checked on this shop's steady sellers forecast from their own history, forecast again from 8 weeks ago \(200 backtests\): the model's own band held 9\d% of the weeks that followed, so the band shown is the model's P\d+–P\d+\.$/,
    );
  });

  it("holds the median where the model put it, even where backtests ran high", () => {
    const shop = fitShopCalibration(backtests(200, "own_history:smooth", 15, 3, 8), { horizonWeeks: WEEKS, originsWeeksAgo: [8] })!;
    const smooth = calibrationFor(shop, "own_history", "smooth")!;
    expect(smooth.modelMedianShare).toBeLessThan(0.35);
    const [median] = intervalDemand(recalibrated(model(10), smooth), { startWeek: 0, weeks: 1 }, [0.5]).quantiles;
    expect(median).toBeCloseTo(100, 6);
  });

  it("lets a class with few backtests borrow its route's map", () => {
    const samples = [...backtests(300, "own_history:smooth", 15, 4), ...backtests(3, "own_history:lumpy", 5, 5)];
    const shop = fitShopCalibration(samples, { horizonWeeks: WEEKS, originsWeeksAgo: [8] })!;
    const lumpy = calibrationFor(shop, "own_history", "lumpy")!;
    expect(lumpy.key).toBe("own_history:lumpy");
    expect(lumpy.weight).toBeLessThan(0.15);
    // Three calm backtests barely pull it from the route's wider band.
    expect(coverage(recalibrated(model(10), lumpy), 15, 9)).toBeGreaterThan(0.72);
  });

  it("falls back from class to route to the whole shop", () => {
    const shop = fitShopCalibration(backtests(50, "top_down:smooth", 15, 6), { horizonWeeks: WEEKS, originsWeeksAgo: [8] })!;
    expect(calibrationFor(shop, "top_down", "lumpy")!.key).toBe("top_down");
    expect(calibrationFor(shop, "own_history", "smooth")!.key).toBe("all");
  });

  it("learns nothing from fewer than 20 backtests: the model's own band stands", () => {
    expect(fitShopCalibration(backtests(19, "own_history:smooth", 15, 7), { horizonWeeks: WEEKS, originsWeeksAgo: [8] })).toBeNull();
  });

  it("scores totals over 2, 4, 6 and 8 weeks from the origin and from 4 and 8 weeks in, leaving out weeks marked unscored", () => {
    const all = sampleBacktest("own_history:smooth", model(10), Array(WEEKS).fill(100));
    expect(all.week.count).toBe(8);
    // From week 0: 2, 4, 6 and 8 weeks; from week 4: 2 and 4; from week 8: none inside 8 weeks.
    expect(all.span.count).toBe(6);
    const gap = sampleBacktest("own_history:smooth", model(10), Array(WEEKS).fill(100), [true, true, true, false, true, true, true, true]);
    expect(gap.week.count).toBe(7);
    // Week 3 unscored: from week 0 only the 2-week total is left; from week 4 both.
    expect(gap.span.count).toBe(3);
  });
});
