/**
 * Shopify's discounts mirrored read-only (ShopifyDiscount): the sync's writes. Each takes the
 * caller's transaction client; newer versions only, deletes are tombstones.
 */
import type pg from "pg";
import { copyIntoStaging } from "~/platform/copy-upsert.server";
import type { DiscountRecord } from "~/shopify/discount-records";

const COLUMNS = [
  "shopId",
  "id",
  "title",
  "method",
  "status",
  "startsAt",
  "endsAt",
  "percentage",
  "appliesToAll",
  "productIds",
  "variantIds",
  "collectionIds",
  "shopifyUpdatedAt",
] as const;

const ids = (values: readonly bigint[]) => [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String);

/** Newer versions only; a discount deleted after the version read stays deleted. Returns rows written. */
export async function upsertDiscounts(client: pg.PoolClient, shopId: number, records: readonly DiscountRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  await copyIntoStaging(
    client,
    "ShopifyDiscount",
    "stage_discounts",
    COLUMNS,
    records.map((d) => [
      shopId,
      d.id,
      d.title,
      d.method,
      d.status,
      d.startsAt,
      d.endsAt,
      d.percentage,
      d.appliesToAll,
      ids(d.productIds),
      ids(d.variantIds),
      ids(d.collectionIds),
      d.updatedAt,
    ]),
  );
  const updatable = COLUMNS.filter((c) => c !== "shopId" && c !== "id");
  const written = await client.query(
    `INSERT INTO "ShopifyDiscount" (${COLUMNS.map((c) => `"${c}"`).join(", ")})
     SELECT DISTINCT ON ("id") ${COLUMNS.map((c) => `"${c}"`).join(", ")} FROM stage_discounts ORDER BY "id", "shopifyUpdatedAt" DESC NULLS LAST
     ON CONFLICT ("shopId", "id") DO UPDATE SET ${updatable.map((c) => `"${c}" = EXCLUDED."${c}"`).join(", ")}, "syncedAt" = now(),
       "deletedAt" = CASE WHEN "ShopifyDiscount"."deletedAt" IS NOT NULL
                           AND (EXCLUDED."shopifyUpdatedAt" IS NULL OR EXCLUDED."shopifyUpdatedAt" <= "ShopifyDiscount"."deletedAt")
                          THEN "ShopifyDiscount"."deletedAt" END
     WHERE "ShopifyDiscount"."shopifyUpdatedAt" IS NULL OR EXCLUDED."shopifyUpdatedAt" IS NULL
        OR "ShopifyDiscount"."shopifyUpdatedAt" <= EXCLUDED."shopifyUpdatedAt"`,
  );
  await client.query("TRUNCATE stage_discounts");
  return written.rowCount ?? 0;
}

/** discounts/delete, or a read that found the node gone: a tombstone as of `deletedAt`. */
export async function markDiscountDeleted(client: pg.PoolClient, shopId: number, discountId: bigint, deletedAt: Date): Promise<void> {
  await client.query(
    `UPDATE "ShopifyDiscount" SET "deletedAt" = $3, "shopifyUpdatedAt" = GREATEST("shopifyUpdatedAt", $3), "syncedAt" = now()
     WHERE "shopId" = $1 AND "id" = $2 AND ("deletedAt" IS NULL OR "deletedAt" < $3)`,
    [shopId, discountId, deletedAt.toISOString()],
  );
}

/** Discounts a full read no longer listed were deleted while the webhook went missing. */
export async function markUnseenDiscountsDeleted(client: pg.PoolClient, shopId: number, seenIds: readonly bigint[], readStartedAt: Date): Promise<number> {
  const gone = await client.query(
    `UPDATE "ShopifyDiscount" SET "deletedAt" = $3, "shopifyUpdatedAt" = GREATEST("shopifyUpdatedAt", $3)
     WHERE "shopId" = $1 AND "deletedAt" IS NULL AND NOT ("id" = ANY($2::bigint[]))`,
    [shopId, seenIds.map(String), readStartedAt.toISOString()],
  );
  return gone.rowCount ?? 0;
}
