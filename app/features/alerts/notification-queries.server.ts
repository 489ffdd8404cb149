/** What a Flow trigger carries for each newly opened alert, and the mark that it was sent. Scoped by shopId. */
import type pg from "pg";
import { pgPool } from "~/platform/pg-pool.server";

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
