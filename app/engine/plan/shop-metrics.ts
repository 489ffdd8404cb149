import { demandForecastOf, weeksOfSupply, type DemandForecast } from "~/engine/projection";
import type { ForecastRow, StockPlanRow } from "./outputs";
import { pairKey } from "./plan-pairs";

/** The board's headline metrics, as each full plan run records them per week. */
export interface WeekSalesFigures {
  weekStart: string;
  sold: number;
  demand: number;
}

export interface ShopMetrics {
  inventoryValue?: number;
  /** Variant-locations with stock but no unit cost: left out of every value at cost. */
  unpricedPairs?: number;
  weeksOfSupply?: number | null;
  atRiskVariants?: number;
  revenueAtRisk?: number;
  overstockValue?: number;
  deadStockValue?: number;
  sellThrough?: number | null;
  turnover?: number | null;
  fillRate?: number | null;
  unitsSold?: number;
  wape?: number | null;
  bias?: number | null;
}

/**
 * The shop's weeks of supply: every planned pair's available stock pooled, against the pairs'
 * forecasts added up day by day, by the definition each pair's own figure uses. Pooling lets any
 * unit serve any sale: it says how long the stock lasts in all, not when the first variant runs
 * out (the variants at risk say that).
 */
export function shopWeeksOfSupply(asOf: string, stockPlans: readonly Pick<StockPlanRow, "variantId" | "locationId" | "available">[], forecasts: readonly ForecastRow[]): number | null {
  const byPair = new Map(forecasts.map((f) => [pairKey(f.variantId, f.locationId), f]));
  let available = 0;
  const planned: DemandForecast[] = [];
  for (const plan of stockPlans) {
    const forecast = byPair.get(pairKey(plan.variantId, plan.locationId));
    if (!forecast) continue;
    // A pair sold beyond its stock takes nothing from another pair's.
    available += Math.max(0, plan.available);
    planned.push(demandForecastOf(forecast, asOf));
  }
  return planned.length > 0 ? weeksOfSupply(available, planned) : null;
}
