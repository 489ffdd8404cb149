import { describe, expect, it } from "vitest";
import { bias, mase, pinballLoss, rmsse, smape, wape } from "../../../../app/engine/forecast/metrics";
import { countQuantiles } from "../../../../app/engine/forecast/distributions";

describe("metrics", () => {
  it("sMAPE counts a zero-denominator term as 0", () => {
    expect(smape([100, 0], [50, 0])).toBeCloseTo((200 * 50) / 150 / 2, 12);
  });
  it("MASE scales by the in-sample mean absolute lag difference", () => {
    expect(mase([3, 5], [4, 4], [1, 2, 4], 1)).toBeCloseTo(1 / 1.5, 12);
    expect(mase([3, 5], [4, 4], [1, 2, 4, 1, 3], 2)).toBeCloseTo(1 / ((3 + 1 + 1) / 3), 12);
  });
  it("RMSSE, WAPE, bias and pinball loss", () => {
    expect(rmsse([3, 5], [4, 4], [1, 2, 4])).toBeCloseTo(Math.sqrt(1 / 2.5), 12);
    expect(wape([3, 5], [4, 4])).toBeCloseTo(0.25, 12);
    expect(bias([3, 5], [5, 7])).toBe(2);
    expect(pinballLoss([10], [8], 0.9)).toBeCloseTo(1.8, 12);
    expect(pinballLoss([10], [12], 0.9)).toBeCloseTo(0.2, 12);
  });
});

describe("count quantiles", () => {
  it("Poisson(2): P10 = 0, P50 = 2, P90 = 4", () => {
    expect(countQuantiles(2, 2, [0.1, 0.5, 0.9])).toEqual([0, 2, 4]);
  });
  it("over-dispersion (negative binomial) widens the upper quantile", () => {
    const [p90poisson] = countQuantiles(2, 2, [0.9]);
    const [p90nb] = countQuantiles(2, 8, [0.9]);
    expect(p90nb!).toBeGreaterThan(p90poisson!);
  });
});
