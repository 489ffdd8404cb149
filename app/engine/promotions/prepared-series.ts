/**
 * Each series (a variant at a location) prepared once per check: baseline mean demand per day from
 * the check date, the high-demand path, dated arrivals, the other promotions' extra demand (laid
 * in by `addOtherPromotion`), and both stock paths without the promotion being checked.
 *
 * Stock runs the lost-sales recursion of the inventory projection: unmet demand is gone.
 */
import { toDayNumber } from "~/engine/calendar";
import { baselineDays, highMargins } from "./daily-baseline";
import type { SeriesInput } from "./types";

/** A day counts as a stockout day when at least this much demand goes unserved. */
export const STOCKOUT_DAY_UNITS = 0.01;

export interface Arrival {
  day: number;
  units: number;
  label: string;
  date: string;
}

export interface PreparedSeries {
  index: number;
  input: SeriesInput;
  label: string;
  share: number;
  /** Mean baseline units per day, day 0 = the check date. */
  base: Float64Array;
  /** The high path's baseline: base plus the day's share of the service-level margin. */
  high: Float64Array;
  arrivals: Float64Array;
  arrivalList: Arrival[];
  /** Σ of the other promotions' demand factors (already times the channel share). */
  other: Float64Array;
  otherHigh: Float64Array;
  /** Index into the other promotions of the one adding most demand that day, −1 for none. */
  otherOwner: Int16Array;
  otherOwnerExtra: Float64Array;
  /** The paths without this promotion (computed once, see `prepareWithout`). */
  without: WithoutPaths;
}

/**
 * Both paths without the promotion being checked (the other promotions included), kept so each
 * scenario only runs its own days: stock at the start of each day before its arrivals, the day's
 * unmet demand, and running sales, revenue and stockout days (index d: days 0..d−1).
 */
export interface WithoutPaths {
  startStock: Float64Array;
  startStockHigh: Float64Array;
  short: Float64Array;
  shortHigh: Float64Array;
  sold: Float64Array;
  revenue: Float64Array;
  stockoutDays: Float64Array;
}

export interface Timeline {
  asOf: string;
  asOfDay: number;
  days: number;
  afterDays: number;
  /** Days the planned promotion is judged over (to its last day plus `afterDays`); later days serve later starts. */
  exactDays: number;
}

export function prepareSeries(timeline: Timeline, series: SeriesInput, index: number): PreparedSeries {
  const { days } = timeline;
  const base = baselineDays(timeline.asOfDay, series, days);
  const margins = highMargins(timeline.asOf, series, days, timeline.exactDays);
  const high = new Float64Array(days);
  for (let d = 0; d < days; d++) high[d] = base[d]! + Math.max(0, margins[d + 1]! - margins[d]!);
  const arrivals = new Float64Array(days);
  const arrivalList: Arrival[] = [];
  for (const arrival of series.inbound) {
    if (!(arrival.units > 0)) continue;
    // Arrivals due in the past that are still open are expected now.
    const day = Math.max(0, toDayNumber(arrival.date) - timeline.asOfDay);
    if (day >= days) continue;
    arrivals[day] = arrivals[day]! + arrival.units;
    arrivalList.push({ day, units: arrival.units, label: arrival.label, date: day === 0 ? timeline.asOf : arrival.date });
  }
  arrivalList.sort((a, b) => a.day - b.day);
  return {
    index,
    input: series,
    label: series.variantLabel ?? series.variantId,
    share: series.channelShare ?? 1,
    base,
    high,
    arrivals,
    arrivalList,
    other: new Float64Array(days),
    otherHigh: new Float64Array(days),
    otherOwner: new Int16Array(days).fill(-1),
    otherOwnerExtra: new Float64Array(days),
    without: emptyPaths(days),
  };
}

function emptyPaths(days: number): WithoutPaths {
  return {
    startStock: new Float64Array(days + 1),
    startStockHigh: new Float64Array(days + 1),
    short: new Float64Array(days),
    shortHigh: new Float64Array(days),
    sold: new Float64Array(days + 1),
    revenue: new Float64Array(days + 1),
    stockoutDays: new Float64Array(days + 1),
  };
}

/** Runs the paths without the promotion once its competitors' demand is in. */
export function prepareWithout(series: PreparedSeries): void {
  const days = series.base.length;
  const paths = series.without;
  const price = series.input.unitPrice ?? 0;
  let stock = Math.max(0, series.input.available);
  let stockHigh = stock;
  for (let d = 0; d < days; d++) {
    paths.startStock[d] = stock;
    paths.startStockHigh[d] = stockHigh;
    const demand = series.base[d]! * Math.max(0, 1 + series.other[d]!);
    const demandHigh = series.high[d]! * Math.max(0, 1 + series.otherHigh[d]!);
    stock += series.arrivals[d]!;
    const short = Math.max(0, demand - stock);
    stock = Math.max(0, stock - demand);
    stockHigh += series.arrivals[d]!;
    paths.shortHigh[d] = Math.max(0, demandHigh - stockHigh);
    stockHigh = Math.max(0, stockHigh - demandHigh);
    paths.short[d] = short;
    paths.sold[d + 1] = paths.sold[d]! + demand - short;
    paths.revenue[d + 1] = paths.revenue[d]! + (demand - short) * price;
    paths.stockoutDays[d + 1] = paths.stockoutDays[d]! + (short >= STOCKOUT_DAY_UNITS ? 1 : 0);
  }
  paths.startStock[days] = stock;
  paths.startStockHigh[days] = stockHigh;
}
