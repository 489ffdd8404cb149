// Order-up-to simulation over the test periods: at the start of each period stock is raised to
// the forecast quantile for that step (review every period, zero lead time, unmet demand lost,
// leftovers carried). Stock held = mean end-of-period on-hand units per series-period.
import type { SeriesEvaluation } from "./evaluate";

export interface InventoryPoint {
  level: number;
  stockHeld: number;
  fillRate: number;
  cycleService: number;
}

export function simulateOrderUpTo(evaluations: SeriesEvaluation[], method: string, level: number): InventoryPoint {
  let onHandTotal = 0;
  let periods = 0;
  let demand = 0;
  let sold = 0;
  let periodsWithoutStockout = 0;
  for (const e of evaluations) {
    const targets = e.quantiles[method]?.[String(level)];
    if (!targets) continue;
    let leftover = 0;
    e.actual.forEach((y, h) => {
      const stock = Math.max(leftover, targets[h]!);
      const sales = Math.min(stock, y);
      leftover = stock - sales;
      onHandTotal += leftover;
      demand += y;
      sold += sales;
      periods++;
      if (sales >= y) periodsWithoutStockout++;
    });
  }
  return { level, stockHeld: onHandTotal / periods, fillRate: sold / demand, cycleService: periodsWithoutStockout / periods };
}

/** Service of a method's curve at a given stock level, by linear interpolation between levels. */
export function serviceAtStock(curve: InventoryPoint[], stock: number, key: "fillRate" | "cycleService"): number {
  const sorted = [...curve].sort((a, b) => a.stockHeld - b.stockHeld);
  if (stock <= sorted[0]!.stockHeld) return sorted[0]![key];
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (stock <= b.stockHeld) {
      const w = b.stockHeld === a.stockHeld ? 1 : (stock - a.stockHeld) / (b.stockHeld - a.stockHeld);
      return a[key] + w * (b[key] - a[key]);
    }
  }
  return sorted[sorted.length - 1]![key];
}
