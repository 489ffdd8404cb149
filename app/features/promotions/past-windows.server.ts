/**
 * The windows past promotions ran in, per variant, for the uplift model: Shopify's own discounts
 * (dates, depth and what they covered, as the discount records them) and Tempo's promotions that
 * ran. Named windows count a promotion's zero-sale days too, which a slow variant's own discounted
 * days miss; the outlook reads the rest off each product's pooled discounted sales.
 */
import type { PromoWindow } from "~/engine/forecast/cleaning";
import { listPastShopifyDiscounts } from "~/features/promotions/queries/discounts.server";
import { pastPromotions } from "~/features/promotions/queries/promotions.server";
import { discountDays } from "./discount-promotion";

const day = (date: Date) => date.toISOString().slice(0, 10);

export async function loadPastPromotionWindows(shopId: number, timezone: string, from: string, asOf: string): Promise<Map<string, PromoWindow[]>> {
  const [discounts, promotions] = await Promise.all([
    listPastShopifyDiscounts(shopId, { from: new Date(`${from}T00:00:00Z`), to: new Date(`${asOf}T00:00:00Z`) }),
    pastPromotions(shopId, asOf),
  ]);
  const windows = new Map<string, PromoWindow[]>();
  const add = (variantId: string, window: PromoWindow) => {
    const list = windows.get(variantId);
    if (list) list.push(window);
    else windows.set(variantId, [window]);
  };
  for (const discount of discounts) {
    const { startsOn, endsOn } = discountDays(discount, timezone);
    // An amount off has no depth of its own: the window still counts, its depth comes from revenue.
    const window: PromoWindow = { start: startsOn, end: endsOn, ...(discount.percentage !== null ? { discountPct: discount.percentage } : {}) };
    for (const variantId of discount.variantIdsResolved) add(variantId.toString(), window);
  }
  for (const promotion of promotions) {
    const window: PromoWindow = { start: day(promotion.startsOn), end: day(promotion.endsOn), discountPct: promotion.discountPct };
    for (const v of promotion.variants) if (!v.excluded) add(v.variantId.toString(), window);
  }
  return windows;
}
