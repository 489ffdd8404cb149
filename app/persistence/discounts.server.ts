/**
 * Shopify's discounts mirrored read-only (ShopifyDiscount), scoped by shop: the promotions a
 * shop already scheduled, which planning offers as promotion plans. Writes take the caller's
 * transaction client; newer versions only, deletes are tombstones.
 */
import { Prisma } from "@prisma/client";
import type pg from "pg";
import prisma from "~/db.server";
import type { DiscountRecord } from "~/shopify/discount-records";
import { grantAllowsDiscounts } from "~/shopify/discounts.server";
import { copyIntoStaging } from "./copy-upsert.server";

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

export interface PlanningDiscount {
  id: bigint;
  title: string;
  method: "automatic" | "code";
  /** ACTIVE or SCHEDULED as Shopify last reported it (the dates are what counts). */
  status: string;
  startsAt: Date;
  endsAt: Date;
  /** Percent off, 0-100; null for an amount off. */
  percentage: number | null;
  appliesToAll: boolean;
  productIds: bigint[];
  variantIds: bigint[];
  collectionIds: bigint[];
  /** Live variants it covers: every variant when it applies to all, else its variants, its products' and its collections' products' variants. */
  variantIdsResolved: bigint[];
}

/**
 * Discounts still to run or running on `from` (they end after it), with both dates, on
 * something: the ones planning can offer as promotion plans, earliest start first.
 * Open-ended discounts are left out: a promotion plan needs its last day.
 */
export async function listShopifyDiscountsForPlanning(shopId: number, options: { from: Date }): Promise<PlanningDiscount[]> {
  return planningDiscounts(shopId, Prisma.sql`d."endsAt" > ${options.from}`);
}

/** Discounts that ran between `from` and `to` (they started before `to` and ended after `from`): the past promotions the uplift model learns from. */
export async function listPastShopifyDiscounts(shopId: number, options: { from: Date; to: Date }): Promise<PlanningDiscount[]> {
  return planningDiscounts(shopId, Prisma.sql`d."startsAt" < ${options.to} AND d."endsAt" > ${options.from}`);
}

/** One discount as planning sees it, or null when it is gone, open-ended or on nothing. */
export async function getShopifyDiscountForPlanning(shopId: number, discountId: bigint): Promise<PlanningDiscount | null> {
  return (await planningDiscounts(shopId, Prisma.sql`d."id" = ${discountId}`))[0] ?? null;
}

async function planningDiscounts(shopId: number, condition: Prisma.Sql): Promise<PlanningDiscount[]> {
  const rows = await prisma.$queryRaw<(Omit<PlanningDiscount, "method"> & { method: string })[]>`
    SELECT d."id", d."title", d."method", d."status", d."startsAt", d."endsAt", d."percentage", d."appliesToAll",
      d."productIds", d."variantIds", d."collectionIds",
      ARRAY(
        SELECT v."id" FROM "Variant" v
        WHERE v."shopId" = d."shopId" AND v."deletedAt" IS NULL
          AND (d."appliesToAll" OR v."id" = ANY(d."variantIds") OR v."productId" = ANY(d."productIds")
               OR v."productId" IN (SELECT unnest(c."productIds") FROM "Collection" c
                                    WHERE c."shopId" = d."shopId" AND c."deletedAt" IS NULL AND c."id" = ANY(d."collectionIds")))
        ORDER BY v."id") AS "variantIdsResolved"
    FROM "ShopifyDiscount" d
    WHERE d."shopId" = ${shopId} AND d."deletedAt" IS NULL AND d."endsAt" IS NOT NULL AND ${condition}
      AND (d."appliesToAll" OR cardinality(d."productIds") > 0 OR cardinality(d."variantIds") > 0 OR cardinality(d."collectionIds") > 0)
    ORDER BY d."startsAt", d."id"`;
  return rows.map((r) => ({ ...r, method: r.method === "code" ? "code" : "automatic", endsAt: r.endsAt }));
}

/**
 * Why the shop's Shopify discounts are not in Tempo, for the sync panel, or null when Tempo
 * reads them. Decided by the recorded grant (app/scopes_update keeps it current).
 */
export function discountsUnavailableReason(shop: { accessScopes: string | null }): string | null {
  if (grantAllowsDiscounts(shop.accessScopes)) return null;
  return "Your Shopify discounts are not in Tempo: its access does not include reading discounts (read_discounts). Everything else syncs as usual. Open Tempo from your Shopify admin and approve the updated access to see the discounts you scheduled as promotion plans.";
}
