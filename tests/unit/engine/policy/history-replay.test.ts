import { describe, expect, it } from "vitest";
import type { CorrelatedDemandDistribution } from "~/engine/forecast/demand-distribution";
import { intervalDemand } from "~/engine/forecast/demand-distribution";
import { IDENTITY_RECALIBRATION, withServiceCorrection, type ClassCalibration } from "~/engine/forecast/shop-calibration";
import { correctionFor, MINIMUM_CYCLES, replayCase, replayHistory, textbookLevels, type ReplayCase } from "~/engine/policy/history-replay";
import { gaussianSampler } from "../forecast/random";

const WEEKS = 13;
const forecast = (level: number, sd: number): CorrelatedDemandDistribution => ({
  version: 1,
  family: "normal",
  mean: Array(WEEKS).fill(level),
  sd: Array(WEEKS).fill(sd),
  persistence: 0,
  levelShare: 0,
});

function cases(count: number, key: string, forecastLevel: number, seed: number): ReplayCase[] {
  const draw = gaussianSampler(seed);
  return Array.from({ length: count }, () => ({
    key,
    distribution: forecast(forecastLevel, 3),
    history: Array.from({ length: 26 }, () => 20 + 3 * draw()),
    actual: Array.from({ length: WEEKS }, () => Math.max(0, Math.round(20 + 3 * draw()))),
    leadTimeDays: 14,
    reviewDays: 7,
    serviceLevel: 0.95,
  }));
}

describe("textbookLevels: normal safety stock on a moving average", () => {
  it("is z·σ·√(L + R) over the mean, from the last 13 weeks", () => {
    const history = [...Array(13).fill(100), ...Array(6).fill(10), ...Array(7).fill(30)];
    // Last 13: six 10s and seven 30s: mean 20.77, sd 10.38.
    const mean = (6 * 10 + 7 * 30) / 13;
    const sd = Math.sqrt((6 * (10 - mean) ** 2 + 7 * (30 - mean) ** 2) / 12);
    const levels = textbookLevels(history, 2, 1, 0.95);
    expect(levels.orderUpTo).toBe(Math.ceil(mean * 3 + 1.6448536 * sd * Math.sqrt(3)));
    expect(levels.reorderPoint).toBe(Math.ceil(mean * 2 + 1.6448536 * sd * Math.sqrt(3)));
  });
});

describe("replayHistory: the policy on the weeks that actually came", () => {
  it("meets its target where the forecast was right, and corrects nothing", () => {
    const replays = replayHistory(cases(60, "own_history:smooth", 20, 1));
    const smooth = replays.find((r) => r.key === "own_history:smooth")!;
    expect(smooth.plan.cycles).toBeGreaterThanOrEqual(MINIMUM_CYCLES);
    expect(smooth.target).toBeCloseTo(0.95, 9);
    expect(smooth.plan.cycleService).toBeGreaterThan(0.9);
    expect(smooth.correction).toBe(0);
    expect(replays.map((r) => r.key).sort()).toEqual(["all", "own_history", "own_history:smooth"]);
  });

  it("misses where the forecast ran 20% low, and asks for a higher lead-time quantile", () => {
    const replays = replayHistory(cases(60, "own_history:smooth", 16, 2));
    const smooth = replays.find((r) => r.key === "own_history:smooth")!;
    expect(smooth.plan.cycleService).toBeLessThan(0.9);
    expect(smooth.correction).toBeGreaterThan(0);
    // The textbook policy read the true level off the history, so it did better here.
    expect(smooth.textbook.cycleService).toBeGreaterThan(smooth.plan.cycleService);
  });

  it("corrects nothing on too few cycles, and lets a thin class borrow its route's correction", () => {
    const thin = replayHistory(cases(3, "own_history:lumpy", 16, 3));
    expect(thin.find((r) => r.key === "own_history:lumpy")!.correction).toBe(0);
    const mixed = replayHistory([...cases(60, "own_history:smooth", 16, 4), ...cases(3, "own_history:lumpy", 16, 5)]);
    expect(correctionFor(mixed, "own_history:lumpy")).toBe(mixed.find((r) => r.key === "own_history")!.correction);
    expect(correctionFor(mixed, "own_history:lumpy")).toBeGreaterThan(0);
  });

  it("skips a case whose lead time and review outlast the weeks replayed", () => {
    expect(replayCase({ ...cases(1, "own_history:smooth", 20, 6)[0]!, leadTimeDays: 91 })).toBeNull();
  });
});

describe("withServiceCorrection: the lead-time map moved by the replay's miss", () => {
  const calibration: ClassCalibration = { key: "all", backtests: 100, weekOutcomes: 1000, modelCoverage: 0.8, modelMedianShare: 0.5, weight: 0.8, recalibration: IDENTITY_RECALIBRATION };

  it("raises a span's upper quantiles, keeps its median and its single weeks", () => {
    const corrected = withServiceCorrection(calibration, 0.4);
    const model = forecast(20, 3);
    const before = { ...model, recalibration: calibration.recalibration };
    const after = { ...model, recalibration: corrected.recalibration };
    const span = { startWeek: 0, weeks: 3 };
    const [medianBefore, p95Before] = intervalDemand(before, span, [0.5, 0.95]).quantiles as [number, number];
    const [medianAfter, p95After] = intervalDemand(after, span, [0.5, 0.95]).quantiles as [number, number];
    expect(p95After).toBeGreaterThan(p95Before + 1);
    expect(medianAfter).toBeCloseTo(medianBefore, 6);
    expect(intervalDemand(after, { startWeek: 0, weeks: 1 }, [0.95]).quantiles[0]).toBeCloseTo(intervalDemand(before, { startWeek: 0, weeks: 1 }, [0.95]).quantiles[0]!, 9);
  });

  it("changes nothing at a correction of 0", () => {
    expect(withServiceCorrection(calibration, 0)).toBe(calibration);
  });
});
