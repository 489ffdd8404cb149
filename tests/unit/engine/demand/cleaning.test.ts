import { describe, expect, it } from "vitest";
import { cleanDemandHistory } from "~/engine/forecast/cleaning";
import { addDays } from "~/engine/forecast/weekly";
import { dailyRows } from "./synthetic";

// Three Monday weeks: 2026-11-02 … 2026-11-22.
const range = { from: "2026-11-02", to: "2026-11-22" };

describe("stockout imputation", () => {
  it("imputes a 4-day stockout at the in-stock rate, not zero", () => {
    const stockout = { from: "2026-11-11", to: "2026-11-14" };
    const rows = dailyRows(range.from, range.to, (date) => (date >= stockout.from && date <= stockout.to ? 0 : 6));
    const cleaned = cleanDemandHistory({ rows, range, stockouts: [stockout] });

    expect(cleaned.weekly.raw).toEqual([42, 18, 42]);
    expect(cleaned.weekly.baseline.map((v) => Math.round(v * 1e6) / 1e6)).toEqual([42, 42, 42]);
    expect(cleaned.daily.flags.slice(9, 13)).toEqual(["stockout", "stockout", "stockout", "stockout"]);
    cleaned.daily.baseline.slice(9, 13).forEach((v) => expect(v).toBeCloseTo(6, 9));
    expect(cleaned.summary.stockoutDaysImputed).toBe(4);
    expect(cleaned.summary.unitsImputed).toBeCloseTo(24, 9);
    expect(cleaned.weekly.flags[1]).toMatchObject({ stockoutDays: 4, mostlyOut: true });
    expect(cleaned.summary.mostlyOutWeeks).toBe(1);
  });

  it("treats stockout days as censored: a day that sold above the rate keeps its sales", () => {
    const rows = dailyRows(range.from, range.to, (date) => (date === "2026-11-11" ? 10 : 6));
    const cleaned = cleanDemandHistory({ rows, range, stockouts: [{ from: "2026-11-11", to: "2026-11-11" }] });
    expect(cleaned.daily.baseline[9]).toBe(10);
  });

  it("runs an open stockout (to = null) to the range end", () => {
    const rows = dailyRows(range.from, "2026-11-17", () => 5);
    const cleaned = cleanDemandHistory({ rows, range, stockouts: [{ from: "2026-11-18", to: null }] });
    expect(cleaned.summary.stockoutDaysImputed).toBe(5);
    expect(cleaned.weekly.raw[2]).toBe(10);
    expect(cleaned.weekly.baseline[2]).toBeCloseTo(35, 9);
  });

  it("rebuilds a mostly-out week from the surrounding rate, ignoring its depressed in-stock days", () => {
    // Week 2 is out Tue–Sun; its Monday sold only 1 (stock running low) against a rate of 8.
    const rows = dailyRows(range.from, range.to, (date) => (date === "2026-11-09" ? 1 : date > "2026-11-09" && date < "2026-11-16" ? 0 : 8));
    const cleaned = cleanDemandHistory({ rows, range, stockouts: [{ from: "2026-11-10", to: "2026-11-15" }] });
    // The Monday is not a reference day, so the week is 7 days at the clean rate of 8.
    expect(cleaned.weekly.raw[1]).toBe(1);
    expect(cleaned.weekly.baseline[1]).toBeCloseTo(56, 6);
  });

  it("imputes by weekday: an out-of-stock Saturday gets a Saturday level", () => {
    const from = "2026-09-07"; // Monday, eight weeks
    const to = addDays(from, 55);
    const saturdayOut = "2026-10-17";
    const rows = dailyRows(from, to, (date) => {
      if (date === saturdayOut) return 0;
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      return weekday === 6 ? 20 : 10;
    });
    const cleaned = cleanDemandHistory({ rows, range: { from, to }, stockouts: [{ from: saturdayOut, to: saturdayOut }] });
    const index = cleaned.daily.dates.indexOf(saturdayOut);
    expect(cleaned.daily.baseline[index]).toBeGreaterThan(17);
    expect(cleaned.daily.baseline[index]).toBeLessThan(21);
  });
});

describe("promotion separation", () => {
  it("sets promo days to the non-promo baseline and returns the excess", () => {
    // Tue–Thu of week 2 sell 15 a day, 12 of them discounted, against a regular 5 a day.
    const promoDays = new Set(["2026-11-10", "2026-11-11", "2026-11-12"]);
    const rows = dailyRows(range.from, range.to, (date) => (promoDays.has(date) ? 15 : 5), undefined, {
      discountShare: (date) => (promoDays.has(date) ? 0.8 : 0),
    });
    const cleaned = cleanDemandHistory({ rows, range });

    expect(cleaned.summary.promoDaysAdjusted).toBe(3);
    expect(cleaned.summary.promoDaysFromDiscountShare).toBe(3);
    expect(cleaned.weekly.raw).toEqual([35, 65, 35]);
    expect(cleaned.weekly.baseline[1]).toBeCloseTo(35, 9);
    expect(cleaned.weekly.promoExcess[1]).toBeCloseTo(30, 9);
    expect(cleaned.summary.promoExcessUnits).toBeCloseTo(30, 9);
    // The week after the promotion is kept as sold but not used as reference.
    expect(cleaned.daily.flags[12]).toBe("post_promo");
    expect(cleaned.weekly.flags[1]).toMatchObject({ promoDays: 3, stockoutDays: 0 });
  });

  it("restores the pull-forward dip after a promotion to the regular level, unless told not to", () => {
    // Promo Tue–Thu of week 1, then 7 days at 3 instead of the regular 5.
    const rate = (date: string) => (date >= "2026-11-03" && date <= "2026-11-05" ? 15 : date >= "2026-11-06" && date <= "2026-11-12" ? 3 : 5);
    const rows = dailyRows(range.from, range.to, rate);
    const promoWindows = [{ start: "2026-11-03", end: "2026-11-05" }];
    const restored = cleanDemandHistory({ rows, range, promoWindows });
    expect(restored.summary.postPromoDaysExcluded).toBe(7);
    expect(restored.weekly.raw[1]).toBe(4 * 3 + 3 * 5);
    expect(restored.weekly.baseline[1]).toBeCloseTo(35, 9);
    expect(restored.weekly.promoExcess[1]).toBeCloseTo(-8, 9);
    const kept = cleanDemandHistory({ rows, range, promoWindows }, { restorePostPromoDip: false });
    expect(kept.weekly.baseline[1]).toBe(27);
  });

  it("flags days inside known promotion windows even without discounted units", () => {
    const rows = dailyRows(range.from, range.to, (date) => (date >= "2026-11-16" && date <= "2026-11-17" ? 11 : 5));
    const cleaned = cleanDemandHistory({ rows, range, promoWindows: [{ start: "2026-11-16", end: "2026-11-17", discountPct: 20 }] });
    expect(cleaned.summary.promoDaysFromWindows).toBe(2);
    expect(cleaned.weekly.promoExcess[2]).toBeCloseTo(12, 9);
  });

  it("does not call everyday discounting a promotion", () => {
    const rows = dailyRows(range.from, range.to, () => 4, undefined, { discountShare: () => 1 });
    const cleaned = cleanDemandHistory({ rows, range });
    expect(cleaned.summary.discountShareIgnored).toBe(true);
    expect(cleaned.summary.promoDaysAdjusted).toBe(0);
    expect(cleaned.weekly.baseline).toEqual([28, 28, 28]);
  });

  it("reports a stockout inside a promotion as a stockout, not a promo day", () => {
    const rows = dailyRows(range.from, range.to, () => 5);
    const cleaned = cleanDemandHistory({
      rows,
      range,
      stockouts: [{ from: "2026-11-12", to: "2026-11-12" }],
      promoWindows: [{ start: "2026-11-11", end: "2026-11-13" }],
    });
    expect(cleaned.summary.stockoutDaysImputed).toBe(1);
    expect(cleaned.summary.promoDaysAdjusted).toBe(2);
  });
});
