/** Shared by the seed tests: one default brand per test file, and daily-series helpers. */
import { DEFAULT_END_DATE, generateBrand } from "../../../simulator/seed/brand-generator";
import type { ShopData, SimLineItem, SimOrder } from "../../../simulator/store/types";

/** BRAND_SEED lets you re-run these checks on another brand. */
export const SEED = Number(process.env.BRAND_SEED ?? 20261101);
export const HISTORY_DAYS = 730;
export const END_MS = Date.parse(`${DEFAULT_END_DATE}T00:00:00Z`);
export const START_MS = END_MS - HISTORY_DAYS * 86_400_000;

let cached: ShopData | undefined;

export function defaultBrand(): ShopData {
  cached ??= generateBrand({ seed: SEED });
  return cached;
}

export function dayIndex(iso: string): number {
  return Math.floor((Date.parse(iso) - START_MS) / 86_400_000);
}

export function refundedByLine(order: SimOrder): Map<string, number> {
  const refunded = new Map<string, number>();
  for (const refund of order.refunds) {
    for (const line of refund.refundLineItems) refunded.set(line.lineItemId, (refunded.get(line.lineItemId) ?? 0) + line.quantity);
  }
  return refunded;
}

/** Units sold per history day (gross of refunds: demand is what the shop saw) for lines passing `keep`. */
export function unitsByDay(data: ShopData, keep: (order: SimOrder, line: SimLineItem) => boolean = () => true): Float64Array {
  const units = new Float64Array(HISTORY_DAYS);
  for (const order of data.orders) {
    if (order.cancelledAt !== null) continue;
    const day = dayIndex(order.processedAt);
    for (const line of order.lineItems) if (keep(order, line)) units[day] = (units[day] ?? 0) + line.quantity;
  }
  return units;
}

export function meanOver(series: Float64Array, fromDay: number, toDay: number): number {
  let total = 0;
  for (let day = fromDay; day < toDay; day++) total += series[day] ?? 0;
  return total / Math.max(1, toDay - fromDay);
}

