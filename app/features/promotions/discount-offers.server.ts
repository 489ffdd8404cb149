/**
 * The discounts a shop scheduled in Shopify, offered as promotion plans so marketing does not
 * type them twice: the ones no promotion was made from yet, and making one from a discount.
 */
import type { Shop } from "@prisma/client";
import { collectionTitles, getShopifyDiscountForPlanning, listShopifyDiscountsForPlanning } from "~/features/promotions/queries/discounts.server";
import { promotionsByDiscount } from "~/features/promotions/queries/promotions.server";
import { discountDays, promotionFieldsFromDiscount } from "./discount-promotion";
import { savePromotion, type PromotionOutcome } from "./save.server";
import { shopTimezone, type ShopActor } from "~/platform/shop-actor";

export interface DiscountOffer {
  id: string;
  title: string;
  method: "automatic" | "code";
  startsOn: string;
  endsOn: string;
  /** Percent off; null for an amount off. */
  percentage: number | null;
  variants: number;
  appliesToAll: boolean;
}

export async function listDiscountOffers(shop: Pick<Shop, "id" | "ianaTimezone">, now: Date = new Date()): Promise<DiscountOffer[]> {
  const [discounts, linked] = await Promise.all([listShopifyDiscountsForPlanning(shop.id, { from: now }), promotionsByDiscount(shop.id)]);
  return discounts
    .filter((d) => !linked.has(String(d.id)) && d.variantIdsResolved.length > 0)
    .map((d) => ({
      id: String(d.id),
      title: d.title,
      method: d.method,
      ...discountDays(d, shopTimezone(shop)),
      percentage: d.percentage,
      variants: d.variantIdsResolved.length,
      appliesToAll: d.appliesToAll,
    }));
}

/** A draft promotion from the discount (or the one already made from it), to check and plan. */
export async function planShopifyDiscount(who: ShopActor, shop: Pick<Shop, "id" | "ianaTimezone">, rawDiscountId: string): Promise<PromotionOutcome> {
  if (!/^\d{1,19}$/.test(rawDiscountId)) return { ok: false, errors: { form: `"${rawDiscountId}" is not a Shopify discount id.` } };
  const discountId = BigInt(rawDiscountId);
  const existing = (await promotionsByDiscount(shop.id)).get(rawDiscountId);
  if (existing !== undefined) return { ok: true, id: existing, message: "This discount is already a promotion in Tempo." };
  const discount = await getShopifyDiscountForPlanning(shop.id, discountId);
  if (!discount) return { ok: false, errors: { form: "This discount is no longer in Shopify, or it has no end date or no products." } };
  const collections = await collectionTitles(shop.id);
  return savePromotion(who, null, promotionFieldsFromDiscount(discount, shopTimezone(shop), collections), { shopifyDiscountId: discountId });
}
