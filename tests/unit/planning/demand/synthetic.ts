// Seeded synthetic demand for the demand-preparation tests (deterministic across runs).
import type { DailyDemandRow } from "~/planning/forecast/weekly";
import { addDays, daysBetween } from "~/planning/forecast/weekly";

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function poisson(mean: number, random: () => number): number {
  if (mean <= 0) return 0;
  if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
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
