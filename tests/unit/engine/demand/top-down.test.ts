import { describe, expect, it } from "vitest";
import { PROFILE_SLOTS, buildGroupProfile, buildSeasonalProfile, profileFactor, profileFitsVariant, sumSeries, topDownForecast } from "~/engine/forecast/top-down";
import { weekOfYearSlot, weekStartsFrom } from "~/engine/forecast/weekly";
import { poisson, seededRandom } from "./synthetic";

// A known yearly shape: +50% at slot 13, −50% at slot 39.
const shape = (slot: number): number => 1 + 0.5 * Math.sin((2 * Math.PI * slot) / PROFILE_SLOTS);

function seasonalSeries(weeks: number, level: number, random?: () => number) {
  const weekStarts = weekStartsFrom("2023-01-02", weeks);
  const values = weekStarts.map((w) => {
    const mean = level * shape(weekOfYearSlot(w));
    return random ? poisson(mean, random) : mean;
  });
  return { weekStarts, values };
}

describe("group seasonal profile", () => {
  it("reproduces a known seasonal shape from three variants' totals", () => {
    const random = seededRandom(7);
    const variants = [40, 60, 100].map((level) => seasonalSeries(156, level, random));
    const profile = buildSeasonalProfile(sumSeries(variants));
    expect(profile.historyWeeks).toBe(156);
    // Volume weight 200 / (200 + 10) keeps ~95% of the shape.
    expect(profile.weight).toBeCloseTo(200 / 210, 2);
    profile.index.forEach((value, slot) => {
      expect(Math.abs(value - (1 + profile.weight * (shape(slot) - 1)))).toBeLessThan(0.06);
    });
    expect(Math.max(...profile.index)).toBeGreaterThan(1.4);
    expect(Math.min(...profile.index)).toBeLessThan(0.6);
    expect(profile.index.reduce((a, b) => a + b, 0) / PROFILE_SLOTS).toBeCloseTo(1, 9);
  });

  it("is not fooled by a variant launched inside the group", () => {
    // A flat, busy variant plus a big launch in the last 3 weeks: the group total jumps, but
    // per-member ratios see no season at all.
    const steady = { weekStarts: weekStartsFrom("2023-01-02", 156), values: new Array<number>(156).fill(100) };
    const launch = { weekStarts: steady.weekStarts.slice(-3), values: [300, 300, 300] };
    const pooled = buildGroupProfile([steady, launch]);
    pooled.index.forEach((v) => expect(v).toBeCloseTo(1, 9));
    // The naive total-based profile would read the launch as a seasonal peak.
    const fromTotal = buildSeasonalProfile(sumSeries([steady, launch]));
    expect(Math.max(...fromTotal.index)).toBeGreaterThan(1.5);
  });

  it("stays flat with under a year of group history", () => {
    const profile = buildSeasonalProfile(seasonalSeries(40, 100));
    expect(profile.weight).toBe(0);
    profile.index.forEach((v) => expect(v).toBeCloseTo(1, 9));
  });

  it("shrinks toward flat with 78 weeks (history weight 0.75) and with thin volume", () => {
    const medium = buildSeasonalProfile(seasonalSeries(78, 1000));
    expect(medium.weight).toBeCloseTo(0.75 * (medium.meanWeekly / (medium.meanWeekly + 10)), 9);
    expect(Math.abs(medium.weight - 0.75)).toBeLessThan(0.01);
    const thin = buildSeasonalProfile(seasonalSeries(156, 2));
    expect(thin.weight).toBeCloseTo(2 / 12, 2);
    expect(Math.max(...thin.index)).toBeLessThan(1.15);
  });
});

describe("top-down forecast", () => {
  it("gives a sparse variant its level times the group profile", () => {
    const group = buildSeasonalProfile(seasonalSeries(156, 500), { halfVolumeWeekly: 0 });
    const history = seasonalSeries(60, 2);
    history.values = history.weekStarts.map((w) => 2 * profileFactor(group, w));
    const future = weekStartsFrom("2024-03-04", 26);
    const forecast = topDownForecast(history, group, future);
    expect(forecast.level).toBeCloseTo(2, 9);
    future.forEach((w, i) => expect(forecast.mean[i]).toBeCloseTo(2 * profileFactor(group, w), 9));
    // Count quantiles bracket the mean.
    forecast.mean.forEach((m, i) => {
      expect(forecast.quantiles["0.1"]?.[i]).toBeLessThanOrEqual(Math.ceil(m));
      expect(forecast.quantiles["0.9"]?.[i]).toBeGreaterThanOrEqual(Math.floor(m));
    });
  });

  it("widens its quantiles for over-dispersed sales", () => {
    const flat = buildSeasonalProfile({ weekStarts: [], values: [] });
    const future = weekStartsFrom("2024-03-04", 4);
    const steady = { weekStarts: weekStartsFrom("2023-09-04", 24), values: new Array<number>(24).fill(4) };
    const lumpy = { weekStarts: steady.weekStarts, values: steady.weekStarts.map((_, i) => (i % 4 === 0 ? 16 : 0)) };
    const a = topDownForecast(steady, flat, future, { levelWeeks: 24 });
    const b = topDownForecast(lumpy, flat, future, { levelWeeks: 24 });
    expect(a.level).toBeCloseTo(4, 9);
    expect(b.level).toBeCloseTo(4, 9);
    expect(b.dispersion).toBeGreaterThan(5);
    expect((b.quantiles["0.9"]?.[0] ?? 0) - (b.quantiles["0.1"]?.[0] ?? 0)).toBeGreaterThan((a.quantiles["0.9"]?.[0] ?? 0) - (a.quantiles["0.1"]?.[0] ?? 0));
  });
});

describe("profile fit check", () => {
  it("accepts a variant that follows its group's season and rejects one running against it", () => {
    const group = buildSeasonalProfile(seasonalSeries(156, 500));
    const random = seededRandom(9);
    const follower = seasonalSeries(104, 1.5, random);
    const weekStarts = follower.weekStarts;
    const contrarian = { weekStarts, values: weekStarts.map((w) => poisson(1.5 * (2 - shape(weekOfYearSlot(w))), random)) };
    expect(profileFitsVariant(follower, group).fits).toBe(true);
    const against = profileFitsVariant(contrarian, group);
    expect(against.fits).toBe(false);
    expect(against.sseProfile).toBeGreaterThan(against.sseFlat);
  });
});
