import { describe, expect, it } from "vitest";
import { replay } from "../../../app/engine/policy/replay";
import { pitShare } from "../../../app/engine/forecast/recalibration";
import { tallyCalibration } from "../../bench/accuracy/calibration";
import type { CorrelatedDemandDistribution } from "../../../app/engine/forecast/index";

describe("policy bench replay", () => {
  it("orders up to S each review, backorders, and scores each cycle on demand over L + R", () => {
    // S = 3, L = 1, R = 1: the order at k covers periods k and k+1 (net at end of k+1 = 3 − D_k − D_{k+1}).
    const demand = [1, 1, 2, 2, 0, 1];
    const result = replay(demand, () => ({ reorderPoint: 1, orderUpTo: 3 }), 1, 1, "order_up_to");
    // cycles k = 0..4: D_k + D_{k+1} = 2, 3, 4, 2, 1 → only k = 2 exceeds 3
    expect(result.cycles).toBe(5);
    expect(result.cyclesWithoutStockout).toBe(4);
    // measured periods 1..5 (after the lead time): period 3 has 1 on hand for a demand of 2
    expect(result.demand).toBe(6);
    expect(result.filled).toBe(5);
    expect(result.stockoutPeriods).toBe(1);
  });

  it("under the reorder-point rule it waits while the position is above s", () => {
    const demand = [1, 1, 1, 1];
    const upTo = replay(demand, () => ({ reorderPoint: 1, orderUpTo: 3 }), 1, 1, "order_up_to");
    const reorder = replay(demand, () => ({ reorderPoint: 1, orderUpTo: 3 }), 1, 1, "reorder_point");
    expect(upTo.orders).toBe(3);
    expect(reorder.orders).toBeLessThan(upTo.orders);
  });
});

describe("calibration tally", () => {
  it("counts a count outcome's point of mass in proportion (non-randomised PIT)", () => {
    // F(y−) = 0.2, F(y) = 0.6: at τ = 0.5, (0.5 − 0.2) / 0.4 = 0.75
    expect(pitShare(0.5, 0.2, 0.6)).toBeCloseTo(0.75, 12);
    expect(pitShare(0.1, 0.2, 0.6)).toBe(0);
    expect(pitShare(0.9, 0.2, 0.6)).toBe(1);
    expect(pitShare(0.5, 0.4, 0.4)).toBe(1);
  });

  it("scores periods and 4–8-period totals of a normal forecast", () => {
    const d: CorrelatedDemandDistribution = { version: 1, family: "normal", mean: Array(8).fill(10), sd: Array(8).fill(1), persistence: 0, levelShare: 0 };
    const tally = tallyCalibration(d, Array(8).fill(10));
    expect(tally.steps.count).toBe(8);
    expect(tally.spans.count).toBe(5);
    // outcome at the median: at or below P50 (F = 0.5 ≤ 0.5) and P90, not P10
    expect(tally.steps.pit).toEqual([0, 8, 8]);
  });
});
