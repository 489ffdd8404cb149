import type { MetricKey } from "./view.server";

export interface MetricDefinition {
  key: MetricKey;
  label: string;
  definition: string;
  format: "money" | "weeks" | "count" | "percent" | "ratio";
  /** Whether a rising value is good news (colours the change). */
  higherIsBetter: boolean | null;
  /** What the number covers, shown under it until weeks of history give it a trend. */
  scope: string;
}

/** The headline metrics in board order, each with the one-line definition its tooltip shows. */
export const METRICS: readonly MetricDefinition[] = [
  { key: "inventoryValue", label: "Inventory value", definition: "Stock available for sale, at unit cost, across every location.", format: "money", higherIsBetter: null, scope: "At cost, every location" },
  { key: "weeksOfSupply", label: "Weeks of supply", definition: "Weeks from the plan date until the forecast demand of every variant at every location, added up day by day, uses up all their available stock taken together (as if any unit could serve any sale). Each variant's own weeks of supply is the same measure for its stock at one location.", format: "weeks", higherIsBetter: null, scope: "All available stock, against the whole forecast" },
  { key: "atRiskVariants", label: "Variants at risk", definition: "Variants projected to run out before their next delivery arrives.", format: "count", higherIsBetter: false, scope: "Out before their next delivery" },
  { key: "revenueAtRisk", label: "Revenue at risk", definition: "Revenue the projected stockouts would lose over the planning horizon.", format: "money", higherIsBetter: false, scope: "Over the planning horizon" },
  { key: "overstockValue", label: "Overstock", definition: "Stock beyond the overstock limit of weeks of supply, at cost.", format: "money", higherIsBetter: false, scope: "Beyond the overstock limit, at cost" },
  { key: "sellThrough", label: "Sell-through", definition: "Units sold in the last four weeks, as a share of those units plus the stock on hand.", format: "percent", higherIsBetter: true, scope: "Over the last 4 weeks" },
  { key: "turnover", label: "Inventory turnover", definition: "Cost of the units sold over the last year, divided by today's inventory value at cost.", format: "ratio", higherIsBetter: true, scope: "Over the last 12 months" },
  { key: "fillRate", label: "Fill rate", definition: "Share of the week's demand served from stock; the rest was lost to stockouts (estimated from in-stock days).", format: "percent", higherIsBetter: true, scope: "Demand served from stock, weekly" },
  { key: "wape", label: "Forecast error (WAPE)", definition: "Absolute error of the forecast that stood before each week, as a share of what then sold. Lower is better.", format: "percent", higherIsBetter: false, scope: "Measured once a planned week has sold" },
  { key: "bias", label: "Forecast bias", definition: "How far forecasts ran over (+) or under (−) what sold, as a share of what sold. Near zero is best.", format: "percent", higherIsBetter: null, scope: "Measured once a planned week has sold" },
];
