/**
 * What a plan run takes from promotions: the planned and live ones as demand each location
 * sees (its channel's share), and the ones that just ended settled (marked done, measured
 * against the plan they ran under) before the run replaces that plan.
 */
import type { Shop } from "@prisma/client";
import type { PlannedPromotion } from "~/engine/forecast/uplift-projection";
import { channelReaches, plannedFromPromotion } from "~/engine/promotions/planned-promotions";
import { measureFinishedPromotions } from "./actuals.server";
import { loadChannelShares } from "./channel-shares.server";
import { advancePromotionStatuses, plannedPromotions } from "./queries/promotions.server";

export interface PromotionDemand {
  /** The planned promotions a location sells, as the engine takes them. */
  reaching(location: { fulfillsOnlineOrders: boolean }): PlannedPromotion[];
}

export async function loadPromotionDemand(shopId: number, asOf: string): Promise<PromotionDemand> {
  const promotions = await plannedPromotions(shopId, asOf);
  const channelShares = await loadChannelShares(shopId, promotions);
  return {
    reaching: (location) => promotions.filter((p) => channelReaches(p.channel, location)).flatMap((p) => plannedFromPromotion(p, channelShares.get(p.id))),
  };
}

/** Moves promotions to live or done by the plan date, and measures the ones that ended. */
export async function settleEndedPromotions(shop: Shop, asOf: string): Promise<void> {
  await measureFinishedPromotions(shop, await advancePromotionStatuses(shop.id, asOf));
}
