/**
 * The brand's discounts in Shopify: a code discount for each past promotion (the codes its
 * orders carry, at the same depth and dates, on what the promotion covered the way a merchant
 * sets it up: the sitewide sales on everything, the summer sale on the Summer Shop collection,
 * flash sales on their few products), and a few set up for the coming
 * weeks (a holiday sale on a collection, a code on best sellers, an amount off, a variant
 * markdown), plus two Tempo must leave aside (an open-ended staff code, free shipping).
 * Derived from the rest of the brand without random draws, so the shop stays the same.
 */
import type { SimCollection, SimDiscount, SimDiscountItems, SimPastPromotion, SimProduct, SimVariant } from "../store/types";
import { isoAt } from "./calendar";
import type { HistoryWindow } from "./catalog";
import { ID_BASES, IdSequence } from "./ids";

/** Collections the upcoming discounts target, by title (the catalogue always has them). */
export const HOLIDAY_SALE_COLLECTION = "Gift Guide";
export const AMOUNT_OFF_COLLECTION = "Outerwear";
/** The collection the summer sales ran on (the catalogue files every summer type under it). */
export const SUMMER_SALE_COLLECTION = "Summer Shop";

/** What a past promotion's discount applies to, as its code says it was run. */
function pastPromotionItems(promotion: SimPastPromotion, collections: readonly SimCollection[]): SimDiscountItems {
  if (/^(SPRING|BFCM)/.test(promotion.code)) return { all: true };
  const summerShop = collections.find((c) => c.title === SUMMER_SALE_COLLECTION);
  if (promotion.code.startsWith("SUMMER") && summerShop) return { collectionIds: [summerShop.id] };
  return { productIds: [...promotion.productIds], variantIds: [] };
}

export interface DiscountSeedInput {
  window: HistoryWindow;
  pastPromotions: readonly SimPastPromotion[];
  collections: readonly SimCollection[];
  products: readonly SimProduct[];
  variants: readonly SimVariant[];
  /** Product ids, most popular first. */
  productIdsByPopularity: readonly string[];
}

const HOUR = 3600;

export function buildDiscounts(input: DiscountSeedInput): SimDiscount[] {
  const { window } = input;
  const ids = new IdSequence(ID_BASES.discount);
  const at = (day: number, hour = 0) => isoAt(window.startMs, day, hour * HOUR);
  const today = window.days;
  const discounts: SimDiscount[] = [];

  for (const promotion of input.pastPromotions) {
    const startDay = Math.round((Date.parse(promotion.startsAt) - window.startMs) / 86_400_000);
    discounts.push({
      id: ids.next(),
      method: "code",
      type: "basic",
      title: promotion.code,
      code: promotion.code,
      startsAt: promotion.startsAt,
      endsAt: promotion.endsAt,
      value: { percentage: promotion.discountPct },
      items: pastPromotionItems(promotion, input.collections),
      createdAt: at(startDay - 10, 10),
      updatedAt: at(startDay - 3, 16),
    });
  }

  const active = new Set(input.products.filter((p) => p.status === "ACTIVE").map((p) => p.id));
  const bestSellers = input.productIdsByPopularity.filter((id) => active.has(id));
  const collectionId = (title: string) => input.collections.find((c) => c.title === title)?.id;
  const upcoming = (discount: Omit<SimDiscount, "id" | "createdAt" | "updatedAt">): void => {
    discounts.push({ id: ids.next(), ...discount, createdAt: at(today - 6, 11), updatedAt: at(today - 2, 15) });
  };

  const holidayCollection = collectionId(HOLIDAY_SALE_COLLECTION);
  if (holidayCollection) {
    upcoming({
      method: "automatic",
      type: "basic",
      title: "Holiday Sale",
      code: null,
      startsAt: at(today + 21, 5),
      endsAt: at(today + 35, 5),
      value: { percentage: 0.25 },
      items: { collectionIds: [holidayCollection] },
    });
  }
  if (bestSellers.length > 0) {
    upcoming({
      method: "code",
      type: "basic",
      title: "VIP20",
      code: "VIP20",
      startsAt: at(today + 7, 8),
      endsAt: at(today + 10, 8),
      value: { percentage: 0.2 },
      items: { productIds: bestSellers.slice(0, 3), variantIds: [] },
    });
  }
  const outerwear = collectionId(AMOUNT_OFF_COLLECTION);
  if (outerwear) {
    upcoming({
      method: "automatic",
      type: "basic",
      title: "$10 off outerwear",
      code: null,
      startsAt: at(today + 14, 8),
      endsAt: at(today + 18, 8),
      value: { amount: "10.00", appliesOnEachItem: true },
      items: { collectionIds: [outerwear] },
    });
  }
  // Last sizes of the best seller: a markdown on two of its variants only.
  const lastSizes = input.variants.filter((v) => v.productId === bestSellers[0]).slice(-2);
  if (lastSizes.length > 0) {
    upcoming({
      method: "automatic",
      type: "basic",
      title: "Last sizes 15% off",
      code: null,
      startsAt: at(today + 3, 8),
      endsAt: at(today + 6, 8),
      value: { percentage: 0.15 },
      items: { productIds: [], variantIds: lastSizes.map((v) => v.id) },
    });
  }
  upcoming({
    method: "code",
    type: "basic",
    title: "STAFF30",
    code: "STAFF30",
    startsAt: at(today - 200, 9),
    endsAt: null,
    value: { percentage: 0.3 },
    items: { all: true },
  });
  upcoming({
    method: "automatic",
    type: "freeShipping",
    title: "Free shipping weekend",
    code: null,
    startsAt: at(today + 1, 0),
    endsAt: at(today + 3, 0),
    value: { percentage: 1 },
    items: { all: true },
  });
  return discounts;
}
