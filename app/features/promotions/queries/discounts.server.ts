/** Shopify's discounts as planning reads them (the sync mirrors them): the promotions a shop already scheduled. Scoped by shop. */
import { Prisma } from "@prisma/client";
import prisma from "~/platform/db.server";

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

/** The shop's collection titles by id, to name the collections a discount applies to. */
export async function collectionTitles(shopId: number): Promise<Map<string, string>> {
  const rows = await prisma.collection.findMany({ where: { shopId, deletedAt: null }, select: { id: true, title: true } });
  return new Map(rows.map((c) => [String(c.id), c.title]));
}
