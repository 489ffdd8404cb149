/**
 * Learning from a finished promotion: its actual uplift, measured from daily sales during it
 * against the baseline forecast for those days (stocked-out days left out: they show stock, not
 * demand), and the next estimate, which blends the measured lifts into the learned model's.
 *
 * The blend shrinks in log space, as the uplift model does: the measured promotions weigh by their
 * baseline units B against the learned figure's own baseline units plus the shrinkage constant k,
 * w = B / (B + B_learned + k), so one small promotion nudges a well-founded estimate and many
 * finished promotions take it over. The 80% range spreads the log lift by the measured
 * promotions' own scatter (0.3 in log units until there are two of them) over √(promotions).
 */
import { formatUnits } from "~/engine/forecast/explain";
import { type LiftConfidence, type LiftEstimate, type UpliftModel, type UpliftProfile, bucketOf, liftConfidence, promotionCount } from "~/engine/forecast/uplift";
import { formatLift, plural } from "./reasons";
import type { Figure } from "./types";

export interface PromotionSalesDay {
  date: string;
  /** Units sold that day. */
  units: number;
  /** The baseline (no-promotion) forecast for that day. */
  baseline: number;
  /** Out of stock for all or part of the day: its sales say nothing about demand. */
  stockedOut?: boolean;
}

export interface VariantPromotionSales {
  variantId: string;
  /** The days it was on promotion (discounted). */
  days: readonly PromotionSalesDay[];
  /** The days right after it, for the dip. */
  after?: readonly PromotionSalesDay[];
}

export interface MeasuredUplift {
  /** Units sold over baseline units; null when there was no baseline to compare with. */
  lift: Figure | null;
  units: number;
  baselineUnits: number;
  /** Variant-days counted, and those left out as stocked out. */
  days: number;
  excludedDays: number;
  /** Relative change of sales in the first week after it, e.g. −0.15; null without such days. */
  dipFirstWeek: Figure | null;
  plannedLift: number | null;
  byVariant: { variantId: string; lift: number | null; units: number; baselineUnits: number }[];
  reason: string;
}

export interface BlendedUplift {
  lift: number;
  /** The range the lift falls in four times out of five; `high` suits the check's `liftHigh`. */
  range: { low: number; high: number };
  /** Promotions it rests on: the learned model's and the measured ones. */
  events: number;
  baselineUnits: number;
  /** Share of the estimate resting on the measured promotions. */
  weight: number;
  confidence: LiftConfidence;
  reason: string;
}

const DEFAULT_LOG_SPREAD = 0.3;
const Z80 = 1.2815515655446004;

function counted(days: readonly PromotionSalesDay[]): { units: number; baseline: number; days: number; excluded: number } {
  let units = 0;
  let baseline = 0;
  let n = 0;
  let excluded = 0;
  for (const day of days) {
    if (day.stockedOut) {
      excluded++;
      continue;
    }
    units += Math.max(0, day.units);
    baseline += Math.max(0, day.baseline);
    n++;
  }
  return { units, baseline, days: n, excluded };
}

/** A finished promotion's actual uplift: the ratio of sums over its variants' in-stock days. */
export function measurePromotionUplift(input: { variants: readonly VariantPromotionSales[]; plannedLift?: number | null }): MeasuredUplift {
  const byVariant = input.variants.map((v) => {
    const c = counted(v.days);
    return { variantId: v.variantId, lift: c.baseline > 0 ? c.units / c.baseline : null, units: c.units, baselineUnits: c.baseline, days: c.days, excluded: c.excluded };
  });
  const units = byVariant.reduce((a, v) => a + v.units, 0);
  const baselineUnits = byVariant.reduce((a, v) => a + v.baselineUnits, 0);
  const days = byVariant.reduce((a, v) => a + v.days, 0);
  const excludedDays = byVariant.reduce((a, v) => a + v.excluded, 0);
  const plannedLift = input.plannedLift ?? null;
  const left = excludedDays > 0 ? ` (${plural(excludedDays, "stocked-out day")} left out)` : "";
  const planned = plannedLift !== null && plannedLift > 0 ? `, against ${formatLift(plannedLift)} planned` : "";
  const lift = baselineUnits > 0 ? units / baselineUnits : null;
  const reason =
    lift === null
      ? `No baseline demand to measure against over ${plural(days, "variant-day")}${left}.`
      : `Sold ${formatUnits(units)} against a baseline of ${formatUnits(baselineUnits)} over ${plural(days, "variant-day")}: ${formatLift(lift)}${planned}${left}.`;

  // The dip: the first seven in-stock days after it, against their baseline.
  let observed = 0;
  let expected = 0;
  for (const v of input.variants) {
    const week = counted((v.after ?? []).slice(0, 7));
    observed += week.units;
    expected += week.baseline;
  }
  const dip = expected > 0 ? observed / expected - 1 : null;
  return {
    lift: lift === null ? null : { value: lift, reason },
    units,
    baselineUnits,
    days,
    excludedDays,
    dipFirstWeek:
      dip === null
        ? null
        : { value: dip, reason: `The week after sold ${formatUnits(observed)} against a baseline of ${formatUnits(expected)}: ${dip < 0 ? "−" : "+"}${Math.round(Math.abs(dip) * 100)}%.` },
    plannedLift,
    byVariant: byVariant.map(({ variantId, lift: l, units: u, baselineUnits: b }) => ({ variantId, lift: l, units: u, baselineUnits: b })),
    reason,
  };
}

/** The next lift estimate: the learned one, shrunk toward what finished promotions measured. */
export function blendUplift(learned: LiftEstimate, actuals: readonly MeasuredUplift[], options: { shrinkUnits?: number } = {}): BlendedUplift {
  const k = options.shrinkUnits ?? 50;
  const measured = actuals.filter((a) => a.lift !== null && a.baselineUnits > 0 && a.units > 0);
  const units = measured.reduce((a, m) => a + m.units, 0);
  const baselineUnits = measured.reduce((a, m) => a + m.baselineUnits, 0);
  const weight = baselineUnits > 0 ? baselineUnits / (baselineUnits + learned.baselineUnits + k) : 0;
  const own = baselineUnits > 0 ? Math.log(units / baselineUnits) : 0;
  const lift = Math.exp(weight * own + (1 - weight) * Math.log(learned.lift));
  const events = promotionCount(learned) + measured.length;

  let spread = DEFAULT_LOG_SPREAD;
  if (measured.length >= 2) {
    const mean = measured.reduce((a, m) => a + m.baselineUnits * Math.log(m.units / m.baselineUnits), 0) / baselineUnits;
    const variance = measured.reduce((a, m) => a + m.baselineUnits * (Math.log(m.units / m.baselineUnits) - mean) ** 2, 0) / baselineUnits;
    spread = Math.max(0.05, Math.sqrt((variance * measured.length) / (measured.length - 1)));
  }
  const se = spread / Math.sqrt(Math.max(1, events));
  const range = { low: lift * Math.exp(-Z80 * se), high: lift * Math.exp(Z80 * se) };
  const confidence = liftConfidence({ events, promotions: events, baselineUnits: learned.baselineUnits + baselineUnits }, k);

  const learnedText = `the learned ${formatLift(learned.lift)} from ${plural(promotionCount(learned), "past promotion")}`;
  const reason =
    measured.length === 0
      ? `${formatLift(lift)} (${formatLift(range.low)}–${formatLift(range.high)}): ${learnedText}; no finished promotion measured yet. ${confidence.reason}`
      : `${formatLift(lift)} (${formatLift(range.low)}–${formatLift(range.high)}): ${learnedText}, moved toward the ${formatLift(units / baselineUnits)} measured in ${plural(measured.length, "finished promotion")}, which ${measured.length === 1 ? "carries" : "carry"} ${Math.round(weight * 100)}% of it. ${confidence.reason}`;
  return { lift, range, events, baselineUnits: learned.baselineUnits + baselineUnits, weight, confidence: confidence.level, reason };
}

/** A finished promotion as the uplift model takes it in: its days, depth, variants' groups and what it measured. */
export interface FinishedPromotion {
  start: string;
  end: string;
  discountPct: number;
  groupIds: readonly string[];
  units: number;
  baselineUnits: number;
}

function asMeasured(finished: FinishedPromotion): MeasuredUplift {
  return { lift: null, units: finished.units, baselineUnits: finished.baselineUnits, days: 0, excludedDays: 0, dipFirstWeek: null, plannedLift: null, byVariant: [], reason: "" };
}

function blendEstimate(learned: LiftEstimate, finished: readonly FinishedPromotion[], k: number): LiftEstimate {
  const measured = finished.filter((f) => f.units > 0 && f.baselineUnits > 0);
  if (measured.length === 0) return learned;
  const blended = blendUplift(learned, measured.map((f) => ({ ...asMeasured(f), lift: { value: f.units / f.baselineUnits, reason: "" } })), { shrinkUnits: k });
  const spans = [...(learned.promotionSpans ?? []), ...measured.map((f) => ({ start: f.start, end: f.end }))];
  return {
    lift: blended.lift,
    events: learned.events + measured.length,
    promotions: blended.events,
    promotionSpans: spans,
    baselineUnits: blended.baselineUnits,
    weight: Math.max(learned.weight, blended.baselineUnits / (blended.baselineUnits + k)),
    measured: (learned.measured ?? 0) + measured.length,
  };
}

/**
 * The uplift model the next estimates use: the one learned from history (with the finished
 * promotions' own runs left out of it, so they do not count twice) blended, depth by depth, with
 * what each finished promotion measured against the forecast: the shop's figure with all of them,
 * each group's with the ones that covered it.
 */
export function applyFinishedPromotions(model: UpliftModel, finished: readonly FinishedPromotion[], options: { shrinkUnits?: number } = {}): UpliftModel {
  const k = options.shrinkUnits ?? 50;
  if (finished.length === 0) return model;
  const inBucket = (b: number) => finished.filter((f) => bucketOf(f.discountPct, model.buckets) === b);
  const profile = (p: UpliftProfile, keep: (f: FinishedPromotion) => boolean): UpliftProfile => ({
    ...p,
    byBucket: p.byBucket.map((estimate, b) => blendEstimate(estimate, inBucket(b).filter(keep), k)),
  });
  const groups: Record<string, UpliftProfile> = {};
  for (const [groupId, p] of Object.entries(model.groups)) groups[groupId] = profile(p, (f) => f.groupIds.includes(groupId));
  return { ...model, shop: profile(model.shop, () => true), groups };
}

/** Promotion runs a finished (measured) promotion already accounts for: same variant, overlapping days. */
export function withoutFinishedRuns<E extends { variantId: string; start: string; end: string }>(
  events: readonly E[],
  finished: readonly { start: string; end: string; variantIds: readonly string[] }[],
): E[] {
  return events.filter((e) => !finished.some((f) => f.variantIds.includes(e.variantId) && e.start <= f.end && f.start <= e.end));
}

/**
 * One series' days for measuring: units sold each day against the baseline forecast for it (the
 * week's mean over seven, times the weekday's share), stocked-out days marked. A day before the
 * forecast's first week takes the first week's level.
 */
export function promotionSalesDays(input: {
  days: readonly string[];
  unitsByDay: ReadonlyMap<string, number>;
  forecast: { firstWeek: string; mean: readonly number[]; weekdayIndex?: readonly number[] | null };
  stockouts: readonly { from: string; to: string | null }[];
}): PromotionSalesDay[] {
  const first = Date.parse(`${input.forecast.firstWeek}T00:00:00Z`);
  return input.days.map((date) => {
    const at = Date.parse(`${date}T00:00:00Z`);
    const week = Math.min(Math.max(0, Math.floor((at - first) / (7 * 86_400_000))), Math.max(0, input.forecast.mean.length - 1));
    const weekday = new Date(at).getUTCDay();
    const share = input.forecast.weekdayIndex?.length === 7 ? (input.forecast.weekdayIndex[weekday] ?? 1) : 1;
    return {
      date,
      units: input.unitsByDay.get(date) ?? 0,
      baseline: ((input.forecast.mean[week] ?? 0) / 7) * share,
      stockedOut: input.stockouts.some((s) => s.from <= date && (s.to === null || date <= s.to)),
    };
  });
}

/** The headline of a finished promotion: "Planned ×2.6, actual ×2.9" (either may be unknown). */
export function plannedAgainstActual(planned: number | null, actual: number | null): string {
  const plannedText = planned !== null && planned > 0 ? `Planned ${formatLift(planned)}` : "No lift planned";
  return `${plannedText}, actual ${actual !== null ? formatLift(actual) : "not measurable"}`;
}
