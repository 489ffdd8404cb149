/**
 * Exact distribution of total intermittent demand over a span of weeks (a compound sum, as in
 * Syntetos, Babai & Gardner's treatment of lead-time demand for intermittent items): the number
 * of weeks with demand N is Poisson-binomial (week w has demand with probability q_w·λ), sizes are
 * iid on a grid, and total = Σ_n P(N = n)·S^{*n}. The rate factor λ common to all weeks is
 * lognormal with mean 1 and the distribution's `rateCv`, integrated by 5-point Gauss–Hermite
 * quadrature. When the convolutions would cost too much (many demand weeks, wide sizes), the
 * total is close to its moment-matched negative binomial and that is used instead.
 */
import { countCdf, countQuantiles } from "./distributions";

export interface CompoundWeek {
  /** chance of demand in this (possibly partial) week before the rate factor */
  probability: number;
}

export interface CompoundSizes {
  sizes: readonly number[];
  weights: readonly number[];
  sizeStep: number;
  rateCv: number;
}

export interface SpanPmf {
  variance: number;
  /** smallest total whose CDF reaches `level` */
  quantile(level: number): number;
  /** P(total ≤ value) */
  cdf(value: number): number;
  /** P(total < value) */
  cdfBelow(value: number): number;
}

// Probabilists' Gauss–Hermite nodes and weights, n = 5 (exact for moments up to 9).
const HERMITE_NODES = [-2.8569700138728056, -1.3556261799742657, 0, 1.3556261799742657, 2.8569700138728056];
const HERMITE_WEIGHTS = [0.011257411327720691, 0.2220759220056126, 0.5333333333333333, 0.2220759220056126, 0.011257411327720691];
/** Multiply-adds allowed for the exact convolution before the moment match takes over. */
const CONVOLUTION_BUDGET = 400_000;
const TAIL = 1e-12;

function rateFactors(cv: number): { factor: number; weight: number }[] {
  if (!(cv > 0)) return [{ factor: 1, weight: 1 }];
  const sigma2 = Math.log(1 + cv * cv);
  const sigma = Math.sqrt(sigma2);
  return HERMITE_NODES.map((z, i) => ({ factor: Math.exp(sigma * z - sigma2 / 2), weight: HERMITE_WEIGHTS[i]! }));
}

/** P(N = n) for N a sum of independent Bernoulli(p_w). */
function poissonBinomial(probabilities: readonly number[]): Float64Array {
  const pmf = new Float64Array(probabilities.length + 1);
  pmf[0] = 1;
  probabilities.forEach((p, k) => {
    for (let n = k + 1; n >= 1; n--) pmf[n] = pmf[n]! * (1 - p) + pmf[n - 1]! * p;
    pmf[0] = pmf[0]! * (1 - p);
  });
  return pmf;
}

function gridPmf(pmf: Float64Array, step: number): SpanPmf {
  const cumulative = new Float64Array(pmf.length);
  let running = 0;
  pmf.forEach((p, i) => (cumulative[i] = running += p));
  const total = running > 0 ? running : 1;
  const cdfAtIndex = (index: number): number => (index < 0 ? 0 : Math.min(1, cumulative[Math.min(index, pmf.length - 1)]! / total));
  let first = 0;
  let second = 0;
  pmf.forEach((p, i) => {
    first += (p * i * step) / total;
    second += (p * (i * step) ** 2) / total;
  });
  return {
    variance: Math.max(0, second - first * first),
    quantile(level) {
      const target = level * total * (1 - 1e-12);
      let low = 0;
      let high = pmf.length - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (cumulative[middle]! >= target) high = middle;
        else low = middle + 1;
      }
      return low * step;
    },
    cdf: (value) => cdfAtIndex(Math.floor(value / step + 1e-9)),
    cdfBelow: (value) => cdfAtIndex(Math.ceil(value / step - 1e-9) - 1),
  };
}

function momentMatched(sizes: CompoundSizes, weeks: readonly CompoundWeek[], factors: { factor: number; weight: number }[]): SpanPmf {
  const step = sizes.sizeStep;
  let m1 = 0;
  let m2 = 0;
  sizes.sizes.forEach((s, i) => {
    m1 += (s / step) * sizes.weights[i]!;
    m2 += (s / step) ** 2 * sizes.weights[i]!;
  });
  let mean = 0;
  let secondMoment = 0;
  for (const { factor, weight } of factors) {
    let m = 0;
    let v = 0;
    for (const week of weeks) {
      const q = Math.min(1, week.probability * factor);
      m += q * m1;
      v += q * m2 - (q * m1) ** 2;
    }
    mean += weight * m;
    secondMoment += weight * (v + m * m);
  }
  const variance = Math.max(0, secondMoment - mean * mean);
  const cdf = countCdf(mean, variance);
  return {
    variance: variance * step * step,
    quantile: (level) => countQuantiles(mean, variance, [level])[0]! * step,
    cdf: (value) => cdf(Math.floor(value / step + 1e-9)),
    cdfBelow: (value) => cdf(Math.ceil(value / step - 1e-9) - 1),
  };
}

export function compoundSpanPmf(sizes: CompoundSizes, weeks: readonly CompoundWeek[]): SpanPmf {
  const step = sizes.sizeStep;
  const factors = rateFactors(sizes.rateCv);
  const indices = sizes.sizes.map((s) => Math.max(1, Math.round(s / step)));
  const weightTotal = sizes.weights.reduce((a, b) => a + b, 0);
  if (indices.length === 0 || !(weightTotal > 0) || weeks.every((w) => !(w.probability > 0))) return gridPmf(Float64Array.of(1), step);

  const counts = new Float64Array(weeks.length + 1);
  for (const { factor, weight } of factors) {
    const pmf = poissonBinomial(weeks.map((w) => Math.min(1, Math.max(0, w.probability * factor))));
    pmf.forEach((p, n) => (counts[n] = counts[n]! + weight * p));
  }
  let maxCount = counts.length - 1;
  let tail = 0;
  while (maxCount > 0 && tail + counts[maxCount]! < TAIL) tail += counts[maxCount--]!;

  const maxIndex = Math.max(...indices);
  let work = 0;
  for (let n = 1; n < maxCount; n++) work += (n * maxIndex + 1) * indices.length;
  if (work > CONVOLUTION_BUDGET) return momentMatched(sizes, weeks, factors);

  const total = new Float64Array(maxCount * maxIndex + 1);
  total[0] = counts[0]!;
  let power = new Float64Array(maxIndex + 1);
  indices.forEach((index, i) => (power[index] = power[index]! + sizes.weights[i]! / weightTotal));
  for (let n = 1; n <= maxCount; n++) {
    const pn = counts[n]!;
    for (let k = 0; k < power.length; k++) total[k] = total[k]! + pn * power[k]!;
    if (n === maxCount) break;
    const next = new Float64Array(power.length + maxIndex);
    for (let k = 0; k < power.length; k++) {
      const pk = power[k]!;
      if (pk === 0) continue;
      indices.forEach((index, i) => (next[k + index] = next[k + index]! + (pk * sizes.weights[i]!) / weightTotal));
    }
    power = next;
  }
  return gridPmf(total, step);
}
