/**
 * A shop's own calibration of its forecast intervals, learned at plan time: the same forecasts
 * made from earlier origins on the shop's history, scored on what followed (see recalibration.ts
 * for the map). Backtests are pooled by forecast route and demand class ("own_history:smooth")
 * and shrunk toward their route's map, the route's toward the shop's, and the shop's toward no
 * change (the model as it stands, whose defaults are the prior) with a weight of `priorSeries`
 * backtests, so a class with few series borrows from the rest.
 *
 * The model choice inside each backtest only sees history before its origin, and the outcomes
 * after it are never used to choose, so the errors are not the optimistic in-sample kind.
 */
import { intervalDistribution, type DemandDistribution } from "./demand-distribution";
import { normalCdf, normalQuantile } from "./stats";
import { modelLevel, monotoneShares, pitShare, RECALIBRATION_LEVELS, type Recalibration } from "./recalibration";

/**
 * Totals over these many weeks stand for lead-time spans, starting at the origin and 4 and 8
 * weeks after it: a plan reads lead times from every week of its horizon, not only the first.
 */
export const CALIBRATION_SPAN_WEEKS = [2, 4, 6, 8];
export const CALIBRATION_SPAN_STARTS = [0, 4, 8];

interface ShareSums {
  /** Σ PIT share per level of RECALIBRATION_LEVELS */
  sums: number[];
  count: number;
}

/** One series' backtest from one origin, summed over its outcomes. */
export interface CalibrationSample {
  /** route and demand class, e.g. "own_history:smooth" */
  key: string;
  week: ShareSums;
  span: ShareSums;
}

export interface ClassCalibration {
  /** "all", a route ("top_down") or a route and class ("top_down:smooth") */
  key: string;
  /** backtests (series × origins) behind it */
  backtests: number;
  weekOutcomes: number;
  /** share of weekly outcomes the model's own P10–P90 held (before any recalibration) */
  modelCoverage: number;
  /** share at or below the model's P50, weekly */
  modelMedianShare: number;
  /** weight of this key's own outcomes against its parent's map, 0..1 */
  weight: number;
  recalibration: Recalibration;
}

export interface ShopCalibration {
  version: 1;
  /** weeks scored after each origin */
  horizonWeeks: number;
  /** origins, in weeks before the plan date */
  originsWeeksAgo: number[];
  priorSeries: number;
  classes: ClassCalibration[];
}

export const DEFAULT_PRIOR_SERIES = 25;

function emptySums(): ShareSums {
  return { sums: RECALIBRATION_LEVELS.map(() => 0), count: 0 };
}

function addOutcome(target: ShareSums, below: number, atOrBelow: number): void {
  RECALIBRATION_LEVELS.forEach((level, i) => (target.sums[i]! += pitShare(level, below, atOrBelow)));
  target.count++;
}

/**
 * Scores one backtest: each week's outcome and the totals over CALIBRATION_SPAN_WEEKS from each
 * of CALIBRATION_SPAN_STARTS; `scored[h]` false leaves week h (and totals holding it) out.
 */
export function sampleBacktest(key: string, distribution: DemandDistribution, actual: readonly number[], scored?: readonly boolean[]): CalibrationSample {
  const model: DemandDistribution = { ...distribution };
  delete model.recalibration;
  const sample: CalibrationSample = { key, week: emptySums(), span: emptySums() };
  const keep = (h: number): boolean => scored?.[h] ?? true;
  actual.forEach((y, h) => {
    if (!keep(h) || !Number.isFinite(y)) return;
    const week = intervalDistribution(model, { startWeek: h, weeks: 1 });
    addOutcome(sample.week, week.cdfBelow(y), week.cdf(y));
  });
  for (const start of CALIBRATION_SPAN_STARTS) {
    for (const weeks of CALIBRATION_SPAN_WEEKS) {
      if (start + weeks > actual.length) continue;
      const window = actual.slice(start, start + weeks);
      if (window.some((y, i) => !keep(start + i) || !Number.isFinite(y))) continue;
      const span = intervalDistribution(model, { startWeek: start, weeks });
      const total = window.reduce((a, b) => a + b, 0);
      addOutcome(sample.span, span.cdfBelow(total), span.cdf(total));
    }
  }
  return sample;
}

interface Pooled {
  backtests: number;
  week: ShareSums;
  span: ShareSums;
}

function pool(samples: readonly CalibrationSample[]): Pooled {
  const pooled: Pooled = { backtests: samples.length, week: emptySums(), span: emptySums() };
  for (const s of samples) {
    for (const part of ["week", "span"] as const) {
      s[part].sums.forEach((v, i) => (pooled[part].sums[i]! += v));
      pooled[part].count += s[part].count;
    }
  }
  return pooled;
}

/**
 * The map with its median held at the model's: each half is rescaled so G(0.5) = 0.5. Backtests
 * from a few origins say how wide the errors run more reliably than where their centre sits (a
 * season's bias at one origin is not the next one's), and the median is the forecast a merchant
 * reads, so the calibration widens or narrows each side and leaves the centre alone.
 */
export function medianHeld(shares: readonly number[]): number[] {
  const middle = RECALIBRATION_LEVELS.indexOf(0.5);
  const atMedian = shares[middle]!;
  if (!(atMedian > 0 && atMedian < 1)) return [...RECALIBRATION_LEVELS];
  return shares.map((g, i) => (i < middle ? (0.5 * g) / atMedian : i === middle ? 0.5 : 0.5 + (0.5 * (g - atMedian)) / (1 - atMedian)));
}

function shrunk(sums: ShareSums, parent: readonly number[], weight: number): number[] {
  if (sums.count === 0) return [...parent];
  const own = medianHeld(sums.sums.map((v) => v / sums.count));
  return monotoneShares(own.map((v, i) => weight * v + (1 - weight) * parent[i]!));
}

function classCalibration(key: string, pooled: Pooled, parent: Recalibration, priorSeries: number): ClassCalibration {
  const weight = pooled.backtests / (pooled.backtests + priorSeries);
  const share = (level: number): number => (pooled.week.count > 0 ? pooled.week.sums[RECALIBRATION_LEVELS.indexOf(level)]! / pooled.week.count : level);
  return {
    key,
    backtests: pooled.backtests,
    weekOutcomes: pooled.week.count,
    modelCoverage: share(0.9) - share(0.1),
    modelMedianShare: share(0.5),
    weight,
    recalibration: { levels: [...RECALIBRATION_LEVELS], week: shrunk(pooled.week, parent.week, weight), span: shrunk(pooled.span, parent.span, weight) },
  };
}

/** The map that changes nothing: the model's own probabilities. */
export const IDENTITY_RECALIBRATION: Recalibration = { levels: [...RECALIBRATION_LEVELS], week: [...RECALIBRATION_LEVELS], span: [...RECALIBRATION_LEVELS] };

export interface FitOptions {
  horizonWeeks: number;
  originsWeeksAgo: number[];
  priorSeries?: number;
  /** fewer backtests than this in all: no calibration (the model's own intervals stand) */
  minimumBacktests?: number;
}

/** The shop's calibration from its backtests, or null when there are too few to learn from. */
export function fitShopCalibration(samples: readonly CalibrationSample[], options: FitOptions): ShopCalibration | null {
  const priorSeries = options.priorSeries ?? DEFAULT_PRIOR_SERIES;
  const usable = samples.filter((s) => s.week.count > 0);
  if (usable.length < (options.minimumBacktests ?? 20)) return null;
  const all = classCalibration("all", pool(usable), IDENTITY_RECALIBRATION, priorSeries);
  const classes: ClassCalibration[] = [all];
  const routes = groupBy(usable, (s) => s.key.split(":")[0]!);
  for (const [route, routeSamples] of routes) {
    const routeCalibration = classCalibration(route, pool(routeSamples), all.recalibration, priorSeries);
    classes.push(routeCalibration);
    for (const [key, keySamples] of groupBy(routeSamples, (s) => s.key)) {
      if (key !== route) classes.push(classCalibration(key, pool(keySamples), routeCalibration.recalibration, priorSeries));
    }
  }
  return { version: 1, horizonWeeks: options.horizonWeeks, originsWeeksAgo: [...options.originsWeeksAgo], priorSeries, classes };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const members = groups.get(key);
    if (members) members.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** The most specific calibration for a forecast's route and class: its own, its route's, or the shop's. */
export function calibrationFor(calibration: ShopCalibration, route: string, demandClass: string | null): ClassCalibration | null {
  const byKey = (key: string): ClassCalibration | undefined => calibration.classes.find((c) => c.key === key);
  return (demandClass ? byKey(`${route}:${demandClass}`) : undefined) ?? byKey(route) ?? byKey("all") ?? null;
}

/**
 * The calibration with its lead-time (span) map moved by a service correction δ (a z-shift, see
 * engine/policy/history-replay.ts): above the median, a span quantile at q is read where the map
 * had Φ(Φ⁻¹(q) + δ·w), w rising from 0 at the median to 1 at P90, so the centre stays put.
 */
export function withServiceCorrection(c: ClassCalibration, shift: number): ClassCalibration {
  if (shift === 0) return c;
  const fullFrom = normalQuantile(0.9);
  const span = c.recalibration.span.map((g) => {
    if (g <= 0.5) return g;
    const z = normalQuantile(g);
    return normalCdf(z - shift * Math.min(1, z / fullFrom));
  });
  return { ...c, recalibration: { ...c.recalibration, span: monotoneShares(span) } };
}

/** The distribution read through the shop's map (its mean, the point forecast, unchanged). */
export function recalibrated<D extends DemandDistribution>(distribution: D, calibration: ClassCalibration): D {
  return { ...distribution, recalibration: calibration.recalibration };
}

const percent = (share: number): string => `${Math.round(100 * share)}%`;

const ROUTE_WORDS: Record<string, string> = { own_history: "forecast from their own history", top_down: "forecast from their group's seasonal pattern" };
const CLASS_WORDS: Record<string, string> = { smooth: "steady sellers", erratic: "uneven sellers", intermittent: "occasional sellers", lumpy: "occasional, uneven sellers" };

/** A calibration key in a merchant's words: "all" → "variants", "top_down:lumpy" → "occasional, uneven sellers forecast from their group's seasonal pattern". */
export function calibrationKeyLabel(key: string): string {
  if (key === "all") return "variants";
  const [route, demandClass] = key.split(":");
  const who = (demandClass && CLASS_WORDS[demandClass]) ?? "variants";
  return `${who} ${ROUTE_WORDS[route!] ?? `forecast by ${route}`}`;
}

function listWeeks(weeks: readonly number[]): string {
  return weeks.length <= 1 ? String(weeks[0] ?? "") : `${weeks.slice(0, -1).join(", ")} and ${weeks.at(-1)}`;
}

/** One line on where a forecast's band comes from. */
export function calibrationReason(c: ClassCalibration, originsWeeksAgo: readonly number[]): string {
  const map = c.recalibration;
  const low = Math.round(100 * modelLevel(map.levels, map.week, 0.1));
  const high = Math.round(100 * modelLevel(map.levels, map.week, 0.9));
  const verdict = low === 10 && high === 90 ? "so it is kept" : `so the band shown is the model's P${low}–P${high}`;
  return `Its P10–P90 band is checked on this shop's ${calibrationKeyLabel(c.key)}, forecast again from ${listWeeks(originsWeeksAgo)} weeks ago (${c.backtests} backtests): the model's own band held ${percent(c.modelCoverage)} of the weeks that followed, ${verdict}.`;
}
