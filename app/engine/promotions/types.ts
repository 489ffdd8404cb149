/**
 * The shapes of the promotion check: what the app, the CLI and the bench hand in, and what they
 * get back. Days are shop-local "YYYY-MM-DD" strings; promotion spans are inclusive.
 */
import type { DemandDistribution } from "~/engine/forecast/demand-distribution";
import type { InboundArrival } from "~/engine/projection";

export type PromotionVerdict = "supportable" | "at_risk" | "not_supportable";

/** A stretch of the promotion for some of its variants (a phasing wave). */
export interface PromotionWave {
  start: string;
  end: string;
  /** The variants in this wave; absent or null means every variant of the promotion. */
  variantIds?: readonly string[] | null;
}

/** A variant's own multipliers, where the learned model differs by product group. */
export interface VariantLift {
  lift: number;
  /** Multiplier on the high-demand path; defaults to `lift`. */
  liftHigh?: number;
}

/** A planned promotion: the one being checked, or one of the others competing for the same stock. */
export interface PromotionPlan {
  id: string;
  name: string;
  /** First and last day, inclusive. */
  start: string;
  end: string;
  /** Multiplier on baseline sales on promotion days (2 = twice the usual sales). */
  lift: number;
  /** Multiplier on the high-demand path (e.g. the learned lift's upper range); defaults to `lift`. */
  liftHigh?: number;
  liftByVariant?: Readonly<Record<string, VariantLift>>;
  /** Percent off, for revenue; 0 when absent. */
  discountPct?: number;
  /** Relative change of sales in each week after the promotion (pull-forward), e.g. [-0.15, -0.05]. */
  dipByWeekAfter?: readonly number[];
  /** The variants in the promotion; absent means the variants of every series handed in. */
  variantIds?: readonly string[];
  /** At most this many units sold per variant over the promotion (all its locations); the discount ends there. */
  capUnits?: number | null;
  capByVariant?: Readonly<Record<string, number>>;
  /** Units a live promotion has already sold toward each variant's cap. */
  soldByVariant?: Readonly<Record<string, number>>;
  /** Phasing waves; absent or null means one wave from `start` to `end` for every variant. */
  waves?: readonly PromotionWave[] | null;
}

/**
 * Baseline (no-promotion) demand of one variant at one location from the check date on:
 * mean units per day with an optional daily sd, or a stored weekly outlook (weeks from the one
 * holding the check date, split into days by the weekday index) with its predictive distribution.
 */
export type BaselineDemand =
  | { kind: "daily"; daily: readonly number[]; dailySd?: number }
  | { kind: "weekly"; weekStarts: readonly string[]; weekly: readonly number[]; weekdayIndex?: readonly number[]; distribution?: DemandDistribution };

/** One variant at one location that serves the promotion's channel. */
export interface SeriesInput {
  /** Unique per variant and location. */
  seriesId: string;
  variantId: string;
  locationId?: string | null;
  /** "Blue tee / M"; the variant id when absent. */
  variantLabel?: string;
  /** "Main warehouse"; named in reasons only when the variant has several locations. */
  locationLabel?: string;
  baseline: BaselineDemand;
  /** Sellable units now. */
  available: number;
  /** Dated arrivals (purchase orders, Shopify incoming with its assumed date). */
  inbound: readonly InboundArrival[];
  leadTimeDays: number;
  /** Units the plan keeps against forecast error; a promotion that eats into it is at risk. */
  safetyStock: number;
  /** Cycle service level, 0.5–0.999: the high-demand path is this quantile. */
  serviceLevel: number;
  unitPrice: number | null;
  unitCost: number | null;
  casePack?: number;
  moqUnits?: number;
  /** Share of this location's baseline sold through the promotion's channel; 1 when absent. */
  channelShare?: number;
}

export interface CheckSettings {
  /** Weeks after the promotion whose baseline it may starve; 4 when absent. */
  weeksAfter?: number;
  /** How far `move_start` and `waves` look for a later start; 13 weeks when absent. */
  maxShiftWeeks?: number;
  /** Propose phasing options when the verdict is not supportable; true when absent. */
  phasing?: boolean;
  /** Return each series' projected daily stock; false when absent. */
  daily?: boolean;
}

export interface PromotionCheckInput {
  /** The check date: day 0 of every projection. */
  asOf: string;
  promotion: PromotionPlan;
  series: readonly SeriesInput[];
  /** Other planned promotions on these variants: their demand competes for the same stock. */
  otherPromotions?: readonly PromotionPlan[];
  settings?: CheckSettings;
  formatMoney?: (amount: number) => string;
  /** How reasons write a day; "12 Mar" when absent (the CLI writes periods). */
  formatDate?: (date: string) => string;
}

/** A number a user sees, with the sentence that explains it. */
export interface Figure {
  value: number;
  reason: string;
}

/** Demand this promotion leaves unserved after its own days. */
export interface StarvedDemand {
  kind: "promotion" | "baseline";
  /** The other promotion starved; null for baseline demand. */
  promotionId: string | null;
  name: string;
  units: number;
  from: string;
  to: string;
}

/** Where a path of the projection falls short. */
export interface Shortfall {
  firstShortDate: string;
  unitsShort: number;
  /** At the price of the day (discounted on promotion days); null without a unit price. */
  revenueLost: number | null;
  starves: StarvedDemand[];
  reason: string;
}

export interface SeriesCheck {
  seriesId: string;
  variantId: string;
  locationId: string | null;
  label: string;
  verdict: PromotionVerdict;
  reason: string;
  /** First and last promotion day of this series from the check date on; null when it has none. */
  promotionDays: { start: string; end: string } | null;
  /** Units expected to sell on the promotion's days (baseline and extra), and the extra alone. */
  promotionUnits: number;
  extraUnits: number;
  /** Short on the expected path; null when it carries the promotion. */
  expected: Shortfall | null;
  /** Short on the high-demand path (the service-level quantile); null when it carries it. */
  high: Shortfall | null;
  /**
   * Baseline demand after it that goes unserved later than an order placed today could land: the
   * promotion brings the next stockout forward (from `from`, null when beyond the timeline), and an
   * order by `orderBy` covers it. A buying matter for the plan; it does not change the verdict.
   */
  stockoutBroughtForward: { date: string; from: string | null; units: number; orderBy: string } | null;
  /** Lowest stock on the expected path at the end of a promotion day. */
  lowestStock: { date: string; units: number; safetyStock: number } | null;
  /** Projected stock at the end of each day from the check date, when asked for. */
  daily?: { from: string; expected: number[]; high: number[] };
}

export interface VariantCheck {
  variantId: string;
  label: string;
  /** The worst of its locations. */
  verdict: PromotionVerdict;
  seriesIds: string[];
}

/** What a plan (as entered, or after an option) does over the comparison window. */
export interface PlanEffect {
  from: string;
  to: string;
  unitsSold: Figure;
  /** Null without unit prices. */
  revenue: Figure | null;
  /** Variant-location days with demand left unserved. */
  stockoutDays: Figure;
  leftoverUnits: Figure;
}

export type PhasingKind = "move_start" | "waves" | "cap" | "drop_variants" | "order_more";

export interface OrderLine {
  seriesId: string;
  variantId: string;
  locationId: string | null;
  quantity: number;
  roundingNote: string | null;
  orderByDate: string;
  expectedArrivalDate: string;
  lineCost: number | null;
  reason: string;
}

/** What applying an option changes, in the promotion's own terms. */
export type PhasingChange =
  | { kind: "move_start"; start: string; end: string; shiftDays: number }
  | { kind: "waves"; waves: { start: string; end: string; variantIds: string[] }[] }
  /** Caps, and the variants no cap can carry left out with them (absent: none). */
  | { kind: "cap"; caps: { variantId: string; units: number }[]; dropVariantIds?: string[] }
  | { kind: "drop_variants"; variantIds: string[] }
  | { kind: "order_more"; lines: OrderLine[]; totalUnits: number; totalCost: number | null };

export interface PhasingOption {
  /** 1 = best. */
  rank: number;
  kind: PhasingKind;
  /** One line a marketer reads. */
  description: string;
  verdictAfter: PromotionVerdict;
  /** Why the verdict after is what it is (the re-check's own reason). */
  reason: string;
  change: PhasingChange;
  effect: PlanEffect;
  /** How many things marketing or buying must edit to apply it. */
  changes: number;
  /** The variants still in the promotion after it, by verdict. */
  counts: Record<PromotionVerdict, number>;
}

export interface PromotionCheck {
  promotionId: string;
  asOf: string;
  verdict: PromotionVerdict;
  reason: string;
  /** Variants with promotion days from the check date on, by verdict. */
  counts: Record<PromotionVerdict, number>;
  variants: VariantCheck[];
  series: SeriesCheck[];
  unitsShort: Figure;
  /** Null without unit prices. */
  revenueLost: Figure | null;
  /** The plan as entered, over the same window as the options' effects. */
  effect: PlanEffect;
  /** Ranked, best first; empty when supportable or when phasing was not asked for. */
  options: PhasingOption[];
  /** How the options are ranked. */
  ranking: string;
}
