/** The alerts screen from its URL: open or resolved, filtered by kind and severity. */
import type { AlertKind, AlertSeverity } from "@prisma/client";
import { countOpenAlerts, listAlerts, type AlertRow } from "./queries.server";

export type { AlertRow };
import { getPlanStatus, type PlanStatus } from "~/platform/plan-status.server";

export const ALERT_KINDS: readonly AlertKind[] = ["STOCKOUT_RISK", "BELOW_REORDER_POINT", "OVERSTOCK", "DEAD_STOCK"];
export const ALERT_SEVERITIES: readonly AlertSeverity[] = ["CRITICAL", "HIGH", "MEDIUM", "LOW"];

export interface AlertsView {
  plan: PlanStatus;
  status: "OPEN" | "RESOLVED";
  kinds: AlertKind[];
  severities: AlertSeverity[];
  alerts: AlertRow[];
  openCounts: Record<AlertKind, number>;
}

function pick<T extends string>(values: string[], allowed: readonly T[]): T[] {
  return values.flatMap((v) => v.split(",")).filter((v): v is T => (allowed as readonly string[]).includes(v));
}

export async function getAlertsView(shopId: number, params: URLSearchParams): Promise<AlertsView> {
  const status = params.get("status") === "resolved" ? "RESOLVED" : "OPEN";
  const kinds = pick(params.getAll("kind"), ALERT_KINDS);
  const severities = pick(params.getAll("severity"), ALERT_SEVERITIES);
  const [plan, alerts, openCounts] = await Promise.all([getPlanStatus(shopId), listAlerts(shopId, { status, kinds, severities }), countOpenAlerts(shopId)]);
  return { plan, status, kinds, severities, alerts, openCounts };
}

/** The most severe open alerts and how many are open in all: the board's alert card. */
export async function getOpenAlertsSummary(shopId: number, limit: number): Promise<{ alerts: AlertRow[]; openCount: number }> {
  const [alerts, counts] = await Promise.all([listAlerts(shopId, { status: "OPEN", limit }), countOpenAlerts(shopId)]);
  return { alerts, openCount: Object.values(counts).reduce((a, b) => a + b, 0) };
}

/** One variant's open alerts at every location, most severe first: the variant page's. */
export function listVariantAlerts(shopId: number, variantId: bigint): Promise<AlertRow[]> {
  return listAlerts(shopId, { status: "OPEN", variantId });
}
