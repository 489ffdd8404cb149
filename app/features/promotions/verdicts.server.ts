/**
 * Keeps each coming promotion's verdict current as the plan moves (new stock, new orders, other
 * promotions): the calendar and the editor read the stored one. Re-checked after every plan
 * commit and whenever marketing changes a promotion.
 */
import type { Shop } from "@prisma/client";
import { listPromotions, saveCheck, type PromotionWithVariants } from "~/features/promotions/queries/promotions.server";
import { addDays } from "~/engine/calendar";
import { checkPromotionDraft, draftOfPromotion } from "./check.server";
import { shopToday } from "~/engine/plan/open-orders";
import { shopTimezone } from "~/platform/shop-actor";

/** How far ahead promotions are kept checked; later ones are checked when opened. */
const CHECK_AHEAD_DAYS = 182;

export async function savePromotionVerdict(shop: Shop, promotion: PromotionWithVariants): Promise<string | null> {
  const view = await checkPromotionDraft(shop, draftOfPromotion(promotion));
  if (!view.check) return null;
  const { verdict, reason, counts, unitsShort, revenueLost } = view.check;
  await saveCheck(shop.id, promotion.id, { verdict, reason, details: { counts, unitsShort: unitsShort.value, revenueLost: revenueLost?.value ?? null, lift: view.lift.lift } });
  return verdict;
}

export async function refreshPromotionVerdicts(shop: Shop, now: Date = new Date()): Promise<{ checked: number }> {
  const today = shopToday(shopTimezone(shop), now);
  const promotions = (await listPromotions(shop.id, { from: today, to: addDays(today, CHECK_AHEAD_DAYS) })).filter((p) => p.status === "DRAFT" || p.status === "PLANNED" || p.status === "LIVE");
  let checked = 0;
  for (const promotion of promotions) {
    if ((await savePromotionVerdict(shop, promotion)) !== null) checked++;
  }
  return { checked };
}
