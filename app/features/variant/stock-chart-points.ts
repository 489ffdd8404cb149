/**
 * The stock chart's points: today's available stock first, then each forecast week's projected
 * stock at the week's end, so the line starts at what is on the shelf now. Dates, not week labels,
 * sit on the axis: a week's projection is where the stock stands when that week is over.
 */
import { addDays } from "~/engine/calendar";
import type { WeekPoint } from "./detail.server";

export interface StockPoint {
  /** YYYY-MM-DD: the plan date, then each forecast week's last day. */
  at: string;
  /** The forecast week the point closes; null for today's point. */
  weekStart: string | null;
  projected: number;
  band: [number, number];
  inbound: number | null;
}

export function stockChartPoints(weeks: readonly WeekPoint[], planDate: string, available: number): StockPoint[] {
  const today: StockPoint = { at: planDate, weekStart: null, projected: available, band: [available, available], inbound: null };
  const ahead = weeks
    .filter((w) => w.projected !== null)
    .map((w) => ({ at: addDays(w.weekStart, 6), weekStart: w.weekStart, projected: w.projected!, band: [w.projectedLow ?? w.projected!, w.projectedHigh ?? w.projected!] as [number, number], inbound: w.inbound }))
    .filter((point) => point.at > planDate);
  return [today, ...ahead];
}

/** The point on whose stretch a date falls (the first at or after it), for a line drawn on that date; null past the chart. */
export function pointOnOrAfter(points: readonly StockPoint[], date: string): string | null {
  return points.find((p) => p.at >= date)?.at ?? null;
}
