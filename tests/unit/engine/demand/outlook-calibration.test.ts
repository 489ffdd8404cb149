import { describe, expect, it } from "vitest";
import type { AutoForecastOptions, AutoForecastResult } from "~/engine/forecast/auto";
import { correlatedDistribution, weeklyQuantiles } from "~/engine/forecast/distribution-build";
import { buildDemandOutlook, type VariantDemandInput } from "~/engine/forecast/outlook";
import type { ShopCalibration } from "~/engine/forecast/shop-calibration";
import { dailyRows, poisson, seededRandom } from "./synthetic";

const asOf = "2026-11-25";
const WEEKLY_RATE = 35;

/** A forecaster whose band is too narrow: Poisson weekly demand has sd √35 ≈ 5.9; it claims 60% of that. */
function narrowForecaster(y: readonly number[], options: AutoForecastOptions): AutoForecastResult {
  const recent = y.slice(-8);
  const level = recent.reduce((a, b) => a + b, 0) / Math.max(1, recent.length);
  const mean = Array<number>(options.horizon).fill(level);
  const distribution = correlatedDistribution("normal", mean, mean.map(() => 0.6 * Math.sqrt(level)), 0, 0);
  return {
    model: "ses",
    modelLabel: "ses",
    demandClass: "smooth",
    adi: 1,
    cv2: 0,
    forecast: { mean, quantiles: weeklyQuantiles(distribution, options.quantiles ?? [0.1, 0.5, 0.9]) },
    backtest: { metric: "mase", origins: 0, ranking: [] },
    residualSd: 0.6 * Math.sqrt(level),
    stepSd: mean.map(() => 0.6 * Math.sqrt(level)),
    distribution,
  };
}

const random = seededRandom(11);
const shop: VariantDemandInput[] = Array.from({ length: 40 }, (_, i) => ({
  variantId: `v${i}`,
  productId: `p${i % 8}`,
  productType: "Socks",
  vendor: "Acme",
  price: 12,
  firstSaleDate: "2024-11-25",
  daily: dailyRows("2024-11-25", "2026-11-24", () => WEEKLY_RATE / 7, random),
}));

/** Share of 13 future weeks per variant that land inside the outlook's P10–P90. */
function futureCoverage(outlooks: ReturnType<typeof buildDemandOutlook>): number {
  const future = seededRandom(99);
  let inside = 0;
  let total = 0;
  for (const o of outlooks) {
    for (let w = 0; w < 13; w++) {
      const y = poisson(WEEKLY_RATE, future);
      if (y > o.p10[w]! && y <= o.p90[w]!) inside++;
      total++;
    }
  }
  return inside / total;
}

describe("buildDemandOutlook learns the shop's interval calibration from its own history", () => {
  let learned: ShopCalibration | null = null;
  const calibrated = buildDemandOutlook(shop, { asOf, horizonWeeks: 13, forecaster: narrowForecaster, onCalibration: (c) => (learned = c) });
  const uncalibrated = buildDemandOutlook(shop, { asOf, horizonWeeks: 13, forecaster: narrowForecaster, learnCalibration: false });

  it("widens a forecaster's too-narrow band until future weeks land about 80% inside it", () => {
    expect(futureCoverage(uncalibrated)).toBeLessThan(0.65);
    const coverage = futureCoverage(calibrated);
    expect(coverage).toBeGreaterThan(0.74);
    expect(coverage).toBeLessThan(0.86);
  });

  it("leaves the point forecast alone", () => {
    calibrated.forEach((o, i) => expect(o.mean).toEqual(uncalibrated[i]!.mean));
  });

  it("hands back what it learned, from backtests 13 and 26 weeks ago", () => {
    expect(learned).not.toBeNull();
    const c = learned!;
    expect(c.originsWeeksAgo).toEqual([13, 26]);
    const smooth = c.classes.find((k) => k.key === "own_history:smooth")!;
    expect(smooth.backtests).toBe(80);
    expect(smooth.modelCoverage).toBeLessThan(0.65);
  });

  it("says where the band comes from, in the forecast's reasons", () => {
    expect(calibrated[0]!.explanation.reasons.at(-1)).toMatch(
      /^Its P10–P90 band is checked on this shop's steady sellers forecast from their own history, forecast again from 13 and 26 weeks ago \(80 backtests\): the model's own band held \d+% of the weeks that followed, so the band shown is the model's P\d+–P\d+\.$/,
    );
    expect(uncalibrated[0]!.explanation.reasons.join(" ")).not.toMatch(/band is checked/);
  });

  it("reuses a calibration it is given instead of learning one (an incremental re-plan's few variants)", () => {
    let handedBack: ShopCalibration | null = null;
    const reused = buildDemandOutlook(shop.slice(0, 2), { asOf, horizonWeeks: 13, forecaster: narrowForecaster, shopCalibration: learned, onCalibration: (c) => (handedBack = c) });
    expect(handedBack).toBe(learned);
    expect(reused[0]!.p90).toEqual(calibrated[0]!.p90);
  });

  it("learns nothing from a shop too small to learn from", () => {
    let small: ShopCalibration | null | undefined;
    buildDemandOutlook(shop.slice(0, 5), { asOf, horizonWeeks: 13, forecaster: narrowForecaster, onCalibration: (c) => (small = c) });
    expect(small).toBeNull();
  });
});
