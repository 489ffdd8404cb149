/**
 * Which (variant, location) pairs a shop plans, and the demand input of each: a variant is
 * planned where Shopify stocks it. Demand Shopify could not tie to a location (location 0)
 * belongs to the location that fulfils online orders, where such orders ship from.
 */
import type { VariantDemandInput } from "~/engine/forecast";
import type { PromoWindow } from "~/engine/forecast/cleaning";
import type { DemandDay, PlanningLevel, PlanningLocation, PlanningVariant, StockoutSpan } from "./inputs";

export interface PlanPair {
  key: string;
  variant: PlanningVariant;
  location: PlanningLocation;
  level: PlanningLevel;
}

export const pairKey = (variantId: string, locationId: string): string => `${variantId}:${locationId}`;

export function primaryLocationId(locations: readonly PlanningLocation[]): string | null {
  return (locations.find((l) => l.fulfillsOnlineOrders) ?? locations[0])?.id ?? null;
}

export function planPairs(variants: readonly PlanningVariant[], locations: readonly PlanningLocation[], levels: readonly PlanningLevel[]): PlanPair[] {
  const variantById = new Map(variants.map((v) => [v.variantId, v]));
  const locationById = new Map(locations.map((l) => [l.id, l]));
  const pairs: PlanPair[] = [];
  for (const level of levels) {
    const variant = variantById.get(level.variantId);
    const location = locationById.get(level.locationId);
    if (!variant || !location) continue;
    pairs.push({ key: pairKey(level.variantId, level.locationId), variant, location, level });
  }
  return pairs.sort((a, b) => a.key.localeCompare(b.key));
}

/** Groups rows by pair key, moving unknown-location rows to the primary location. */
function byPair<T extends { variantId: string; locationId: string }>(rows: readonly T[], primary: string | null): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const locationId = row.locationId === "0" && primary ? primary : row.locationId;
    const key = pairKey(row.variantId, locationId);
    const list = grouped.get(key);
    if (list) list.push(row);
    else grouped.set(key, [row]);
  }
  return grouped;
}

/** Merges two rows of one day (a pair's own and its unknown-location share). */
function mergeDays(rows: readonly DemandDay[]): DemandDay[] {
  if (rows.every((row, i) => i === 0 || rows[i - 1]!.date < row.date)) return rows as DemandDay[];
  const byDate = new Map<string, DemandDay>();
  for (const row of rows) {
    const existing = byDate.get(row.date);
    if (existing) byDate.set(row.date, { ...existing, units: existing.units + row.units, discountedUnits: existing.discountedUnits + row.discountedUnits, revenue: existing.revenue + row.revenue });
    else byDate.set(row.date, row);
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

export function demandInputs(
  pairs: readonly PlanPair[],
  demand: readonly DemandDay[],
  stockouts: readonly StockoutSpan[],
  primary: string | null,
  promoWindows: ReadonlyMap<string, readonly PromoWindow[]> = new Map(),
): Map<string, VariantDemandInput> {
  const demandByPair = byPair(demand, primary);
  const stockoutsByPair = byPair(stockouts, primary);
  const inputs = new Map<string, VariantDemandInput>();
  for (const pair of pairs) {
    const days = mergeDays(demandByPair.get(pair.key) ?? []);
    inputs.set(pair.key, {
      variantId: pair.variant.variantId,
      productId: pair.variant.productId,
      productType: pair.variant.productType ?? "",
      vendor: pair.variant.vendor ?? "",
      locationId: pair.location.id,
      createdAt: pair.variant.createdOn,
      price: pair.variant.price,
      // The loaded rows themselves (their extra ids are harmless): a shop's history is too big to copy.
      daily: days,
      stockouts: (stockoutsByPair.get(pair.key) ?? []).map((s) => ({ from: s.from, to: s.to })),
      ...(promoWindows.has(pair.variant.variantId) ? { promoWindows: promoWindows.get(pair.variant.variantId) } : {}),
    });
  }
  return inputs;
}

/** Last sale per pair, unknown-location sales counting for the primary location. */
export function lastSaleByPair(lastSale: ReadonlyMap<string, string>, primary: string | null): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, day] of lastSale) {
    const [variantId, locationId] = key.split(":") as [string, string];
    const target = locationId === "0" && primary ? pairKey(variantId, primary) : key;
    const previous = result.get(target);
    if (!previous || previous < day) result.set(target, day);
  }
  return result;
}
