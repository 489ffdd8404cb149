import { describe, expect, it } from "vitest";
import { AMOUNT_OFF_ASSUMED_PCT, discountDays, promotionFieldsFromDiscount, shopifyEditsFor, type DiscountForPlanning } from "~/features/promotions/discount-promotion";

const holiday: DiscountForPlanning = {
  id: 901n,
  title: "Holiday Sale",
  // 10 Dec 00:00 to 14 Dec 00:00 in New York (UTC-5): the last day is the 13th.
  startsAt: new Date("2026-12-10T05:00:00Z"),
  endsAt: new Date("2026-12-14T05:00:00Z"),
  percentage: 24.6,
  appliesToAll: false,
  productIds: [11n, 12n],
  variantIds: [],
  collectionIds: [71n, 72n],
};
const titles = new Map([["71", "Gift guide"]]);
const day = (d: string) => d.slice(5);

describe("discountDays", () => {
  it("reads the dates in the shop's time zone, an end at midnight belonging to the day before", () => {
    expect(discountDays(holiday, "America/New_York")).toEqual({ startsOn: "2026-12-10", endsOn: "2026-12-13" });
    expect(discountDays(holiday, "Pacific/Auckland")).toEqual({ startsOn: "2026-12-10", endsOn: "2026-12-14" });
  });

  it("keeps a discount that ends the moment it starts to its one day", () => {
    expect(discountDays({ startsAt: holiday.startsAt, endsAt: holiday.startsAt }, "America/New_York")).toEqual({ startsOn: "2026-12-10", endsOn: "2026-12-10" });
  });
});

describe("promotionFieldsFromDiscount", () => {
  it("takes the dates, the rounded depth and the products and collections it applies to", () => {
    expect(promotionFieldsFromDiscount(holiday, "America/New_York", titles)).toEqual({
      name: "Holiday Sale",
      startsOn: "2026-12-10",
      endsOn: "2026-12-13",
      discountPct: 25,
      channel: null,
      // Collection 72 is not in the shop's catalogue any more: it is left out rather than guessed.
      selection: { productIds: ["11", "12"], collections: ["Gift guide"] },
      upliftOverride: null,
    });
  });

  it("plans an order-wide discount on every product and an amount off at the assumed depth", () => {
    const fields = promotionFieldsFromDiscount({ ...holiday, appliesToAll: true, percentage: null }, "UTC", titles);
    expect(fields.selection).toEqual({ everything: true });
    expect(fields.discountPct).toBe(AMOUNT_OFF_ASSUMED_PCT);
  });

  it("keeps the depth within what a promotion plan accepts", () => {
    expect(promotionFieldsFromDiscount({ ...holiday, percentage: 100 }, "UTC", titles).discountPct).toBe(90);
    expect(promotionFieldsFromDiscount({ ...holiday, percentage: 0.2 }, "UTC", titles).discountPct).toBe(1);
  });
});

describe("shopifyEditsFor", () => {
  const discount = { startsOn: "2026-12-10", endsOn: "2026-12-13", percentage: 25 };
  const plan = { startsOn: "2026-12-10", endsOn: "2026-12-13", discountPct: 25, waves: null, droppedProducts: [], cappedVariants: 0 };

  it("asks for nothing while the promotion still runs as the discount does", () => {
    expect(shopifyEditsFor(plan, discount, day)).toEqual([]);
  });

  it("names the new dates, the old ones, and the products a phasing dropped", () => {
    const edits = shopifyEditsFor({ ...plan, startsOn: "2026-12-17", endsOn: "2026-12-20", droppedProducts: ["A", "B", "C", "D", "E", "F", "G"] }, discount, day);
    expect(edits.map((e) => e.instruction)).toEqual([
      "Change its dates to start 12-17 and end 12-20 (Shopify has 12-10–12-13).",
      "Remove these products from it: A, B, C, D, E and 2 more.",
    ]);
  });

  it("turns waves into one discount per wave and caps into the Flow trigger", () => {
    const waves = [
      { startsOn: "2026-12-10", endsOn: "2026-12-11", variantIds: ["1"] },
      { startsOn: "2026-12-17", endsOn: "2026-12-18", variantIds: ["2", "3"] },
    ];
    const edits = shopifyEditsFor({ ...plan, waves, cappedVariants: 3, discountPct: 20 }, discount, day).map((e) => e.instruction);
    expect(edits[0]).toBe("Run it in 2 waves: set this discount to the first (12-10–12-11 (1 variant)) and duplicate it for the others: 12-17–12-18 (2 variants).");
    expect(edits[1]).toBe("Set its value to 20% off (Shopify has 25%).");
    expect(edits[2]).toContain('"Promotion cap reached" fires when one of the 3 capped variants sells its cap');
  });
});
