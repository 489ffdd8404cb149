/**
 * Promotion uplift learned from the shop's own discounted days.
 *
 * A promotion event is a run of consecutive promo days for one variant (from cleaning). Its
 * lift is sold units / cleaned baseline; its depth comes from the known window's discount or,
 * failing that, from revenue against list price. Lifts are ratios of sums per depth bucket,
 * pooled over a product group, and shrunk in log space: group → shop → prior, each level
 * weighted by baseline units B as B / (B + k), so a thin group leans on the shop figure.
 * The pull-forward dip is the same ratio for the weeks right after each event (observed vs
 * expected regular-price level), shrunk toward zero dip.
 */
import type { CleanedDemand, PromoWindow } from "./cleaning";
import { toDayNumber } from "./weekly";

export interface DepthBucket {
  label: string;
  /** Inclusive lower bound, in percent off. */
  minPct: number;
}

export const DEFAULT_DEPTH_BUCKETS: DepthBucket[] = [
  { label: "0–15%", minPct: 0 },
  { label: "15–30%", minPct: 15 },
  { label: "30%+", minPct: 30 },
];

/** Used only where the shop has no discounted history of its own; an assumption, not data. */
export const DEFAULT_PRIOR_LIFTS = [1.3, 1.8, 2.5];

/** Depths this close to a bound are on it: a sales-weighted mean of 30% days can come out 29.999999999999996. */
const DEPTH_EPSILON = 1e-6;

export function bucketOf(depthPct: number, buckets: readonly DepthBucket[] = DEFAULT_DEPTH_BUCKETS): number {
  let index = 0;
  buckets.forEach((bucket, i) => {
    if (depthPct + DEPTH_EPSILON >= bucket.minPct) index = i;
  });
  return index;
}

export interface PostPromoWeek {
  observed: number;
  expected: number;
}

export interface PromoEvent {
  variantId: string;
  groupId: string;
  start: string;
  end: string;
  units: number;
  baselineUnits: number;
  /** Percent off, or null when neither a window nor a list price tells it. */
  depthPct: number | null;
  /** Clean post-promotion weeks (7-day blocks after the end); stops at the first contaminated block. */
  postWeeks: PostPromoWeek[];
}

export interface EventContext {
  variantId: string;
  groupId: string;
  /** Regular unit price, to read depth off revenue when no window states it. */
  price: number | null;
  promoWindows?: readonly PromoWindow[];
}

/** Depth (percent off) of the discounted units of one day, from revenue versus list price. */
export function depthFromRevenue(units: number, discountedUnits: number, revenue: number, price: number): number | null {
  if (price <= 0 || discountedUnits <= 0) return null;
  const regularRevenue = (units - discountedUnits) * price;
  const discountedPrice = (revenue - regularRevenue) / discountedUnits;
  return Math.min(95, Math.max(0, 100 * (1 - discountedPrice / price)));
}

export function extractPromoEvents(cleaned: CleanedDemand, context: EventContext, options: { dipWeeks?: number } = {}): PromoEvent[] {
  const dipWeeks = options.dipWeeks ?? 2;
  const { daily } = cleaned;
  const firstDay = toDayNumber(cleaned.range.from);
  const windows = (context.promoWindows ?? []).map((w) => ({ from: toDayNumber(w.start), to: toDayNumber(w.end), pct: w.discountPct }));
  const windowPct = (i: number): number | undefined =>
    windows.find((w) => firstDay + i >= w.from && firstDay + i <= w.to && w.pct !== undefined)?.pct;

  const events: PromoEvent[] = [];
  let i = 0;
  while (i < daily.flags.length) {
    if (daily.flags[i] !== "promo") {
      i++;
      continue;
    }
    const startIndex = i;
    let units = 0;
    let baselineUnits = 0;
    let depthWeighted = 0;
    let depthWeight = 0;
    while (i < daily.flags.length && daily.flags[i] === "promo") {
      const sold = daily.raw[i] ?? 0;
      units += sold;
      baselineUnits += daily.baseline[i] ?? 0;
      const depth =
        windowPct(i) ??
        (context.price ? depthFromRevenue(sold, daily.discountedUnits[i] ?? 0, daily.revenue[i] ?? 0, context.price) : null);
      if (depth !== null) {
        const weight = Math.max(sold, 1e-6);
        depthWeighted += depth * weight;
        depthWeight += weight;
      }
      i++;
    }
    const endIndex = i - 1;
    const postWeeks: PostPromoWeek[] = [];
    for (let k = 0; k < dipWeeks; k++) {
      const from = endIndex + 1 + 7 * k;
      const to = from + 7;
      if (to > daily.flags.length) break;
      const block = daily.flags.slice(from, to);
      if (block.some((f) => f === "promo" || f === "stockout")) break;
      postWeeks.push({
        observed: daily.raw.slice(from, to).reduce((a, b) => a + b, 0),
        expected: daily.expected.slice(from, to).reduce((a, b) => a + b, 0),
      });
    }
    events.push({
      variantId: context.variantId,
      groupId: context.groupId,
      start: daily.dates[startIndex] ?? "",
      end: daily.dates[endIndex] ?? "",
      units,
      baselineUnits,
      depthPct: depthWeight > 0 ? depthWeighted / depthWeight : null,
      postWeeks,
    });
  }
  return events;
}

export interface PromotionSpan {
  start: string;
  end: string;
}

/** Overlapping spans merged: each result is one promotion, however many variants ran it. */
export function mergePromotionSpans(spans: readonly PromotionSpan[]): PromotionSpan[] {
  const merged: PromotionSpan[] = [];
  for (const span of [...spans].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) {
      if (span.end > last.end) last.end = span.end;
    } else merged.push({ start: span.start, end: span.end });
  }
  return merged;
}

/** Distinct promotions an estimate rests on (its runs where an older stored model has no spans). */
export function promotionCount(estimate: Pick<LiftEstimate, "events" | "promotions">): number {
  return estimate.promotions ?? estimate.events;
}

export interface LiftEstimate {
  lift: number;
  /** Promotion runs it rests on: one per variant and location a promotion covered. */
  events: number;
  /**
   * Distinct past promotions it rests on: runs whose days overlap count once (a sitewide sale
   * over 300 variants is one promotion). Absent in models stored before it was counted.
   */
  promotions?: number;
  /** Those promotions' first and last days, to count them once across product groups. */
  promotionSpans?: PromotionSpan[];
  /** How many of them were measured against the forecast after they ended (and blended in). */
  measured?: number;
  baselineUnits: number;
  /** Share of the estimate resting on this level's own data (the rest is the parent figure). */
  weight: number;
}

export interface DipEstimate {
  /** Relative change in the k-th week after a promotion, e.g. −0.15. */
  change: number;
  expectedUnits: number;
  weight: number;
}

export interface UpliftProfile {
  byBucket: LiftEstimate[];
  dip: DipEstimate[];
}

export interface UpliftModel {
  buckets: DepthBucket[];
  shop: UpliftProfile;
  groups: Record<string, UpliftProfile>;
}

export interface UpliftOptions {
  buckets?: DepthBucket[];
  priorLifts?: number[];
  dipWeeks?: number;
  /** Baseline units at which a level's own lift gets half weight. */
  liftShrinkUnits?: number;
  /** Expected units at which a level's own dip gets half weight. */
  dipShrinkUnits?: number;
}

function shrinkLift(events: readonly PromoEvent[], parentLift: number, k: number): LiftEstimate {
  const units = events.reduce((a, e) => a + e.units, 0);
  const baselineUnits = events.reduce((a, e) => a + e.baselineUnits, 0);
  const weight = baselineUnits > 0 && units > 0 ? baselineUnits / (baselineUnits + k) : 0;
  const lift = weight > 0 ? Math.exp(weight * Math.log(units / baselineUnits) + (1 - weight) * Math.log(parentLift)) : parentLift;
  const promotionSpans = mergePromotionSpans(events.map((e) => ({ start: e.start, end: e.end })));
  return { lift, events: events.length, promotions: promotionSpans.length, promotionSpans, baselineUnits, weight };
}

function shrinkDip(events: readonly PromoEvent[], week: number, parentChange: number, k: number): DipEstimate {
  let observed = 0;
  let expectedUnits = 0;
  for (const event of events) {
    const post = event.postWeeks[week];
    if (!post) continue;
    observed += post.observed;
    expectedUnits += post.expected;
  }
  const weight = expectedUnits > 0 ? expectedUnits / (expectedUnits + k) : 0;
  const own = expectedUnits > 0 ? observed / expectedUnits - 1 : 0;
  return { change: weight * own + (1 - weight) * parentChange, expectedUnits, weight };
}

function profileOf(
  events: readonly PromoEvent[],
  parent: { lifts: readonly number[]; dips: readonly number[] },
  buckets: readonly DepthBucket[],
  opts: Required<Pick<UpliftOptions, "dipWeeks" | "liftShrinkUnits" | "dipShrinkUnits">>,
): UpliftProfile {
  const withDepth = events.filter((e) => e.depthPct !== null);
  return {
    byBucket: buckets.map((_, b) =>
      shrinkLift(
        withDepth.filter((e) => bucketOf(e.depthPct ?? 0, buckets) === b),
        parent.lifts[b] ?? 1,
        opts.liftShrinkUnits,
      ),
    ),
    dip: Array.from({ length: opts.dipWeeks }, (_, k) => shrinkDip(events, k, parent.dips[k] ?? 0, opts.dipShrinkUnits)),
  };
}

export function estimateUplift(events: readonly PromoEvent[], options: UpliftOptions = {}): UpliftModel {
  const buckets = options.buckets ?? DEFAULT_DEPTH_BUCKETS;
  const opts = {
    dipWeeks: options.dipWeeks ?? 2,
    liftShrinkUnits: options.liftShrinkUnits ?? 50,
    dipShrinkUnits: options.dipShrinkUnits ?? 100,
  };
  const prior = { lifts: options.priorLifts ?? DEFAULT_PRIOR_LIFTS, dips: [] as number[] };
  const shop = profileOf(events, prior, buckets, opts);
  const shopParent = { lifts: shop.byBucket.map((b) => b.lift), dips: shop.dip.map((d) => d.change) };
  const groups: Record<string, UpliftProfile> = {};
  for (const groupId of new Set(events.map((e) => e.groupId))) {
    groups[groupId] = profileOf(
      events.filter((e) => e.groupId === groupId),
      shopParent,
      buckets,
      opts,
    );
  }
  return { buckets, shop, groups };
}

export type LiftConfidence = "high" | "medium" | "low";

/**
 * How sure a lift estimate is, from how many promotions it rests on and how much of it is the
 * shop's own data rather than the parent figure (the same B / (B + k) weight as the shrinkage):
 * high from five promotions and 80% own weight, medium from two and half, low otherwise. Promotions
 * are distinct ones (overlapping runs on many variants count once), not variant runs or days.
 */
export function liftConfidence(estimate: { events: number; promotions?: number; baselineUnits: number }, shrinkUnits = 50): { level: LiftConfidence; weight: number; reason: string } {
  const weight = estimate.baselineUnits > 0 ? estimate.baselineUnits / (estimate.baselineUnits + shrinkUnits) : 0;
  const promotions = promotionCount(estimate);
  const level: LiftConfidence = promotions >= 5 && weight >= 0.8 ? "high" : promotions >= 2 && weight >= 0.5 ? "medium" : "low";
  const basis =
    promotions === 0
      ? "no past promotions"
      : `${promotions} past promotion${promotions === 1 ? "" : "s"} over ${Math.round(estimate.baselineUnits)} baseline units`;
  return { level, weight, reason: `${level[0]!.toUpperCase()}${level.slice(1)} confidence: rests on ${basis}.` };
}
