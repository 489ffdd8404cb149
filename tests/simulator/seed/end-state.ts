/**
 * Stock situations the generator sets up on the last day so planning tests know the answer:
 * some busy variants are left with about a week of stock and nothing on order (they will run
 * out), others with a year's worth or more (overstocked). Only warehouse cells that sell
 * steadily and are in stock are picked, so the history stays consistent (a big delivery or a
 * stock count on the last day). The truth names both lists; no variant is in both.
 */
import type { SimEndStateTruth, SimOrder } from "../store/types";
import type { InventorySimulation } from "./inventory";
import type { Rng } from "./random";

export interface EndStateOptions {
  /** Share of eligible variants made to run out, and made overstocked. */
  share: number;
  /** Weeks of recent sales the last-day stock is set to. */
  runOutWeeks: number;
  overstockWeeks: number;
}

export const DEFAULT_END_STATE: EndStateOptions = { share: 0.06, runOutWeeks: 0.7, overstockWeeks: 70 };

/** Units sold per variant at the warehouse over the last eight weeks. */
function recentWarehouseSales(orders: readonly SimOrder[], warehouseId: string, sinceIso: string): Map<string, number> {
  const sold = new Map<string, number>();
  for (let i = orders.length - 1; i >= 0; i--) {
    const order = orders[i]!;
    if (order.processedAt < sinceIso) break;
    if (order.cancelledAt !== null || order.locationId !== warehouseId) continue;
    for (const line of order.lineItems) if (line.variantId) sold.set(line.variantId, (sold.get(line.variantId) ?? 0) + line.currentQuantity);
  }
  return sold;
}

export function applyEndState(
  rng: Rng,
  inventory: InventorySimulation,
  variantIds: readonly string[],
  locationCount: number,
  orders: readonly SimOrder[],
  warehouseId: string,
  sinceIso: string,
  lastDay: number,
  options: EndStateOptions = DEFAULT_END_STATE,
): SimEndStateTruth {
  const sold = recentWarehouseSales(orders, warehouseId, sinceIso);
  const eligible = variantIds
    .map((id, index) => ({ id, cell: index * locationCount, weekly: (sold.get(id) ?? 0) / 8 }))
    .filter((v) => v.weekly >= 2 && (inventory.stock[v.cell] ?? 0) > 0);
  // Fisher–Yates with the generator's own stream: the same seed picks the same variants.
  const shuffled = [...eligible];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const count = Math.max(1, Math.round(eligible.length * options.share));
  const runningOut = shuffled.slice(0, count);
  const overstocked = shuffled.slice(count, 2 * count);
  for (const v of runningOut) {
    inventory.stock[v.cell] = Math.max(1, Math.round(v.weekly * options.runOutWeeks));
    inventory.onOrder[v.cell] = 0;
    inventory.lastChangeDay[v.cell] = lastDay;
  }
  for (const v of overstocked) {
    inventory.stock[v.cell] = Math.max(30, Math.round(v.weekly * options.overstockWeeks));
    inventory.lastChangeDay[v.cell] = lastDay;
  }
  return { warehouseId, runningOut: runningOut.map((v) => v.id), overstocked: overstocked.map((v) => v.id) };
}
