import { describe, expect, it } from "vitest";
import { dampedHolt, holt, ses } from "../../../../app/engine/forecast/smoothing";
import { nelderMead } from "../../../../app/engine/forecast/optimizer";

describe("simple exponential smoothing", () => {
  it("matches the hand-computed recursion with alpha = 0.5 and l0 = y1", () => {
    // levels: 3 → 3 → 4 → 4 → 5; one-step fits 3, 3, 4, 4
    const fit = ses([3, 5, 4, 6], 2, { alpha: 0.5 });
    expect(fit.fitted).toEqual([3, 3, 4, 4]);
    expect(fit.mean).toEqual([5, 5]);
    // errors 0,2,0,2 → σ² = 8 / (4 − 2) = 4; Var_h = σ²(1 + (h−1)α²)
    expect(fit.variance![0]).toBeCloseTo(4, 10);
    expect(fit.variance![1]).toBeCloseTo(5, 10);
  });

  it("fits alpha near 1 on a random walk and near 0 on noise around a level", () => {
    const walk = [10, 12, 11, 15, 18, 17, 21, 25, 24, 28, 30, 29, 33, 36];
    const noise = [10, 12, 9, 11, 10, 8, 12, 10, 11, 9, 10, 12, 9, 11];
    expect(ses(walk, 1).parameters.alpha).toBeGreaterThan(0.8);
    expect(ses(noise, 1).parameters.alpha).toBeLessThan(0.2);
  });
});

describe("Holt", () => {
  it("matches the hand-computed component form (α = β* = 0.5, l0 = y1, b0 = y2 − y1)", () => {
    const fit = holt([10, 12, 15, 16], 2, { alpha: 0.5, beta: 0.5 });
    expect(fit.fitted).toEqual([12, 12.5, 13.625, 16.03125]);
    expect(fit.mean[0]).toBeCloseTo(17.7265625, 10);
    expect(fit.mean[1]).toBeCloseTo(19.4375, 10);
  });

  it("extrapolates an exact line", () => {
    const line = Array.from({ length: 20 }, (_, t) => 5 + 2 * t);
    const fit = holt(line, 3);
    fit.mean.forEach((v, i) => expect(v).toBeCloseTo(5 + 2 * (20 + i), 2));
  });
});

describe("damped trend", () => {
  it("matches the hand-computed recursion with φ = 0.9", () => {
    const fit = dampedHolt([10, 12, 15, 16], 2, { alpha: 0.5, beta: 0.5, phi: 0.9 });
    expect(fit.mean[0]).toBeCloseTo(17.091888203125, 9);
    expect(fit.mean[1]).toBeCloseTo(18.3242152421875, 9);
  });

  it("flattens: increments shrink by φ each step", () => {
    const fit = dampedHolt([10, 12, 15, 16], 4, { alpha: 0.5, beta: 0.5, phi: 0.9 });
    const d1 = fit.mean[2]! - fit.mean[1]!;
    const d2 = fit.mean[3]! - fit.mean[2]!;
    expect(d2 / d1).toBeCloseTo(0.9, 10);
  });
});

describe("Nelder–Mead", () => {
  it("finds the Rosenbrock minimum at (1, 1)", () => {
    const result = nelderMead(([x, y]) => 100 * (y! - x! * x!) ** 2 + (1 - x!) ** 2, [-1.2, 1], { maxIterations: 2000, tolerance: 1e-14 });
    expect(result.x[0]).toBeCloseTo(1, 3);
    expect(result.x[1]).toBeCloseTo(1, 3);
  });
});
