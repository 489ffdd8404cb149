import { describe, expect, it } from "vitest";
import type { WeekPoint } from "~/features/variant/detail.server";
import { pointOnOrAfter, stockChartPoints } from "~/features/variant/stock-chart-points";

const week = (weekStart: string, projected: number | null, inbound: number | null = 0): WeekPoint => ({
  weekStart,
  sold: null,
  baseline: null,
  backtest: null,
  stockoutDays: 0,
  promoDays: 0,
  forecast: projected === null ? null : 1,
  p10: null,
  p90: null,
  projected,
  projectedLow: projected === null ? null : Math.max(0, projected - 2),
  projectedHigh: projected === null ? null : projected + 2,
  inbound,
});

describe("the stock chart's points", () => {
  it("start today with the stock on hand, then each forecast week's end, past weeks left out", () => {
    // Plan made on a Thursday: the current week ends on Sunday; history weeks carry no projection.
    const weeks = [week("2026-11-30", null), week("2026-12-07", 4, 0), week("2026-12-14", 1, 0), week("2026-12-21", 13, 12)];
    const points = stockChartPoints(weeks, "2026-12-10", 6);
    expect(points.map((p) => [p.at, p.projected])).toEqual([
      ["2026-12-10", 6],
      ["2026-12-13", 4],
      ["2026-12-20", 1],
      ["2026-12-27", 13],
    ]);
    expect(points[0]).toMatchObject({ weekStart: null, band: [6, 6], inbound: null });
    expect(points[3]).toMatchObject({ weekStart: "2026-12-21", band: [11, 15], inbound: 12 });
  });

  it("puts a proposed arrival on the stretch it lands in, or nowhere past the chart", () => {
    const points = stockChartPoints([week("2026-12-07", 4), week("2026-12-14", 1)], "2026-12-07", 6);
    expect(pointOnOrAfter(points, "2026-12-15")).toBe("2026-12-20");
    expect(pointOnOrAfter(points, "2026-12-07")).toBe("2026-12-07");
    expect(pointOnOrAfter(points, "2027-01-30")).toBeNull();
  });
});
