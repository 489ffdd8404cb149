import { describe, expect, it } from "vitest";
import { dailyDemandFrom, demandForecastOf, projectInventory, weeksOfSupply, type ProjectionInput } from "../../../../app/engine/projection";

// 2027-01-04 is a Monday: forecast weeks start on Mondays (ISO).
const WEEKS = ["2027-01-04", "2027-01-11", "2027-01-18", "2027-01-25"];

function input(overrides: Partial<ProjectionInput> = {}): ProjectionInput {
  return { asOf: "2027-01-04", weekStarts: WEEKS, weeklyDemand: [7, 7, 7, 7], available: 10, inbound: [], leadTimeDays: 14, ...overrides };
}

describe("projectInventory", () => {
  it("runs out on the first day demand is not met, and says an order placed today arrives too late", () => {
    const projection = projectInventory(input());
    // One unit a day: ten units serve days 0..9, day 10 (14 Jan) goes short.
    expect(projection.stockoutDate).toBe("2027-01-14");
    expect(projection.orderByDate).toBe("2026-12-31");
    expect(projection.weeksOfSupply).toBeCloseTo(10 / 7, 10);
    expect(projection.weeks.map((w) => w.projected)).toEqual([3, 0, 0, 0]);
    expect(projection.unitsShort).toBeCloseTo(18, 10);
    expect(projection.reason).toBe("Sells ~7/wk; 10 on hand last 1.4 weeks; out of stock on 14 Jan, before an order placed today can arrive (lead time 2 weeks).");
  });

  it("an inbound purchase order arriving before the stockout carries the whole horizon", () => {
    const projection = projectInventory(input({ inbound: [{ date: "2027-01-12", units: 20, source: "purchase_order", label: "PO-1004" }] }));
    // 30 units against 28 days of one a day: 2 left at the end.
    expect(projection.stockoutDate).toBeNull();
    expect(projection.weeks.map((w) => w.inbound)).toEqual([0, 20, 0, 0]);
    expect(projection.weeks.at(-1)?.projected).toBeCloseTo(2, 10);
    expect(projection.unitsShort).toBe(0);
    expect(projection.nextInbound?.label).toBe("PO-1004");
    expect(projection.reason).toContain("20 arriving 12 Jan (PO-1004)");
    expect(projection.reason).toContain("no stockout projected in 4 weeks");
  });

  it("an arrival after the stockout restocks but the stockout date and the lost days stand", () => {
    const projection = projectInventory(input({ inbound: [{ date: "2027-01-20", units: 20, source: "purchase_order", label: "PO-1005" }] }));
    expect(projection.stockoutDate).toBe("2027-01-14");
    // Days 10..15 go unserved (6 units); from day 16 the 20 units serve the last 12 days.
    expect(projection.unitsShort).toBeCloseTo(6, 10);
    expect(projection.weeks.at(-1)?.projected).toBeCloseTo(8, 10);
  });

  it("counts only the days of week 0 from the plan date on", () => {
    const projection = projectInventory(input({ asOf: "2027-01-07", available: 100 }));
    // Thursday to Sunday of week 0: four days of one unit.
    expect(projection.weeks[0]?.demand).toBeCloseTo(4, 10);
    expect(projection.weeks[0]?.projected).toBeCloseTo(96, 10);
  });

  it("says out of stock now when nothing is available and it sells", () => {
    const projection = projectInventory(input({ available: 0 }));
    expect(projection.stockoutDate).toBe("2027-01-04");
    expect(projection.weeksOfSupply).toBe(0);
    expect(projection.reason).toContain("out of stock now");
  });

  it("reports no weeks of supply and no stockout when nothing is forecast to sell", () => {
    const projection = projectInventory(input({ weeklyDemand: [0, 0, 0, 0] }));
    expect(projection.weeksOfSupply).toBeNull();
    expect(projection.stockoutDate).toBeNull();
    expect(projection.reason.startsWith("No sales forecast; 10 on hand")).toBe(true);
  });

  it("bounds the mean path with the high- and low-demand paths", () => {
    const projection = projectInventory(input({ available: 40, cumulativeLow: [4, 9, 14, 19], cumulativeHigh: [10, 19, 29, 38] }));
    expect(projection.weeks.map((w) => w.projectedLow)).toEqual([30, 21, 11, 2]);
    expect(projection.weeks.map((w) => w.projectedHigh)).toEqual([36, 31, 26, 21]);
    for (const week of projection.weeks) {
      expect(week.projectedLow).toBeLessThanOrEqual(week.projected);
      expect(week.projectedHigh).toBeGreaterThanOrEqual(week.projected);
    }
  });
});

describe("dailyDemandFrom", () => {
  it("splits each week by the weekday index so the days sum to the week", () => {
    // Saturday (6) sells three times a weekday.
    const index = [1, 1, 1, 1, 1, 1, 3];
    const { values } = dailyDemandFrom("2027-01-04", ["2027-01-04"], [9], index);
    expect(values).toEqual([1, 1, 1, 1, 1, 3, 1]);
  });
});

describe("weeksOfSupply", () => {
  const flat = { asOf: "2027-01-04", firstWeek: "2027-01-04", weeklyDemand: [7, 7, 7, 7] };

  it("walks the forecast, then extrapolates the last four weeks' rate past the horizon", () => {
    expect(weeksOfSupply(14, flat)).toBeCloseTo(2, 10);
    // 42 units: 28 in the horizon, 14 more at one a day = 6 weeks.
    expect(weeksOfSupply(42, flat)).toBeCloseTo(6, 10);
    expect(weeksOfSupply(5, { ...flat, weeklyDemand: [0, 0, 0, 0] })).toBeNull();
    expect(weeksOfSupply(-3, flat)).toBe(0);
  });

  it("covers the coming weeks' demand, not an average rate: a peak now uses stock up sooner", () => {
    // 140 units against 70, 70, 7, 7: gone after the two peak weeks (an average of 38.5/wk would say 3.6).
    expect(weeksOfSupply(140, { ...flat, weeklyDemand: [70, 70, 7, 7] })).toBeCloseTo(2, 10);
  });

  it("counts from the plan date: the days of week 0 before it are past", () => {
    // Thursday: four days of week 0 left, then a week of 7.
    expect(weeksOfSupply(11, { ...flat, asOf: "2027-01-07" })).toBeCloseTo(11 / 7, 10);
  });

  it("is the projection's weeks of supply for the same forecast", () => {
    const index = [0.5, 1, 1, 1, 1, 1.5, 2];
    const weeklyDemand = [12, 30, 5, 9];
    const projection = projectInventory(input({ asOf: "2027-01-06", weeklyDemand, weekdayIndex: index, available: 33 }));
    expect(weeksOfSupply(33, { asOf: "2027-01-06", firstWeek: WEEKS[0]!, weeklyDemand, weekdayIndex: index })).toBe(projection.weeksOfSupply);
  });

  it("adds several forecasts up day by day against pooled stock", () => {
    const other = { ...flat, weeklyDemand: [14, 14, 14, 14] };
    // Three units a day between them: 42 units last two weeks.
    expect(weeksOfSupply(42, [flat, other])).toBeCloseTo(2, 10);
    expect(() => weeksOfSupply(42, [flat, { ...other, asOf: "2027-01-05" }])).toThrow(/one plan date/);
  });

  it("reads a stored forecast with its promotion units", () => {
    const stored = { firstWeek: "2027-01-04", mean: [7, 7], promoUnits: [7], weekdayIndex: [] };
    expect(demandForecastOf(stored, "2027-01-04")).toEqual({ asOf: "2027-01-04", firstWeek: "2027-01-04", weeklyDemand: [14, 7], weekdayIndex: [] });
    expect(weeksOfSupply(14, demandForecastOf(stored, "2027-01-04"))).toBeCloseTo(1, 10);
  });
});
