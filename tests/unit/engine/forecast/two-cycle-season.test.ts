import { describe, expect, it } from "vitest";
import { autoForecast, offersTwoCycleSeason } from "../../../../app/engine/forecast/auto";
import { hasSeasonality, trendAndSeasonProfile } from "../../../../app/engine/forecast/seasonality";
import { seasonalTheta, theta } from "../../../../app/engine/forecast/theta";
import { seededRandom } from "./random";
import { poissonKnuth } from "../../../support/random";

const poisson = (random: () => number, mean: number) => poissonKnuth(mean, random);

describe("trend and season profile", () => {
  it("recovers an exact additive season and ignores the trend (two cycles)", () => {
    const season = [3, -1, -2, 0];
    const y = Array.from({ length: 8 }, (_, t) => 10 + 0.5 * t + season[t % 4]!);
    trendAndSeasonProfile(y, 4).forEach((v, i) => expect(v).toBeCloseTo(season[i]!, 12));
  });

  it("with one cycle takes the slope as 0: the profile is the cycle minus its mean", () => {
    // mean of [1, 2, 3, 6] is 3
    expect(trendAndSeasonProfile([1, 2, 3, 6], 4)).toEqual([-2, -1, 0, 3]);
  });

  it("uses the last complete cycles, indexed from the series start", () => {
    // periods 1..8 hold two cycles of positions 1,2,3,0; the leading period 0 is left out
    const season = [0, 1, -1, 0];
    const y = [99, ...Array.from({ length: 8 }, (_, i) => 5 + season[(i + 1) % 4]!)];
    trendAndSeasonProfile(y, 4).forEach((v, i) => expect(v).toBeCloseTo(season[i]!, 12));
  });
});

describe("seasonal Theta", () => {
  it("adds the profile back to Theta on the adjusted series", () => {
    const season = [4, -2, -3, 1];
    const y = Array.from({ length: 12 }, (_, t) => 20 + season[t % 4]! + (t % 3 === 0 ? 0.5 : -0.25));
    const profile = trendAndSeasonProfile(y, 4);
    const plain = theta(y.map((v, t) => v - profile[t % 4]!), 5, 1, { alpha: 0.3 });
    const fit = seasonalTheta(y, 5, 4, { alpha: 0.3 });
    // period 12 has position 0
    fit.mean.forEach((v, h) => expect(v).toBeCloseTo(plain.mean[h]! + profile[(12 + h) % 4]!, 10));
  });
});

describe("autoForecast on two years of weekly retail demand", () => {
  // A DTC variant: summer bump and a Q4 peak around Black Friday and December, Poisson noise.
  const shape = (week: number): number => 1 + 0.35 * Math.sin((2 * Math.PI * (week - 13)) / 52) + (week >= 46 && week <= 51 ? 1.2 : 0);
  const random = seededRandom(11);
  const level = 30;
  // history starts in week 20, so the 32-week horizon runs from week 20 through the Q4 peak
  const y = Array.from({ length: 104 }, (_, t) => poisson(random, level * shape((t + 20) % 52)));

  it("is seasonal only with two full cycles and below three", () => {
    expect(offersTwoCycleSeason(104, 52)).toBe(true);
    expect(offersTwoCycleSeason(103, 52)).toBe(false);
    expect(offersTwoCycleSeason(156, 52)).toBe(false);
    // the classical 90% test needs three cycles, so it cannot see this season
    expect(hasSeasonality(y, 52)).toBe(false);
  });

  it("chooses a seasonal forecast that tracks the season through the Q4 peak", () => {
    const result = autoForecast(y, { horizon: 32, seasonLength: 52 });
    expect(result.modelLabel).toContain("seasonal_theta");
    const truth = Array.from({ length: 32 }, (_, h) => level * shape((124 + h) % 52));
    const forecast = result.forecast.mean;
    const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
    const [mt, mf] = [mean(truth), mean(forecast)];
    let cov = 0;
    let vt = 0;
    let vf = 0;
    truth.forEach((t, h) => {
      cov += (t - mt) * (forecast[h]! - mf);
      vt += (t - mt) ** 2;
      vf += (forecast[h]! - mf) ** 2;
    });
    expect(cov / Math.sqrt(vt * vf)).toBeGreaterThan(0.9);
    // the Q4 peak (weeks 46–51, steps 26–31) is forecast well above the autumn trough (steps 20–25)
    expect(mean(forecast.slice(26, 32))).toBeGreaterThan(1.5 * mean(forecast.slice(20, 26)));
    const mape = mean(truth.map((t, h) => Math.abs(t - forecast[h]!) / t));
    expect(mape).toBeLessThan(0.2);
  });
});
