/**
 * Turns a planned promotion plus a baseline weekly forecast into extra demand per variant per
 * week: baseline/7 × promo days in the week × (lift − 1) during, and baseline/7 × dip days in
 * the week × dip change in each of the weeks after (the baseline is assumed flat within a week).
 */
import { type LiftEstimate, type UpliftModel, bucketOf, promotionCount } from "./uplift";
import { toDayNumber } from "./weekly";

export interface PlannedPromotion {
  start: string;
  end: string;
  discountPct: number;
  variantIds: string[];
  /** Marketing's own sales multiplier, used instead of the learned one. */
  lift?: number | null;
  /** At most this many units sold per variant over the promotion (a phasing cap): extra demand stops there. */
  capUnits?: number | null;
  /** The share of each variant's demand the promotion's channel reaches (one online channel of several); absent: all of it. */
  channelShare?: Readonly<Record<string, number>>;
}

export interface VariantBaselineForecast {
  variantId: string;
  groupId: string;
  weekStarts: string[];
  /** Baseline (no-promotion) units per week. */
  weekly: number[];
}

export interface PromotionEffect {
  variantId: string;
  weekStarts: string[];
  /** Extra units per week: positive during the promotion, negative in the dip after. */
  extraUnits: number[];
  lift: number;
  dipByWeekAfter: number[];
  reason: string;
}

/** Baseline units inside the promotion's days. */
function promoBaselineUnits(baseline: VariantBaselineForecast, start: number, end: number): number {
  return baseline.weekStarts.reduce((sum, weekStart, w) => sum + ((baseline.weekly[w] ?? 0) / 7) * overlapDays(toDayNumber(weekStart), start, end), 0);
}

function overlapDays(weekStart: number, from: number, to: number): number {
  return Math.max(0, Math.min(weekStart + 6, to) - Math.max(weekStart, from) + 1);
}

function formatRatio(lift: number): string {
  return `×${lift.toFixed(lift < 10 ? 1 : 0)}`;
}

function describeEffect(plan: PlannedPromotion, groupId: string, model: UpliftModel, estimate: LiftEstimate, bucket: number, dips: number[]): string {
  const label = model.buckets[bucket]?.label ?? "";
  if (plan.lift != null && plan.lift > 0) return `${Math.round(plan.discountPct)}% off: sales ${formatRatio(plan.lift)}, as marketing set it.`;
  const shopLift = model.shop.byBucket[bucket];
  let source: string;
  const own = promotionCount(estimate);
  const shopCount = shopLift ? promotionCount(shopLift) : 0;
  if (own > 0 && estimate.weight >= 0.5) source = `${own} past promotion${own === 1 ? "" : "s"} in ${groupId}`;
  else if (shopCount > 0) source = `mostly the shop's ${shopCount} past promotion${shopCount === 1 ? "" : "s"} at this depth (${own} in ${groupId})`;
  else source = "a default assumption; no past promotions at this depth";
  const firstDip = dips[0] ?? 0;
  const dipText = Math.abs(firstDip) >= 0.005 ? `; ${firstDip < 0 ? "−" : "+"}${Math.round(Math.abs(firstDip) * 100)}% the week after` : "";
  return `${Math.round(plan.discountPct)}% off: sales ${formatRatio(estimate.lift)} (${label} depth, from ${source})${dipText}.`;
}

/** Extra demand per variant per week caused by a planned promotion on top of a baseline forecast. */
export function projectPromotion(
  plan: PlannedPromotion,
  baselines: readonly VariantBaselineForecast[],
  model: UpliftModel,
): PromotionEffect[] {
  const start = toDayNumber(plan.start);
  const end = toDayNumber(plan.end);
  const bucket = bucketOf(plan.discountPct, model.buckets);
  const wanted = new Set(plan.variantIds);
  return baselines
    .filter((b) => wanted.has(b.variantId))
    .map((baseline) => {
      const profile = model.groups[baseline.groupId] ?? model.shop;
      const learned = profile.byBucket[bucket] ?? { lift: 1, events: 0, baselineUnits: 0, weight: 0 };
      const estimate = plan.lift != null && plan.lift > 0 ? { ...learned, lift: plan.lift } : learned;
      const dips = profile.dip.map((d) => d.change);
      const share = plan.channelShare?.[baseline.variantId] ?? 1;
      // A cap bounds the promotion's sales (on its channel): its extra demand stops once baseline plus extra reach it.
      let extraLeft = plan.capUnits != null ? Math.max(0, plan.capUnits - share * promoBaselineUnits(baseline, start, end)) : Infinity;
      const extraUnits = baseline.weekStarts.map((weekStart, w) => {
        const weekDay = toDayNumber(weekStart);
        const perDay = (share * (baseline.weekly[w] ?? 0)) / 7;
        const during = Math.min(extraLeft, perDay * overlapDays(weekDay, start, end) * (estimate.lift - 1));
        extraLeft -= Math.max(0, during);
        let extra = during;
        dips.forEach((change, k) => {
          extra += perDay * overlapDays(weekDay, end + 1 + 7 * k, end + 7 * (k + 1)) * change;
        });
        return extra;
      });
      return {
        variantId: baseline.variantId,
        weekStarts: baseline.weekStarts,
        extraUnits,
        lift: estimate.lift,
        dipByWeekAfter: dips,
        reason: describeEffect(plan, baseline.groupId, model, estimate, bucket, dips),
      };
    });
}
