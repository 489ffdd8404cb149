import { describe, expect, it } from "vitest";
import { autoForecast } from "~/engine/forecast/auto";
import { variantBacktest } from "~/engine/forecast/variant-backtest";

const weekStarts = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString().slice(0, 10));

describe("variantBacktest: what the variant's own history said 13 weeks ago", () => {
  it("forecasts from the weeks before the origin only, and scores the 13 after it", () => {
    // 27 weeks at 10 a week, then 13 at 20: the origin sees only the 10s.
    const demand = [...Array(27).fill(10), ...Array(13).fill(20)];
    const b = variantBacktest(weekStarts, demand)!;
    expect(b.fromWeek).toBe(weekStarts[27]);
    expect(b.mean).toEqual(autoForecast(demand.slice(0, 27), { horizon: 13, seasonLength: 52, quantiles: [0.1, 0.5, 0.9] }).forecast.mean);
    expect(b.forecastTotal).toBeCloseTo(130, 6);
    expect(b.actualTotal).toBe(260);
    // Every week 10 under: WAPE 50%, bias −50%.
    expect(b.wape).toBeCloseTo(0.5, 6);
    expect(b.bias).toBeCloseTo(-0.5, 6);
  });

  it("says nothing with fewer than 8 weeks before the origin", () => {
    expect(variantBacktest(weekStarts.slice(0, 20), Array(20).fill(5))).toBeNull();
    expect(variantBacktest(weekStarts.slice(0, 21), Array(21).fill(5))).not.toBeNull();
  });
});
