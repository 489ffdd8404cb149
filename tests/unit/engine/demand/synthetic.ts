// Seeded synthetic demand for the demand-preparation tests (deterministic across runs).
import type { DailyDemandRow } from "~/engine/forecast/weekly";
import { addDays, daysBetween } from "~/engine/forecast/weekly";
import { gaussian, poissonKnuth, seededRandom } from "../../../support/random";

export { seededRandom };


export function poisson(mean: number, random: () => number): number {
  if (mean <= 0) return 0;
  if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
  return poissonKnuth(mean, random);
}


/** Sparse rows (only days with sales) from a per-day rate function. */
export function dailyRows(
  from: string,
  to: string,
  rate: (date: string, index: number) => number,
  random?: () => number,
  options: { discountShare?: (date: string) => number; price?: number; depthPct?: (date: string) => number } = {},
): DailyDemandRow[] {
  const rows: DailyDemandRow[] = [];
  const days = daysBetween(from, to) + 1;
  for (let i = 0; i < days; i++) {
    const date = addDays(from, i);
    const units = random ? poisson(rate(date, i), random) : rate(date, i);
    if (units <= 0) continue;
    const share = options.discountShare?.(date) ?? 0;
    const discountedUnits = Math.round(units * share);
    const price = options.price ?? 10;
    const depth = (options.depthPct?.(date) ?? 0) / 100;
    rows.push({ date, units, discountedUnits, revenue: (units - discountedUnits) * price + discountedUnits * price * (1 - depth) });
  }
  return rows;
}
