import { describe, expect, it } from "vitest";
import { growthShift } from "../../../../app/engine/forecast/calibration";

const SEASON = 12;
/** Two flat years at `yearBefore` then `lastYear` units a period. */
const history = (yearBefore: number, lastYear: number): number[] => [...Array(SEASON).fill(yearBefore), ...Array(SEASON).fill(lastYear)];

describe("growthShift: the centre's lean toward last year's growth", () => {
  it("leans up where the forecast carries less growth than last year showed", () => {
    // Grew 100 → 120 (r = 1.2); a flat forecast at 120 implies ρ = 1: the gap is 1.2.
    const shift = growthShift(history(100, 120), SEASON, Array(6).fill(120), 0.25, 0.3);
    expect(shift[0]).toBeCloseTo(120 * (1.2 ** (0.25 * (1 + 1 / SEASON)) - 1), 9);
    // The gap compounds with the horizon.
    expect(shift[5]!).toBeGreaterThan(shift[0]!);
  });

  it("leans down on a shrinking series at only declineWeight of κ: declines do not persist as growth does", () => {
    // Shrank 120 → 100 (r = 5/6); a flat forecast implies ρ = 1: the gap is 5/6.
    const symmetric = growthShift(history(120, 100), SEASON, Array(6).fill(100), 0.25, 1);
    const damped = growthShift(history(120, 100), SEASON, Array(6).fill(100), 0.25, 0.3);
    expect(symmetric[0]).toBeCloseTo(100 * ((5 / 6) ** (0.25 * (1 + 1 / SEASON)) - 1), 9);
    expect(damped[0]).toBeCloseTo(100 * ((5 / 6) ** (0.3 * 0.25 * (1 + 1 / SEASON)) - 1), 9);
    expect(damped[0]!).toBeLessThan(0);
    expect(damped[0]!).toBeGreaterThan(symmetric[0]!);
  });

  it("keeps the full κ on a growing series whose forecast runs ahead of its growth", () => {
    // Grew 100 → 110, but the forecast implies 130/110: the lean is down, at the full κ.
    const shift = growthShift(history(100, 110), SEASON, Array(6).fill(130), 0.25, 0.3);
    const gap = 1.1 / (130 / 110);
    expect(shift[0]).toBeCloseTo(130 * (gap ** (0.25 * (1 + 1 / SEASON)) - 1), 9);
  });

  it("does not lean without two full years of history or with no weight", () => {
    expect(growthShift(history(100, 120).slice(1), SEASON, [120, 120], 0.25, 0.3)).toEqual([0, 0]);
    expect(growthShift(history(100, 120), SEASON, [120, 120], 0, 0.3)).toEqual([0, 0]);
  });
});
