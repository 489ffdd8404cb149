import { describe, expect, it } from "vitest";
import {
  addDays,
  bucketWeekly,
  densifyDaily,
  fromDayNumber,
  toDayNumber,
  weekdayOfDay,
  weekOfYearSlot,
  weekStartOf,
  weekStartsFrom,
} from "~/engine/forecast/weekly";

describe("calendar helpers", () => {
  it("round-trips dates and knows the weekday", () => {
    expect(fromDayNumber(toDayNumber("2026-11-23"))).toBe("2026-11-23");
    expect(weekdayOfDay(toDayNumber("2026-11-23"))).toBe(1); // a Monday
    expect(weekdayOfDay(toDayNumber("2026-11-22"))).toBe(0); // a Sunday
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(() => toDayNumber("2026/11/23")).toThrow();
  });

  it("finds the week start for Monday and Sunday weeks", () => {
    expect(weekStartOf("2026-11-22")).toBe("2026-11-16");
    expect(weekStartOf("2026-11-23")).toBe("2026-11-23");
    expect(weekStartOf("2026-11-22", 0)).toBe("2026-11-22");
    expect(weekStartOf("2026-11-25", 0)).toBe("2026-11-22");
    expect(weekStartsFrom("2026-11-25", 3)).toEqual(["2026-11-23", "2026-11-30", "2026-12-07"]);
  });

  it("slots weeks by the year holding their middle day", () => {
    expect(weekOfYearSlot("2025-12-29")).toBe(0); // Thursday is 2026-01-01
    expect(weekOfYearSlot("2026-01-05")).toBe(1);
    expect(weekOfYearSlot("2026-12-28")).toBe(51); // a 53rd week folds into the last slot
  });
});

describe("densifyDaily", () => {
  it("fills absent days with zero, sums duplicates, ignores rows out of range", () => {
    const dense = densifyDaily(
      [
        { date: "2026-11-03", units: 2, discountedUnits: 1, revenue: 18 },
        { date: "2026-11-03", units: 1, discountedUnits: 0, revenue: 10 },
        { date: "2026-11-06", units: 4, discountedUnits: 0, revenue: 40 },
        { date: "2026-10-30", units: 9, discountedUnits: 0, revenue: 90 },
      ],
      { from: "2026-11-02", to: "2026-11-08" },
    );
    expect(dense.dates).toHaveLength(7);
    expect(dense.units).toEqual([0, 3, 0, 0, 4, 0, 0]);
    expect(dense.discountedUnits).toEqual([0, 1, 0, 0, 0, 0, 0]);
    expect(dense.revenue[1]).toBe(28);
  });
});

describe("bucketWeekly", () => {
  // Wednesday 2026-11-04 to Tuesday 2026-11-17: 5 + 7 + 2 days in Monday weeks.
  const ones = new Array<number>(14).fill(1);

  it("keeps partial weeks as sums of their covered days, flagged", () => {
    const weeks = bucketWeekly(ones, "2026-11-04");
    expect(weeks.weekStarts).toEqual(["2026-11-02", "2026-11-09", "2026-11-16"]);
    expect(weeks.totals).toEqual([5, 7, 2]);
    expect(weeks.partial).toEqual([true, false, true]);
  });

  it("scales partial weeks to a 7-day run-rate or drops them", () => {
    expect(bucketWeekly(ones, "2026-11-04", { partialWeeks: "scale" }).totals).toEqual([7, 7, 7]);
    const dropped = bucketWeekly(ones, "2026-11-04", { partialWeeks: "drop" });
    expect(dropped.weekStarts).toEqual(["2026-11-09"]);
    expect(dropped.totals).toEqual([7]);
  });

  it("honours Sunday weeks", () => {
    const weeks = bucketWeekly(ones, "2026-11-04", { weekStartsOn: 0 });
    expect(weeks.weekStarts).toEqual(["2026-11-01", "2026-11-08", "2026-11-15"]);
    expect(weeks.totals).toEqual([4, 7, 3]);
  });
});
