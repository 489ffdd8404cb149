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
  variantIds: string[];
}

const day = (date: Date) => date.toISOString().slice(0, 10);

export function readWaves(raw: unknown): PromotionWave[] | null {
  if (!Array.isArray(raw)) return null;
  const waves = raw.filter((w): w is PromotionWave => typeof w?.startsOn === "string" && typeof w?.endsOn === "string" && Array.isArray(w?.variantIds));
  return waves.length > 0 ? waves : null;
}

export function plannedFromPromotion(promotion: PromotionWithVariants): PlannedPromotion[] {
  const included = promotion.variants.filter((v) => !v.excluded).map((v) => v.variantId.toString());
  const base = { discountPct: promotion.discountPct, lift: promotion.upliftOverride, capUnits: promotion.capPerVariant };
  const waves = readWaves(promotion.waves);
  if (!waves) return included.length > 0 ? [{ ...base, start: day(promotion.startsOn), end: day(promotion.endsOn), variantIds: included }] : [];
  const keep = new Set(included);
  return waves
    .map((wave) => ({ ...base, start: wave.startsOn, end: wave.endsOn, variantIds: wave.variantIds.filter((id) => keep.has(id)) }))
    .filter((wave) => wave.variantIds.length > 0);
}

/** Whether a promotion on `channel` sells from a location: the point of sale from stores, every other channel from where online orders ship. */
export function channelReaches(channel: string | null, location: { fulfillsOnlineOrders: boolean }): boolean {
  if (channel === null) return true;
  return channel === POINT_OF_SALE ? !location.fulfillsOnlineOrders : location.fulfillsOnlineOrders;
}
