import { describe, expect, it } from "vitest";
import { classifyDemand } from "../../../../app/engine/forecast/classification";
import { occurrenceSizeQuantiles } from "../../../../app/engine/forecast/distributions";
import { croston, sba, tsb, tsbDemandDistribution } from "../../../../app/engine/forecast/intermittent";

const y = [0, 0, 3, 0, 5, 0, 0, 0, 4];

describe("Croston and SBA", () => {
  it("update size and interval only on demand (α = 0.5)", () => {
    // first demand at position 3: z = 3, p = 3; then q = 2: z = 4, p = 2.5; then q = 4: z = 4, p = 3.25
    const fit = croston(y, 2, 0.5);
    expect(fit.size).toBeCloseTo(4, 12);
    expect(fit.interval).toBeCloseTo(3.25, 12);
    expect(fit.mean).toEqual([4 / 3.25, 4 / 3.25]);
    expect(fit.fitted[3]).toBeCloseTo(1, 12);
  });

  it("SBA multiplies Croston by (1 − α/2)", () => {
    expect(sba(y, 1, 0.5).mean[0]).toBeCloseTo((0.75 * 4) / 3.25, 12);
    expect(sba(y, 1, 0.1).mean[0]! / croston(y, 1, 0.1).mean[0]!).toBeCloseTo(0.95, 12);
  });
});

describe("TSB", () => {
  it("updates probability every period and size on demand (α = β = 0.5)", () => {
    // p: 0, 0, .5, .25, .625, .3125, .15625, .078125, .5390625; z: 3, then 4 after the demand of 5
    const fit = tsb(y, 1, 0.5, 0.5);
    expect(fit.probability).toBeCloseTo(0.5390625, 12);
    expect(fit.size).toBeCloseTo(4, 12);
    expect(fit.mean[0]).toBeCloseTo(2.15625, 12);
  });

  it("decays towards zero after demand stops, unlike Croston", () => {
    const dying = [5, 0, 6, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(tsb(dying, 1, 0.1, 0.3).mean[0]!).toBeLessThan(0.5 * croston(dying, 1, 0.1).mean[0]!);
  });
});

describe("occurrence × size distribution", () => {
  it("takes TSB's probability and weights sizes by (1 − α) per later demand", () => {
    const distribution = tsbDemandDistribution(y, 0.5, 0.5);
    expect(distribution.probability).toBeCloseTo(0.5390625, 12);
    expect(distribution.sizes).toEqual([3, 5, 4]);
    expect(distribution.weights).toEqual([0.25, 0.5, 1]);
  });

  it("is 0 up to level 1 − p, then the weighted size quantile at (τ − (1 − p)) / p", () => {
    // p = 0.4; sorted sizes 1 (w 1), 2 (w 0.81), 5 (w 0.9), total 2.71
    // τ 0.7 → 0.25 → 0.6775 of weight → 1; τ 0.85 → 0.625 → 1.694 → 2; τ 0.9 → 0.75 → 2.0325 → 5
    const distribution = { probability: 0.4, sizes: [2, 5, 1], weights: [0.81, 0.9, 1] };
    expect(occurrenceSizeQuantiles(distribution, [0.1, 0.6, 0.7, 0.85, 0.9, 0.99])).toEqual([0, 0, 1, 2, 5, 5]);
    expect(occurrenceSizeQuantiles({ probability: 0, sizes: [], weights: [] }, [0.5, 0.9])).toEqual([0, 0]);
  });
});

describe("ADI / CV² classification", () => {
  it("computes ADI = n / non-zero periods and CV² of non-zero sizes", () => {
    const c = classifyDemand([0, 4, 0, 6]);
    expect(c.adi).toBe(2);
    expect(c.cv2).toBeCloseTo(1 / 25, 12);
    expect(c.demandClass).toBe("intermittent");
  });

  it("uses the 1.32 and 0.49 cut-offs", () => {
    expect(classifyDemand([5, 6, 5, 7, 6, 5]).demandClass).toBe("smooth");
    expect(classifyDemand([1, 20, 2, 30, 1, 25]).demandClass).toBe("erratic");
    expect(classifyDemand([0, 1, 0, 0, 30, 0, 0, 2, 0, 0]).demandClass).toBe("lumpy");
    // ADI exactly 1.32 counts as intermittent (not below the cut-off)
    const atCutoff = Array.from({ length: 33 }, (_, i) => (i < 8 ? 0 : 5)); // 33 / 25 = 1.32
    expect(classifyDemand(atCutoff).adi).toBe(1.32);
    expect(classifyDemand(atCutoff).demandClass).toBe("intermittent");
  });
});
