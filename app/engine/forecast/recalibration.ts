/**
 * Quantile recalibration (Kuleshov, Fenner & Ermon 2018): where a forecast's probability integral
 * transform (PIT, the model's CDF at the outcome) is not uniform on past outcomes, the map
 * G(u) = share of past outcomes with PIT ≤ u makes it so. The calibrated CDF is G(F(y)) and the
 * calibrated quantile at level q is F⁻¹(G⁻¹(q)). The point forecast (the mean) is not touched.
 *
 * G is stored at fixed model levels (`RECALIBRATION_LEVELS`), piecewise linear through (0, 0) and
 * (1, 1). Weekly figures read `week`; totals over more than one week (lead times) read `span`,
 * since one week's errors do not say how they add up.
 */

export const RECALIBRATION_LEVELS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99];

export interface Recalibration {
  /** model levels u_k, ascending, strictly inside (0, 1) */
  levels: number[];
  /** G(u_k) for single weeks */
  week: number[];
  /** G(u_k) for totals over several weeks */
  span: number[];
}

/** Levels above this are never asked of the model: its far tail is the least known part. */
const HIGHEST_MODEL_LEVEL = 0.999;
const LOWEST_MODEL_LEVEL = 0.001;

/**
 * Non-randomised PIT share of one outcome at level u (Czado, Gneiting & Held 2009): with
 * P(Y < y) = below and P(Y ≤ y) = atOrBelow, the share of the outcome's mass at or below u. A
 * calibrated forecast scores u on average, counts included.
 */
export function pitShare(level: number, below: number, atOrBelow: number): number {
  const mass = atOrBelow - below;
  if (mass < 1e-12) return atOrBelow <= level ? 1 : 0;
  return Math.min(1, Math.max(0, (level - below) / mass));
}

function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  let previousX = 0;
  let previousY = 0;
  for (let i = 0; i < xs.length; i++) {
    const nextX = xs[i]!;
    const nextY = ys[i]!;
    if (x <= nextX) return nextX > previousX ? previousY + ((x - previousX) / (nextX - previousX)) * (nextY - previousY) : nextY;
    previousX = nextX;
    previousY = nextY;
  }
  return previousX < 1 ? previousY + ((x - previousX) / (1 - previousX)) * (1 - previousY) : 1;
}

/** G(u): the calibrated probability of a model probability. */
export function calibratedProbability(levels: readonly number[], shares: readonly number[], modelProbability: number): number {
  return interpolate(levels, shares, modelProbability);
}

/** G⁻¹(q): the model level to read for a calibrated level q. */
export function modelLevel(levels: readonly number[], shares: readonly number[], level: number): number {
  return Math.min(HIGHEST_MODEL_LEVEL, Math.max(LOWEST_MODEL_LEVEL, interpolate(shares, levels, level)));
}

/** Shares made strictly increasing inside (0, 1), so G can be inverted. */
export function monotoneShares(shares: readonly number[]): number[] {
  const gap = 1e-4;
  const result: number[] = [];
  let running = 0;
  shares.forEach((share, i) => {
    const ceiling = 1 - gap * (shares.length - i);
    running = Math.min(ceiling, Math.max(running + gap, Number.isFinite(share) ? share : running + gap));
    result.push(running);
  });
  return result;
}

export function checkRecalibration(value: unknown): void {
  const r = value as Recalibration;
  if (r === null || typeof r !== "object" || !Array.isArray(r.levels) || !Array.isArray(r.week) || !Array.isArray(r.span)) {
    throw new Error("distribution.recalibration must hold levels, week and span arrays");
  }
  if (r.week.length !== r.levels.length || r.span.length !== r.levels.length) throw new Error("distribution.recalibration needs one week and one span share per level");
  const increasing = (values: readonly number[]): boolean => values.every((v, i) => v > 0 && v < 1 && (i === 0 || v > values[i - 1]!));
  if (!increasing(r.levels) || !increasing(r.week) || !increasing(r.span)) throw new Error("distribution.recalibration levels and shares must rise strictly inside (0, 1)");
}
