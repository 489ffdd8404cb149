/**
 * Shopify collections and which products they hold, scoped by shop. Collection.productIds is
 * the one record of membership; Product.collections (the titles the board groups by) is derived
 * from it whenever a membership or a title changes. Writes take the caller's transaction client.
 */
import type pg from "pg";
import prisma from "~/platform/db.server";
import type { CollectionMembershipRecord, CollectionRecord } from "~/shopify/sync-records";
import { copyIntoStaging } from "~/platform/copy-upsert.server";

/**
 * Upserts title and handle, newer versions only, and refreshes the titles its members carry.
 * A collection deleted after this version stays deleted; a newer one brings it back.
 * Returns the ids written.
 */
export async function upsertCollections(client: pg.PoolClient, shopId: number, rows: readonly CollectionRecord[]): Promise<bigint[]> {
  const ids = await writeCollectionRows(client, shopId, rows);
  await refreshCollectionTitlesOfMembers(client, shopId, ids);
  return ids;
}

async function writeCollectionRows(client: pg.PoolClient, shopId: number, rows: readonly CollectionRecord[]): Promise<bigint[]> {
  if (rows.length === 0) return [];
  await copyIntoStaging(
    client,
    "Collection",
    "stage_collections",
    ["shopId", "id", "title", "handle", "shopifyUpdatedAt"],
    rows.map((c) => [shopId, c.id, c.title, c.handle, c.updatedAt]),
  );
  const written = await client.query<{ id: string }>(
    `INSERT INTO "Collection" ("shopId", "id", "title", "handle", "productIds", "shopifyUpdatedAt")
     SELECT DISTINCT ON ("id") "shopId", "id", "title", "handle", '{}', "shopifyUpdatedAt" FROM stage_collections
     ORDER BY "id", "shopifyUpdatedAt" DESC NULLS LAST
     ON CONFLICT ("shopId", "id") DO UPDATE SET "title" = EXCLUDED."title", "handle" = EXCLUDED."handle",
       "shopifyUpdatedAt" = EXCLUDED."shopifyUpdatedAt", "syncedAt" = now(),
       "deletedAt" = CASE WHEN "Collection"."deletedAt" IS NOT NULL AND (EXCLUDED."shopifyUpdatedAt" IS NULL OR EXCLUDED."shopifyUpdatedAt" <= "Collection"."deletedAt")
                          THEN "Collection"."deletedAt" END
     WHERE "Collection"."shopifyUpdatedAt" IS NULL OR EXCLUDED."shopifyUpdatedAt" IS NULL OR "Collection"."shopifyUpdatedAt" <= EXCLUDED."shopifyUpdatedAt"
     RETURNING "id"`,
  );
  await client.query("TRUNCATE stage_collections");
  return written.rows.map((r) => BigInt(r.id));
}

/**
 * One catalogue batch's memberships. The batch's products (their product lines) are taken out
 * of every collection, then every membership line is put in, so a product that left a
 * collection leaves it here too. Children come after their parent in Shopify's export, so a
 * membership line in a later batch is only ever added after its product's batch cleared it.
 */
export async function applyProductMemberships(
  client: pg.PoolClient,
  shopId: number,
  productsInBatch: readonly bigint[],
  memberships: readonly CollectionMembershipRecord[],
): Promise<void> {
  if (productsInBatch.length === 0 && memberships.length === 0) return;
  const collectionIds = [...new Set(memberships.map((m) => m.collection.id))];
  // Concurrent batches touch the same few collections: locking them in id order means they
  // wait for each other instead of deadlocking (and the caller takes its turn first).
  await client.query(
    `SELECT 1 FROM "Collection" WHERE "shopId" = $1 AND ("productIds" && $2::bigint[] OR "id" = ANY($3::bigint[])) ORDER BY "id" FOR UPDATE`,
    [shopId, productsInBatch, collectionIds],
  );
  // Every product of a renamed collection has its own membership line, so refreshing the
  // batch's products below is enough (and touching other batches' products could deadlock).
  await writeCollectionRows(client, shopId, [...new Map(memberships.map((m) => [m.collection.id, m.collection])).values()]);
  await client.query(
    `WITH pairs AS (SELECT * FROM unnest($3::bigint[], $4::bigint[]) AS p("productId", "collectionId"))
     UPDATE "Collection" c SET "productIds" = ARRAY(
         SELECT DISTINCT m FROM (
           SELECT unnest(c."productIds") AS m EXCEPT SELECT unnest($2::bigint[])
           UNION SELECT p."productId" FROM pairs p WHERE p."collectionId" = c."id") kept
         ORDER BY m),
       "syncedAt" = now()
     WHERE c."shopId" = $1 AND (c."productIds" && $2::bigint[] OR c."id" IN (SELECT "collectionId" FROM pairs))`,
    [shopId, productsInBatch, memberships.map((m) => m.productId), memberships.map((m) => m.collection.id)],
  );
  await refreshProductCollectionTitles(client, shopId, [...new Set([...productsInBatch, ...memberships.map((m) => m.productId)])]);
}

/** A collection's members as Shopify lists them now (collections/update does not carry them). */
export async function replaceCollectionMembers(client: pg.PoolClient, shopId: number, collectionId: bigint, productIds: readonly bigint[]): Promise<boolean> {
  const previous = await client.query<{ productIds: string[] }>(
    `SELECT "productIds" FROM "Collection" WHERE "shopId" = $1 AND "id" = $2 FOR UPDATE`,
    [shopId, collectionId],
  );
  const row = previous.rows[0];
  if (!row) return false;
  const members = [...new Set(productIds)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  await client.query(`UPDATE "Collection" SET "productIds" = $3::bigint[], "syncedAt" = now() WHERE "shopId" = $1 AND "id" = $2`, [shopId, collectionId, members]);
  await refreshProductCollectionTitles(client, shopId, [...new Set([...row.productIds.map((id) => BigInt(id)), ...members])]);
  return true;
}

/** collections/delete: a tombstone, so a late, older collections/update does not bring it back. */
export async function markCollectionDeleted(client: pg.PoolClient, shopId: number, collectionId: bigint, deletedAt: Date): Promise<void> {
  await client.query(
    `UPDATE "Collection" SET "deletedAt" = $3, "shopifyUpdatedAt" = GREATEST("shopifyUpdatedAt", $3), "syncedAt" = now()
     WHERE "shopId" = $1 AND "id" = $2 AND ("deletedAt" IS NULL OR "deletedAt" < $3)`,
    [shopId, collectionId, deletedAt.toISOString()],
  );
  await refreshCollectionTitlesOfMembers(client, shopId, [collectionId]);
}

/** Collections a full read of Shopify's list no longer found were deleted while the webhook went missing. */
export async function markUnseenCollectionsDeleted(client: pg.PoolClient, shopId: number, seenIds: readonly bigint[], readStartedAt: Date): Promise<number> {
  const gone = await client.query<{ id: string }>(
    `UPDATE "Collection" SET "deletedAt" = $3, "shopifyUpdatedAt" = GREATEST("shopifyUpdatedAt", $3)
     WHERE "shopId" = $1 AND "deletedAt" IS NULL AND NOT ("id" = ANY($2::bigint[])) RETURNING "id"`,
    [shopId, seenIds, readStartedAt.toISOString()],
  );
  await refreshCollectionTitlesOfMembers(client, shopId, gone.rows.map((r) => BigInt(r.id)));
  return gone.rowCount ?? 0;
}

async function refreshCollectionTitlesOfMembers(client: pg.PoolClient, shopId: number, collectionIds: readonly bigint[]): Promise<void> {
  if (collectionIds.length === 0) return;
  const members = await client.query<{ productId: string }>(
    `SELECT DISTINCT unnest("productIds") AS "productId" FROM "Collection" WHERE "shopId" = $1 AND "id" = ANY($2::bigint[])`,
    [shopId, collectionIds],
  );
  await refreshProductCollectionTitles(client, shopId, members.rows.map((r) => BigInt(r.productId)));
}

/** Product.collections: the titles of the live collections holding each product, sorted. */
export async function refreshProductCollectionTitles(client: pg.PoolClient, shopId: number, productIds: readonly bigint[]): Promise<void> {
  if (productIds.length === 0) return;
  await client.query(
    `UPDATE "Product" p SET "collections" = ARRAY(
         SELECT c."title" FROM "Collection" c
         WHERE c."shopId" = p."shopId" AND c."deletedAt" IS NULL AND p."id" = ANY(c."productIds")
         ORDER BY c."title", c."id")
     WHERE p."shopId" = $1 AND p."id" = ANY($2::bigint[])`,
    [shopId, productIds],
  );
}

export interface CollectionSummary {
  id: bigint;
  title: string;
  handle: string | null;
  /** Member products Tempo holds that are not deleted. */
  productCount: number;
}

/** The shop's collections by title, each with how many of its products are live: what marketing picks from. */
export async function listCollections(shopId: number): Promise<CollectionSummary[]> {
  const rows = await prisma.$queryRaw<{ id: bigint; title: string; handle: string | null; productCount: bigint }[]>`
    SELECT c."id", c."title", c."handle",
      (SELECT count(*) FROM "Product" p WHERE p."shopId" = c."shopId" AND p."deletedAt" IS NULL AND p."id" = ANY(c."productIds")) AS "productCount"
    FROM "Collection" c
    WHERE c."shopId" = ${shopId} AND c."deletedAt" IS NULL
    ORDER BY c."title", c."id"`;
  return rows.map((r) => ({ id: r.id, title: r.title, handle: r.handle, productCount: Number(r.productCount) }));
}
