/**
 * A promotion's extra demand. Per variant it becomes a coverage per day (1 on promotion days,
 * cut where a cap is sold out) and an extra demand factor: (lift − 1) × coverage on its days and
 * the dip after. Demand on a day is baseline × (1 + Σ factors × channel share); the high path
 * multiplies its margin the same way, so uncertainty grows with the lift.
 */
import { toDayNumber } from "~/engine/calendar";
import type { PreparedSeries } from "./prepared-series";
import type { PromotionPlan } from "./types";

/** A variant's part in a promotion, as the projection sees it. */
export interface VariantScenario {
  /** Promotion days relative to the check date, inclusive; may start before it. */
  spans: readonly (readonly [number, number])[];
  lift: number;
  liftHigh: number;
  /** Units still to sell before the cap ends the discount; null = no cap. */
  capLeft: number | null;
  /** Left out of the promotion (a phasing option). */
  dropped: boolean;
  /** Set when this is another scenario moved later: without a cap, its shape is that one's, read later. */
  shiftedFrom?: { scenario: VariantScenario; days: number };
}

/** A variant's promotion laid out on the days: coverage and extra demand factor per path. */
export interface VariantShape {
  /** Planned days inside the timeline; null when it has none (over, dropped, in no wave). */
  first: number | null;
  last: number | null;
  planned: Float64Array;
  cover: Float64Array;
  factor: Float64Array;
  coverHigh: Float64Array;
  factorHigh: Float64Array;
  lift: number;
}

/** The variant's promotion days from a plan: its waves, or start to end. */
export function scenarioFor(plan: PromotionPlan, variantId: string, asOfDay: number): VariantScenario {
  const toIndex = (date: string): number => toDayNumber(date) - asOfDay;
  const spans: [number, number][] = plan.waves
    ? plan.waves.filter((w) => !w.variantIds || w.variantIds.includes(variantId)).map((w) => [toIndex(w.start), toIndex(w.end)])
    : [[toIndex(plan.start), toIndex(plan.end)]];
  const own = plan.liftByVariant?.[variantId];
  const lift = own?.lift ?? plan.lift;
  const liftHigh = own ? own.liftHigh ?? (lift * (plan.liftHigh ?? plan.lift)) / plan.lift : plan.liftHigh ?? plan.lift;
  const cap = plan.capByVariant?.[variantId] ?? plan.capUnits ?? null;
  const sold = plan.soldByVariant?.[variantId] ?? 0;
  return { spans, lift, liftHigh: Math.max(lift, liftHigh), capLeft: cap === null ? null : Math.max(0, cap - sold), dropped: false };
}

/** Coverage cut where cumulative promotion sales reach the cap (fractional on the day it is reached). */
function cutAtCap(planned: Float64Array, group: readonly PreparedSeries[], path: "base" | "high", lift: number, capLeft: number | null): Float64Array {
  if (capLeft === null) return planned;
  const cover = new Float64Array(planned);
  let left = capLeft;
  for (let d = 0; d < planned.length; d++) {
    if (planned[d] === 0) continue;
    let sales = 0;
    for (const series of group) sales += series[path][d]! * series.share * lift;
    if (left <= 1e-12) cover[d] = 0;
    else if (sales > left) {
      cover[d] = left / sales;
      left = 0;
    } else left -= sales;
  }
  return cover;
}

/** (lift − 1) × coverage on promotion days and the dip after each run of them, scaled by the share of days it ran. */
function factorOf(planned: Float64Array, cover: Float64Array, lift: number, dip: readonly number[], days: number): Float64Array {
  const factor = new Float64Array(days);
  let ran = 0;
  let plannedDays = 0;
  for (let d = 0; d < days; d++) {
    factor[d] = (lift - 1) * cover[d]!;
    ran += cover[d]!;
    plannedDays += planned[d]!;
  }
  if (dip.length === 0 || ran === 0) return factor;
  const scale = ran / plannedDays;
  for (let d = 0; d < days; d++) {
    if (!(cover[d]! > 0) || (d + 1 < days && cover[d + 1]! > 0)) continue;
    // d ends a run of promotion days: the dip weeks follow, except on promotion days.
    for (let k = 0; k < dip.length; k++) {
      for (let j = 1 + 7 * k; j <= 7 * (k + 1) && d + j < days; j++) {
        if (cover[d + j]! === 0) factor[d + j] = factor[d + j]! + dip[k]! * scale;
      }
    }
  }
  return factor;
}

/** Lays a variant's scenario on the days for all its series (the cap counts sales over all of them). */
export function shapeVariant(group: readonly PreparedSeries[], scenario: VariantScenario, dip: readonly number[], days: number): VariantShape {
  const planned = new Float64Array(days);
  let first: number | null = null;
  let last: number | null = null;
  if (!scenario.dropped) {
    for (const [from, to] of scenario.spans) {
      for (let d = Math.max(0, from); d <= Math.min(days - 1, to); d++) {
        planned[d] = 1;
        first = first === null ? d : Math.min(first, d);
        last = last === null ? d : Math.max(last, d);
      }
    }
  }
  // Without a cap both paths cover the planned days (the arrays are shared, never written after this).
  const cover = cutAtCap(planned, group, "base", scenario.lift, scenario.capLeft);
  const coverHigh = cutAtCap(planned, group, "high", scenario.liftHigh, scenario.capLeft);
  const factor = factorOf(planned, cover, scenario.lift, dip, days);
  const factorHigh = scenario.capLeft === null && scenario.liftHigh === scenario.lift ? factor : factorOf(planned, coverHigh, scenario.liftHigh, dip, days);
  return { first, last, planned, cover, factor, coverHigh, factorHigh, lift: scenario.lift };
}

/** Adds another promotion's demand to its variant's series (overlapping promotions add their extras). */
export function addOtherPromotion(group: readonly PreparedSeries[], shape: VariantShape, otherIndex: number): void {
  for (const series of group) {
    for (let d = 0; d < shape.factor.length; d++) {
      const extra = series.share * shape.factor[d]!;
      if (extra === 0 && shape.factorHigh[d] === 0) continue;
      if (extra > series.otherOwnerExtra[d]!) {
        series.otherOwner[d] = otherIndex;
        series.otherOwnerExtra[d] = extra;
      }
      series.other[d] = series.other[d]! + extra;
      series.otherHigh[d] = series.otherHigh[d]! + series.share * shape.factorHigh[d]!;
    }
  }
}
