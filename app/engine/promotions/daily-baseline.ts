/**
 * A series' forecast read per day from the check date: the mean baseline, and the cumulative
 * service-level margin the high-demand path adds (from the forecast distribution, spread over the days).
 */
import { intervalDemand } from "~/engine/forecast/demand-distribution";
import { normalQuantile } from "~/engine/forecast/stats";
import { daysBetween, toDayNumber, weekdayOfDay } from "~/engine/calendar";
import { fail } from "./input-checks";
import type { SeriesInput } from "./types";

const FLAT = [1, 1, 1, 1, 1, 1, 1];

/** Cumulative service-level margin over the first k days, k = 0..days, from the series' baseline. */
export function highMargins(asOf: string, series: SeriesInput, days: number, exactDays: number): Float64Array {
  const margins = new Float64Array(days + 1);
  const baseline = series.baseline;
  if (baseline.kind === "daily") {
    const z = Math.max(0, normalQuantile(series.serviceLevel));
    const sd = baseline.dailySd ?? 0;
    for (let k = 1; k <= days; k++) margins[k] = z * sd * Math.sqrt(k);
    return margins;
  }
  const distribution = baseline.distribution;
  if (!distribution) return margins;
  const offsetDays = daysBetween(baseline.weekStarts[0]!, asOf);
  if (offsetDays < 0) fail(`series "${series.seriesId}": its forecast weeks start after the check date`);
  // The margin at the end of forecast weeks 1–4, then each half as long again (it grows between
  // √t and t, so a line between the points is close), up to the planned promotion's window.
  const points: { k: number; margin: number }[] = [{ k: 0, margin: 0 }];
  let running = 0;
  let nextWeek = 1;
  const reach = Math.min(days, exactDays);
  for (let w = 0; ; w++) {
    const k = 7 * (w + 1) - offsetDays;
    if (k <= 0) continue;
    if (w + 1 < nextWeek && k < reach) continue;
    nextWeek = w + 1 < 4 ? w + 2 : Math.ceil((w + 1) * 1.5);
    const total = intervalDemand(distribution, { startWeek: offsetDays / 7, weeks: k / 7 }, [series.serviceLevel]);
    running = Math.max(running, total.quantiles[0]! - total.mean);
    points.push({ k, margin: running });
    if (k >= reach) break;
  }
  // Beyond it (only later starts look there) the margin follows the power law of the last two
  // points, between √t (independent weeks) and t (an error common to all weeks): long spans of
  // intermittent demand are costly to convolve exactly.
  const last = points[points.length - 1]!;
  const before = points[points.length - 2]!;
  const power = before.margin > 0 && last.margin > before.margin ? Math.min(1, Math.max(0.5, Math.log(last.margin / before.margin) / Math.log(last.k / before.k))) : 0.5;
  let p = 0;
  for (let k = 1; k <= days; k++) {
    if (k > last.k) {
      margins[k] = last.margin * Math.pow(k / last.k, power);
      continue;
    }
    while (points[p + 1]!.k < k) p++;
    const a = points[p]!;
    const b = points[p + 1]!;
    margins[k] = a.margin + ((b.margin - a.margin) * (k - a.k)) / (b.k - a.k);
  }
  return margins;
}

/**
 * Mean baseline per day from the check date over `days`, each forecast week split by the weekday
 * index as the projection's `dailyDemandFrom` splits it; past the forecast the last week repeats.
 */
export function baselineDays(asOfDay: number, series: SeriesInput, days: number): Float64Array {
  const out = new Float64Array(days);
  const baseline = series.baseline;
  let values: ArrayLike<number>;
  if (baseline.kind === "daily") values = baseline.daily;
  else {
    const index = baseline.weekdayIndex ?? FLAT;
    const shares = Array.from({ length: 7 }, (_, weekday) => Math.max(0, index[weekday] ?? 1));
    const total = shares.reduce((a, b) => a + b, 0);
    const split = new Float64Array(Math.max(0, 7 * baseline.weekStarts.length));
    let n = 0;
    baseline.weekStarts.forEach((weekStart, w) => {
      const start = toDayNumber(weekStart);
      const weekly = baseline.weekly[w] ?? 0;
      for (let d = 0; d < 7; d++) {
        if (start + d < asOfDay) continue;
        split[n++] = total > 0 ? (weekly * shares[weekdayOfDay(start + d)]!) / total : weekly / 7;
      }
    });
    values = split.subarray(0, n);
  }
  const length = values.length;
  const tail = Math.min(7, length);
  for (let d = 0; d < days; d++) out[d] = d < length ? values[d]! : tail > 0 ? values[length - tail + ((d - length) % tail)]! : 0;
  return out;
}
