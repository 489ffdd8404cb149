/**
 * Variants whose stock, sales or terms changed since they were last planned. Marked
 * inside the change's own transaction, so a committed change is never left unplanned;
 * the incremental plan job drains them. All scoped by shopId.
 */
import type pg from "pg";
import type { Prisma } from "@prisma/client";
import prisma from "./db.server";

const UPSERT_DIRTY = `ON CONFLICT ("shopId", "variantId") DO UPDATE SET "requestedAt" = now()`;

export async function markVariantsDirty(client: pg.PoolClient, shopId: number, variantIds: readonly bigint[]): Promise<void> {
  if (variantIds.length === 0) return;
  await client.query(
    `INSERT INTO "PlanDirtyVariant" ("shopId", "variantId") SELECT $1, unnest($2::bigint[]) ${UPSERT_DIRTY}`,
    [shopId, variantIds.map(String)],
  );
}

/** The variants an order's lines sell (call before a delete, after an upsert). */
export async function markOrderVariantsDirty(client: pg.PoolClient, shopId: number, orderId: bigint): Promise<void> {
  await client.query(
    `INSERT INTO "PlanDirtyVariant" ("shopId", "variantId")
     SELECT DISTINCT $1::int, "variantId" FROM "OrderLine" WHERE "shopId" = $1 AND "orderId" = $2 AND "variantId" IS NOT NULL
     ${UPSERT_DIRTY}`,
    [shopId, String(orderId)],
  );
}

/** The variant an inventory item belongs to. */
export async function markInventoryItemDirty(client: pg.PoolClient, shopId: number, inventoryItemId: bigint): Promise<void> {
  await client.query(
    `INSERT INTO "PlanDirtyVariant" ("shopId", "variantId")
     SELECT "shopId", "id" FROM "Variant" WHERE "shopId" = $1 AND "inventoryItemId" = $2
     ${UPSERT_DIRTY}`,
    [shopId, String(inventoryItemId)],
  );
}

/** A full plan reads every variant fresh: marks it made before the run started are covered by it. */
export async function clearDirtyVariantsBefore(shopId: number, before: Date): Promise<number> {
  return prisma.planDirtyVariant.deleteMany({ where: { shopId, requestedAt: { lt: before } } }).then((r) => r.count);
}

export async function countDirtyVariants(shopId: number): Promise<number> {
  return prisma.planDirtyVariant.count({ where: { shopId } });
}

/** Marks variants inside a Prisma transaction (forms and imports); `"all"` marks every live variant of the shop. */
export async function markVariantsDirtyInTransaction(db: Prisma.TransactionClient, shopId: number, variantIds: readonly bigint[] | "all"): Promise<void> {
  if (variantIds === "all") {
    await db.$executeRaw`INSERT INTO "PlanDirtyVariant" ("shopId", "variantId")
      SELECT "shopId", "id" FROM "Variant" WHERE "shopId" = ${shopId} AND "deletedAt" IS NULL
      ON CONFLICT ("shopId", "variantId") DO UPDATE SET "requestedAt" = now()`;
    return;
  }
  if (variantIds.length === 0) return;
  await db.$executeRaw`INSERT INTO "PlanDirtyVariant" ("shopId", "variantId")
    SELECT ${shopId}, unnest(${variantIds.map(String)}::bigint[])
    ON CONFLICT ("shopId", "variantId") DO UPDATE SET "requestedAt" = now()`;
}

/** Dirty variants to re-plan, with when each was marked (its mark is cleared only if not renewed since). */
export async function readDirtyVariants(shopId: number, limit: number): Promise<Map<string, Date>> {
  const rows = await prisma.planDirtyVariant.findMany({ where: { shopId }, orderBy: { requestedAt: "asc" }, take: limit });
  return new Map(rows.map((r) => [r.variantId.toString(), r.requestedAt]));
}

/** Clears the marks a re-plan covered, inside its commit; a mark renewed meanwhile stays for the next run. */
export async function clearDirtyMarks(client: pg.PoolClient, shopId: number, marks: ReadonlyMap<string, Date>): Promise<void> {
  if (marks.size === 0) return;
  const ids = [...marks.keys()];
  await client.query(
    `DELETE FROM "PlanDirtyVariant" d USING (SELECT unnest($2::bigint[]) AS "variantId", unnest($3::timestamp(3)[]) AS "requestedAt") m
     WHERE d."shopId" = $1 AND d."variantId" = m."variantId" AND d."requestedAt" <= m."requestedAt"`,
    [shopId, ids, ids.map((id) => marks.get(id)!.toISOString())],
  );
}
