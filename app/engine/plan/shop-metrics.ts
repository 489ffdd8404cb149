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
