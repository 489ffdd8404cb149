import { describe, expect, it } from "vitest";
import { autoForecast, leadTimeDemand } from "../../../../app/engine/forecast/auto";
import { gaussianSampler } from "./random";

function arNoiseSeries(seed: number, length: number): number[] {
  const gaussian = gaussianSampler(seed);
  let u = 0;
  return Array.from({ length }, () => {
    u = 0.5 * u + 5 * gaussian();
    return 100 + u;
  });
}

describe("autoForecast", () => {
  it("returns the requested quantiles, non-negative, with intervals widening over the horizon", () => {
    const y = arNoiseSeries(1, 80).map((v, t) => v + 0.5 * t);
    const result = autoForecast(y, { horizon: 8, seasonLength: 1, quantiles: [0.05, 0.5, 0.95] });
    expect(Object.keys(result.forecast.quantiles).sort()).toEqual(["0.05", "0.5", "0.95"]);
    expect(result.stepSd).toHaveLength(8);
    for (let h = 1; h < 8; h++) expect(result.stepSd[h]!).toBeGreaterThanOrEqual(result.stepSd[h - 1]!);
    const width = (h: number): number => result.forecast.quantiles["0.95"]![h]! - result.forecast.quantiles["0.05"]![h]!;
    expect(width(7)).toBeGreaterThan(width(0));
    expect(result.backtest.ranking.length).toBeGreaterThan(1);
    const scores = result.backtest.ranking.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });

  it("P10–P90 covers roughly 80% of outcomes on Gaussian AR(1) noise", () => {
    let inside = 0;
    let total = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const y = arNoiseSeries(seed, 100);
      const history = y.slice(0, 94);
      const result = autoForecast(history, { horizon: 6, seasonLength: 1 });
      for (let h = 0; h < 6; h++) {
        const actual = y[94 + h]!;
        if (actual >= result.forecast.quantiles["0.1"]![h]! && actual <= result.forecast.quantiles["0.9"]![h]!) inside++;
        total++;
      }
    }
    const coverage = inside / total;
    expect(coverage).toBeGreaterThan(0.7);
    expect(coverage).toBeLessThan(0.9);
  }, 60_000);

  it("classifies intermittent demand, uses an intermittent method and integer quantiles", () => {
    const gaussian = gaussianSampler(7);
    const y = Array.from({ length: 104 }, (_, t) => (t % 3 === 0 && gaussian() > -0.5 ? 2 + (t % 2) : 0));
    const result = autoForecast(y, { horizon: 4, seasonLength: 52 });
    expect(["intermittent", "lumpy"]).toContain(result.demandClass);
    expect(["croston", "sba", "tsb", "ses"]).toContain(result.model);
    for (const values of Object.values(result.forecast.quantiles)) for (const v of values) expect(Number.isInteger(v)).toBe(true);
  });

  it("respects the candidate restriction and clips at zero", () => {
    const falling = Array.from({ length: 30 }, (_, t) => Math.max(0, 60 - 3 * t) + 1);
    const result = autoForecast(falling, { horizon: 12, seasonLength: 1, candidates: ["holt"] });
    expect(result.model).toBe("holt");
    expect(Math.min(...result.forecast.mean)).toBeGreaterThanOrEqual(0);
    expect(Math.min(...result.forecast.quantiles["0.1"]!)).toBeGreaterThanOrEqual(0);
  });

  it("lead-time demand sums the means and its spread exceeds independent steps' when errors accumulate", () => {
    const gaussian = gaussianSampler(3);
    let level = 100;
    const walk = Array.from({ length: 80 }, () => (level += 3 * gaussian()));
    const result = autoForecast(walk, { horizon: 6, seasonLength: 1, candidates: ["naive"] });
    const lead = leadTimeDemand(result, 4, [0.1, 0.5, 0.9]);
    expect(lead.mean).toBeCloseTo(result.forecast.mean.slice(0, 4).reduce((a, b) => a + b, 0), 8);
    const independentSd = Math.sqrt(result.stepSd.slice(0, 4).reduce((a, s) => a + s * s, 0));
    expect(lead.sd).toBeGreaterThan(independentSd);
    expect(lead.quantiles["0.9"]!).toBeGreaterThan(lead.quantiles["0.5"]!);
    expect(lead.quantiles["0.5"]!).toBeGreaterThan(lead.quantiles["0.1"]!);
  });
});

describe("backtest plan", () => {
  it("spaces origins by ⌈h/k⌉ so the scored windows end at the last observation", async () => {
    const { planBacktest } = await import("../../../../app/engine/forecast/backtest");
    expect(planBacktest(100, 10, 1, 3)).toEqual({ origins: [82, 86, 90], horizon: 10 });
    // too short for two seasons of training plus a scored step
    expect(planBacktest(24, 6, 12, 3)).toBeNull();
  });
});

describe("settings and lead time for counts", () => {
  it("with combineTopK = 1 the forecast comes from the best-ranked candidate alone", async () => {
    const { autoForecastWith, DEFAULT_SETTINGS } = await import("../../../../app/engine/forecast/auto");
    const y = arNoiseSeries(11, 60).map((v, t) => v + t);
    const single = autoForecastWith(y, { horizon: 4, seasonLength: 1 }, { ...DEFAULT_SETTINGS, combineTopK: 1 });
    expect(single.model).toBe(single.backtest.ranking[0]!.model);
    expect(single.modelLabel.startsWith("comb(")).toBe(false);
    const combined = autoForecastWith(y, { horizon: 4, seasonLength: 1 }, DEFAULT_SETTINGS);
    expect(combined.modelLabel.startsWith("comb(")).toBe(true);
  });

  it("lead-time demand of intermittent counts is an integer count distribution", () => {
    const y = Array.from({ length: 60 }, (_, t) => (t % 4 === 0 ? 3 : t % 7 === 0 ? 1 : 0));
    const result = autoForecast(y, { horizon: 6, seasonLength: 12 });
    expect(["intermittent", "lumpy"]).toContain(result.demandClass);
    const lead = leadTimeDemand(result, 6, [0.5, 0.95]);
    expect(Number.isInteger(lead.quantiles["0.95"])).toBe(true);
    expect(lead.quantiles["0.95"]!).toBeGreaterThan(lead.mean);
  });
});
