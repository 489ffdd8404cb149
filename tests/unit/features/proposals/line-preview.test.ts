import { describe, expect, it } from "vitest";
import { groupBySupplier, groupSelectLabel, lineCost, parseLineQuantity, weeksOfSupply } from "~/features/proposals/line-preview";
import { projectInventory } from "~/engine/projection";

const WEEKS = Array.from({ length: 26 }, (_, w) => new Date(Date.UTC(2027, 0, 4 + 7 * w)).toISOString().slice(0, 10));
const forecast = (weeklyDemand: number[]) => ({ asOf: "2027-01-04", firstWeek: WEEKS[0]!, weeklyDemand });

describe("proposal line recompute", () => {
  it("labels a supplier group's checkbox with what it selects, unlike a line's", () => {
    expect(groupSelectLabel("No supplier (shop defaults)", 50, 50)).toBe("Select all 50 lines of No supplier (shop defaults)");
    expect(groupSelectLabel("Pacific Mills", 1, 1)).toBe("Select the 1 line of Pacific Mills");
    expect(groupSelectLabel("Pacific Mills", 12, 80)).toBe("Select the 12 lines of Pacific Mills on this page (of 80)");
  });

  it("previews only a quantity the server accepts: whole units, at least 1", () => {
    expect(parseLineQuantity(" 48 ")).toBe(48);
    for (const text of ["2.5", "0", "-3", "", "1e3", "12abc"]) expect(parseLineQuantity(text)).toBeNull();
  });

  it("recomputes cost and weeks of supply from the edited quantity", () => {
    // A flat 10 a week: coverage is stock over the rate.
    const line = { unitCost: 9.5, available: 30, inbound: 20, forecast: forecast(WEEKS.map(() => 10)) };
    expect(lineCost(line, 48)).toBe(456);
    const wos = weeksOfSupply(line, 48);
    expect(wos.now).toBeCloseTo(3, 10);
    expect(wos.after).toBeCloseTo(9.8, 10);
    const oversold = weeksOfSupply({ ...line, available: -4 }, 0);
    expect(oversold.now).toBe(0);
    expect(oversold.after).toBeCloseTo(2, 10);
  });

  it("covers a seasonal line's coming weeks, and says now what its stock plan says", () => {
    // 60 a week for four weeks, then 6: 30 units last half a week, not the five a 13-week average implies.
    const weeklyDemand = WEEKS.map((_, w) => (w < 4 ? 60 : 6));
    const line = { unitCost: 2, available: 30, inbound: 0, forecast: forecast(weeklyDemand) };
    const plan = projectInventory({ asOf: "2027-01-04", weekStarts: WEEKS, weeklyDemand, available: 30, inbound: [], leadTimeDays: 14 });
    expect(weeksOfSupply(line, 7).now).toBe(plan.weeksOfSupply);
    expect(weeksOfSupply(line, 7).now).toBeCloseTo(0.5, 10);
    // With 210 more: 240 units are the four peak weeks.
    expect(weeksOfSupply(line, 210).after).toBeCloseTo(4, 10);
  });

  it("has no cost without a unit cost and no weeks of supply without a forecast", () => {
    expect(lineCost({ unitCost: null }, 10)).toBeNull();
    expect(weeksOfSupply({ unitCost: 1, available: 3, inbound: 0, forecast: null }, 10)).toEqual({ now: null, after: null });
    expect(weeksOfSupply({ unitCost: 1, available: 3, inbound: 0, forecast: forecast(WEEKS.map(() => 0)) }, 10)).toEqual({ now: null, after: null });
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
