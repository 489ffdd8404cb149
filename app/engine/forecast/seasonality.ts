// Seasonality test and classical multiplicative decomposition, as used by Naive2 and thetaf
// in the M4 competition's reference code.
import { autocorrelation } from "./stats";

/**
 * 90% autocorrelation test at lag m (M4 Naive2 / R thetaf): seasonal when
 * |r_m| > 1.645 · sqrt((1 + 2·Σ_{k<m} r_k²) / n). Needs at least 3 full seasons.
 */
export function hasSeasonality(y: readonly number[], seasonLength: number): boolean {
  const n = y.length;
  if (seasonLength <= 1 || n < 3 * seasonLength) return false;
  const r = autocorrelation(y, seasonLength);
  let squares = 0;
  for (let k = 0; k < seasonLength - 1; k++) squares += r[k]! * r[k]!;
  const limit = 1.645 * Math.sqrt((1 + 2 * squares) / n);
  return Math.abs(r[seasonLength - 1]!) > limit;
}

/**
 * Multiplicative seasonal indices from classical decomposition (R decompose(type = "multiplicative")):
 * centred moving-average trend, mean ratio per season position, normalised to mean 1.
 * Index i applies to periods t with t mod m == i (t counted from 0 at the series start).
 */
export function multiplicativeSeasonalIndices(y: readonly number[], seasonLength: number): number[] {
  const m = seasonLength;
  const n = y.length;
  const weights: number[] = m % 2 === 0 ? [0.5, ...Array<number>(m - 1).fill(1), 0.5] : Array<number>(m).fill(1);
  const half = Math.floor(weights.length / 2);
  const ratioSums = Array<number>(m).fill(0);
  const ratioCounts = Array<number>(m).fill(0);
  for (let t = half; t < n - half; t++) {
    let trend = 0;
    for (let k = 0; k < weights.length; k++) trend += weights[k]! * y[t - half + k]!;
    trend /= m;
    if (trend === 0) continue;
    ratioSums[t % m]! += y[t]! / trend;
    ratioCounts[t % m]! += 1;
  }
  const raw = ratioSums.map((s, i) => (ratioCounts[i]! > 0 ? s / ratioCounts[i]! : 1));
  const average = raw.reduce((a, b) => a + b, 0) / m;
  return raw.map((v) => (average > 0 && Number.isFinite(v) && v > 0 ? v / average : 1));
}

export interface SeasonalAdjustment {
  /** y divided by its seasonal index; equals y when no seasonality was found. */
  adjusted: number[];
  /** index per season position; all ones when not seasonal. */
  indices: number[];
  seasonal: boolean;
}

/** Deseasonalise when the 90% test finds seasonality and the data are positive (multiplicative). */
export function seasonalAdjustment(y: readonly number[], seasonLength: number): SeasonalAdjustment {
  const m = Math.max(1, seasonLength);
  const positive = y.every((v) => v > 0);
  if (m <= 1 || !positive || !hasSeasonality(y, m)) {
    return { adjusted: [...y], indices: Array<number>(m).fill(1), seasonal: false };
  }
  const indices = multiplicativeSeasonalIndices(y, m);
  return { adjusted: y.map((v, t) => v / indices[t % m]!), indices, seasonal: true };
}

/** Index for forecast step h (1-based) after a history of n periods. */
export function indexForStep(indices: readonly number[], n: number, h: number): number {
  return indices[(n + h - 1) % indices.length]!;
}

/**
 * Additive seasonal indices from classical decomposition (R decompose(type = "additive")),
 * centred to sum 0. Index i applies to periods with t mod m == i.
 */
export function additiveSeasonalIndices(y: readonly number[], seasonLength: number): number[] {
  const m = seasonLength;
  const n = y.length;
  const weights: number[] = m % 2 === 0 ? [0.5, ...Array<number>(m - 1).fill(1), 0.5] : Array<number>(m).fill(1);
  const half = Math.floor(weights.length / 2);
  const sums = Array<number>(m).fill(0);
  const counts = Array<number>(m).fill(0);
  for (let t = half; t < n - half; t++) {
    let trend = 0;
    for (let k = 0; k < weights.length; k++) trend += weights[k]! * y[t - half + k]!;
    sums[t % m]! += y[t]! - trend / m;
    counts[t % m]! += 1;
  }
  const raw = sums.map((s, i) => (counts[i]! > 0 ? s / counts[i]! : 0));
  const average = raw.reduce((a, b) => a + b, 0) / m;
  return raw.map((v) => v - average);
}

/**
 * Additive seasonal profile by least squares on a line plus one level per season position, fitted
 * over the last complete cycles. Unlike classical decomposition it needs no centred moving average
 * (which leaves one ratio per position with two cycles and none with fewer), so it works from two
 * cycles, and from one with the slope taken as 0 (it is not identifiable then). With k ≥ 2 cycles
 * the slope is the pooled within-position slope, i.e. the average cycle-over-cycle change / m.
 * Index i applies to periods with t mod m == i; the profile sums to 0. All zeros when n < m.
 */
export function trendAndSeasonProfile(y: readonly number[], seasonLength: number): number[] {
  const m = seasonLength;
  const n = y.length;
  const cycles = Math.floor(n / m);
  if (m <= 1 || cycles < 1) return Array<number>(Math.max(1, m)).fill(0);
  const start = n - cycles * m;
  const positionMean = Array<number>(m).fill(0);
  const positionTime = Array<number>(m).fill(0);
  for (let t = start; t < n; t++) {
    positionMean[t % m]! += y[t]! / cycles;
    positionTime[t % m]! += t / cycles;
  }
  let covariance = 0;
  let spread = 0;
  for (let t = start; t < n; t++) {
    const dt = t - positionTime[t % m]!;
    covariance += dt * (y[t]! - positionMean[t % m]!);
    spread += dt * dt;
  }
  const slope = spread > 0 ? covariance / spread : 0;
  const raw = positionMean.map((v, i) => v - slope * positionTime[i]!);
  const average = raw.reduce((a, b) => a + b, 0) / m;
  return raw.map((v) => v - average);
}
