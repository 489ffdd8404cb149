/**
 * Quantiles of weekly unit counts for forecasts that have a mean and a variance but no
 * error model of their own (top-down and analog forecasts). Counts of sparse items are
 * skewed and bounded at zero, so a negative binomial (Poisson when variance ≤ mean) is used;
 * past a mean of 200 the normal approximation is close enough and cheaper.
 */

/** Inverse standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function inverseNormal(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/** The p-quantile of a count with the given mean and variance. */
export function countQuantile(mean: number, variance: number, p: number): number {
  if (!(mean > 0)) return 0;
  const v = Math.max(variance, mean);
  if (mean > 200) return Math.max(0, Math.round(mean + inverseNormal(p) * Math.sqrt(v)));
  const poisson = v <= mean * 1.0001;
  // NB(r, prob): mean = r(1−prob)/prob, variance = mean/prob.
  const prob = mean / v;
  const r = (mean * mean) / (v - mean);
  let pmf = poisson ? Math.exp(-mean) : Math.pow(prob, r);
  let cdf = pmf;
  let k = 0;
  while (cdf < p && k < 100_000) {
    pmf *= poisson ? mean / (k + 1) : ((k + r) / (k + 1)) * (1 - prob);
    k++;
    cdf += pmf;
  }
  return k;
}

export function quantileKey(level: number): string {
  return String(level);
}

/** Per-step quantiles for a list of (mean, variance) pairs, keyed "0.1", "0.5", … */
export function countQuantiles(means: readonly number[], variances: readonly number[], levels: readonly number[]): Record<string, number[]> {
  const result: Record<string, number[]> = {};
  for (const level of levels) {
    result[quantileKey(level)] = means.map((m, i) => countQuantile(m, variances[i] ?? m, level));
  }
  return result;
}
