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

/** Applies a run's alert changes in three set-based statements; returns the alerts it opened. */
export async function applyAlertChanges(client: pg.PoolClient, shopId: number, changes: AlertChanges): Promise<{ opened: { id: number; kind: string; variantId: string; locationId: string }[]; refreshed: number; resolved: number }> {
  let opened: { id: number; kind: string; variantId: string; locationId: string }[] = [];
  if (changes.open.length > 0) {
    const c = changes.open;
    const result = await client.query<{ id: number; kind: string; variantId: string; locationId: string }>(
      `INSERT INTO "Alert" ("shopId", "variantId", "locationId", "kind", "severity", "reason", "facts", "valueAtRisk")
       SELECT $1, v, l, k::"AlertKind", s::"AlertSeverity", r, f::jsonb, x
       FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[]) AS t(v, l, k, s, r, f, x)
       ON CONFLICT ("shopId", "variantId", "locationId", "kind") WHERE "status" = 'OPEN' DO UPDATE SET "lastSeenAt" = now()
       RETURNING "id", "kind"::text AS "kind", "variantId"::text AS "variantId", "locationId"::text AS "locationId"`,
      [shopId, c.map((a) => a.variantId), c.map((a) => a.locationId), c.map((a) => a.kind), c.map((a) => a.severity), c.map((a) => a.reason), c.map((a) => JSON.stringify(a.facts)), c.map((a) => a.valueAtRisk)],
    );
    opened = result.rows;
  }
  if (changes.refresh.length > 0) {
    const r = changes.refresh;
    await client.query(
      `UPDATE "Alert" a SET "severity" = t.s::"AlertSeverity", "reason" = t.r, "facts" = t.f::jsonb, "valueAtRisk" = t.x, "lastSeenAt" = now()
       FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::numeric[]) AS t(id, s, r, f, x)
       WHERE a."shopId" = $1 AND a."id" = t.id`,
      [shopId, r.map((x) => x.id), r.map((x) => x.candidate.severity), r.map((x) => x.candidate.reason), r.map((x) => JSON.stringify(x.candidate.facts)), r.map((x) => x.candidate.valueAtRisk)],
    );
  }
  if (changes.resolve.length > 0) {
    await client.query(`UPDATE "Alert" SET "status" = 'RESOLVED', "resolvedAt" = now() WHERE "shopId" = $1 AND "id" = ANY($2::int[]) AND "status" = 'OPEN'`, [shopId, changes.resolve]);
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
