import { describe, expect, it } from "vitest";
import { intervalDemand, intervalDemandCdf, type CorrelatedDemandDistribution } from "~/engine/forecast/demand-distribution";
import { calibratedProbability, modelLevel, monotoneShares, pitShare, RECALIBRATION_LEVELS } from "~/engine/forecast/recalibration";
import { normalCdf, normalQuantile } from "~/engine/forecast/stats";

const normal = (sd: number): CorrelatedDemandDistribution => ({ version: 1, family: "normal", mean: [100, 100], sd: [sd, sd], persistence: 0, levelShare: 0 });

/** G for outcomes whose sd is `ratio` times the model's: G(u) = Φ(z_u / ratio). */
function sharesFor(ratio: number): number[] {
  return RECALIBRATION_LEVELS.map((u) => normalCdf(normalQuantile(u) / ratio));
}

describe("pitShare: the non-randomised PIT of one outcome", () => {
  it("splits an outcome's point mass across the level", () => {
    expect(pitShare(0.5, 0.2, 0.6)).toBeCloseTo(0.75, 12);
    expect(pitShare(0.1, 0.2, 0.6)).toBe(0);
    expect(pitShare(0.9, 0.2, 0.6)).toBe(1);
    expect(pitShare(0.5, 0.4, 0.4)).toBe(1);
    expect(pitShare(0.3, 0.4, 0.4)).toBe(0);
  });
});

describe("the recalibration map", () => {
  const shares = monotoneShares(sharesFor(1.5));

  it("inverts: G(G⁻¹(q)) = q inside the knots", () => {
    for (const q of [0.1, 0.25, 0.5, 0.75, 0.9, 0.95]) expect(calibratedProbability(RECALIBRATION_LEVELS, shares, modelLevel(RECALIBRATION_LEVELS, shares, q))).toBeCloseTo(q, 9);
  });

  it("never asks the model for a level beyond 0.1% from either end", () => {
    const narrow = monotoneShares(sharesFor(4));
    expect(modelLevel(RECALIBRATION_LEVELS, narrow, 0.999)).toBeLessThanOrEqual(0.999);
    expect(modelLevel(RECALIBRATION_LEVELS, narrow, 0.0001)).toBeGreaterThanOrEqual(0.001);
  });

  it("widens a distribution whose errors ran 1.5 times its sd, leaving its median where it was", () => {
    const model = normal(10);
    const calibrated = { ...model, recalibration: { levels: [...RECALIBRATION_LEVELS], week: shares, span: shares } };
    const before = intervalDemand(model, { startWeek: 0, weeks: 1 }, [0.1, 0.5, 0.9]).quantiles;
    const after = intervalDemand(calibrated, { startWeek: 0, weeks: 1 }, [0.1, 0.5, 0.9]).quantiles;
    expect(after[1]).toBeCloseTo(before[1]!, 4);
    // The true P90 is 100 + 1.2816 · 15; the map reads it to within the knots' resolution.
    expect(after[2]).toBeGreaterThan(100 + 1.2816 * 14);
    expect(after[2]).toBeLessThan(100 + 1.2816 * 16);
    expect(after[0]).toBeLessThan(100 - 1.2816 * 14);
  });

  it("reads the CDF through the same map as the quantiles", () => {
    const calibrated = { ...normal(10), recalibration: { levels: [...RECALIBRATION_LEVELS], week: shares, span: shares } };
    const p90 = intervalDemand(calibrated, { startWeek: 0, weeks: 1 }, [0.9]).quantiles[0]!;
    expect(intervalDemandCdf(calibrated, { startWeek: 0, weeks: 1 }, [p90]).atOrBelow[0]).toBeCloseTo(0.9, 6);
  });

  it("reads spans of more than one week through the span map", () => {
    const week = [...RECALIBRATION_LEVELS];
    const calibrated = { ...normal(10), recalibration: { levels: [...RECALIBRATION_LEVELS], week, span: shares } };
    const model = intervalDemand(normal(10), { startWeek: 0, weeks: 2 }, [0.9]).quantiles[0]!;
    expect(intervalDemand(calibrated, { startWeek: 0, weeks: 1 }, [0.9]).quantiles[0]).toBeCloseTo(intervalDemand(normal(10), { startWeek: 0, weeks: 1 }, [0.9]).quantiles[0]!, 6);
    expect(intervalDemand(calibrated, { startWeek: 0, weeks: 2 }, [0.9]).quantiles[0]).toBeGreaterThan(model);
  });

  it("refuses a stored map that does not rise, naming the field", () => {
    const broken = { ...normal(10), recalibration: { levels: [...RECALIBRATION_LEVELS], week: RECALIBRATION_LEVELS.map(() => 0.5), span: [...RECALIBRATION_LEVELS] } };
    expect(() => intervalDemand(broken, { startWeek: 0, weeks: 1 }, [0.5])).toThrow(/distribution\.recalibration/);
    const short = { ...normal(10), recalibration: { levels: [0.5], week: [0.5, 0.6], span: [0.5] } };
    expect(() => intervalDemand(short, { startWeek: 0, weeks: 1 }, [0.5])).toThrow(/one week and one span share per level/);
  });
});
