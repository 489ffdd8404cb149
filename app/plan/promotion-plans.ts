/**
 * A stored promotion as the demand the plan adds: one planned promotion per wave (or one for
 * the whole promotion), without the variants a phasing dropped, with its cap and marketing's
 * multiplier. A promotion reaches the locations that serve its channel.
 */
import type { PlannedPromotion } from "~/planning/forecast/uplift-projection";
import type { PromotionWithVariants } from "~/persistence/promotions.server";

export const POINT_OF_SALE = "Point of Sale";

export interface PromotionWave {
  startsOn: string;
  endsOn: string;
  /** Null means every variant of the promotion. */
  variantIds: string[] | null;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

export function readWaves(raw: unknown): PromotionWave[] | null {
  if (!Array.isArray(raw)) return null;
  const waves = raw.filter((w): w is PromotionWave => typeof w?.startsOn === "string" && typeof w?.endsOn === "string" && (w?.variantIds === null || Array.isArray(w?.variantIds)));
  return waves.length > 0 ? waves : null;
}

export function plannedFromPromotion(promotion: PromotionWithVariants): PlannedPromotion[] {
  // Variants with their own cap (a phasing) form their own entries: a planned promotion has one cap.
  const byCap = new Map<number | null, string[]>();
  for (const v of promotion.variants) {
    if (v.excluded) continue;
    const cap = v.capUnits ?? promotion.capPerVariant;
    byCap.set(cap, [...(byCap.get(cap) ?? []), v.variantId.toString()]);
  }
  const waves = readWaves(promotion.waves) ?? [{ startsOn: day(promotion.startsOn), endsOn: day(promotion.endsOn), variantIds: null }];
  const plans: PlannedPromotion[] = [];
  for (const [capUnits, variantIds] of byCap) {
    for (const wave of waves) {
      const inWave = wave.variantIds ? variantIds.filter((id) => wave.variantIds!.includes(id)) : variantIds;
      if (inWave.length > 0) plans.push({ start: wave.startsOn, end: wave.endsOn, discountPct: promotion.discountPct, lift: promotion.upliftOverride, capUnits, variantIds: inWave });
    }
  }
  return plans;
}

/** Whether a promotion on `channel` sells from a location: the point of sale from stores, every other channel from where online orders ship. */
export function channelReaches(channel: string | null, location: { fulfillsOnlineOrders: boolean }): boolean {
  if (channel === null) return true;
  return channel === POINT_OF_SALE ? !location.fulfillsOnlineOrders : location.fulfillsOnlineOrders;
}
