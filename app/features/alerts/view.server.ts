/** The alerts screen from its URL: open or resolved, filtered by kind, severity, location and product, a page at a time. */
import { ALERT_KINDS, ALERT_SEVERITIES, type AlertKind, type AlertSeverity } from "~/engine/alerts/kinds";
import { countAlerts, countOpenAlerts, countSmallAlerts, listAlerts, openAlertLocations, type AlertGrouping, type AlertRow as StoredAlertRow } from "./queries.server";
import { getPlanStatus, type PlanStatus } from "~/platform/plan-status.server";
import { findShopById } from "~/platform/shops.server";
import { readPlanSettings } from "~/engine/plan/plan-settings";

/** An alert as the screens show it, with the page it opens: its promotion's, or its variant's. */
export type AlertRow = StoredAlertRow & { link: string };

export interface AlertsView {
  plan: PlanStatus;
  /** The tab: open alerts, those the team set aside (snoozed or dismissed), or resolved ones. */
  status: "OPEN" | "SET_ASIDE" | "RESOLVED";
  setAsideCount: number;
  kinds: AlertKind[];
  severities: AlertSeverity[];
  /** The location filter's choices (the open alerts' locations) and what is picked. */
  locationChoices: { id: string; name: string }[];
  locations: string[];
  search: string;
  /** Most severe first (default) or most money at risk first; grouped by product or supplier, or not. */
  sort: "severity" | "value";
  group: AlertGrouping | null;
  /** Open alerts with less money at risk than this are summarised, not listed (0: all listed). */
  minValue: number;
  small: { count: number; value: number };
  alerts: AlertRow[];
  openCounts: Record<AlertKind, number>;
  /** Paging: this page (from 1), its size, and how many alerts the filters match. */
  page: number;
  pageSize: number;
  total: number;
}

export const ALERTS_PAGE_SIZE = 50;

function pick<T extends string>(values: string[], allowed: readonly T[]): T[] {
  return values.flatMap((v) => v.split(",")).filter((v): v is T => (allowed as readonly string[]).includes(v));
}

const withLinks = (rows: StoredAlertRow[]): AlertRow[] => rows.map((row) => ({ ...row, link: row.promotionId !== null ? `/app/promotions/${row.promotionId}` : `/app/variants/${row.variantId}` }));

export async function getAlertsView(shopId: number, params: URLSearchParams): Promise<AlertsView> {
  const tab = params.get("status");
  const status = tab === "resolved" ? "RESOLVED" : tab === "set-aside" ? "SET_ASIDE" : "OPEN";
  const kinds = pick(params.getAll("kind"), ALERT_KINDS);
  const severities = pick(params.getAll("severity"), ALERT_SEVERITIES);
  const search = (params.get("q") ?? "").slice(0, 100);
  const requested = Number(params.get("page") ?? "1");
  // A location id, or "all" for an alert about every location (a promotion's).
  const locations = params.getAll("location").filter((id) => /^(\d{1,19}|all)$/.test(id));
  const sort = params.get("sort") === "value" ? "value" : "severity";
  const grouping = params.get("group");
  const group: AlertGrouping | null = grouping === "product" || grouping === "supplier" ? grouping : null;
  // The shop's setting, unless the screen asked for every alert ("min=0").
  const min = params.has("min") ? Number(params.get("min")) : readPlanSettings((await findShopById(shopId))?.planSettings).alertSummaryBelow;
  const minValue = status === "OPEN" && Number.isFinite(min) && min > 0 ? Math.min(min, 1e12) : 0;
  const base = { status: status === "RESOLVED" ? "RESOLVED" : "OPEN", setAside: status === "SET_ASIDE", kinds, severities, locations, search } as const;
  const filters = { ...base, minValue: minValue || null, orderBy: sort, group } as const;
  const [total, setAsideCount, locationChoices, small] = await Promise.all([
    countAlerts(shopId, filters),
    countAlerts(shopId, { status: "OPEN", setAside: true }),
    openAlertLocations(shopId),
    minValue > 0 ? countSmallAlerts(shopId, base, minValue) : Promise.resolve({ count: 0, value: 0 }),
  ]);
  // A page past the end (the list shrank since the link was made) shows the last one.
  const lastPage = Math.max(1, Math.ceil(total / ALERTS_PAGE_SIZE));
  const page = Number.isSafeInteger(requested) && requested >= 1 ? Math.min(requested, lastPage) : 1;
  const [plan, alerts, openCounts] = await Promise.all([
    getPlanStatus(shopId),
    listAlerts(shopId, { ...filters, limit: ALERTS_PAGE_SIZE, offset: (page - 1) * ALERTS_PAGE_SIZE }),
    countOpenAlerts(shopId),
  ]);
  return { plan, status, setAsideCount, kinds, severities, locationChoices, locations, search, sort, group, minValue, small, alerts: withLinks(alerts), openCounts, page, pageSize: ALERTS_PAGE_SIZE, total };
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
