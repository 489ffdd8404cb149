import { describe, expect, it } from "vitest";
import { countQuantile, countQuantiles, inverseNormal } from "~/engine/forecast/weekly-count-quantiles";

describe("count quantiles", () => {
  it("inverts the normal CDF", () => {
    expect(inverseNormal(0.5)).toBeCloseTo(0, 9);
    expect(inverseNormal(0.975)).toBeCloseTo(1.959964, 5);
    expect(inverseNormal(0.1)).toBeCloseTo(-1.281552, 5);
  });

  it("matches Poisson quantiles when variance equals the mean", () => {
    // Poisson(2) CDF: 0.135, 0.406, 0.677, 0.857, 0.947.
    expect([0.1, 0.5, 0.9].map((p) => countQuantile(2, 2, p))).toEqual([0, 2, 4]);
  });

  it("widens with over-dispersion (negative binomial) and is zero for zero demand", () => {
    // NB with mean 2, variance 6: r = 1, prob = 1/3, CDF(k) = 1 − (2/3)^(k+1); P90 → k = 5.
    expect(countQuantile(2, 6, 0.9)).toBe(5);
    expect(countQuantile(2, 6, 0.1)).toBe(0);
    expect(countQuantile(0, 0, 0.9)).toBe(0);
  });

  it("uses the normal approximation for large means", () => {
    expect(countQuantile(400, 400, 0.9)).toBe(Math.round(400 + 1.281552 * 20));
  });

  it("keys quantiles by level", () => {
    const q = countQuantiles([2, 2], [2, 2], [0.1, 0.9]);
    expect(Object.keys(q)).toEqual(["0.1", "0.9"]);
    expect(q["0.9"]).toEqual([4, 4]);
  });
});
