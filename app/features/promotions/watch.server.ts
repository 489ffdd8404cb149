/** What follows a plan commit for promotions: fresh verdicts for the coming ones, cap triggers for the live ones. */
import { findShopById } from "~/platform/shops.server";
import { watchPromotionCaps } from "./caps.server";
import { refreshPromotionVerdicts } from "./verdicts.server";

export async function watchPromotions(shopId: number) {
  const shop = await findShopById(shopId);
  if (!shop || shop.uninstalledAt) return { skipped: "shop gone" };
  const verdicts = await refreshPromotionVerdicts(shop);
  const caps = await watchPromotionCaps(shop);
  return { ...verdicts, caps };
}
