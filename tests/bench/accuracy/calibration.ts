// Calibration of predictive distributions: the share of outcomes at or below each quantile, for
// single periods and for totals over spans of 4–8 periods from the forecast origin (what policy
// reads). For counts the share is the non-randomised PIT of Czado, Gneiting & Held (2009): an
// outcome on a point of mass F(y−) < τ ≤ F(y) counts (τ − F(y−)) / (F(y) − F(y−)), so a calibrated
// count forecast scores τ; the literal share y ≤ q_τ, also kept, cannot fall below P(Y = 0) for a
// mostly-zero series, whatever the forecast.
import { intervalDemand, intervalDemandCdf, type DemandDistribution } from "../../../app/engine/forecast/index";
import { pitShare } from "../../../app/engine/forecast/recalibration";

export const STEP_LEVELS = [0.1, 0.5, 0.9];
export const SPAN_LEVELS = [0.5, 0.9, 0.95];
export const SPAN_LENGTHS = [4, 5, 6, 7, 8];

export interface Tally {
  /** Σ PIT share per level */
  pit: number[];
  /** Σ 1[y ≤ q] per level */
  literal: number[];
  count: number;
}

export interface CalibrationTally {
  steps: Tally;
  spans: Tally;
}

function emptyTally(levels: readonly number[]): Tally {
  return { pit: levels.map(() => 0), literal: levels.map(() => 0), count: 0 };
}

export function emptyCalibration(): CalibrationTally {
  return { steps: emptyTally(STEP_LEVELS), spans: emptyTally(SPAN_LEVELS) };
}

function score(tally: Tally, levels: readonly number[], distribution: DemandDistribution, span: { startWeek: number; weeks: number }, outcome: number): void {
  const { below, atOrBelow } = intervalDemandCdf(distribution, span, [outcome]);
  const { quantiles } = intervalDemand(distribution, span, levels);
  levels.forEach((level, i) => {
    tally.pit[i]! += pitShare(level, below[0]!, atOrBelow[0]!);
    tally.literal[i]! += outcome <= quantiles[i]! + 1e-9 ? 1 : 0;
  });
  tally.count++;
}

/** Scores one series; `scored[h]` false leaves period h (and spans holding it) out. */
export function tallyCalibration(distribution: DemandDistribution, actual: readonly number[], scored?: readonly boolean[]): CalibrationTally {
  const tally = emptyCalibration();
  const keep = (h: number): boolean => scored?.[h] ?? true;
  actual.forEach((y, h) => {
    if (keep(h)) score(tally.steps, STEP_LEVELS, distribution, { startWeek: h, weeks: 1 }, y);
  });
  for (const length of SPAN_LENGTHS) {
    if (length > actual.length) continue;
    const window = actual.slice(0, length);
    if (window.some((_, h) => !keep(h))) continue;
    score(tally.spans, SPAN_LEVELS, distribution, { startWeek: 0, weeks: length }, window.reduce((a, b) => a + b, 0));
  }
  return tally;
}

export function addCalibration(total: CalibrationTally, part: CalibrationTally): void {
  for (const key of ["steps", "spans"] as const) {
    part[key].pit.forEach((v, i) => (total[key].pit[i]! += v));
    part[key].literal.forEach((v, i) => (total[key].literal[i]! += v));
    total[key].count += part[key].count;
  }
}

/** "0.104 0.497 0.902" with the literal shares in brackets where they differ. */
export function formatTally(tally: Tally): string {
  return tally.pit
    .map((v, i) => {
      const pit = v / tally.count;
      const literal = tally.literal[i]! / tally.count;
      return `${pit.toFixed(3)}${Math.abs(literal - pit) >= 0.0005 ? ` (${literal.toFixed(3)})` : ""}`.padEnd(16);
    })
    .join("");
}
