/** What a Flow trigger carries for each newly opened alert, and the mark that Flow accepted it. Scoped by shopId. */
import type pg from "pg";
import type { AlertKind, AlertSeverity } from "~/engine/alerts/kinds";
import { pgPool } from "~/platform/pg-pool.server";

export async function markFlowTriggered(shopId: number, alertIds: readonly number[], client: pg.Pool | pg.PoolClient): Promise<void> {
  if (alertIds.length === 0) return;
  await client.query(`UPDATE "Alert" SET "flowTriggeredAt" = now() WHERE "shopId" = $1 AND "id" = ANY($2::int[])`, [shopId, [...alertIds]]);
}

export interface AlertNotification {
  id: number;
  kind: AlertKind;
  severity: AlertSeverity;
  reason: string;
  /** The kind's own numbers, as evaluated (stockout date, promotion and cap...). */
  facts: Record<string, unknown>;
  variantId: string;
  productId: string;
  productTitle: string;
  variantTitle: string;
  sku: string | null;
  /** Empty for an alert of every location. */
  locationName: string;
  promotionId: number | null;
  /** The active plan's, for a variant and location; null otherwise. */
  weeksOfSupply: number | null;
}

/** These alerts (open, not yet sent to Flow) with their variant's names. */
export async function loadAlertNotifications(shopId: number, alertIds: readonly number[]): Promise<AlertNotification[]> {
  const result = await pgPool().query<AlertNotification>(
    `SELECT a."id", a."kind", a."severity", a."reason", a."facts", a."variantId"::text AS "variantId", v."productId"::text AS "productId",
            COALESCE(p."title", '') AS "productTitle", v."title" AS "variantTitle", v."sku", COALESCE(l."name", '') AS "locationName", a."promotionId",
            sp."weeksOfSupply"
     FROM "Alert" a
     JOIN "Variant" v ON v."shopId" = a."shopId" AND v."id" = a."variantId"
     LEFT JOIN "Product" p ON p."shopId" = v."shopId" AND p."id" = v."productId"
     LEFT JOIN "Location" l ON l."shopId" = a."shopId" AND l."id" = a."locationId"
     LEFT JOIN "Shop" s ON s."id" = a."shopId"
     LEFT JOIN "StockPlan" sp ON sp."shopId" = a."shopId" AND sp."planRunId" = s."activePlanRunId" AND sp."variantId" = a."variantId" AND sp."locationId" = a."locationId"
     WHERE a."shopId" = $1 AND a."id" = ANY($2::int[]) AND a."status" = 'OPEN' AND a."flowTriggeredAt" IS NULL
     ORDER BY a."id"`,
    [shopId, [...alertIds]],
  );
  return result.rows;
}
