/**
 * A forecast's predictive distribution as plain JSON, and the distribution of TOTAL demand over
 * any span of forecast weeks (a lead time, lead time + review period) read from it, so policy can
 * be recomputed from a stored forecast without re-forecasting.
 *
 * Families:
 * - "normal" and "negative_binomial": each week's demand is its mean plus an error with sd `sd[w]`.
 *   Errors of weeks forecast from one origin are correlated through the innovations form of
 *   exponential smoothing (Hyndman, Koehler, Ord & Snyder 2008, ch. 6, cumulative forecasts):
 *   Z_w = √b·δ + ε_w + a·Σ_{k<w} ε_k with δ, ε iid N(0, 1), a = `persistence` (SES's α: how much
 *   of one week's surprise carries into later weeks) and b = `levelShare` (an error common to all
 *   weeks, e.g. in the level estimate). The error of week w is sd[w]·Z_w / sd(Z_w), so the
 *   marginals are exactly `sd` and Corr(i < j) = (b + a + a²i) / √((b + 1 + a²i)(b + 1 + a²j)).
 *   A span's total is Gaussian clipped at 0, or a negative binomial (Poisson when its variance does
 *   not exceed its mean) with the span's mean and variance.
 * - "occurrence_size" (intermittent and lumpy demand): week w has demand with probability
 *   `probability[w]`, its size drawn from `sizes`/`weights`; a lognormal factor with coefficient
 *   of variation `rateCv`, common to all weeks, carries the uncertainty of the rate. `mean` is the
 *   point forecast (the backtest's choice, which may differ a little from probability × E[size]):
 *   span means come from it, quantiles from the occurrence × size structure. Span totals are
 *   exact compound convolutions on the size grid (no normal approximation) while the expected
 *   number of demand weeks is small, and a moment-matched negative binomial beyond.
 *
 * Spans: week 0 is the first forecast week; `startWeek` and `weeks` may be fractional. A partial
 * week contributes its share f of the mean, f² of its shared error and f(1 − f) of its own noise
 * (the within-week noise of a fraction of a week is independent of the rest). Weeks past the
 * horizon repeat the last week's mean; their errors keep growing as the model above says.
 */
import { countCdf, countQuantiles, normalDemandQuantile } from "./distributions";
import { normalCdf } from "./stats";
import { compoundSpanPmf, type CompoundWeek } from "./compound-demand";

export const DEMAND_DISTRIBUTION_VERSION = 1;

export interface CorrelatedDemandDistribution {
  version: 1;
  family: "normal" | "negative_binomial";
  /** mean units per forecast week, week 0 first */
  mean: number[];
  /** sd of each week's forecast error, same length as `mean` */
  sd: number[];
  /** a ≥ 0: share of a week's surprise carried into every later week (0 = independent weeks) */
  persistence: number;
  /** b ≥ 0: variance of an error common to all weeks, relative to one week's own noise */
  levelShare: number;
}

export interface OccurrenceSizeDemandDistribution {
  version: 1;
  family: "occurrence_size";
  /** mean units per forecast week (the point forecast) */
  mean: number[];
  /** chance of any demand in each forecast week, same length as `mean` */
  probability: number[];
  /** distinct non-zero demand sizes, ascending, each a multiple of `sizeStep` */
  sizes: number[];
  /** their probabilities, summing to 1 */
  weights: number[];
  sizeStep: number;
  /** coefficient of variation of the demand rate (a factor common to all weeks), ≥ 0 */
  rateCv: number;
}

/** Plain JSON (numbers, arrays, strings): store it, and recompute policy from it later. */
export type DemandDistribution = CorrelatedDemandDistribution | OccurrenceSizeDemandDistribution;

export interface DemandSpan {
  /** 0 = start of the first forecast week; fractional = days into a week / 7 */
  startWeek: number;
  /** length in weeks, may be fractional and may run past the horizon */
  weeks: number;
}

export interface IntervalDemand {
  mean: number;
  /** units, in the order of `levels`, non-decreasing in level */
  quantiles: number[];
}

interface WeekShare {
  week: number;
  share: number;
}

/** The forecast weeks a span touches and the share of each it covers. */
export function spanWeeks(span: DemandSpan): WeekShare[] {
  if (!Number.isFinite(span.startWeek) || span.startWeek < 0) throw new Error(`span.startWeek must be a finite number ≥ 0, got ${span.startWeek}`);
  if (!Number.isFinite(span.weeks) || span.weeks < 0) throw new Error(`span.weeks must be a finite number ≥ 0, got ${span.weeks}`);
  if (span.weeks > 520) throw new Error(`span.weeks must be at most 520 (ten years), got ${span.weeks}`);
  const end = span.startWeek + span.weeks;
  const shares: WeekShare[] = [];
  for (let week = Math.floor(span.startWeek); week < end; week++) {
    const share = Math.min(end, week + 1) - Math.max(span.startWeek, week);
    if (share > 1e-9) shares.push({ week, share: Math.min(1, share) });
  }
  return shares;
}

function checkLevels(levels: readonly number[]): void {
  for (const level of levels) {
    if (!(level > 0 && level < 1)) throw new Error(`quantile levels must lie strictly between 0 and 1, got ${level}`);
  }
}

function checkDistribution(distribution: DemandDistribution): void {
  if (distribution === null || typeof distribution !== "object") throw new Error("distribution must be a DemandDistribution object");
  if (distribution.version !== DEMAND_DISTRIBUTION_VERSION) throw new Error(`unsupported DemandDistribution version ${String(distribution.version)}`);
  if (!Array.isArray(distribution.mean) || distribution.mean.length === 0) throw new Error("distribution.mean must be a non-empty array");
  if (distribution.family === "normal" || distribution.family === "negative_binomial") {
    if (!Array.isArray(distribution.sd) || distribution.sd.length !== distribution.mean.length) throw new Error("distribution.sd must have one entry per week of distribution.mean");
  } else if (distribution.family === "occurrence_size") {
    if (!Array.isArray(distribution.probability) || distribution.probability.length !== distribution.mean.length) throw new Error("distribution.probability must have one entry per week of distribution.mean");
    if (distribution.sizes.length !== distribution.weights.length) throw new Error("distribution.sizes and distribution.weights must have the same length");
    if (!(distribution.sizeStep > 0)) throw new Error("distribution.sizeStep must be positive");
  } else {
    throw new Error(`unknown DemandDistribution family "${String((distribution as { family?: unknown }).family)}"`);
  }
}

const lastOf = (values: readonly number[]): number => values[values.length - 1] ?? 0;

/** Mean of week w; past the horizon the last week's. */
function weekMean(distribution: DemandDistribution, week: number): number {
  return distribution.mean[week] ?? lastOf(distribution.mean);
}

/** Variance of Z_w in the innovations model (0-based week). */
function innovationVariance(a: number, b: number, week: number): number {
  return b + 1 + a * a * week;
}

/** sd of week w's error; past the horizon the last sd grown as the innovations model grows. */
function weekSd(distribution: CorrelatedDemandDistribution, week: number): number {
  const horizon = distribution.sd.length;
  if (week < horizon) return distribution.sd[week]!;
  const a = distribution.persistence;
  const b = distribution.levelShare;
  return lastOf(distribution.sd) * Math.sqrt(innovationVariance(a, b, week) / innovationVariance(a, b, horizon - 1));
}

/** Mean and variance of a span's total under the correlated-error families. */
export function correlatedSpanMoments(distribution: CorrelatedDemandDistribution, span: DemandSpan): { mean: number; variance: number } {
  const weeks = spanWeeks(span);
  const a = distribution.persistence;
  const b = distribution.levelShare;
  let mean = 0;
  let variance = 0;
  const sds = weeks.map(({ week }) => weekSd(distribution, week));
  const vz = weeks.map(({ week }) => innovationVariance(a, b, week));
  for (let i = 0; i < weeks.length; i++) {
    const { week, share } = weeks[i]!;
    mean += share * weekMean(distribution, week);
    const sdI = sds[i]!;
    variance += share * share * sdI * sdI + share * (1 - share) * ((sdI * sdI) / vz[i]!);
    for (let j = i + 1; j < weeks.length; j++) {
      const covariance = (b + a + a * a * week) / Math.sqrt(vz[i]! * vz[j]!);
      variance += 2 * share * weeks[j]!.share * sdI * sds[j]! * covariance;
    }
  }
  return { mean, variance: Math.max(0, variance) };
}

function occurrenceWeeks(distribution: OccurrenceSizeDemandDistribution, span: DemandSpan): { weeks: CompoundWeek[]; mean: number } {
  let mean = 0;
  const weeks = spanWeeks(span).map(({ week, share }) => {
    mean += share * weekMean(distribution, week);
    const chance = distribution.probability[week] ?? lastOf(distribution.probability);
    // A fraction f of a week keeps demand with chance f·p: the week's demand, thinned.
    return { probability: share * Math.min(1, Math.max(0, chance)) };
  });
  return { weeks, mean };
}

/** Variance of a span's total, in units². */
export function intervalVariance(distribution: DemandDistribution, span: DemandSpan): number {
  checkDistribution(distribution);
  if (distribution.family === "occurrence_size") return compoundSpanPmf(distribution, occurrenceWeeks(distribution, span).weeks).variance;
  return correlatedSpanMoments(distribution, span).variance;
}

/** Distribution of total demand over `span`: its mean and the quantiles at `levels`. */
export function intervalDemand(distribution: DemandDistribution, span: DemandSpan, levels: readonly number[]): IntervalDemand {
  checkDistribution(distribution);
  checkLevels(levels);
  if (distribution.family === "occurrence_size") {
    const { weeks, mean } = occurrenceWeeks(distribution, span);
    const pmf = compoundSpanPmf(distribution, weeks);
    return { mean, quantiles: levels.map((level) => pmf.quantile(level)) };
  }
  const { mean, variance } = correlatedSpanMoments(distribution, span);
  const quantiles =
    distribution.family === "negative_binomial"
      ? countQuantiles(mean, variance, levels)
      : levels.map((level) => normalDemandQuantile(mean, Math.sqrt(variance), level));
  return { mean, quantiles: finiteUnits(quantiles) };
}

/**
 * P(total < v) and P(total ≤ v) for each v: what calibration checks need (for counts the two
 * differ by the mass at v; a randomised PIT falls uniformly between them).
 */
export function intervalDemandCdf(distribution: DemandDistribution, span: DemandSpan, values: readonly number[]): { below: number[]; atOrBelow: number[] } {
  checkDistribution(distribution);
  if (distribution.family === "occurrence_size") {
    const pmf = compoundSpanPmf(distribution, occurrenceWeeks(distribution, span).weeks);
    return { below: values.map((v) => pmf.cdfBelow(v)), atOrBelow: values.map((v) => pmf.cdf(v)) };
  }
  const { mean, variance } = correlatedSpanMoments(distribution, span);
  if (distribution.family === "negative_binomial") {
    const cdf = countCdf(mean, variance);
    return { below: values.map((v) => cdf(Math.ceil(v) - 1)), atOrBelow: values.map((v) => cdf(Math.floor(v + 1e-9))) };
  }
  const sd = Math.sqrt(variance);
  const at = (v: number): number => (v < 0 ? 0 : sd > 0 ? normalCdf((v - mean) / sd) : v >= mean ? 1 : 0);
  // Clipping at 0 puts the mass of negative values on 0 itself.
  return { below: values.map((v) => (v <= 0 ? 0 : at(v))), atOrBelow: values.map(at) };
}

function finiteUnits(values: readonly number[]): number[] {
  return values.map((v) => (Number.isFinite(v) ? Math.max(0, v) : 0));
}
