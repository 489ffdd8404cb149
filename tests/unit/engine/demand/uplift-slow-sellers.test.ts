import { describe, expect, it } from "vitest";
import { buildDemandOutlook, type VariantDemandInput } from "~/engine/forecast";
import { inferProductPromoWindows } from "~/engine/forecast/promo-windows";
import { estimateUplift, liftConfidence, mergePromotionSpans, type PromoEvent } from "~/engine/forecast/uplift";
import { addDays } from "~/engine/forecast/weekly";
import { dailyRows, seededRandom } from "./synthetic";

// Twelve slow variants of one product (0.4 units a day each), a year and a half of sales, and six
// 5-day promotions no discount record names: three at 25% off with a true lift of 2.5, three at
// 40% off with 3.5. On most promotion days a variant sells nothing, so its own discounted days
// are the lucky ones: learning from them alone read about twice the true lift.
const from = "2025-01-06";
const to = addDays(from, 545);
const promotions = [0, 1, 2, 3, 4, 5].map((k) => {
  const start = addDays(from, 40 + k * 80);
  return { start, end: addDays(start, 4), depthPct: k % 2 === 0 ? 25 : 40, lift: k % 2 === 0 ? 2.5 : 3.5 };
});
const promotionOn = (date: string) => promotions.find((p) => date >= p.start && date <= p.end);

function slowVariants(): VariantDemandInput[] {
  return Array.from({ length: 12 }, (_, v) => {
    const random = seededRandom(700 + v);
    return {
      variantId: `v${v}`,
      productId: "tee",
      productType: "Tees",
      vendor: "Acme",
      createdAt: from,
      price: 30,
      daily: dailyRows(from, to, (date) => 0.4 * (promotionOn(date)?.lift ?? 1), random, {
        discountShare: (date) => (promotionOn(date) ? 1 : 0),
        price: 30,
        depthPct: (date) => promotionOn(date)?.depthPct ?? 0,
      }),
    };
  });
}

function learnedModel(options: { inferPromoWindows?: boolean } = {}) {
  const events: PromoEvent[] = [];
  buildDemandOutlook(slowVariants(), { asOf: addDays(to, 1), dataStart: from, horizonWeeks: 4, onPromoEvents: (found) => events.push(...found), ...options });
  // No shrinkage toward the prior: the test reads the shop's own figure.
  return { model: estimateUplift(events, { liftShrinkUnits: 1e-9 }), events };
}

describe("uplift learned from slow sellers' promotions", () => {
  it("lands within 12% of the true lift at both depths, where each variant's own sale days read far too high", () => {
    const { model } = learnedModel();
    const at25 = model.shop.byBucket[1]!;
    const at40 = model.shop.byBucket[2]!;
    expect(Math.abs(at25.lift / 2.5 - 1)).toBeLessThan(0.12);
    expect(Math.abs(at40.lift / 3.5 - 1)).toBeLessThan(0.12);
    // The old reading, for contrast: each variant's own discounted days only.
    const own = learnedModel({ inferPromoWindows: false }).model;
    expect(own.shop.byBucket[1]!.lift / 2.5).toBeGreaterThan(1.4);
  });

  it("counts the promotions themselves, not the variant runs or days: three at each depth", () => {
    const { model, events } = learnedModel();
    expect(events.length).toBeGreaterThan(40);
    expect(model.shop.byBucket[1]!.promotions).toBe(3);
    expect(model.shop.byBucket[2]!.promotions).toBe(3);
    expect(liftConfidence(model.shop.byBucket[1]!).reason).toMatch(/rests on 3 past promotions over \d+ baseline units/);
  });
});

describe("inferProductPromoWindows", () => {
  const row = (date: string, units: number, discountedUnits: number, revenue: number) => ({ date, units, discountedUnits, revenue });

  it("pools a product's variants, bridges short quiet gaps, stops at a full-price sale, and reads the depth off revenue", () => {
    const windows = inferProductPromoWindows([
      // 20% off at 10: 8 each. Variant a sells discounted on the 1st and 4th, b on the 2nd.
      { productId: "p", price: 10, daily: [row("2026-03-01", 1, 1, 8), row("2026-03-04", 2, 2, 16), row("2026-03-20", 1, 0, 10), row("2026-03-22", 1, 1, 8)] },
      { productId: "p", price: 10, daily: [row("2026-03-02", 1, 1, 8), row("2026-03-21", 1, 0, 10), row("2026-02-10", 3, 0, 30), row("2026-02-11", 2, 0, 20)] },
    ]);
    expect(windows.get("p")).toEqual([
      { start: "2026-03-01", end: "2026-03-04", discountPct: expect.closeTo(20, 6) },
      { start: "2026-03-22", end: "2026-03-22", discountPct: expect.closeTo(20, 6) },
    ]);
  });

  it("keeps promotions more than the gap apart separate, and reads none where discounting is the norm", () => {
    const apart = inferProductPromoWindows([{ productId: "p", price: 10, daily: [row("2026-03-01", 1, 1, 8), row("2026-03-06", 1, 1, 8), row("2026-04-01", 4, 0, 40), row("2026-04-02", 4, 0, 40)] }], { maxGapDays: 3 });
    expect(apart.get("p")?.map((w) => w.start)).toEqual(["2026-03-01", "2026-03-06"]);
    const always = inferProductPromoWindows([{ productId: "p", price: 10, daily: [row("2026-03-01", 1, 1, 8), row("2026-03-02", 1, 1, 8), row("2026-03-03", 1, 0, 10)] }]);
    expect(always.has("p")).toBe(false);
  });
});

describe("mergePromotionSpans", () => {
  it("counts a sale that ran on many variants with slightly different edges once", () => {
    const spans = [
      { start: "2025-11-28", end: "2025-12-01" },
      { start: "2025-11-29", end: "2025-12-01" },
      { start: "2025-03-15", end: "2025-03-19" },
      { start: "2025-11-28", end: "2025-11-30" },
    ];
    expect(mergePromotionSpans(spans)).toEqual([
      { start: "2025-03-15", end: "2025-03-19" },
      { start: "2025-11-28", end: "2025-12-01" },
    ]);
  });
});
