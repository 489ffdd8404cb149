/**
 * The discounts a shop scheduled in Shopify, offered as promotion plans so marketing does not
 * type them twice: the ones no promotion was made from yet, and making one from a discount.
 */
import type { Shop } from "@prisma/client";
import { listCollections } from "~/persistence/collections.server";
import { getShopifyDiscountForPlanning, listShopifyDiscountsForPlanning } from "~/persistence/discounts.server";
import { promotionsByDiscount } from "~/persistence/promotions.server";
import { discountDays, promotionFieldsFromDiscount } from "./shopify-discount-promotion";
import { savePromotion, type PromotionOutcome } from "./promotions.server";
import type { ShopActor } from "./shop-actor";

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
      ...discountDays(d, shop.ianaTimezone ?? "UTC"),
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
  const collections = new Map((await listCollections(shop.id)).map((c) => [String(c.id), c.title]));
  return savePromotion(who, null, promotionFieldsFromDiscount(discount, shop.ianaTimezone ?? "UTC", collections), { shopifyDiscountId: discountId });
}
