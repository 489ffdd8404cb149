/**
 * The day-by-day model the check and every phasing option share. Each series (a variant at a
 * location) is prepared once: baseline mean demand per day from the check date, the high-demand
 * path (the baseline plus the service-level margin of its forecast distribution, spread over the
 * days), dated arrivals, and the other promotions' extra demand. A promotion then becomes, per
 * variant, a coverage per day (1 on promotion days, cut where a cap is sold out) and an extra
 * demand factor: (lift − 1) × coverage on its days and the dip after. Demand on a day is
 * baseline × (1 + Σ factors × channel share); the high path multiplies its margin the same way,
 * so uncertainty grows with the lift.
 *
 * Stock runs the lost-sales recursion of the inventory projection (unmet demand is gone), on the
 * expected and the high path, with and without this promotion. Shortage on a promotion day counts
 * in full; after its days, only what the promotion adds to the shortage without it counts (that is
 * what it starves), up to `weeksAfter` past its end.
 */
import { intervalDemand } from "~/engine/forecast/demand-distribution";
import { normalQuantile } from "~/engine/forecast/stats";
import { daysBetween, toDayNumber, weekdayOfDay } from "~/engine/calendar";
import type { PromotionPlan, SeriesInput } from "./types";

/** Less than half a unit short over the window is not short (forecasts are fractional). */
export const SHORT_TOLERANCE_UNITS = 0.5;
/** A day counts as a stockout day when at least this much demand goes unserved. */
const STOCKOUT_DAY_UNITS = 0.01;

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

export interface Timeline {
  asOf: string;
  asOfDay: number;
  days: number;
  afterDays: number;
  /** Days the planned promotion is judged over (to its last day plus `afterDays`); later days serve later starts. */
  exactDays: number;
}

const FLAT = [1, 1, 1, 1, 1, 1, 1];

function fail(message: string): never {
  throw new Error(`checkPromotion: ${message}`);
}

export function checkSeriesInput(series: SeriesInput): void {
  const name = `series "${series.seriesId}"`;
  if (!series.seriesId) fail("every series needs a seriesId");
  if (!series.variantId) fail(`${name} has no variantId`);
  if (!Number.isFinite(series.available)) fail(`${name}: available must be a number, got ${series.available}`);
  if (!(series.serviceLevel > 0 && series.serviceLevel < 1)) fail(`${name}: serviceLevel must lie strictly between 0 and 1, got ${series.serviceLevel}`);
  if (!Number.isFinite(series.leadTimeDays) || series.leadTimeDays < 0) fail(`${name}: leadTimeDays must be a number of days ≥ 0, got ${series.leadTimeDays}`);
  if (!Number.isFinite(series.safetyStock) || series.safetyStock < 0) fail(`${name}: safetyStock must be ≥ 0, got ${series.safetyStock}`);
  const share = series.channelShare ?? 1;
  if (!(share >= 0 && share <= 1)) fail(`${name}: channelShare must lie between 0 and 1, got ${share}`);
  const baseline = series.baseline;
  if (baseline.kind === "daily") {
    if (baseline.daily.some((v) => !(v >= 0))) fail(`${name}: baseline.daily must hold numbers ≥ 0`);
  } else if (baseline.kind === "weekly") {
    if (baseline.weekStarts.length === 0 || baseline.weekStarts.length !== baseline.weekly.length) fail(`${name}: baseline.weekStarts and baseline.weekly must be non-empty and of one length`);
    if (baseline.weekly.some((v) => !(v >= 0))) fail(`${name}: baseline.weekly must hold numbers ≥ 0`);
  } else {
    fail(`${name}: baseline.kind must be "daily" or "weekly"`);
  }
}

export function checkPlan(plan: PromotionPlan, role: string): void {
  const name = `${role} "${plan.name || plan.id}"`;
  try {
    toDayNumber(plan.start);
    toDayNumber(plan.end);
    for (const wave of plan.waves ?? []) {
      toDayNumber(wave.start);
      toDayNumber(wave.end);
      if (wave.end < wave.start) fail(`${name}: a wave ends (${wave.end}) before it starts (${wave.start})`);
    }
  } catch (error) {
    fail(`${name}: ${(error as Error).message.replace(/^checkPromotion: /, "")}`);
  }
  if (plan.end < plan.start) fail(`${name} ends (${plan.end}) before it starts (${plan.start})`);
  if (!(plan.lift > 0) || !Number.isFinite(plan.lift)) fail(`${name}: lift must be a positive multiplier, got ${plan.lift}`);
  if (plan.liftHigh !== undefined && !(plan.liftHigh > 0)) fail(`${name}: liftHigh must be a positive multiplier, got ${plan.liftHigh}`);
  if (plan.capUnits != null && !(plan.capUnits >= 0)) fail(`${name}: capUnits must be ≥ 0, got ${plan.capUnits}`);
  const discount = plan.discountPct ?? 0;
  if (!(discount >= 0 && discount < 100)) fail(`${name}: discountPct must lie between 0 and 100, got ${discount}`);
}

/** Cumulative service-level margin over the first k days, k = 0..days, from the series' baseline. */
function highMargins(asOf: string, series: SeriesInput, days: number, exactDays: number): Float64Array {
  const margins = new Float64Array(days + 1);
  const baseline = series.baseline;
  if (baseline.kind === "daily") {
    const z = Math.max(0, normalQuantile(series.serviceLevel));
    const sd = baseline.dailySd ?? 0;
    for (let k = 1; k <= days; k++) margins[k] = z * sd * Math.sqrt(k);
    return margins;
  }
  const distribution = baseline.distribution;
  if (!distribution) return margins;
  const offsetDays = daysBetween(baseline.weekStarts[0]!, asOf);
  if (offsetDays < 0) fail(`series "${series.seriesId}": its forecast weeks start after the check date`);
  // The margin at the end of forecast weeks 1–4, then each half as long again (it grows between
  // √t and t, so a line between the points is close), up to the planned promotion's window.
  const points: { k: number; margin: number }[] = [{ k: 0, margin: 0 }];
  let running = 0;
  let nextWeek = 1;
  const reach = Math.min(days, exactDays);
  for (let w = 0; ; w++) {
    const k = 7 * (w + 1) - offsetDays;
    if (k <= 0) continue;
    if (w + 1 < nextWeek && k < reach) continue;
    nextWeek = w + 1 < 4 ? w + 2 : Math.ceil((w + 1) * 1.5);
    const total = intervalDemand(distribution, { startWeek: offsetDays / 7, weeks: k / 7 }, [series.serviceLevel]);
    running = Math.max(running, total.quantiles[0]! - total.mean);
    points.push({ k, margin: running });
    if (k >= reach) break;
  }
  // Beyond it (only later starts look there) the margin follows the power law of the last two
  // points, between √t (independent weeks) and t (an error common to all weeks): long spans of
  // intermittent demand are costly to convolve exactly.
  const last = points[points.length - 1]!;
  const before = points[points.length - 2]!;
  const power = before.margin > 0 && last.margin > before.margin ? Math.min(1, Math.max(0.5, Math.log(last.margin / before.margin) / Math.log(last.k / before.k))) : 0.5;
  let p = 0;
  for (let k = 1; k <= days; k++) {
    if (k > last.k) {
      margins[k] = last.margin * Math.pow(k / last.k, power);
      continue;
    }
    while (points[p + 1]!.k < k) p++;
    const a = points[p]!;
    const b = points[p + 1]!;
    margins[k] = a.margin + ((b.margin - a.margin) * (k - a.k)) / (b.k - a.k);
  }
  return margins;
}

/**
 * Mean baseline per day from the check date over `days`, each forecast week split by the weekday
 * index as the projection's `dailyDemandFrom` splits it; past the forecast the last week repeats.
 */
function baselineDays(timeline: Timeline, series: SeriesInput, days: number): Float64Array {
  const out = new Float64Array(days);
  const baseline = series.baseline;
  let values: ArrayLike<number>;
  if (baseline.kind === "daily") values = baseline.daily;
  else {
    const index = baseline.weekdayIndex ?? FLAT;
    const shares = Array.from({ length: 7 }, (_, weekday) => Math.max(0, index[weekday] ?? 1));
    const total = shares.reduce((a, b) => a + b, 0);
    const split = new Float64Array(Math.max(0, 7 * baseline.weekStarts.length));
    let n = 0;
    baseline.weekStarts.forEach((weekStart, w) => {
      const start = toDayNumber(weekStart);
      const weekly = baseline.weekly[w] ?? 0;
      for (let d = 0; d < 7; d++) {
        if (start + d < timeline.asOfDay) continue;
        split[n++] = total > 0 ? (weekly * shares[weekdayOfDay(start + d)]!) / total : weekly / 7;
      }
    });
    values = split.subarray(0, n);
  }
  const length = values.length;
  const tail = Math.min(7, length);
  for (let d = 0; d < days; d++) out[d] = d < length ? values[d]! : tail > 0 ? values[length - tail + ((d - length) % tail)]! : 0;
  return out;
}

export function prepareSeries(timeline: Timeline, series: SeriesInput, index: number): PreparedSeries {
  const { days } = timeline;
  const base = baselineDays(timeline, series, days);
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

export interface Outcome {
  /** 0 supportable, 1 at risk, 2 not supportable. */
  rank: 0 | 1 | 2;
  unitsShort: number;
  firstShortDay: number;
  revenueLost: number;
  unitsShortHigh: number;
  firstShortHighDay: number;
  revenueLostHigh: number;
  /** First promotion day whose closing stock is half a unit or more under the safety stock; −1 for none. */
  belowSafetyDay: number;
  lowestDay: number;
  lowestStock: number;
  promotionUnits: number;
  extraUnits: number;
  /** Last day of the window this series is judged over; −1 when it has no promotion days. */
  windowEnd: number;
  /**
   * Baseline demand after the promotion that it leaves unserved later than an order placed today
   * could arrive: a buying matter, not a verdict. The first such day, the units, and the day the
   * stock would have run out without the promotion (−1 when not within the timeline).
   */
  forwardDay: number;
  forwardUnits: number;
  forwardFromDay: number;
}

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

function emptyOutcome(windowEnd: number): Outcome {
  return {
    rank: 0,
    unitsShort: 0,
    firstShortDay: -1,
    revenueLost: 0,
    unitsShortHigh: 0,
    firstShortHighDay: -1,
    revenueLostHigh: 0,
    belowSafetyDay: -1,
    lowestDay: -1,
    lowestStock: Infinity,
    promotionUnits: 0,
    extraUnits: 0,
    windowEnd,
    forwardDay: -1,
    forwardUnits: 0,
    forwardFromDay: -1,
  };
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
  if (outcome.unitsShort >= SHORT_TOLERANCE_UNITS) outcome.rank = 2;
  else if (outcome.unitsShortHigh >= SHORT_TOLERANCE_UNITS || outcome.belowSafetyDay >= 0) outcome.rank = 1;
  return { outcome, detail, effect };
}

/** Earliest day trouble starts on any path (short, short if demand runs high, under safety stock); −1 for none. */
export function troubleDay(outcome: Outcome): number {
  const days = [
    outcome.unitsShort >= SHORT_TOLERANCE_UNITS ? outcome.firstShortDay : -1,
    outcome.unitsShortHigh >= SHORT_TOLERANCE_UNITS ? outcome.firstShortHighDay : -1,
    outcome.belowSafetyDay,
  ].filter((d) => d >= 0);
  return days.length > 0 ? Math.min(...days) : -1;
}
