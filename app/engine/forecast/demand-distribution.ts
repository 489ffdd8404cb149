/**
 * A forecast's predictive distribution as plain JSON, and the distribution of TOTAL demand over
 * any span of forecast weeks (a lead time, lead time + review period) read from it, so policy can
 * be recomputed from a stored forecast without re-forecasting.
 *
 * Families:
 * - "normal", "lognormal" and "negative_binomial": each week's demand is its mean plus an error
 *   with sd `sd[w]`.
 *   Errors of weeks forecast from one origin are correlated through the innovations form of
 *   exponential smoothing (Hyndman, Koehler, Ord & Snyder 2008, ch. 6, cumulative forecasts):
 *   Z_w = √b·δ + ε_w + a·Σ_{k<w} ε_k with δ, ε iid N(0, 1), a = `persistence` (SES's α: how much
 *   of one week's surprise carries into later weeks) and b = `levelShare` (an error common to all
 *   weeks, e.g. in the level estimate). The error of week w is sd[w]·Z_w / sd(Z_w), so the
 *   marginals are exactly `sd` and Corr(i < j) = (b + a + a²i) / √((b + 1 + a²i)(b + 1 + a²j)).
 *   The distribution is centred on mean[w] + shift[w] (see calibration.ts: where the forecast
 *   implies less growth than last year showed, the quantiles lean part of the way toward it) while
 *   `mean` stays the point forecast. The errors' scale is itself uncertain: a factor common to all
 *   weeks, lognormal with log-sd `scaleCv` and E[factor²] = 1 (so the variance is still sd²), gives
 *   heavier tails, integrated by 5-point Gauss–Hermite quadrature.
 *   A span's total is Gaussian clipped at 0, lognormal with the centre as its median (demand is
 *   positive and its errors grow with its level, so the upper tail is the longer one), or a
 *   negative binomial (Poisson when its variance does not exceed its centre), with the span's
 *   centre and variance, under each scale factor.
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
import { normalCdf, normalQuantile } from "./stats";
import { compoundSpanPmf, type CompoundWeek } from "./compound-demand";
import { calibratedProbability, checkRecalibration, modelLevel, type Recalibration } from "./recalibration";

export const DEMAND_DISTRIBUTION_VERSION = 1;

export interface CorrelatedDemandDistribution {
  version: 1;
  family: "normal" | "lognormal" | "negative_binomial";
  /** mean units per forecast week, week 0 first */
  mean: number[];
  /** sd of each week's forecast error, same length as `mean` */
  sd: number[];
  /** a ≥ 0: share of a week's surprise carried into every later week (0 = independent weeks) */
  persistence: number;
  /** b ≥ 0: variance of an error common to all weeks, relative to one week's own noise */
  levelShare: number;
  /** units: the distribution's centre is mean[w] + shift[w], same length as `mean` (absent: 0) */
  shift?: number[];
  /** ≥ 0: sd of the log of a scale factor on all weeks' errors (absent or 0: Gaussian tails) */
  scaleCv?: number;
  /** the shop's own map from model to calibrated probabilities (absent: none; see recalibration.ts) */
  recalibration?: Recalibration;
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
  /** the shop's own map from model to calibrated probabilities (absent: none; see recalibration.ts) */
  recalibration?: Recalibration;
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
  if (distribution.family === "normal" || distribution.family === "lognormal" || distribution.family === "negative_binomial") {
    if (!Array.isArray(distribution.sd) || distribution.sd.length !== distribution.mean.length) throw new Error("distribution.sd must have one entry per week of distribution.mean");
    // shift and scaleCv came after the first stored distributions; absent means none.
    if (distribution.shift !== undefined && (!Array.isArray(distribution.shift) || distribution.shift.length !== distribution.mean.length)) throw new Error("distribution.shift must have one entry per week of distribution.mean");
    if (distribution.scaleCv !== undefined && !(distribution.scaleCv >= 0)) throw new Error("distribution.scaleCv must be a number ≥ 0");
  } else if (distribution.family === "occurrence_size") {
    if (!Array.isArray(distribution.probability) || distribution.probability.length !== distribution.mean.length) throw new Error("distribution.probability must have one entry per week of distribution.mean");
    if (distribution.sizes.length !== distribution.weights.length) throw new Error("distribution.sizes and distribution.weights must have the same length");
    if (!(distribution.sizeStep > 0)) throw new Error("distribution.sizeStep must be positive");
  } else {
    throw new Error(`unknown DemandDistribution family "${String((distribution as { family?: unknown }).family)}"`);
  }
  if (distribution.recalibration !== undefined) checkRecalibration(distribution.recalibration);
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

/** Mean (point forecast), centre and variance of a span's total under the correlated-error families. */
export function correlatedSpanMoments(distribution: CorrelatedDemandDistribution, span: DemandSpan): { mean: number; center: number; variance: number } {
  const weeks = spanWeeks(span);
  const a = distribution.persistence;
  const b = distribution.levelShare;
  let mean = 0;
  let center = 0;
  let variance = 0;
  const sds = weeks.map(({ week }) => weekSd(distribution, week));
  const vz = weeks.map(({ week }) => innovationVariance(a, b, week));
  for (let i = 0; i < weeks.length; i++) {
    const { week, share } = weeks[i]!;
    mean += share * weekMean(distribution, week);
    const sdI = sds[i]!;
    const shift = distribution.shift ?? [];
    center += share * Math.max(0, weekMean(distribution, week) + (shift[week] ?? lastOf(shift)));
    variance += share * share * sdI * sdI + share * (1 - share) * ((sdI * sdI) / vz[i]!);
    for (let j = i + 1; j < weeks.length; j++) {
      const covariance = (b + a + a * a * week) / Math.sqrt(vz[i]! * vz[j]!);
      variance += 2 * share * weeks[j]!.share * sdI * sds[j]! * covariance;
    }
  }
  return { mean, center, variance: Math.max(0, variance) };
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

/** The distribution of one span's total, computed once and read many times. */
export interface SpanDistribution {
  /** Σ share × mean: the point forecast's total */
  mean: number;
  variance: number;
  /** totals live on multiples of this (1 for counts, the sizes' step), 0 when continuous */
  step: number;
  /** smallest total whose CDF reaches `level` */
  quantile(level: number): number;
  /** P(total ≤ value) */
  cdf(value: number): number;
  /** P(total < value) */
  cdfBelow(value: number): number;
}

export function intervalDistribution(distribution: DemandDistribution, span: DemandSpan): SpanDistribution {
  checkDistribution(distribution);
  const model = modelDistribution(distribution, span);
  const map = distribution.recalibration;
  return map ? new RecalibratedSpan(model, map.levels, span.weeks <= 1 ? map.week : map.span) : model;
}

/** A span's total read through the shop's map (a class, not closures: policies read thousands of these). */
class RecalibratedSpan implements SpanDistribution {
  readonly mean: number;
  readonly variance: number;
  readonly step: number;
  constructor(
    private readonly model: SpanDistribution,
    private readonly levels: readonly number[],
    private readonly shares: readonly number[],
  ) {
    this.mean = model.mean;
    this.variance = model.variance;
    this.step = model.step;
  }
  quantile(level: number): number {
    return this.model.quantile(modelLevel(this.levels, this.shares, level));
  }
  cdf(value: number): number {
    return calibratedProbability(this.levels, this.shares, this.model.cdf(value));
  }
  cdfBelow(value: number): number {
    return calibratedProbability(this.levels, this.shares, this.model.cdfBelow(value));
  }
}

/** The span's total as the model has it, before the shop's recalibration. */
function modelDistribution(distribution: DemandDistribution, span: DemandSpan): SpanDistribution {
  if (distribution.family === "occurrence_size") {
    const { weeks, mean } = occurrenceWeeks(distribution, span);
    const pmf = compoundSpanPmf(distribution, weeks);
    return { mean, variance: pmf.variance, step: distribution.sizeStep, quantile: (level) => pmf.quantile(level), cdf: pmf.cdf, cdfBelow: pmf.cdfBelow };
  }
  const { mean, center, variance } = wholeWeek(span) ? oneWeekMoments(distribution, span.startWeek) : correlatedSpanMoments(distribution, span);
  const total = scaleMixture(distribution, center, variance);
  return {
    mean,
    variance,
    step: distribution.family === "negative_binomial" && center <= 200 ? 1 : 0,
    quantile: (level) => finiteUnits(total.quantiles([level]))[0]!,
    cdf: total.cdf,
    cdfBelow: total.cdfBelow,
  };
}

function wholeWeek(span: DemandSpan): boolean {
  return span.weeks === 1 && Number.isInteger(span.startWeek) && span.startWeek >= 0;
}

/** One whole week's moments without building the span (the weekly quantiles every forecast shows). */
function oneWeekMoments(distribution: CorrelatedDemandDistribution, week: number): { mean: number; center: number; variance: number } {
  const mean = weekMean(distribution, week);
  const shift = distribution.shift ?? [];
  const sd = weekSd(distribution, week);
  return { mean, center: Math.max(0, mean + (shift[week] ?? lastOf(shift))), variance: sd * sd };
}

/** Variance of a span's total, in units². */
export function intervalVariance(distribution: DemandDistribution, span: DemandSpan): number {
  return intervalDistribution(distribution, span).variance;
}

/** Distribution of total demand over `span`: its mean and the quantiles at `levels`. */
export function intervalDemand(distribution: DemandDistribution, span: DemandSpan, levels: readonly number[]): IntervalDemand {
  checkLevels(levels);
  const total = intervalDistribution(distribution, span);
  return { mean: total.mean, quantiles: levels.map((level) => total.quantile(level)) };
}

/**
 * P(total < v) and P(total ≤ v) for each v: what calibration checks need (for counts the two
 * differ by the mass at v; a randomised PIT falls uniformly between them).
 */
export function intervalDemandCdf(distribution: DemandDistribution, span: DemandSpan, values: readonly number[]): { below: number[]; atOrBelow: number[] } {
  const total = intervalDistribution(distribution, span);
  return { below: values.map((v) => total.cdfBelow(v)), atOrBelow: values.map((v) => total.cdf(v)) };
}

// Probabilists' Gauss–Hermite nodes and weights, n = 5.
const HERMITE_NODES = [-2.8569700138728056, -1.3556261799742657, 0, 1.3556261799742657, 2.8569700138728056];
const HERMITE_WEIGHTS = [0.011257411327720691, 0.2220759220056126, 0.5333333333333333, 0.2220759220056126, 0.011257411327720691];

interface SpanTotal {
  quantiles(levels: readonly number[]): number[];
  cdf(value: number): number;
  cdfBelow(value: number): number;
}

/** One span total's distribution for a given variance: Gaussian clipped at 0, or a count. */
function component(family: CorrelatedDemandDistribution["family"], center: number, variance: number): SpanTotal {
  if (family === "negative_binomial" && center <= 200) {
    const cdf = countCdf(center, variance);
    return {
      quantiles: (levels) => countQuantiles(center, variance, levels),
      cdf: (v) => cdf(Math.floor(v + 1e-9)),
      cdfBelow: (v) => cdf(Math.ceil(v - 1e-9) - 1),
    };
  }
  if (family === "lognormal" && center > 0 && variance > 0) {
    // Median = centre; log-sd from the relative sd: Var = c²·e^{σ²}(e^{σ²} − 1) ≈ the span's variance.
    const logSd = Math.sqrt(Math.log(1 + variance / (center * center)));
    const at = (v: number): number => (v <= 0 ? 0 : normalCdf(Math.log(v / center) / logSd));
    return { quantiles: (levels) => levels.map((level) => center * Math.exp(logSd * normalQuantile(level))), cdf: at, cdfBelow: at };
  }
  // Large counts: the normal approximation countQuantiles also uses, with variance at least the mean.
  const sd = Math.sqrt(family === "negative_binomial" ? Math.max(center, variance) : variance);
  // Clipping at 0 puts the mass of negative values on 0 itself.
  const at = (v: number): number => (v < 0 ? 0 : sd > 0 ? normalCdf((v - center) / sd) : v >= center ? 1 : 0);
  return {
    quantiles: (levels) => levels.map((level) => normalDemandQuantile(center, sd, level)),
    cdf: at,
    cdfBelow: (v) => (v <= 0 ? 0 : at(v)),
  };
}

/** The span total mixed over the common error-scale factor (just the component when scaleCv is 0). */
function scaleMixture(distribution: CorrelatedDemandDistribution, center: number, variance: number): SpanTotal {
  const tau = distribution.scaleCv ?? 0;
  if (!(tau > 0) || !(variance > 0)) return component(distribution.family, center, variance);
  // log factor ~ N(−τ², τ²): E[factor²] = 1, so the mixture keeps the variance.
  const parts = HERMITE_NODES.map((z, i) => ({ weight: HERMITE_WEIGHTS[i]!, total: component(distribution.family, center, variance * Math.exp(2 * (tau * z - tau * tau))) }));
  const cdf = (v: number): number => parts.reduce((a, p) => a + p.weight * p.total.cdf(v), 0);
  const cdfBelow = (v: number): number => parts.reduce((a, p) => a + p.weight * p.total.cdfBelow(v), 0);
  const discrete = distribution.family === "negative_binomial" && center <= 200;
  return {
    cdf,
    cdfBelow,
    quantiles: (levels) =>
      levels.map((level) => {
        // Bracket between the components' own quantiles, then bisect (on integers for counts).
        const bounds = parts.map((p) => p.total.quantiles([level])[0]!);
        let low = Math.min(...bounds);
        let high = Math.max(...bounds);
        if (discrete) {
          while (high - low > 1) {
            const middle = Math.floor((low + high) / 2);
            if (cdf(middle) >= level) high = middle;
            else low = middle;
          }
          return cdf(low) >= level ? low : high;
        }
        if (cdf(low) >= level) return low;
        for (let i = 0; i < 60 && high - low > 1e-9 * (1 + Math.abs(high)); i++) {
          const middle = (low + high) / 2;
          if (cdf(middle) >= level) high = middle;
          else low = middle;
        }
        return high;
      }),
  };
}

function finiteUnits(values: readonly number[]): number[] {
  return values.map((v) => (Number.isFinite(v) ? Math.max(0, v) : 0));
}
