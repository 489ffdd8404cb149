/**
 * The S&OP board: headline metrics with their trends, the time-phased grid at the chosen roll-up
 * (and one group's variants when drilled into), the open alerts most severe first, and where
 * the numbers stand (plan "as of", sync). Read from the URL: ?rollup=&group=&page=.
 */
import { addDays, weekStartOf } from "~/engine/calendar";
import { getOpenAlertsSummary, type AlertRow } from "~/features/alerts/view.server";
import { gridByGroup, pairsInGroup, ROLL_UPS, type GridRow, type GroupPairRow, type RollUp } from "~/features/board/queries/grid.server";
import { getShopOverview, type ShopOverview } from "~/features/sync-status/overview.server";
import { findActivePlan } from "~/platform/plan-status.server";
import { listMetricsWeeks, type ShopMetrics } from "~/features/board/queries/metrics.server";
import { getPlanStatus, type PlanStatus } from "~/platform/plan-status.server";
import { setupGuideOf, type SetupGuide } from "./setup-guide.server";
import { loadSetupFacts } from "./queries/setup-guide.server";

export const GRID_WEEKS = 12;
export const PAST_WEEKS = 4;
export const GROUP_PAGE_SIZE = 25;
/** Variant-locations projected out of stock within this many days count as at risk in the grid. */
const AT_RISK_DAYS = 28;

export type MetricKey = keyof Omit<ShopMetrics, "unpricedPairs">;

export interface BoardView {
  plan: PlanStatus;
  sync: ShopOverview | null;
  /** Weekly metric points, oldest first (the last is the plan's week). */
  metrics: { weekStart: string; metrics: ShopMetrics }[];
  current: ShopMetrics;
  rollUp: RollUp;
  weekStarts: string[];
  pastWeekStarts: string[];
  grid: GridRow[];
  drill: { group: string; rows: GroupPairRow[]; total: number; page: number; pageSize: number } | null;
  alerts: AlertRow[];
  openAlertCount: number;
  /** The first-run guide until it is dismissed or done. */
  setupGuide: SetupGuide | null;
}

/** The latest value each metric has: stock figures come from the plan's week, sales ones from the last week that has them. */
export function currentMetrics(weeks: readonly { metrics: ShopMetrics }[]): ShopMetrics {
  const current: ShopMetrics = {};
  for (const week of weeks) {
    for (const [key, value] of Object.entries(week.metrics) as [keyof ShopMetrics, number | null][]) {
      if (value !== null && value !== undefined) (current as Record<string, number>)[key] = value;
    }
  }
  return current;
}

export async function getBoardView(shop: { id: number; domain: string }, params: URLSearchParams): Promise<BoardView> {
  const rollUp = (ROLL_UPS as readonly string[]).includes(params.get("rollup") ?? "") ? (params.get("rollup") as RollUp) : "productType";
  // The plan's run is read first so that every other read, the grid's too, runs at once.
  const active = await findActivePlan(shop.id);
  const asOf = active?.asOf ?? null;
  const firstWeek = asOf ? weekStartOf(asOf) : null;
  const group = params.get("group");
  const page = Math.max(1, Math.min(10_000, Number(params.get("page")) || 1));
  const [plan, sync, { alerts, openCount: openAll }, metrics, grid, drill, setupFacts] = await Promise.all([
    getPlanStatus(shop.id),
    getShopOverview(shop.domain),
    getOpenAlertsSummary(shop.id, 8),
    active && firstWeek ? listMetricsWeeks(shop.id, addDays(firstWeek, -7 * 12)) : Promise.resolve([]),
    active && asOf ? gridByGroup(shop.id, active.run.id, rollUp, { asOf, weeks: GRID_WEEKS, pastWeeks: PAST_WEEKS, riskDays: AT_RISK_DAYS }) : Promise.resolve([]),
    active && asOf && group ? pairsInGroup(shop.id, active.run.id, rollUp, group, { weeks: GRID_WEEKS, limit: GROUP_PAGE_SIZE, offset: (page - 1) * GROUP_PAGE_SIZE, asOf, pastWeeks: PAST_WEEKS }) : Promise.resolve(null),
    loadSetupFacts(shop.id),
  ]);
  const current = currentMetrics(metrics);
  const setupGuide = await setupGuideOf(shop.id, setupFacts, active ? (current.unpricedPairs ?? 0) : null);
  const empty = { plan, sync, metrics: [], current: {}, rollUp, weekStarts: [], pastWeekStarts: [], grid: [], drill: null, alerts, openAlertCount: openAll, setupGuide };
  if (!active || !firstWeek) return empty;
  return {
    ...empty,
    metrics,
    current,
    weekStarts: Array.from({ length: GRID_WEEKS }, (_, w) => addDays(firstWeek, 7 * w)),
    pastWeekStarts: Array.from({ length: PAST_WEEKS }, (_, w) => addDays(firstWeek, -7 * (PAST_WEEKS - w))),
    grid,
    drill: group && drill ? { group, rows: drill.rows, total: drill.total, page, pageSize: GROUP_PAGE_SIZE } : null,
  };
}
