import { describe, expect, it } from "vitest";
import { autoEts, candidateSpecs, fitEts } from "../../../../app/engine/forecast/ets";
import { ses } from "../../../../app/engine/forecast/smoothing";
import { seededRandom } from "./random";

function noisy(values: number[], sd: number, seed: number): number[] {
  const random = seededRandom(seed);
  return values.map((v) => v + sd * Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random()));
}

describe("ETS", () => {
  it("ETS(A,N,N) by likelihood agrees with SES by SSE (same optimum)", () => {
    const y = noisy(Array<number>(60).fill(50), 5, 1);
    const ets = fitEts(y, { error: "A", trend: "N", season: "N" }, 1, 3);
    const smooth = ses(y, 3);
    expect(ets.mean[0]).toBeCloseTo(smooth.mean[0]!, 0);
    expect(ets.label).toBe("ETS(A,N,N)");
  });

  it("follows R's default restrictions on the model set", () => {
    const labels = candidateSpecs(Array.from({ length: 60 }, (_, t) => 10 + t), 12).map((s) => `${s.error}${s.trend}${s.season}`);
    expect(labels).toHaveLength(15);
    expect(labels).not.toContain("ANM");
    expect(candidateSpecs([1, -2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 1).every((s) => s.error === "A")).toBe(true);
  });

  it("AICc picks a seasonal model on seasonal data and forecasts the pattern", () => {
    const pattern = [0.7, 0.8, 1.0, 1.2, 1.4, 1.3, 1.1, 1.0, 0.9, 0.8, 0.9, 0.9];
    const y = noisy(Array.from({ length: 96 }, (_, t) => (200 + 2 * t) * pattern[t % 12]!), 3, 2);
    const fit = autoEts(y, 12, 12);
    expect(fit.spec.season).not.toBe("N");
    const truth = Array.from({ length: 12 }, (_, h) => (200 + 2 * (96 + h)) * pattern[(96 + h) % 12]!);
    const mape = truth.reduce((a, v, h) => a + Math.abs(v - fit.mean[h]!) / v, 0) / 12;
    expect(mape).toBeLessThan(0.05);
  });

  it("picks a trend model on a noisy line and extrapolates it", () => {
    const y = noisy(Array.from({ length: 80 }, (_, t) => 20 + 3 * t), 1, 3);
    const fit = autoEts(y, 5, 1);
    expect(fit.spec.trend).not.toBe("N");
    expect(fit.mean[4]!).toBeGreaterThan(20 + 3 * 84 - 10);
  });

  it("forecast variance grows with the horizon", () => {
    const y = noisy(Array.from({ length: 80 }, (_, t) => 100 + t), 4, 4);
    const v = autoEts(y, 8, 1).variance!;
    for (let h = 1; h < v.length; h++) expect(v[h]!).toBeGreaterThanOrEqual(v[h - 1]!);
    expect(v[7]!).toBeGreaterThan(v[0]!);
  });
});
