/**
 * A stored promotion as the demand the plan adds: one planned promotion per wave (or one for
 * the whole promotion), without the variants a phasing dropped, with its cap and marketing's
 * multiplier. A promotion reaches the locations that serve its channel.
 */
import type { PlannedPromotion } from "~/engine/forecast/uplift-projection";

/** A stored promotion with its variants, as much of it as planning reads. */
export interface StoredPromotion {
  startsOn: Date;
  endsOn: Date;
  discountPct: number;
  upliftOverride: number | null;
  capPerVariant: number | null;
  waves: unknown;
  variants: readonly { variantId: bigint; excluded: boolean; capUnits: number | null }[];
}

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

export function plannedFromPromotion(promotion: StoredPromotion, channelShare?: Readonly<Record<string, number>>): PlannedPromotion[] {
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
      if (inWave.length > 0) {
        plans.push({ start: wave.startsOn, end: wave.endsOn, discountPct: promotion.discountPct, lift: promotion.upliftOverride, capUnits, variantIds: inWave, ...(channelShare ? { channelShare } : {}) });
      }
    }
  }
  return plans;
}

/** Whether a promotion on `channel` sells from a location: the point of sale from stores, every other channel from where online orders ship. */
export function channelReaches(channel: string | null, location: { fulfillsOnlineOrders: boolean }): boolean {
  if (channel === null) return true;
  return channel === POINT_OF_SALE ? !location.fulfillsOnlineOrders : location.fulfillsOnlineOrders;
}

/** Units a variant's own channel mix counts as much as the shop's: below it, the shop's mix weighs more. */
export const CHANNEL_MIX_PRIOR_UNITS = 20;

/**
 * The share of a variant's online demand a promotion on one online channel reaches: the variant's
 * own mix, shrunk toward the shop's when it sold little. 1 when the shop has no online sales to
 * tell (the whole online demand, as before any history).
 */
export function channelShareOf(variant: { channel: number; online: number } | undefined, shop: { channel: number; online: number }): number {
  if (shop.online <= 0) return 1;
  const shopShare = shop.channel / shop.online;
  const own = variant ?? { channel: 0, online: 0 };
  return Math.min(1, Math.max(0, (own.channel + CHANNEL_MIX_PRIOR_UNITS * shopShare) / (own.online + CHANNEL_MIX_PRIOR_UNITS)));
}
