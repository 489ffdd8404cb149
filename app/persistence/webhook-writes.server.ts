/**
 * Single-record writes webhooks need beyond the shared upserts. All scoped by shopId.
 * Deletes are tombstones: they move shopifyUpdatedAt to the delete's time, so the
 * shared upserts' newer-only guard keeps a late, older update from clearing deletedAt.
 */
import type pg from "pg";
import { collectDemandKeys, lockShopDemand, rebuildCollectedDemand } from "./demand.server";
import type { LocationRecord } from "~/shopify/sync-records";

/**
 * Adds a refund's units to its lines unless the stored order already includes it
 * (stored updatedAt at or after the refund), then moves the order's watermark to the
 * refund so a later, older orders/updated cannot undo it. True when applied.
 */
export async function applyRefundLines(
  client: pg.PoolClient,
  shopId: number,
  refund: { orderId: bigint; createdAt: Date; lines: { lineItemId: bigint; quantity: number }[] },
): Promise<boolean> {
  await lockShopDemand(client, shopId);
  const claimed = await client.query(
    `UPDATE "Order" SET "shopifyUpdatedAt" = $3, "syncedAt" = now()
     WHERE "shopId" = $1 AND "id" = $2 AND "shopifyUpdatedAt" < $3`,
    [shopId, String(refund.orderId), refund.createdAt.toISOString()],
  );
  if ((claimed.rowCount ?? 0) === 0) return false;
  for (const line of refund.lines) {
    await client.query(
      `UPDATE "OrderLine" SET
         "refundedQuantity" = LEAST("quantity", "refundedQuantity" + $4),
         "removedQuantity" = GREATEST(0, "removedQuantity" - GREATEST(0, "refundedQuantity" + $4 - "quantity"))
       WHERE "shopId" = $1 AND "orderId" = $2 AND "id" = $3`,
      [shopId, String(refund.orderId), String(line.lineItemId), line.quantity],
    );
  }
  return true;
}

/**
 * Marks variants of a product that an update no longer lists as deleted, as of that
 * update's version (so an older product update cannot bring them back).
 */
export async function markMissingVariantsDeleted(
  client: pg.PoolClient,
  shopId: number,
  productId: bigint,
  keep: readonly bigint[],
  version: Date,
): Promise<void> {
  await client.query(
    `UPDATE "Variant" SET "deletedAt" = $4, "shopifyUpdatedAt" = GREATEST("shopifyUpdatedAt", $4), "syncedAt" = now()
     WHERE "shopId" = $1 AND "productId" = $2 AND "deletedAt" IS NULL AND NOT ("id" = ANY($3::bigint[]))`,
    [shopId, String(productId), keep.map(String), version.toISOString()],
  );
}

const TOMBSTONE = `"deletedAt" = COALESCE("deletedAt", $3), "shopifyUpdatedAt" = GREATEST("shopifyUpdatedAt", $3), "syncedAt" = now()`;

export async function markProductDeleted(client: pg.PoolClient, shopId: number, productId: bigint, deletedAt: Date): Promise<void> {
  const params = [shopId, String(productId), deletedAt.toISOString()];
  await client.query(`UPDATE "Product" SET ${TOMBSTONE} WHERE "shopId" = $1 AND "id" = $2`, params);
  await client.query(`UPDATE "Variant" SET ${TOMBSTONE} WHERE "shopId" = $1 AND "productId" = $2`, params);
}

export async function markInventoryItemDeleted(client: pg.PoolClient, shopId: number, inventoryItemId: bigint, deletedAt: Date): Promise<void> {
  await client.query(`UPDATE "Variant" SET ${TOMBSTONE} WHERE "shopId" = $1 AND "inventoryItemId" = $2`, [
    shopId,
    String(inventoryItemId),
    deletedAt.toISOString(),
  ]);
}

export async function updateInventoryItemCost(
  client: pg.PoolClient,
  shopId: number,
  item: { inventoryItemId: bigint; unitCost: string | null; tracked: boolean },
): Promise<void> {
  await client.query(`UPDATE "Variant" SET "unitCost" = $3, "tracked" = $4, "syncedAt" = now() WHERE "shopId" = $1 AND "inventoryItemId" = $2`, [
    shopId,
    String(item.inventoryItemId),
    item.unitCost,
    item.tracked,
  ]);
}

/**
 * Disconnects a level unless the stored one is newer (a reconnect delivered first).
 * InventoryLevel has no deletedAt, so a late, older levels/update can still re-create
 * a disconnected level; that needs a schema change.
 */
export async function removeInventoryLevel(
  client: pg.PoolClient,
  shopId: number,
  level: { inventoryItemId: bigint; locationId: bigint },
  disconnectedAt: Date,
): Promise<void> {
  await client.query(
    `DELETE FROM "InventoryLevel" WHERE "shopId" = $1 AND "inventoryItemId" = $2 AND "locationId" = $3
       AND ("shopifyUpdatedAt" IS NULL OR "shopifyUpdatedAt" <= $4)`,
    [shopId, String(level.inventoryItemId), String(level.locationId), disconnectedAt.toISOString()],
  );
}

/**
 * Location webhooks: one guarded upsert, newer versions only (a delete's tombstone
 * included); fulfillsOnlineOrders kept when the body does not say.
 */
export async function upsertLocationFromWebhook(
  client: pg.PoolClient,
  shopId: number,
  location: Omit<LocationRecord, "fulfillsOnlineOrders"> & { fulfillsOnlineOrders?: boolean },
): Promise<void> {
  const fulfils = location.fulfillsOnlineOrders;
  await client.query(
    `INSERT INTO "Location" ("shopId", "id", "name", "isActive", "fulfillsOnlineOrders", "shopifyUpdatedAt", "deletedAt", "syncedAt")
     VALUES ($1, $2, $3, $4, COALESCE($5::boolean, true), $6, NULL, now())
     ON CONFLICT ("shopId", "id") DO UPDATE SET
       "name" = EXCLUDED."name", "isActive" = EXCLUDED."isActive",
       "fulfillsOnlineOrders" = COALESCE($5::boolean, "Location"."fulfillsOnlineOrders"),
       "shopifyUpdatedAt" = EXCLUDED."shopifyUpdatedAt", "deletedAt" = NULL, "syncedAt" = now()
     WHERE "Location"."shopifyUpdatedAt" IS NULL OR EXCLUDED."shopifyUpdatedAt" IS NULL OR "Location"."shopifyUpdatedAt" <= EXCLUDED."shopifyUpdatedAt"`,
    [shopId, String(location.id), location.name, location.isActive, fulfils ?? null, location.updatedAt?.toISOString() ?? null],
  );
}

export async function markLocationDeleted(client: pg.PoolClient, shopId: number, locationId: bigint, deletedAt: Date): Promise<void> {
  await client.query(`UPDATE "Location" SET ${TOMBSTONE}, "isActive" = false WHERE "shopId" = $1 AND "id" = $2`, [
    shopId,
    String(locationId),
    deletedAt.toISOString(),
  ]);
}

/** orders/delete: the order and its lines go, and the demand days they fed are recomputed. */
export async function deleteOrder(client: pg.PoolClient, shopId: number, timezone: string, orderId: bigint): Promise<void> {
  await collectDemandKeys(client, shopId, timezone, [orderId]);
  await client.query(`DELETE FROM "OrderLine" WHERE "shopId" = $1 AND "orderId" = $2`, [shopId, String(orderId)]);
  await client.query(`DELETE FROM "Order" WHERE "shopId" = $1 AND "id" = $2`, [shopId, String(orderId)]);
  await rebuildCollectedDemand(client, shopId, timezone);
}
