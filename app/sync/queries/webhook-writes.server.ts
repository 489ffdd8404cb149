/**
 * Single-record writes webhooks need beyond the shared upserts. All scoped by shopId.
 * Deletes are tombstones: they move shopifyUpdatedAt to the delete's time, so the
 * shared upserts' newer-only guard keeps a late, older update from clearing deletedAt.
 */
import type pg from "pg";
import { lockShopDemand } from "~/platform/locks.server";
import type { StockObservation } from "./sync-writes.server";
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
 * Disconnects a level unless the stored one is newer (a reconnect delivered first),
 * and keeps the disconnect's time as a tombstone: a late, older levels/update or
 * connect is then ignored instead of bringing the level back.
 */
export async function removeInventoryLevel(
  client: pg.PoolClient,
  shopId: number,
  level: { inventoryItemId: bigint; locationId: bigint },
  disconnectedAt: Date,
): Promise<void> {
  const params = [shopId, String(level.inventoryItemId), String(level.locationId), disconnectedAt.toISOString()];
  await client.query(
    `DELETE FROM "InventoryLevel" WHERE "shopId" = $1 AND "inventoryItemId" = $2 AND "locationId" = $3
       AND ("shopifyUpdatedAt" IS NULL OR "shopifyUpdatedAt" <= $4)`,
    params,
  );
  await client.query(
    `INSERT INTO "InventoryLevelTombstone" ("shopId", "inventoryItemId", "locationId", "disconnectedAt") VALUES ($1, $2, $3, $4)
     ON CONFLICT ("shopId", "inventoryItemId", "locationId") DO UPDATE
       SET "disconnectedAt" = GREATEST("InventoryLevelTombstone"."disconnectedAt", EXCLUDED."disconnectedAt")`,
    params,
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

/**
 * orders/delete: the lines go (the caller recomputes the demand days they fed) and the
 * order stays as a tombstone as of the delete, so a late, older orders/updated is
 * refused instead of bringing it back. A delete that arrives before its order leaves the tombstone alone.
 */
export async function deleteOrder(client: pg.PoolClient, shopId: number, orderId: bigint, deletedAt: Date): Promise<void> {
  await client.query(`DELETE FROM "OrderLine" WHERE "shopId" = $1 AND "orderId" = $2`, [shopId, String(orderId)]);
  await client.query(
    `INSERT INTO "Order" ("shopId", "id", "name", "processedAt", "shopifyCreatedAt", "shopifyUpdatedAt", "deletedAt", "syncedAt")
     VALUES ($1, $2, '', $3, $3, $3, $3, now())
     ON CONFLICT ("shopId", "id") DO UPDATE SET
       "deletedAt" = COALESCE("Order"."deletedAt", EXCLUDED."deletedAt"),
       "shopifyUpdatedAt" = GREATEST("Order"."shopifyUpdatedAt", EXCLUDED."shopifyUpdatedAt"), "syncedAt" = now()`,
    [shopId, String(orderId), deletedAt.toISOString()],
  );
}

/** A stock level as a webhook reports it: the figure and its version. */
export interface LevelVersion {
  inventoryItemId: bigint;
  locationId: bigint;
  available: number;
  version: Date | null;
}

const keyArrays = (levels: readonly { inventoryItemId: bigint; locationId: bigint }[]) => [
  levels.map((l) => String(l.inventoryItemId)),
  levels.map((l) => String(l.locationId)),
];

/**
 * The stored figure and version of each level asked for, keyed "item@location"; a
 * disconnected one appears as gone, with the disconnect as its version.
 */
export async function storedLevelVersions(
  client: pg.PoolClient,
  shopId: number,
  keys: readonly { inventoryItemId: bigint; locationId: bigint }[],
): Promise<Map<string, { available: number; version: Date | null; gone?: boolean }>> {
  if (keys.length === 0) return new Map();
  const result = await client.query<{ item: string; location: string; available: number; version: Date | null; gone: boolean }>(
    `SELECT k.item, k.location, l."available", COALESCE(l."shopifyUpdatedAt", t."disconnectedAt") AS version, l."shopId" IS NULL AS gone
     FROM unnest($2::bigint[], $3::bigint[]) AS k(item, location)
     LEFT JOIN "InventoryLevel" l ON l."shopId" = $1 AND l."inventoryItemId" = k.item AND l."locationId" = k.location
     LEFT JOIN "InventoryLevelTombstone" t ON t."shopId" = $1 AND t."inventoryItemId" = k.item AND t."locationId" = k.location
     WHERE l."shopId" IS NOT NULL OR t."shopId" IS NOT NULL`,
    [shopId, ...keyArrays(keys)],
  );
  return new Map(
    result.rows.map((r) => [`${r.item}@${r.location}`, { available: r.available ?? 0, version: r.version, ...(r.gone ? { gone: true } : {}) }]),
  );
}

/**
 * Writes stock deliveries settled together: their observations into the history, in
 * order (on-hand unknown: webhooks only report available), then each level's final
 * figure, newer versions only, keeping the on-hand, committed and incoming figures
 * only the backfill knows. Returns the observations as recorded.
 */
export async function writeWebhookLevels(
  client: pg.PoolClient,
  shopId: number,
  finals: readonly LevelVersion[],
  observations: readonly LevelVersion[],
): Promise<StockObservation[]> {
  const versions = (levels: readonly LevelVersion[]) => levels.map((l) => l.version?.toISOString() ?? null);
  const recorded =
    observations.length === 0
      ? []
      : (
          await client.query<{ inventoryItemId: string; locationId: string; available: number; observedMs: string }>(
            `INSERT INTO "InventoryLevelChange" ("shopId", "inventoryItemId", "locationId", "available", "onHand", "observedAt", "source")
             SELECT $1, o.item, o.location, o.available, NULL, COALESCE(o.version, now()), 'WEBHOOK'
             FROM unnest($2::bigint[], $3::bigint[], $4::int[], $5::timestamptz[]) WITH ORDINALITY AS o(item, location, available, version, n)
             ORDER BY o.n
             RETURNING "inventoryItemId", "locationId", "available", (extract(epoch FROM "observedAt") * 1000)::bigint AS "observedMs"`,
            [shopId, ...keyArrays(observations), observations.map((o) => o.available), versions(observations)],
          )
        ).rows;
  if (finals.length > 0) {
    // The caller settled them against the tombstones; a tombstone newer than the level would have kept it out.
    await client.query(
      `DELETE FROM "InventoryLevelTombstone" t USING unnest($2::bigint[], $3::bigint[]) AS f(item, location)
       WHERE t."shopId" = $1 AND t."inventoryItemId" = f.item AND t."locationId" = f.location`,
      [shopId, ...keyArrays(finals)],
    );
    await client.query(
      `INSERT INTO "InventoryLevel" ("shopId", "inventoryItemId", "locationId", "variantId", "available", "onHand", "committed", "incoming", "shopifyUpdatedAt", "updatedAt")
       SELECT $1, f.item, f.location, NULL, f.available, 0, 0, 0, f.version, now()
       FROM unnest($2::bigint[], $3::bigint[], $4::int[], $5::timestamptz[]) AS f(item, location, available, version)
       ON CONFLICT ("shopId", "inventoryItemId", "locationId") DO UPDATE SET
         "available" = EXCLUDED."available", "shopifyUpdatedAt" = EXCLUDED."shopifyUpdatedAt", "updatedAt" = EXCLUDED."updatedAt"
       WHERE "InventoryLevel"."shopifyUpdatedAt" IS NULL OR EXCLUDED."shopifyUpdatedAt" IS NULL
          OR "InventoryLevel"."shopifyUpdatedAt" <= EXCLUDED."shopifyUpdatedAt"`,
      [shopId, ...keyArrays(finals), finals.map((f) => f.available), versions(finals)],
    );
  }
  return recorded.map((r) => ({
    inventoryItemId: BigInt(r.inventoryItemId),
    locationId: BigInt(r.locationId),
    available: r.available,
    observedAt: new Date(Number(r.observedMs)),
  }));
}

/** The variants of the given inventory items. */
export async function variantsOfInventoryItems(client: pg.PoolClient, shopId: number, inventoryItemIds: readonly bigint[]): Promise<bigint[]> {
  if (inventoryItemIds.length === 0) return [];
  const result = await client.query<{ id: string }>(`SELECT "id" FROM "Variant" WHERE "shopId" = $1 AND "inventoryItemId" = ANY($2::bigint[])`, [
    shopId,
    inventoryItemIds.map(String),
  ]);
  return result.rows.map((r) => BigInt(r.id));
}
