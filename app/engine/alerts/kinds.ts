/**
 * Every kind of alert, in one table: its label, what raises it, how it picks its severity, and
 * the Shopify Flow trigger a newly opened one starts. The database's AlertKind enum holds the
 * same keys (tests/unit/engine/alerts/kinds.test.ts reads prisma/schema.prisma to check), and
 * each trigger is an extension's handle (the same test reads extensions/).
 */

/** Most severe first: the order the alerts screen sorts and filters them in. */
export const ALERT_SEVERITY_TABLE = {
  CRITICAL: { label: "Critical" },
  HIGH: { label: "High" },
  MEDIUM: { label: "Medium" },
  LOW: { label: "Low" },
} as const;

export type AlertSeverity = keyof typeof ALERT_SEVERITY_TABLE;
export const ALERT_SEVERITIES = Object.keys(ALERT_SEVERITY_TABLE) as AlertSeverity[];

export interface AlertKindDefinition {
  label: string;
  /**
   * Who opens, refreshes and resolves it: a plan run, per variant and location, or the watch
   * of live promotions, per promotion and variant. Each leaves the other's alerts alone.
   */
  raisedBy: "plan" | "promotion-watch";
  /** The rule `severity` applies, in the merchant's words (the alerts screen shows it). */
  severityRule: string;
  severity(grade: never): AlertSeverity;
  /** The handle of the Flow trigger extension a newly opened alert starts; null: it starts none. */
  flowTrigger: string | null;
}

export const ALERT_KIND_TABLE = {
  STOCKOUT_RISK: {
    label: "Stockout risk",
    raisedBy: "plan",
    severityRule: "Critical when stock runs out within a week, high once the last day to order has passed, medium otherwise.",
    severity: (grade: { daysToStockout: number; orderByPassed: boolean }): AlertSeverity => (grade.daysToStockout <= 7 ? "CRITICAL" : grade.orderByPassed ? "HIGH" : "MEDIUM"),
    flowTrigger: "stockout-risk",
  },
  BELOW_REORDER_POINT: {
    label: "Below reorder point",
    raisedBy: "plan",
    severityRule: "Medium with nothing on order, low when an order is already on its way.",
    severity: (grade: { onOrder: number }): AlertSeverity => (grade.onOrder > 0 ? "LOW" : "MEDIUM"),
    flowTrigger: null,
  },
  OVERSTOCK: {
    label: "Overstock",
    raisedBy: "plan",
    severityRule: "Medium beyond twice the overstock limit or when nothing is forecast to sell, low otherwise.",
    severity: (grade: { weeksOfSupply: number | null; limitWeeks: number }): AlertSeverity => (grade.weeksOfSupply === null || grade.weeksOfSupply > 2 * grade.limitWeeks ? "MEDIUM" : "LOW"),
    flowTrigger: null,
  },
  DEAD_STOCK: {
    label: "Dead stock",
    raisedBy: "plan",
    severityRule: "Medium after twice the dead-stock days without a sale, low otherwise.",
    severity: (grade: { idleDays: number; deadStockDays: number }): AlertSeverity => (grade.idleDays >= 2 * grade.deadStockDays ? "MEDIUM" : "LOW"),
    flowTrigger: null,
  },
  PROMOTION_CAP_REACHED: {
    label: "Promotion cap reached",
    raisedBy: "promotion-watch",
    severityRule: "High: until the discount ends on this product, it sells the stock the promotion's phasing kept for later.",
    severity: (): AlertSeverity => "HIGH",
    flowTrigger: "promotion-cap-reached",
  },
} as const satisfies Record<string, AlertKindDefinition>;

export type AlertKind = keyof typeof ALERT_KIND_TABLE;
/** In the table's order: the order the alerts screen lists kinds in. */
export const ALERT_KINDS = Object.keys(ALERT_KIND_TABLE) as AlertKind[];

export const alertKindsRaisedBy = (source: AlertKindDefinition["raisedBy"]): AlertKind[] => ALERT_KINDS.filter((kind) => ALERT_KIND_TABLE[kind].raisedBy === source);

/** The Flow triggers the table names, each an extension's handle. */
export type FlowTriggerHandle = NonNullable<(typeof ALERT_KIND_TABLE)[AlertKind]["flowTrigger"]>;
