// Predictive quantiles: Gaussian for continuous demand, Poisson / negative binomial for counts.
import { normalCdf, normalQuantile } from "./stats";

/** Normal quantile μ + z_τ·σ clipped at 0 (demand cannot be negative). */
export function normalDemandQuantile(mean: number, sd: number, level: number): number {
  return Math.max(0, mean + normalQuantile(level) * sd);
}

/**
 * Quantiles of a count distribution with the given mean and variance: Poisson when the variance
 * does not exceed the mean, otherwise negative binomial with size r = μ²/(σ² − μ). Large means
 * use the normal approximation (the difference is negligible there and it is much cheaper).
 */
export function countQuantiles(mean: number, varianceValue: number, levels: readonly number[]): number[] {
  if (!(mean > 0)) return levels.map(() => 0);
  const variance = Math.max(mean, varianceValue);
  if (mean > 200) return levels.map((level) => normalDemandQuantile(mean, Math.sqrt(variance), level));
  const overdispersed = variance > mean * (1 + 1e-9);
  const size = overdispersed ? (mean * mean) / (variance - mean) : Infinity;
  const success = overdispersed ? mean / (size + mean) : 0;
  let probability = overdispersed ? Math.exp(size * Math.log(size / (size + mean))) : Math.exp(-mean);
  const order = levels.map((level, i) => ({ level, i })).sort((a, b) => a.level - b.level);
  const result = new Array<number>(levels.length).fill(0);
  let cumulative = probability;
  let k = 0;
  const limit = Math.ceil(mean + 50 * Math.sqrt(variance) + 50);
  for (const { level, i } of order) {
    while (cumulative < level && k < limit) {
      probability *= overdispersed ? ((k + size) / (k + 1)) * success : mean / (k + 1);
      k++;
      cumulative += probability;
    }
    result[i] = k;
  }
  return result;
}

/** CDF on the integers of the count distribution countQuantiles uses (Poisson, NB, or normal past 200). */
export function countCdf(mean: number, varianceValue: number): (k: number) => number {
  if (!(mean > 0)) return (k) => (k >= 0 ? 1 : 0);
  const variance = Math.max(mean, varianceValue);
  if (mean > 200) {
    const sd = Math.sqrt(variance);
    // countQuantiles' normal branch returns unrounded quantiles; treat it as continuous.
    return (k) => (k < 0 ? 0 : normalCdf((k - mean) / sd));
  }
  const overdispersed = variance > mean * (1 + 1e-9);
  const size = overdispersed ? (mean * mean) / (variance - mean) : Infinity;
  const success = overdispersed ? mean / (size + mean) : 0;
  const cumulative: number[] = [];
  let probability = overdispersed ? Math.exp(size * Math.log(size / (size + mean))) : Math.exp(-mean);
  let total = probability;
  cumulative.push(total);
  return (k) => {
    if (k < 0) return 0;
    const limit = Math.ceil(mean + 50 * Math.sqrt(variance) + 50);
    while (cumulative.length <= k && cumulative.length <= limit) {
      const j = cumulative.length - 1;
      probability *= overdispersed ? ((j + size) / (j + 1)) * success : mean / (j + 1);
      total += probability;
      cumulative.push(total);
    }
    return Math.min(1, cumulative[Math.min(k, cumulative.length - 1)]!);
  };
}

/**
 * Per-step sd for counts: variance = forecast mean × the history's dispersion index (variance /
 * mean, at least 1 = Poisson), grown over the horizon in proportion to the model's own error
 * variance (modelSd). Uses the empirical dispersion rather than the model's in-sample errors, which
 * early, poorly initialised periods of intermittent methods inflate.
 */
export function dispersionStepSd(mean: readonly number[], history: readonly number[], modelSd: readonly number[]): number[] {
  const n = Math.max(1, history.length);
  const historyMean = history.reduce((a, b) => a + b, 0) / n;
  const historyVariance = history.reduce((a, b) => a + (b - historyMean) ** 2, 0) / n;
  const dispersion = historyMean > 0 ? Math.max(1, historyVariance / historyMean) : 1;
  const first = (modelSd[0] ?? 0) > 0 ? modelSd[0]! : 1;
  return mean.map((m, h) => Math.sqrt(m * dispersion * Math.max(1, ((modelSd[h] ?? first) / first) ** 2)));
}

/** Demand as occurrence × size: P(demand > 0) = probability, non-zero sizes drawn from `sizes` with `weights`. */
export interface OccurrenceSizeDistribution {
  probability: number;
  sizes: number[];
  weights: number[];
}

/**
 * Quantiles of an occurrence × size (hurdle) distribution: 0 up to level 1 − p, above it the
 * weighted empirical quantile (inverse CDF, no interpolation) of the sizes at (τ − (1 − p)) / p.
 * Needs no dispersion estimate, and keeps the lumpiness of real order sizes a fitted count
 * distribution smooths away.
 */
export function occurrenceSizeQuantiles(distribution: OccurrenceSizeDistribution, levels: readonly number[]): number[] {
  const { probability: p, sizes, weights } = distribution;
  if (!(p > 0) || sizes.length === 0) return levels.map(() => 0);
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[a]! - sizes[b]!);
  const total = weights.reduce((a, b) => a + b, 0);
  return levels.map((level) => {
    if (level <= 1 - p) return 0;
    const target = Math.min(1, (level - (1 - p)) / p) * total;
    let cumulative = 0;
    for (const i of order) {
      cumulative += weights[i]!;
      if (cumulative >= target * (1 - 1e-12)) return sizes[i]!;
    }
    return sizes[order[order.length - 1]!]!;
  });
}
