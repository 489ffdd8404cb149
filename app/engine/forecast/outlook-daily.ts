/**
 * Daily disaggregation of weekly forecasts, for stockout projections that need days.
 * Each week is split by a weekday index (0 = Sunday … 6 = Saturday) so the days of a week sum
 * exactly to its weekly figure.
 */
import type { CleanedDemand } from "./cleaning";
import { fromDayNumber, toDayNumber, weekdayOfDay } from "./weekly";

export const FLAT_WEEKDAYS = [1, 1, 1, 1, 1, 1, 1];

export function disaggregateWeekly(
  weekStarts: readonly string[],
  weekly: readonly number[],
  weekdayIndex: readonly number[] = FLAT_WEEKDAYS,
): { dates: string[]; values: number[] } {
  const dates: string[] = [];
  const values: number[] = [];
  weekStarts.forEach((weekStart, w) => {
    const first = toDayNumber(weekStart);
    const shares = Array.from({ length: 7 }, (_, d) => weekdayIndex[weekdayOfDay(first + d)] ?? 1);
    const total = shares.reduce((a, b) => a + b, 0);
    shares.forEach((share, d) => {
      dates.push(fromDayNumber(first + d));
      values.push(total > 0 ? ((weekly[w] ?? 0) * share) / total : (weekly[w] ?? 0) / 7);
    });
  });
  return { dates, values };
}

/** Pooled weekday index of several cleaned histories (their baselines summed by weekday). */
export function pooledWeekdayIndex(histories: readonly { range: CleanedDemand["range"]; daily: Pick<CleanedDemand["daily"], "baseline"> }[]): number[] {
  const sums = new Array<number>(7).fill(0);
  const counts = new Array<number>(7).fill(0);
  for (const history of histories) {
    const first = toDayNumber(history.range.from);
    history.daily.baseline.forEach((value, i) => {
      const weekday = weekdayOfDay(first + i);
      sums[weekday] = (sums[weekday] ?? 0) + value;
      counts[weekday] = (counts[weekday] ?? 0) + 1;
    });
  }
  const means = sums.map((s, w) => ((counts[w] ?? 0) > 0 ? s / (counts[w] ?? 1) : 0));
  const overall = means.reduce((a, b) => a + b, 0) / 7;
  return overall > 0 ? means.map((m) => m / overall) : [...FLAT_WEEKDAYS];
}

/** The variant's own weekday index when it has volume enough, blended toward its group's. */
export function blendWeekdayIndex(own: readonly number[], group: readonly number[], ownUnits: number, halfWeightUnits = 200): number[] {
  const weight = ownUnits / (ownUnits + halfWeightUnits);
  return own.map((v, w) => weight * v + (1 - weight) * (group[w] ?? 1));
}
