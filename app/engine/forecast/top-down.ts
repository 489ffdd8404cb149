/**
 * Top-down seasonality: a week-of-year profile learned from a product group's total, lent to
 * variants too sparse (or too young) to show their own seasonality.
 *
 * Profile: each member's weeks against its local annual level (the 52-week window around
 * each week), pooled per week-of-year slot as a ratio of sums, smoothed circularly, then
 * shrunk toward flat by
 *   weight = history weight (0 under 52 weeks, 0.5 at 52, 1 from 104) × volume weight
 *            (meanWeekly / (meanWeekly + halfVolume)),
 * and normalised to average 1. Under a year of history a profile cannot separate season from
 * trend, hence zero weight there.
 *
 * Growth: a trending group would lend its trend to the profile (near the ends of the history,
 * where the 52-week window cannot be centred, growth inside the window reads as season) and the
 * recent level, measured about levelWeeks/2 weeks back, would lag. With two years of history the
 * group total's year-on-year ratio (seasonality cancels) gives a weekly growth rate; the edge
 * windows' levels follow it, and forecasts carry the level forward at it, shrunk like the profile.
 * On the generated brand (25–35% a year) this took top-down forecasts from 24% to 9% below demand.
 */
import { DEFAULT_CALIBRATION, growthShift, type CalibrationSettings } from "./calibration";
import type { DemandDistribution } from "./demand-distribution";
import { correlatedDistribution, weeklyQuantiles } from "./distribution-build";
import { weekOfYearSlot } from "./weekly";

export const PROFILE_SLOTS = 52;

export interface WeeklySeries {
  weekStarts: string[];
  values: number[];
}

export interface SeasonalProfile {
  /** Multiplier per week-of-year slot 0..51, averaging 1. */
  index: number[];
  /** How much of the group's own shape survived shrinkage, 0..1. */
  weight: number;
  historyWeeks: number;
  meanWeekly: number;
  /** Log growth per week the level is carried forward at (absent: none). */
  weeklyGrowth?: number;
}

export interface ProfileOptions {
  /** Circular smoothing kernel over neighbouring slots, centre in the middle. */
  kernel?: number[];
  fullTrustWeeks?: number;
  /** Mean weekly group units at which the profile gets half weight. */
  halfVolumeWeekly?: number;
}

/** Adds weekly series on the union of their calendars (weeks must share one week start day). */
export function sumSeries(series: readonly WeeklySeries[]): WeeklySeries {
  const totals = new Map<string, number>();
  for (const s of series) {
    s.weekStarts.forEach((week, i) => totals.set(week, (totals.get(week) ?? 0) + (s.values[i] ?? 0)));
  }
  const weekStarts = [...totals.keys()].sort();
  return { weekStarts, values: weekStarts.map((w) => totals.get(w) ?? 0) };
}

/** Annual level around each week: the 52-week window's mean, moved along the growth where the window cannot be centred. */
function localAnnualLevels(values: readonly number[], weeklyGrowth: number): number[] {
  const n = values.length;
  if (n < PROFILE_SLOTS) {
    const overall = values.reduce((a, b) => a + b, 0) / Math.max(1, n);
    return values.map(() => overall);
  }
  const prefix = [0];
  values.forEach((v, i) => prefix.push((prefix[i] ?? 0) + v));
  return values.map((_, t) => {
    const start = Math.min(Math.max(0, t - PROFILE_SLOTS / 2), n - PROFILE_SLOTS);
    const centre = start + PROFILE_SLOTS / 2 - 0.5;
    return (((prefix[start + PROFILE_SLOTS] ?? 0) - (prefix[start] ?? 0)) / PROFILE_SLOTS) * Math.exp(weeklyGrowth * (t - centre));
  });
}

/** Log growth per week of the group total from its last two years (0 under two years or without sales). */
export function groupWeeklyGrowth(members: readonly WeeklySeries[]): number {
  const total = sumSeries(members.filter((m) => m.values.length >= 2 * PROFILE_SLOTS));
  const n = total.values.length;
  if (n < 2 * PROFILE_SLOTS) return 0;
  const sumOf = (from: number, to: number): number => total.values.slice(from, to).reduce((a, b) => a + b, 0);
  const lastYear = sumOf(n - PROFILE_SLOTS, n);
  const yearBefore = sumOf(n - 2 * PROFILE_SLOTS, n - PROFILE_SLOTS);
  if (!(lastYear > 0 && yearBefore > 0)) return 0;
  return Math.log(Math.min(2, Math.max(0.5, lastYear / yearBefore))) / PROFILE_SLOTS;
}

function smoothCircular(values: readonly number[], kernel: readonly number[]): number[] {
  const half = Math.floor(kernel.length / 2);
  const kernelSum = kernel.reduce((a, b) => a + b, 0);
  return values.map((_, s) => {
    let acc = 0;
    kernel.forEach((k, j) => {
      acc += k * (values[(s + j - half + values.length) % values.length] ?? 1);
    });
    return acc / kernelSum;
  });
}

function normalise(index: readonly number[]): number[] {
  const mean = index.reduce((a, b) => a + b, 0) / index.length;
  return mean > 0 ? index.map((v) => v / mean) : index.map(() => 1);
}

export const FLAT_PROFILE: SeasonalProfile = { index: new Array<number>(PROFILE_SLOTS).fill(1), weight: 0, historyWeeks: 0, meanWeekly: 0 };

/**
 * Profile of a group from its members' weekly series. Each member is compared with its own
 * local annual level and the slots pool those as a ratio of sums, so launches and
 * discontinuations inside the group do not show up as seasonality. Members with under a year
 * of history cannot tell season from trend and are left out of the shape.
 */
export function buildGroupProfile(members: readonly WeeklySeries[], options: ProfileOptions = {}): SeasonalProfile {
  const kernel = options.kernel ?? [1, 2, 1];
  const fullTrustWeeks = options.fullTrustWeeks ?? 104;
  const halfVolume = options.halfVolumeWeekly ?? 10;
  const sums = new Array<number>(PROFILE_SLOTS).fill(0);
  const levelSums = new Array<number>(PROFILE_SLOTS).fill(0);
  let historyWeeks = 0;
  let meanWeekly = 0;
  const growth = groupWeeklyGrowth(members);
  for (const member of members) {
    const n = member.values.length;
    if (n < PROFILE_SLOTS) continue;
    historyWeeks = Math.max(historyWeeks, n);
    meanWeekly += member.values.reduce((a, b) => a + b, 0) / n;
    const levels = localAnnualLevels(member.values, growth);
    member.values.forEach((value, t) => {
      const slot = weekOfYearSlot(member.weekStarts[t] ?? "");
      sums[slot] = (sums[slot] ?? 0) + value;
      levelSums[slot] = (levelSums[slot] ?? 0) + (levels[t] ?? 0);
    });
  }
  if (historyWeeks === 0) return { ...FLAT_PROFILE, historyWeeks: Math.max(0, ...members.map((m) => m.values.length)) };

  const raw = sums.map((s, slot) => ((levelSums[slot] ?? 0) > 0 ? s / (levelSums[slot] ?? 1) : 1));
  const smoothed = normalise(smoothCircular(raw, kernel));
  const weight = Math.min(1, historyWeeks / fullTrustWeeks) * (meanWeekly / (meanWeekly + halfVolume));
  return {
    index: normalise(smoothed.map((v) => 1 + weight * (v - 1))),
    weight,
    historyWeeks,
    meanWeekly,
    weeklyGrowth: weight * growth,
  };
}

/** Profile of a single weekly series (e.g. a group total). */
export function buildSeasonalProfile(total: WeeklySeries, options: ProfileOptions = {}): SeasonalProfile {
  return buildGroupProfile([total], options);
}

/** Largest departure of the profile from flat, e.g. 0.4 when the peak week is 1.4×. */
export function profileAmplitude(profile: SeasonalProfile): number {
  return Math.max(...profile.index.map((v) => Math.abs(v - 1)));
}

export function profileFactor(profile: SeasonalProfile, weekStart: string): number {
  return profile.index[weekOfYearSlot(weekStart)] ?? 1;
}

/**
 * Does the group's season describe this variant better than no season at all? Compares the
 * squared error of level × profile with that of a flat level over the variant's whole history.
 * The profile is mostly other variants' data, so this in-sample check is close to honest; it
 * catches a variant whose season runs against its group's (e.g. a winter item among summer ones).
 */
export function profileFitsVariant(history: WeeklySeries, profile: SeasonalProfile): { fits: boolean; sseProfile: number; sseFlat: number } {
  const n = history.values.length;
  if (n === 0) return { fits: false, sseProfile: 0, sseFlat: 0 };
  const total = history.values.reduce((a, b) => a + b, 0);
  const factors = history.weekStarts.map((w) => profileFactor(profile, w));
  const factorSum = factors.reduce((a, b) => a + b, 0);
  const flatLevel = total / n;
  const profileLevel = factorSum > 0 ? total / factorSum : 0;
  let sseProfile = 0;
  let sseFlat = 0;
  history.values.forEach((y, t) => {
    sseProfile += (y - profileLevel * (factors[t] ?? 1)) ** 2;
    sseFlat += (y - flatLevel) ** 2;
  });
  return { fits: sseProfile < sseFlat, sseProfile, sseFlat };
}

export interface TopDownForecast {
  /** The variant's deseasonalised weekly level. */
  level: number;
  mean: number[];
  quantiles: Record<string, number[]>;
  /** Weekly counts (negative binomial) whose level error is common to all weeks. */
  distribution: DemandDistribution;
  /** Variance / mean of the fitted weeks (≥ 1; 1 = Poisson). */
  dispersion: number;
  levelWeeks: number;
}

export interface TopDownOptions {
  /** Recent weeks that set the variant's level. */
  levelWeeks?: number;
  quantiles?: number[];
  calibration?: CalibrationSettings;
}

interface TopDownCore {
  level: number;
  mean: number[];
  variances: number[];
  dispersion: number;
}

function topDownCore(history: WeeklySeries, profile: SeasonalProfile, futureWeekStarts: readonly string[], levelWeeks: number): TopDownCore {
  const recent = history.values.slice(history.values.length - levelWeeks);
  const recentWeeks = history.weekStarts.slice(history.weekStarts.length - levelWeeks);
  // The level is read at the middle of the recent weeks; growth moves it to each week.
  const growth = profile.weeklyGrowth ?? 0;
  const middle = (levelWeeks - 1) / 2;
  const trend = (weeksFromMiddle: number): number => Math.exp(growth * Math.min(weeksFromMiddle, 2 * PROFILE_SLOTS));
  const seasonalWeight = recentWeeks.reduce((a, w, i) => a + profileFactor(profile, w) * trend(i - middle), 0);
  const level = seasonalWeight > 0 ? recent.reduce((a, b) => a + b, 0) / seasonalWeight : 0;

  let pearson = 0;
  let fittedTotal = 0;
  recent.forEach((y, i) => {
    const fitted = level * profileFactor(profile, recentWeeks[i] ?? "") * trend(i - middle);
    if (fitted <= 0) return;
    pearson += ((y - fitted) * (y - fitted)) / fitted;
    fittedTotal += 1;
  });
  const dispersion = fittedTotal > 1 ? Math.max(1, pearson / (fittedTotal - 1)) : 1;

  const mean = futureWeekStarts.map((w, h) => level * profileFactor(profile, w) * trend(levelWeeks - middle + h));
  // Level uncertainty grows the variance a little beyond the week-to-week noise.
  const levelVariance = levelWeeks > 0 ? (dispersion * level) / levelWeeks : level;
  const variances = mean.map((m, i) => dispersion * m + levelVariance * Math.pow(profileFactor(profile, futureWeekStarts[i] ?? ""), 2));
  return { level, mean, variances, dispersion };
}

const BACKTEST_WEEKS = 13;
const BACKTEST_ORIGINS = 3;
/** Weight, in backtest weeks, of the model's own variance against what its backtest showed. */
const BACKTEST_PRIOR_WEEKS = 13;

/**
 * Variance factor from the route's own backtest: the same forecast made 13, 26 and 39 weeks ago
 * (with today's profile), its squared errors over the next 13 weeks against the variances it
 * predicted, shrunk toward 1 with a prior worth 13 weeks. The route is not chosen by backtest, so
 * these errors are not optimistic the way a selected model's are (the scaled-residual idea of
 * normalised conformal prediction; see calibration.ts).
 */
function backtestVarianceFactor(history: WeeklySeries, profile: SeasonalProfile, levelWeeks: number): number {
  let ratio = 0;
  let weeks = 0;
  for (let k = 1; k <= BACKTEST_ORIGINS; k++) {
    const origin = history.values.length - k * BACKTEST_WEEKS;
    if (origin < levelWeeks) break;
    const past = { weekStarts: history.weekStarts.slice(0, origin), values: history.values.slice(0, origin) };
    const core = topDownCore(past, profile, history.weekStarts.slice(origin, origin + BACKTEST_WEEKS), levelWeeks);
    core.mean.forEach((m, h) => {
      const v = core.variances[h]!;
      if (!(v > 0)) return;
      ratio += (history.values[origin + h]! - m) ** 2 / v;
      weeks++;
    });
  }
  return Math.min(4, Math.max(0.5, (ratio + BACKTEST_PRIOR_WEEKS) / (weeks + BACKTEST_PRIOR_WEEKS)));
}

/** Forecast = the variant's recent deseasonalised level × the group profile of each future week. */
export function topDownForecast(
  history: WeeklySeries,
  profile: SeasonalProfile,
  futureWeekStarts: readonly string[],
  options: TopDownOptions = {},
): TopDownForecast {
  const levelWeeks = Math.min(options.levelWeeks ?? 26, history.values.length);
  const { level, mean, variances, dispersion } = topDownCore(history, profile, futureWeekStarts, levelWeeks);
  const factor = backtestVarianceFactor(history, profile, levelWeeks);
  // The level error is shared by every week: relative to a week's own noise (dispersion × mean) it
  // is levelVariance × factor / (dispersion × level) = factor / levelWeeks, about 1 / levelWeeks.
  const calibration = options.calibration ?? DEFAULT_CALIBRATION;
  const distribution = correlatedDistribution(
    "negative_binomial",
    mean,
    variances.map((v) => Math.sqrt(v * factor)),
    0,
    levelWeeks > 0 ? 1 / levelWeeks : 1,
    growthShift(history.values, PROFILE_SLOTS, mean, calibration.growthWeight, calibration.declineWeight),
    calibration.scaleCv,
  );
  return {
    level,
    mean: distribution.mean,
    quantiles: weeklyQuantiles(distribution, options.quantiles ?? [0.1, 0.5, 0.9]),
    distribution,
    dispersion,
    levelWeeks,
  };
}
