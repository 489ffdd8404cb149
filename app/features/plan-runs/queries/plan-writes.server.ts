/**
 * Writing a run's outputs: Forecast and StockPlan rows by COPY (a full run writes one of each
 * per variant and location), and the in-place refresh of the active run's StockPlan rows that
 * an incremental re-plan makes. All scoped by shopId.
 */
import type pg from "pg";
import type { ForecastRow, StockPlanRow } from "~/engine/plan/outputs";
import { copyIntoStaging, copyRows, excludedAssignments, quotedColumns, type CopyValue } from "~/platform/copy-upsert.server";

export type { ForecastRow, StockPlanRow };

const FORECAST_COLUMNS = ["shopId", "planRunId", "variantId", "locationId", "firstWeek", "mean", "p10", "p50", "p90", "promoUnits", "weekdayIndex", "source", "model", "modelLabel", "demandClass", "reason", "explanation", "distribution"];

const STOCK_PLAN_COLUMNS = [
  "shopId", "planRunId", "variantId", "locationId", "asOf", "supplierId", "termsSource", "abcClass", "serviceLevel", "leadTimeDays", "reviewDays",
  "available", "onHand", "inbound", "unitCost", "unitPrice", "safetyStock", "reorderPoint", "orderUpTo", "weeksOfSupply",
  "projectedStockoutDate", "orderByDate", "projected", "projectedLow", "projectedHigh", "inboundByWeek", "policyReason", "projectionReason", "updatedAt",
];

/** Float arrays travel as decimal strings; 4 decimals are plenty for units shown. */
const floats = (values: readonly number[]): string[] => values.map((v) => (Number.isFinite(v) ? String(Math.round(v * 1e4) / 1e4) : "0"));
/** What weeks of supply is computed from travels unrounded, so recomputing it from the stored row gives the stored figure exactly. */
const exactFloats = (values: readonly number[]): string[] => values.map((v) => (Number.isFinite(v) ? String(v) : "0"));

export async function copyForecastRows(client: pg.PoolClient, shopId: number, runId: number, rows: readonly ForecastRow[]): Promise<void> {
  await copyRows(
    client,
    "Forecast",
    FORECAST_COLUMNS,
    rows.map((r): CopyValue[] => [
      shopId, runId, r.variantId, r.locationId, r.firstWeek, exactFloats(r.mean), floats(r.p10), floats(r.p50), floats(r.p90), exactFloats(r.promoUnits), exactFloats(r.weekdayIndex),
      r.source, r.model, r.modelLabel, r.demandClass, r.reason, JSON.stringify(r.explanation), JSON.stringify(r.distribution),
    ]),
  );
}

function stockPlanValues(shopId: number, runId: number, r: StockPlanRow, now: Date): CopyValue[] {
  return [
    shopId, runId, r.variantId, r.locationId, r.asOf, r.supplierId, r.termsSource, r.abcClass, r.serviceLevel, r.leadTimeDays, r.reviewDays,
    r.available, r.onHand, r.inbound, r.unitCost, r.unitPrice, r.safetyStock, r.reorderPoint, r.orderUpTo,
    r.weeksOfSupply === null || !Number.isFinite(r.weeksOfSupply) ? null : r.weeksOfSupply, r.projectedStockoutDate, r.orderByDate,
    floats(r.projected), floats(r.projectedLow), floats(r.projectedHigh), floats(r.inboundByWeek), r.policyReason, r.projectionReason, now,
  ];
}

export async function copyStockPlanRows(client: pg.PoolClient, shopId: number, runId: number, rows: readonly StockPlanRow[]): Promise<void> {
  const now = new Date();
  await copyRows(client, "StockPlan", STOCK_PLAN_COLUMNS, rows.map((r) => stockPlanValues(shopId, runId, r, now)));
}

/** Adds forecasts to an existing run (variants first planned by an incremental re-plan). Inside a transaction. */
export async function upsertForecastRows(client: pg.PoolClient, shopId: number, runId: number, rows: readonly ForecastRow[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(`DELETE FROM "Forecast" WHERE "shopId" = $1 AND "planRunId" = $2 AND ("variantId", "locationId") IN (SELECT unnest($3::bigint[]), unnest($4::bigint[]))`, [
    shopId,
    runId,
    rows.map((r) => r.variantId),
    rows.map((r) => r.locationId),
  ]);
  await copyForecastRows(client, shopId, runId, rows);
}

/** Incremental re-plan: replaces the active run's rows for these variant/locations in one statement. Inside a transaction. */
export async function upsertStockPlanRows(client: pg.PoolClient, shopId: number, runId: number, rows: readonly StockPlanRow[]): Promise<void> {
  if (rows.length === 0) return;
  const now = new Date();
  await copyIntoStaging(client, "StockPlan", "stage_stock_plan", STOCK_PLAN_COLUMNS, rows.map((r) => stockPlanValues(shopId, runId, r, now)));
  await client.query(
    `INSERT INTO "StockPlan" (${quotedColumns(STOCK_PLAN_COLUMNS)}) SELECT ${quotedColumns(STOCK_PLAN_COLUMNS)} FROM stage_stock_plan
     ON CONFLICT ("shopId", "planRunId", "variantId", "locationId") DO UPDATE SET ${excludedAssignments(STOCK_PLAN_COLUMNS, ["shopId", "planRunId", "variantId", "locationId"])}`,
  );
  await client.query(`TRUNCATE stage_stock_plan`);
}

/** Replaces stored forecasts' promotion demand (a promotion changed; the baseline did not). Inside a transaction. */
export async function updateForecastPromoUnits(client: pg.PoolClient, shopId: number, runId: number, rows: readonly { variantId: string; locationId: string; promoUnits: readonly number[] }[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `UPDATE "Forecast" f SET "promoUnits" = t.units::float8[]
     FROM (SELECT unnest($3::bigint[]) AS v, unnest($4::bigint[]) AS l, unnest($5::text[]) AS units) t
     WHERE f."shopId" = $1 AND f."planRunId" = $2 AND f."variantId" = t.v AND f."locationId" = t.l`,
    [shopId, runId, rows.map((r) => r.variantId), rows.map((r) => r.locationId), rows.map((r) => `{${exactFloats(r.promoUnits).join(",")}}`)],
  );
}
