/**
 * The share of each variant's demand a promotion on one online channel reaches, for the plan:
 * a sale on Instagram alone lifts Instagram's part of what online locations sell, not all of it.
 * Promotions on every channel, or on the stores' channel (whose locations sell nothing else), need none.
 */
import { onlineChannelMix } from "~/features/promotions/queries/channel-mix.server";
import type { PromotionWithVariants } from "~/features/promotions/queries/promotions.server";
import { channelShareOf, POINT_OF_SALE } from "~/engine/promotions/planned-promotions";

/** The year of orders a channel's share of demand is read from. */
export const CHANNEL_MIX_DAYS = 365;

export async function loadChannelShares(shopId: number, promotions: readonly PromotionWithVariants[], now: Date = new Date()): Promise<Map<number, Record<string, number>>> {
  const since = new Date(now.getTime() - CHANNEL_MIX_DAYS * 86_400_000);
  const shares = new Map<number, Record<string, number>>();
  for (const promotion of promotions) {
    if (promotion.channel === null || promotion.channel === POINT_OF_SALE) continue;
    const variantIds = promotion.variants.map((v) => v.variantId);
    const mix = await onlineChannelMix(shopId, promotion.channel, POINT_OF_SALE, variantIds, since);
    shares.set(promotion.id, Object.fromEntries(variantIds.map((id) => [id.toString(), channelShareOf(mix.byVariant.get(id.toString()), mix.shop)])));
  }
  return shares;
}
