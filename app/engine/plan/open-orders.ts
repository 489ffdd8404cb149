/** Small shared pieces of plan runs: the shop's calendar day and open orders grouped by pair. */
import type { OpenOrderLine } from "./plan-variant";
import type { OpenOrderUnits } from "./inputs";
import { pairKey } from "./plan-pairs";

/** Today in the shop's time zone, as YYYY-MM-DD. */
export function shopToday(timezone: string, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

export function openOrdersByPair(rows: readonly OpenOrderUnits[], primary: string | null): Map<string, OpenOrderLine[]> {
  const result = new Map<string, OpenOrderLine[]>();
  for (const row of rows) {
    const key = pairKey(row.variantId, row.locationId === "0" && primary ? primary : row.locationId);
    const list = result.get(key) ?? [];
    list.push({ units: row.units, expectedDate: row.expectedDate, label: row.label });
    result.set(key, list);
  }
  return result;
}
