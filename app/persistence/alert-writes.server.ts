/**
 * The engine's side of Alert: open alerts of the pairs a run planned, and the run's opens,
 * refreshes and resolutions, inside the run's commit transaction. Scoped by shopId.
 */
import type pg from "pg";
import { pgPool } from "./pg-pool.server";
import type { AlertChanges, OpenAlert } from "~/plan/alert-refresh";

export async function loadOpenAlerts(client: pg.PoolClient, shopId: number, variantIds?: readonly string[]): Promise<OpenAlert[]> {
  const result = await client.query<OpenAlert>(
    `SELECT "id", "variantId"::text AS "variantId", "locationId"::text AS "locationId", "kind" FROM "Alert"
     WHERE "shopId" = $1 AND "status" = 'OPEN' AND ($2::bigint[] IS NULL OR "variantId" = ANY($2::bigint[]))`,
    [shopId, variantIds ? [...variantIds] : null],
  );
  return result.rows;
}

/** Applies a run's alert changes; returns the ids of the alerts it opened, in candidate order. */
export async function applyAlertChanges(client: pg.PoolClient, shopId: number, changes: AlertChanges): Promise<{ opened: { id: number; kind: string; variantId: string; locationId: string }[]; refreshed: number; resolved: number }> {
  const opened: { id: number; kind: string; variantId: string; locationId: string }[] = [];
  for (const candidate of changes.open) {
    const result = await client.query<{ id: number }>(
      `INSERT INTO "Alert" ("shopId", "variantId", "locationId", "kind", "severity", "reason", "facts", "valueAtRisk")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT ("shopId", "variantId", "locationId", "kind") WHERE "status" = 'OPEN' DO UPDATE SET "lastSeenAt" = now()
       RETURNING "id"`,
      [shopId, candidate.variantId, candidate.locationId, candidate.kind, candidate.severity, candidate.reason, JSON.stringify(candidate.facts), candidate.valueAtRisk],
    );
    const id = result.rows[0]?.id;
    if (id !== undefined) opened.push({ id, kind: candidate.kind, variantId: candidate.variantId, locationId: candidate.locationId });
  }
  for (const { id, candidate } of changes.refresh) {
    await client.query(
      `UPDATE "Alert" SET "severity" = $3, "reason" = $4, "facts" = $5, "valueAtRisk" = $6, "lastSeenAt" = now() WHERE "shopId" = $1 AND "id" = $2`,
      [shopId, id, candidate.severity, candidate.reason, JSON.stringify(candidate.facts), candidate.valueAtRisk],
    );
  }
  if (changes.resolve.length > 0) {
    await client.query(`UPDATE "Alert" SET "status" = 'RESOLVED', "resolvedAt" = now() WHERE "shopId" = $1 AND "id" = ANY($2::int[]) AND "status" = 'OPEN'`, [
      shopId,
      changes.resolve,
    ]);
  }
  return { opened, refreshed: changes.refresh.length, resolved: changes.resolve.length };
}

export async function markFlowTriggered(shopId: number, alertIds: readonly number[], client: pg.Pool | pg.PoolClient): Promise<void> {
  if (alertIds.length === 0) return;
  await client.query(`UPDATE "Alert" SET "flowTriggeredAt" = now() WHERE "shopId" = $1 AND "id" = ANY($2::int[])`, [shopId, [...alertIds]]);
}

export interface AlertNotification {
  id: number;
  variantId: string;
  productId: string;
  productTitle: string;
  variantTitle: string;
  sku: string | null;
  locationName: string;
  severity: string;
  reason: string;
  stockoutDate: string;
  weeksOfSupply: number | null;
}

/** What a Flow trigger carries for each of these stockout alerts (not yet sent). */
export async function loadAlertNotifications(shopId: number, alertIds: readonly number[]): Promise<AlertNotification[]> {
  const result = await pgPool().query<AlertNotification>(
    `SELECT a."id", a."variantId"::text AS "variantId", v."productId"::text AS "productId", COALESCE(p."title", '') AS "productTitle", v."title" AS "variantTitle",
            v."sku", COALESCE(l."name", '') AS "locationName", a."severity", a."reason", a."facts"->>'stockoutDate' AS "stockoutDate",
            sp."weeksOfSupply"
     FROM "Alert" a
     JOIN "Variant" v ON v."shopId" = a."shopId" AND v."id" = a."variantId"
     LEFT JOIN "Product" p ON p."shopId" = v."shopId" AND p."id" = v."productId"
     LEFT JOIN "Location" l ON l."shopId" = a."shopId" AND l."id" = a."locationId"
     LEFT JOIN "Shop" s ON s."id" = a."shopId"
     LEFT JOIN "StockPlan" sp ON sp."shopId" = a."shopId" AND sp."planRunId" = s."activePlanRunId" AND sp."variantId" = a."variantId" AND sp."locationId" = a."locationId"
     WHERE a."shopId" = $1 AND a."id" = ANY($2::int[]) AND a."flowTriggeredAt" IS NULL AND a."facts"->>'stockoutDate' IS NOT NULL
     ORDER BY a."id"`,
    [shopId, [...alertIds]],
  );
  return result.rows;
}
