/** Single-record writes webhooks need beyond the shared upserts. All scoped by shopId. */
import type pg from "pg";
import prisma from "~/db.server";
import { lockShopDemand } from "./demand.server";
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

/** Marks variants of a product that an update no longer lists as deleted. */
export async function markMissingVariantsDeleted(client: pg.PoolClient, shopId: number, productId: bigint, keep: readonly bigint[]): Promise<void> {
  await client.query(
    `UPDATE "Variant" SET "deletedAt" = now(), "syncedAt" = now()
     WHERE "shopId" = $1 AND "productId" = $2 AND "deletedAt" IS NULL AND NOT ("id" = ANY($3::bigint[]))`,
    [shopId, String(productId), keep.map(String)],
  );
}

export async function markProductDeleted(client: pg.PoolClient, shopId: number, productId: bigint): Promise<void> {
  await client.query(`UPDATE "Product" SET "deletedAt" = now(), "syncedAt" = now() WHERE "shopId" = $1 AND "id" = $2`, [shopId, String(productId)]);
  await client.query(`UPDATE "Variant" SET "deletedAt" = now(), "syncedAt" = now() WHERE "shopId" = $1 AND "productId" = $2 AND "deletedAt" IS NULL`, [
    shopId,
    String(productId),
  ]);
}

export async function markInventoryItemDeleted(client: pg.PoolClient, shopId: number, inventoryItemId: bigint): Promise<void> {
  await client.query(`UPDATE "Variant" SET "deletedAt" = now(), "syncedAt" = now() WHERE "shopId" = $1 AND "inventoryItemId" = $2 AND "deletedAt" IS NULL`, [
    shopId,
    String(inventoryItemId),
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

export async function removeInventoryLevel(client: pg.PoolClient, shopId: number, inventoryItemId: bigint, locationId: bigint): Promise<void> {
  await client.query(`DELETE FROM "InventoryLevel" WHERE "shopId" = $1 AND "inventoryItemId" = $2 AND "locationId" = $3`, [
    shopId,
    String(inventoryItemId),
    String(locationId),
  ]);
}

/** Location webhooks: newer versions only; fulfillsOnlineOrders kept when the body does not say. */
export async function upsertLocationFromWebhook(
  shopId: number,
  location: Omit<LocationRecord, "fulfillsOnlineOrders"> & { fulfillsOnlineOrders?: boolean },
): Promise<void> {
  const existing = await prisma.location.findUnique({ where: { shopId_id: { shopId, id: location.id } } });
  if (existing?.shopifyUpdatedAt && location.updatedAt && existing.shopifyUpdatedAt > location.updatedAt) return;
  const data = {
    name: location.name,
    isActive: location.isActive,
    shopifyUpdatedAt: location.updatedAt,
    deletedAt: null,
    ...(location.fulfillsOnlineOrders === undefined ? {} : { fulfillsOnlineOrders: location.fulfillsOnlineOrders }),
  };
  await prisma.location.upsert({ where: { shopId_id: { shopId, id: location.id } }, create: { shopId, id: location.id, ...data }, update: data });
}

export async function markLocationDeleted(shopId: number, locationId: bigint): Promise<void> {
  await prisma.location.updateMany({ where: { shopId, id: locationId }, data: { deletedAt: new Date(), isActive: false } });
}
