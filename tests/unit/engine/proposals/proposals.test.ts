import { describe, expect, it } from "vitest";
import {
  applyOpenToBuy,
  proposeReorder,
  resolveBuyingTerms,
  roundOrderQuantity,
  type ReorderInput,
  type SupplierTerms,
} from "../../../../app/engine/proposals";

describe("roundOrderQuantity", () => {
  it("rounds up to whole case packs", () => {
    expect(roundOrderQuantity(52, 12, 0)).toEqual({ quantity: 60, note: "52 needed, rounded up to 5 cases of 12" });
    expect(roundOrderQuantity(48, 12, 0)).toEqual({ quantity: 48, note: null });
  });

  it("raises a small need to the MOQ, itself rounded up to whole cases", () => {
    expect(roundOrderQuantity(7, 1, 50)).toEqual({ quantity: 50, note: "raised from 7 to the minimum order of 50" });
    // MOQ 50 in cases of 12 is 5 cases = 60.
    expect(roundOrderQuantity(7, 12, 50)).toEqual({ quantity: 60, note: "raised from 7 to the minimum order of 50 (5 cases of 12)" });
  });

  it("treats a fractional need as the next whole unit and never orders a negative", () => {
    expect(roundOrderQuantity(3.2, 1, 0).quantity).toBe(4);
    expect(roundOrderQuantity(-5, 6, 0).quantity).toBe(0);
  });
});

function reorder(overrides: Partial<ReorderInput> = {}): ReorderInput {
  return {
    asOf: "2026-12-01",
    available: 43,
    onOrder: 0,
    policy: { reorderPoint: 110, orderUpTo: 125, safetyStock: 26, serviceLevel: 0.95 },
    leadTimeDays: 42,
    casePack: 1,
    moqUnits: 0,
    unitCost: 10,
    unitPrice: 30,
    weeklyRate: 14,
    weeksOfSupply: 3.1,
    stockoutDate: "2027-01-12",
    orderByDate: "2026-12-01",
    unitsShortHigh: 200,
    ...overrides,
  };
}

describe("proposeReorder", () => {
  it("orders up to S when the position is below it, with the reason in one line", () => {
    const line = proposeReorder(reorder());
    expect(line).not.toBeNull();
    expect(line!.quantity).toBe(82);
    expect(line!.orderByDate).toBe("2026-12-01");
    expect(line!.expectedArrivalDate).toBe("2027-01-12");
    expect(line!.lineCost).toBe(820);
    // Margin 20 a unit on min(82 ordered, 200 short).
    expect(line!.marginAtRisk).toBe(1640);
    expect(line!.reason).toBe("Sells ~14/wk, 3.1 weeks of supply, lead time 6 weeks: out of stock on 12 Jan unless ordered by 1 Dec. Order 82 to reach 125.");
  });

  it("counts units on order in the position, and orders nothing once the position reaches S", () => {
    expect(proposeReorder(reorder({ onOrder: 82 }))).toBeNull();
    expect(proposeReorder(reorder({ onOrder: 60 }))?.quantity).toBe(22);
    // Above the reorder point but below S: the weekly review still tops it up.
    const topUp = proposeReorder(reorder({ onOrder: 75, stockoutDate: null, orderByDate: null }));
    expect(topUp?.quantity).toBe(7);
    expect(topUp?.reason).toContain("stock and orders cover less than the lead time and a review period at 95% service");
  });

  it("keeps a later order-by date, and says when ordering today is already too late", () => {
    expect(proposeReorder(reorder({ orderByDate: "2026-12-20" }))?.orderByDate).toBe("2026-12-20");
    const late = proposeReorder(reorder({ orderByDate: "2026-11-20" }));
    expect(late?.orderByDate).toBe("2026-12-01");
    expect(late?.reason).toContain("out of stock on 12 Jan, before an order placed today arrives");
  });

  it("explains a line that guards safety stock when no stockout is projected", () => {
    const line = proposeReorder(reorder({ stockoutDate: null, orderByDate: null, casePack: 12 }));
    expect(line?.quantity).toBe(84);
    expect(line?.reason).toContain("stock falls to the reorder point of 110, under the 95% service level's safety stock");
    expect(line?.reason).toContain("(82 needed, rounded up to 7 cases of 12)");
  });
});

describe("resolveBuyingTerms", () => {
  const pacific: SupplierTerms = { id: 1, name: "Pacific Mills", leadTimeDays: 35, leadTimeSdDays: 5, orderCycleDays: 14, moqUnits: 24, moqValue: 500, casePack: 6, currencyCode: "USD", vendorNames: ["PM Textiles"] };
  const atlas: SupplierTerms = { id: 2, name: "Atlas Knitwear", leadTimeDays: null, leadTimeSdDays: null, orderCycleDays: null, moqUnits: null, moqValue: null, casePack: null, currencyCode: null, vendorNames: [] };
  const suppliers = new Map([pacific, atlas].map((s) => [s.id, s]));
  const defaults = { leadTimeDays: 28, reviewDays: 7 };

  it("uses the variant's supplier, with its own overrides winning field by field", () => {
    const terms = resolveBuyingTerms({ override: { supplierId: 1, unitCost: 9.5, leadTimeDays: null, moqUnits: null, casePack: 12 }, suppliers, vendor: "Someone Else", shopifyUnitCost: 8, defaults });
    expect(terms).toMatchObject({ supplierId: 1, source: "variant", leadTimeDays: 35, leadTimeSdDays: 5, reviewDays: 14, casePack: 12, moqUnits: 24, unitCost: 9.5 });
    expect(terms.note).toBe("Bought from Pacific Mills (set on this variant).");
  });

  it("falls back to the supplier standing for the product's vendor, by name or alias, ignoring case", () => {
    expect(resolveBuyingTerms({ override: null, suppliers, vendor: "pm textiles", shopifyUnitCost: 8, defaults })).toMatchObject({ supplierId: 1, source: "vendor", unitCost: 8 });
    const atlasTerms = resolveBuyingTerms({ override: null, suppliers, vendor: "Atlas Knitwear", shopifyUnitCost: null, defaults });
    expect(atlasTerms).toMatchObject({ supplierId: 2, leadTimeDays: 28, casePack: 1, moqUnits: 0 });
    expect(atlasTerms.note).toBe(
      "Bought from Atlas Knitwear, matched by the product's vendor; no supplier set on the variant; its lead time is the shop default (28 days); no unit cost known.",
    );
  });

  it("falls back to the shop defaults and says so", () => {
    const terms = resolveBuyingTerms({ override: null, suppliers, vendor: "Meridian Goods", shopifyUnitCost: 4, defaults });
    expect(terms).toMatchObject({ supplierId: null, source: "shop", leadTimeDays: 28, reviewDays: 7, casePack: 1 });
    expect(terms.note).toBe("No supplier for this variant or its vendor (Meridian Goods): shop defaults apply.");
  });
});

describe("applyOpenToBuy", () => {
  const money = (amount: number) => `$${amount.toFixed(2)}`;

  it("keeps every line when the month's budget covers them", () => {
    const { decisions, months } = applyOpenToBuy([{ key: "a", orderByDate: "2026-12-03", lineCost: 400, marginAtRisk: 100 }], { "2026-12": 1000 }, money);
    expect(decisions).toEqual([{ key: "a", cut: false, reason: null }]);
    expect(months).toEqual([{ month: "2026-12", budget: 1000, proposed: 400, kept: 400, cutLines: 0 }]);
  });

  it("cuts the lines protecting the least margin per dollar first, and fills the budget with smaller ones", () => {
    const lines = [
      { key: "big-low", orderByDate: "2026-12-02", lineCost: 600, marginAtRisk: 120 }, // 0.20 per $
      { key: "mid-high", orderByDate: "2026-12-05", lineCost: 500, marginAtRisk: 900 }, // 1.80 per $
      { key: "small", orderByDate: "2026-12-09", lineCost: 300, marginAtRisk: 150 }, // 0.50 per $
      { key: "january", orderByDate: "2027-01-04", lineCost: 5000, marginAtRisk: 10 },
      { key: "no-cost", orderByDate: "2026-12-02", lineCost: null, marginAtRisk: 50 },
    ];
    const { decisions, months } = applyOpenToBuy(lines, { "2026-12": 1000 }, money);
    const byKey = Object.fromEntries(decisions.map((d) => [d.key, d]));
    expect(byKey["mid-high"]?.cut).toBe(false);
    expect(byKey["small"]?.cut).toBe(false);
    expect(byKey["big-low"]?.cut).toBe(true);
    expect(byKey["big-low"]?.reason).toBe(
      "Cut by the Dec 2026 open-to-buy of $1000.00: $1400.00 was proposed and it protects $0.20 of margin per $1.00 spent, less than the kept lines (at least $0.50).",
    );
    // No budget for January: nothing is cut there.
    expect(byKey["january"]?.cut).toBe(false);
    expect(byKey["no-cost"]).toEqual({ key: "no-cost", cut: false, reason: "No unit cost, so it is not counted against the open-to-buy budget." });
    expect(months.find((m) => m.month === "2026-12")).toEqual({ month: "2026-12", budget: 1000, proposed: 1400, kept: 800, cutLines: 1 });
  });
});
