/** The alerts screen from its URL: open or resolved, filtered by kind and severity. */
import { ALERT_KINDS, ALERT_SEVERITIES, type AlertKind, type AlertSeverity } from "~/engine/alerts/kinds";
import { countOpenAlerts, listAlerts, type AlertRow as StoredAlertRow } from "./queries.server";
import { getPlanStatus, type PlanStatus } from "~/platform/plan-status.server";

/** An alert as the screens show it, with the page it opens: its promotion's, or its variant's. */
export type AlertRow = StoredAlertRow & { link: string };

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

const withLinks = (rows: StoredAlertRow[]): AlertRow[] => rows.map((row) => ({ ...row, link: row.promotionId !== null ? `/app/promotions/${row.promotionId}` : `/app/variants/${row.variantId}` }));

export async function getAlertsView(shopId: number, params: URLSearchParams): Promise<AlertsView> {
  const status = params.get("status") === "resolved" ? "RESOLVED" : "OPEN";
  const kinds = pick(params.getAll("kind"), ALERT_KINDS);
  const severities = pick(params.getAll("severity"), ALERT_SEVERITIES);
  const [plan, alerts, openCounts] = await Promise.all([getPlanStatus(shopId), listAlerts(shopId, { status, kinds, severities }), countOpenAlerts(shopId)]);
  return { plan, status, kinds, severities, alerts: withLinks(alerts), openCounts };
}

/** The most severe open alerts and how many are open in all: the board's alert card. */
export async function getOpenAlertsSummary(shopId: number, limit: number): Promise<{ alerts: AlertRow[]; openCount: number }> {
  const [alerts, counts] = await Promise.all([listAlerts(shopId, { status: "OPEN", limit }), countOpenAlerts(shopId)]);
  return { alerts: withLinks(alerts), openCount: Object.values(counts).reduce((a, b) => a + b, 0) };
}

/** One variant's open alerts at every location, most severe first: the variant page's. */
export async function listVariantAlerts(shopId: number, variantId: bigint): Promise<AlertRow[]> {
  return withLinks(await listAlerts(shopId, { status: "OPEN", variantId }));
}
