import { describe, expect, it } from "vitest";
import { groupBySupplier, lineCost, weeksOfSupply } from "~/features/proposals/line-preview";

describe("proposal line recompute", () => {
  it("recomputes cost and weeks of supply from the edited quantity", () => {
    const line = { unitCost: 9.5, available: 30, inbound: 20, weeklyRate: 10 };
    expect(lineCost(line, 48)).toBe(456);
    expect(weeksOfSupply(line, 48)).toEqual({ now: 3, after: 9.8 });
    expect(weeksOfSupply({ ...line, available: -4 }, 0)).toEqual({ now: 0, after: 2 });
  });

  it("has no cost without a unit cost and no weeks of supply without a forecast", () => {
    expect(lineCost({ unitCost: null }, 10)).toBeNull();
    expect(weeksOfSupply({ unitCost: 1, available: 3, inbound: 0, weeklyRate: 0 }, 10)).toEqual({ now: null, after: null });
  });

  it("groups by supplier in list order, naming lines without one", () => {
    const groups = groupBySupplier([
      { id: 1, supplierId: 2, supplierName: "Atlas" },
      { id: 2, supplierId: null, supplierName: null },
      { id: 3, supplierId: 2, supplierName: "Atlas" },
    ]);
    expect(groups.map((g) => [g.name, g.lines.map((l) => l.id)])).toEqual([
      ["Atlas", [1, 3]],
      ["No supplier (shop defaults)", [2]],
    ]);
  });
});
