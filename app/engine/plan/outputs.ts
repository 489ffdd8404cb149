/** What a plan run writes per variant and location: its forecast and its stock plan, as plain rows. */
export interface ForecastRow {
  variantId: string;
  locationId: string;
  firstWeek: string;
  mean: readonly number[];
  p10: readonly number[];
  p50: readonly number[];
  p90: readonly number[];
  promoUnits: readonly number[];
  weekdayIndex: readonly number[];
  source: string;
  model: string;
  modelLabel: string;
  demandClass: string | null;
  reason: string;
  explanation: unknown;
  distribution: unknown;
}

export interface StockPlanRow {
  variantId: string;
  locationId: string;
  /** The plan date the row was planned from (an incremental re-plan's may be later than its run's). */
  asOf: string;
  supplierId: number | null;
  termsSource: string;
  abcClass: string;
  serviceLevel: number;
  leadTimeDays: number;
  reviewDays: number;
  available: number;
  onHand: number;
  inbound: number;
  unitCost: number | null;
  unitPrice: number | null;
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  weeksOfSupply: number | null;
  projectedStockoutDate: string | null;
  orderByDate: string | null;
  projected: readonly number[];
  projectedLow: readonly number[];
  projectedHigh: readonly number[];
  inboundByWeek: readonly number[];
  policyReason: string;
  projectionReason: string;
}
