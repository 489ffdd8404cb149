/**
 * ForecastSnapshot: the forecast standing for a week before the week began. Each run writes
 * its forecast of next week; a later run before that week starts overwrites it. Forecast
 * accuracy (WAPE, bias) compares these with what then sold.
 */
import type pg from "pg";
import { copyIntoStaging } from "~/platform/copy-upsert.server";

export interface SnapshotRow {
  variantId: string;
  locationId: string;
  weekStart: string;
  mean: number;
  p10: number;
  p90: number;
}

const COLUMNS = ["shopId", "variantId", "locationId", "weekStart", "mean", "p10", "p90", "planRunId", "recordedAt"];

export async function upsertForecastSnapshots(client: pg.PoolClient, shopId: number, runId: number, rows: readonly SnapshotRow[]): Promise<void> {
  if (rows.length === 0) return;
  const now = new Date();
  await copyIntoStaging(client, "ForecastSnapshot", "stage_snapshots", COLUMNS, rows.map((r) => [shopId, r.variantId, r.locationId, r.weekStart, r.mean, r.p10, r.p90, runId, now]));
  await client.query(
    `INSERT INTO "ForecastSnapshot" SELECT * FROM stage_snapshots
     ON CONFLICT ("shopId", "variantId", "locationId", "weekStart") DO UPDATE
       SET "mean" = EXCLUDED."mean", "p10" = EXCLUDED."p10", "p90" = EXCLUDED."p90", "planRunId" = EXCLUDED."planRunId", "recordedAt" = EXCLUDED."recordedAt"`,
  );
  await client.query(`TRUNCATE stage_snapshots`);
}
