import { describe, expect, it } from "vitest";
import { naive, naive2, seasonalNaive } from "../../../../app/engine/forecast/naive";
import { hasSeasonality, multiplicativeSeasonalIndices } from "../../../../app/engine/forecast/seasonality";
import { theta } from "../../../../app/engine/forecast/theta";
import { methodRunners } from "../../../../app/engine/forecast/methods";
import { ses } from "../../../../app/engine/forecast/smoothing";

describe("naive and seasonal naive", () => {
  it("naive repeats the last value with variance h·σ²", () => {
    const fit = naive([1, 3, 2, 4], 3);
    expect(fit.mean).toEqual([4, 4, 4]);
    const sigma2 = (4 + 1 + 4) / 3;
    expect(fit.variance!.map((v) => v / sigma2)).toEqual([1, 2, 3].map((h) => expect.closeTo(h, 10)));
  });

  it("seasonal naive repeats last cycle; variance grows per completed cycle", () => {
    const fit = seasonalNaive([1, 2, 3, 4, 5, 6, 7, 8], 6, 4);
    expect(fit.mean).toEqual([5, 6, 7, 8, 5, 6]);
    expect(fit.variance).toEqual([16, 16, 16, 16, 32, 32]);
  });
});

const seasonalSeries = Array.from({ length: 72 }, (_, t) => (100 + t) * [0.8, 0.9, 1.0, 1.2, 1.3, 1.1, 1.0, 0.9, 0.85, 0.95, 1.0, 1.0][t % 12]!);

describe("seasonality helpers", () => {
  it("the 90% ACF test finds monthly seasonality and not in a trend", () => {
    expect(hasSeasonality(seasonalSeries, 12)).toBe(true);
    expect(hasSeasonality(Array.from({ length: 72 }, (_, t) => 100 + t + (t % 2)), 12)).toBe(false);
  });

  it("classical decomposition recovers multiplicative indices normalised to mean 1", () => {
    const indices = multiplicativeSeasonalIndices(seasonalSeries, 12);
    const mean = indices.reduce((a, b) => a + b, 0) / 12;
    expect(mean).toBeCloseTo(1, 10);
    expect(indices[4]! / indices[0]!).toBeCloseTo(1.3 / 0.8, 1);
  });

  it("naive2 reseasonalises the naive forecast", () => {
    const fit = naive2(seasonalSeries, 12, 12);
    expect(fit.mean[4]! / fit.mean[0]!).toBeCloseTo(1.3 / 0.8, 1);
  });
});

describe("theta", () => {
  it("equals SES plus half the regression slope times (h − 1 + (1 − (1−α)^n)/α)", () => {
    const y = Array.from({ length: 20 }, (_, t) => t + 1);
    const fit = theta(y, 3, 1, { alpha: 0.5 });
    let level = 1;
    for (const v of y) level += 0.5 * (v - level);
    const drift = (1 - 0.5 ** 20) / 0.5;
    fit.mean.forEach((v, i) => expect(v).toBeCloseTo(level + 0.5 * (i + drift), 10));
  });

  it("deseasonalises when the series is seasonal", () => {
    const fit = theta(seasonalSeries, 12, 12);
    expect(fit.label).toBe("theta(seasonal)");
    // period 72 is a January (index 0.8), period 76 a May (1.3)
    expect(fit.mean[4]! / fit.mean[0]!).toBeGreaterThan(1.45);
  });
});

describe("SES and damped on seasonally adjusted data", () => {
  it("fits SES to the adjusted series and multiplies the indices back (m ≤ 24)", () => {
    const indices = multiplicativeSeasonalIndices(seasonalSeries, 12);
    const plain = ses(seasonalSeries.map((v, t) => v / indices[t % 12]!), 6);
    const fit = methodRunners.ses(seasonalSeries, 6, 12);
    expect(fit.label).toBe("ses(seasonal)");
    // period 72 has position 0
    fit.mean.forEach((v, h) => expect(v).toBeCloseTo(plain.mean[h]! * indices[h]!, 8));
    expect(methodRunners.damped(seasonalSeries, 6, 12).label).toBe("damped(seasonal)");
  });

  it("leaves non-seasonal data and weekly seasons alone", () => {
    const flat = Array.from({ length: 72 }, (_, t) => 100 + (t % 2));
    expect(methodRunners.ses(flat, 3, 12).mean).toEqual(ses(flat, 3).mean);
    const weekly = Array.from({ length: 3 * 52 + 10 }, (_, t) => 100 * (1 + 0.5 * Math.sin((2 * Math.PI * t) / 52)) + (t % 3));
    expect(methodRunners.ses(weekly, 3, 52).label).toBe("ses");
  });
});
