import { describe, expect, it } from "vitest";
import { AMOUNT_OFF_COLLECTION, HOLIDAY_SALE_COLLECTION, SUMMER_SALE_COLLECTION } from "../../../simulator/seed/discounts";
import { END_MS, defaultBrand } from "./fixture";

const DAY = 86_400_000;

describe("discounts of the default brand", () => {
  const data = defaultBrand();
  const byTitle = (title: string) => data.discounts.find((d) => d.title === title);

  it("hold a code discount for every past promotion: its code, dates, depth and products", () => {
    const past = data.truth.promotions;
    expect(past.length).toBeGreaterThan(0);
    for (const promotion of past) {
      const discount = byTitle(promotion.code);
      expect(discount, promotion.code).toMatchObject({
        method: "code",
        type: "basic",
        code: promotion.code,
        startsAt: promotion.startsAt,
        endsAt: promotion.endsAt,
        value: { percentage: promotion.discountPct },
      });
      // On what the promotion covered: everything, the summer collection (every summer product
      // it covered is in it), or the flash sale's products.
      const items = discount!.items;
      if (/^(SPRING|BFCM)/.test(promotion.code)) expect(items).toEqual({ all: true });
      else if (promotion.code.startsWith("SUMMER")) {
        const summerShop = data.collections.find((c) => c.title === SUMMER_SALE_COLLECTION)!;
        expect(items).toEqual({ collectionIds: [summerShop.id] });
        const members = new Set(data.products.filter((p) => p.collectionIds.includes(summerShop.id)).map((p) => p.id));
        expect(promotion.productIds.every((id) => members.has(id))).toBe(true);
      } else expect(items).toEqual({ productIds: promotion.productIds, variantIds: [] });
      // The orders of the promotion carry that code.
      expect(data.orders.some((o) => o.discountCodes.includes(promotion.code))).toBe(true);
    }
  });

  it("schedule a holiday sale on a collection at 25% and a code on a few products in the coming weeks", () => {
    const holiday = byTitle("Holiday Sale")!;
    const giftGuide = data.collections.find((c) => c.title === HOLIDAY_SALE_COLLECTION)!;
    expect(holiday).toMatchObject({ method: "automatic", value: { percentage: 0.25 }, items: { collectionIds: [giftGuide.id] } });
    const vip = byTitle("VIP20")!;
    expect(vip.method).toBe("code");
    expect("productIds" in vip.items && vip.items.productIds.length).toBe(3);
    const outerwear = data.collections.find((c) => c.title === AMOUNT_OFF_COLLECTION)!;
    expect(byTitle("$10 off outerwear")).toMatchObject({ value: { amount: "10.00", appliesOnEachItem: true }, items: { collectionIds: [outerwear.id] } });
    for (const discount of [holiday, vip, byTitle("$10 off outerwear")!, byTitle("Last sizes 15% off")!]) {
      const startsIn = (Date.parse(discount.startsAt) - END_MS) / DAY;
      expect(startsIn, discount.title).toBeGreaterThan(0);
      expect(startsIn, discount.title).toBeLessThan(42);
      expect(Date.parse(discount.endsAt!)).toBeGreaterThan(Date.parse(discount.startsAt));
    }
  });

  it("refer only to products, variants and collections the shop has, with unique increasing ids", () => {
    const products = new Set(data.products.map((p) => p.id));
    const variants = new Set(data.variants.map((v) => v.id));
    const collections = new Set(data.collections.map((c) => c.id));
    for (const discount of data.discounts) {
      const items = discount.items;
      if ("productIds" in items) {
        expect(items.productIds.every((id) => products.has(id))).toBe(true);
        expect(items.variantIds.every((id) => variants.has(id))).toBe(true);
      }
      if ("collectionIds" in items) expect(items.collectionIds.every((id) => collections.has(id))).toBe(true);
    }
    const ids = data.discounts.map((d) => Number(d.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(data.discounts.some((d) => d.type === "freeShipping")).toBe(true);
    expect(byTitle("STAFF30")?.endsAt).toBeNull();
  });
});
