/**
 * One series' stock day by day under a promotion, on the expected and the high path. Shortage
 * on a promotion day counts in full; after its days, only what the promotion adds to the
 * shortage without it counts (that is what it starves), up to `weeksAfter` past its end.
 */
import { type PreparedSeries, type Timeline, STOCKOUT_DAY_UNITS } from "./prepared-series";
import type { VariantShape } from "./promotion-shape";
import { type Outcome, SHORT_TOLERANCE_UNITS, emptyOutcome, rankOf } from "./verdict";

export interface OutcomeDetail {
  /** Per other promotion (by index) or −1 for baseline: units starved and the days. */
  starved: Map<number, { units: number; from: number; to: number }>;
  starvedHigh: Map<number, { units: number; from: number; to: number }>;
  stock: Float64Array;
  stockHigh: Float64Array;
}

export interface EffectTotals {
  unitsSold: number;
  revenue: number;
  stockoutDays: number;
  leftover: number;
}

export interface SimulationOptions {
  /** An extra arrival (an order placed now for the promotion), on this day; the paths without the promotion do not get it. */
  extra?: { day: number; units: number } | null;
  detail?: boolean;
  /** Sum sales, revenue, stockout days and the leftover over days 0..effectUntil. */
  effectUntil?: number;
  discountPct: number;
  /** Stop as soon as the rank is known to exceed this (searches only; the outcome is then partial). */
  stopAbove?: number;
  /** Read the shape this many days later (a later start without a cap is the same shape, shifted). */
  offset?: number;
}

function starve(map: Map<number, { units: number; from: number; to: number }>, owner: number, units: number, d: number): void {
  const entry = map.get(owner);
  if (entry) {
    entry.units += units;
    entry.to = d;
  } else map.set(owner, { units, from: d, to: d });
}

/**
 * Runs one series under a variant shape from the promotion's first day (before it, the paths are
 * those without it). Judged up to `weeksAfter` past its last day; run on to `effectUntil` for the
 * sales, revenue, stockout days and leftover an option is compared on.
 */
export function simulate(
  series: PreparedSeries,
  shape: VariantShape,
  timeline: Timeline,
  options: SimulationOptions,
): { outcome: Outcome; detail: OutcomeDetail | null; effect: EffectTotals | null } {
  const { days, afterDays } = timeline;
  const input = series.input;
  const without = series.without;
  const offset = options.offset ?? 0;
  const first = shape.first === null || shape.first + offset >= days ? null : shape.first + offset;
  const last = first === null ? null : Math.min(days - 1, shape.last! + offset);
  const windowEnd = last === null ? -1 : Math.min(days - 1, last + afterDays);
  const effectUntil = options.effectUntil === undefined ? -1 : Math.min(days - 1, options.effectUntil);
  const until = Math.min(days - 1, Math.max(windowEnd, effectUntil, options.detail ? days - 1 : -1));
  const outcome = emptyOutcome(windowEnd);
  const detail: OutcomeDetail | null = options.detail
    ? { starved: new Map(), starvedHigh: new Map(), stock: new Float64Array(days), stockHigh: new Float64Array(days) }
    : null;
  const start = first ?? until + 1;
  if (detail) {
    for (let d = 0; d < start && d < days; d++) {
      detail.stock[d] = without.startStock[d + 1]!;
      detail.stockHigh[d] = without.startStockHigh[d + 1]!;
    }
  }
  // Days before the promotion (or all of the window, when it has none here) are the paths without it.
  const before = Math.min(start, effectUntil + 1);
  const effect: EffectTotals | null =
    options.effectUntil !== undefined
      ? { unitsSold: without.sold[before]!, revenue: without.revenue[before]!, stockoutDays: without.stockoutDays[before]!, leftover: without.startStock[before]! }
      : null;
  if (first === null) return { outcome, detail, effect };

  const price = input.unitPrice;
  const discount = options.discountPct / 100;
  const share = series.share;
  const safety = input.safetyStock;
  const extraDay = options.extra && options.extra.units > 0 ? options.extra.day : -1;
  const extraUnits = options.extra?.units ?? 0;
  // Before an order placed today can land, nothing replaces what the promotion takes from the baseline.
  const frozenUntil = Math.round(input.leadTimeDays);
  const stopAbove = options.detail || options.effectUntil !== undefined ? undefined : options.stopAbove;

  let stock = without.startStock[first]!;
  let stockHigh = without.startStockHigh[first]!;
  for (let d = first; d <= until; d++) {
    const at = d - offset;
    const cover = shape.cover[at]!;
    const coverHigh = shape.coverHigh[at]!;
    const planned = shape.planned[at]!;
    const multiplier = Math.max(0, 1 + series.other[d]! + share * shape.factor[at]!);
    const demand = series.base[d]! * multiplier;
    const demandHigh = series.high[d]! * Math.max(0, 1 + series.otherHigh[d]! + share * shape.factorHigh[at]!);
    // An order placed for the promotion serves its paths, not the comparison without it.
    const arriving = series.arrivals[d]! + (d === extraDay ? extraUnits : 0);
    stock += arriving;
    const short = Math.max(0, demand - stock);
    stock = Math.max(0, stock - demand);
    stockHigh += arriving;
    const shortHigh = Math.max(0, demandHigh - stockHigh);
    stockHigh = Math.max(0, stockHigh - demandHigh);

    // Share of the day's units sold at the discount: the channel's promotion sales over all sales.
    const discounted = cover > 0 && multiplier > 0 ? Math.min(1, (share * shape.lift * cover) / multiplier) : 0;
    const dayPrice = price === null ? 0 : price * (1 - discount * discounted);
    if (effect && d <= effectUntil) {
      effect.unitsSold += demand - short;
      effect.revenue += (demand - short) * dayPrice;
      if (short >= STOCKOUT_DAY_UNITS) effect.stockoutDays++;
      effect.leftover = stock;
    }
    if (detail) {
      detail.stock[d] = stock;
      detail.stockHigh[d] = stockHigh;
    }
    if (d > windowEnd) continue;

    const shortWithout = without.short[d]!;
    if (cover > 0) {
      outcome.promotionUnits += demand;
      outcome.extraUnits += demand - series.base[d]! * Math.max(0, 1 + series.other[d]!);
      if (stock < outcome.lowestStock) {
        outcome.lowestStock = stock;
        outcome.lowestDay = d;
      }
      if (outcome.belowSafetyDay < 0 && safety > 0 && stock <= safety - SHORT_TOLERANCE_UNITS) outcome.belowSafetyDay = d;
    }
    // Off its discount days, the promotion is judged on what it takes from the rest of its planned
    // days (after a cap), from another promotion, or from the baseline before an order could land.
    const starvesHere = planned > 0 || series.otherOwner[d]! >= 0 || d < frozenUntil;
    const excess = Math.max(0, short - shortWithout);
    const counted = cover > 0 ? short : starvesHere ? excess : 0;
    if (counted > 1e-9) {
      outcome.unitsShort += counted;
      outcome.revenueLost += counted * dayPrice;
      if (outcome.firstShortDay < 0) outcome.firstShortDay = d;
      if (detail && !(cover > 0)) starve(detail.starved, series.otherOwner[d]!, counted, d);
    } else if (!(cover > 0) && excess > 1e-9) {
      outcome.forwardUnits += excess;
      if (outcome.forwardDay < 0) outcome.forwardDay = d;
    }
    const countedHigh = coverHigh > 0 ? shortHigh : starvesHere ? Math.max(0, shortHigh - without.shortHigh[d]!) : 0;
    if (countedHigh > 1e-9) {
      outcome.unitsShortHigh += countedHigh;
      outcome.revenueLostHigh += countedHigh * dayPrice;
      if (outcome.firstShortHighDay < 0) outcome.firstShortHighDay = d;
      if (detail && !(coverHigh > 0)) starve(detail.starvedHigh, series.otherOwner[d]!, countedHigh, d);
    }
    if (stopAbove !== undefined) {
      if (outcome.unitsShort >= SHORT_TOLERANCE_UNITS) break;
      if (stopAbove === 0 && (outcome.unitsShortHigh >= SHORT_TOLERANCE_UNITS || outcome.belowSafetyDay >= 0)) break;
    }
  }
  if (outcome.forwardDay >= 0) {
    for (let d = outcome.forwardDay; d < days; d++) {
      if (without.short[d]! > 1e-9) {
        outcome.forwardFromDay = d;
        break;
      }
    }
  }
  outcome.rank = rankOf(outcome);
  return { outcome, detail, effect };
}
