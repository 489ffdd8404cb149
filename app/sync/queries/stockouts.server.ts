/**
 * StockoutPeriod: intervals when available stock was zero, per variant and location.
 * HISTORY periods come from recorded level changes; INFERRED ones from a backfill.
 */
import type pg from "pg";
import { localDay } from "./demand.server";
import type { StockObservation } from "./sync-writes.server";

/**
 * Applies level observations in time order: zero or less opens a period (unless
 * one is open), a positive level closes the open one on that day.
 */
export async function applyStockObservations(
  client: pg.PoolClient,
  shopId: number,
  timezone: string,
  observations: readonly StockObservation[],
): Promise<void> {
  if (observations.length === 0) return;
  const ordered = [...observations].sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime());
  // Most observations move stock while in stock, or further down while out: nothing to open or close.
  const open = await levelsWithOpenStockout(client, shopId, ordered);
  for (const o of ordered) {
    const key = `${o.inventoryItemId}@${o.locationId}`;
    if ((o.available > 0) === !open.has(key)) continue;
    if (o.available <= 0) open.add(key);
    else open.delete(key);
    const params = [shopId, String(o.inventoryItemId), String(o.locationId), o.observedAt.toISOString(), timezone];
    const variant = `(SELECT v."id" FROM "Variant" v WHERE v."shopId" = $1 AND v."inventoryItemId" = $2::bigint)`;
    if (o.available <= 0) {
      await client.query(
        `INSERT INTO "StockoutPeriod" ("shopId", "variantId", "locationId", "startedOn", "endedOn", "source")
         SELECT $1, ${variant}, $3::bigint, ${localDay("$4::timestamp", "$5")}, NULL, 'HISTORY'
         WHERE ${variant} IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM "StockoutPeriod" p WHERE p."shopId" = $1 AND p."variantId" = ${variant} AND p."locationId" = $3::bigint AND p."endedOn" IS NULL)
         ON CONFLICT ("shopId", "variantId", "locationId", "startedOn") DO UPDATE SET "endedOn" = NULL`,
        params,
      );
    } else {
      await client.query(
        `UPDATE "StockoutPeriod" SET "endedOn" = GREATEST("startedOn", ${localDay("$4::timestamp", "$5")})
         WHERE "shopId" = $1 AND "variantId" = ${variant} AND "locationId" = $3::bigint AND "endedOn" IS NULL`,
        params,
      );
    }
  }
}

/** "item@location" of the given levels that are in an open stockout period now. */
async function levelsWithOpenStockout(client: pg.PoolClient, shopId: number, levels: readonly StockObservation[]): Promise<Set<string>> {
  const result = await client.query<{ item: string; location: string }>(
    `SELECT v."inventoryItemId" AS item, p."locationId" AS location
     FROM "StockoutPeriod" p JOIN "Variant" v ON v."shopId" = p."shopId" AND v."id" = p."variantId"
     WHERE p."shopId" = $1 AND p."endedOn" IS NULL AND v."inventoryItemId" = ANY($2::bigint[])`,
    [shopId, [...new Set(levels.map((l) => String(l.inventoryItemId)))]],
  );
  return new Set(result.rows.map((r) => `${r.item}@${r.location}`));
}

/**
 * After a backfill: every level at zero or below with no open period opens one,
 * starting the day after the last sale there (sales prove stock), else the day the
 * level last changed.
 */
export async function inferStockoutsFromLevels(client: pg.PoolClient, shopId: number, timezone: string): Promise<number> {
  const result = await client.query(
    `INSERT INTO "StockoutPeriod" ("shopId", "variantId", "locationId", "startedOn", "endedOn", "source")
     SELECT lv."shopId", v."id", lv."locationId",
       COALESCE(
         (SELECT MAX(d."day") + 1 FROM "DailyDemand" d WHERE d."shopId" = lv."shopId" AND d."variantId" = v."id" AND d."locationId" = lv."locationId"),
         ${localDay(`lv."shopifyUpdatedAt"`, "$2")},
         (now() AT TIME ZONE $2)::date),
       NULL, 'INFERRED'
     FROM "InventoryLevel" lv
     JOIN "Variant" v ON v."shopId" = lv."shopId" AND v."inventoryItemId" = lv."inventoryItemId"
     WHERE lv."shopId" = $1 AND lv."available" <= 0 AND v."deletedAt" IS NULL AND v."tracked"
       AND NOT EXISTS (SELECT 1 FROM "StockoutPeriod" p WHERE p."shopId" = lv."shopId" AND p."variantId" = v."id" AND p."locationId" = lv."locationId" AND p."endedOn" IS NULL)
     ON CONFLICT ("shopId", "variantId", "locationId", "startedOn") DO NOTHING`,
    [shopId, timezone],
  );
  return result.rowCount ?? 0;
}
