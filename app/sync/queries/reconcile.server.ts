import type pg from "pg";
import prisma from "~/platform/db.server";

export interface StoredCounts {
  products: number;
  variants: number;
  locations: number;
  orders: number;
}

/** Stored orders are counted over the same processed_at window Shopify's count covers. */
export async function storedShopCounts(shopId: number, ordersProcessedSince: Date | null): Promise<StoredCounts> {
  const where = { shopId, deletedAt: null };
  const [products, variants, locations, orders] = await Promise.all([
    prisma.product.count({ where }),
    prisma.variant.count({ where }),
    prisma.location.count({ where }),
    prisma.order.count({ where: { shopId, deletedAt: null, ...(ordersProcessedSince ? { processedAt: { gte: ordersProcessedSince } } : {}) } }),
  ]);
  return { products, variants, locations, orders };
}

/**
 * When the last successful order read (reconciliation or backfill) started: orders
 * changed since then may have been missed. Not the newest stored updatedAt, which
 * webhooks keep moving past updates that were lost.
 */
export async function lastOrdersReadStartedAt(shopId: number, excludeRunId: string): Promise<Date | null> {
  const run = await prisma.syncRun.findFirst({
    where: { shopId, kind: { in: ["RECONCILIATION", "ORDERS_BACKFILL"] }, status: "SUCCEEDED", startedAt: { not: null }, id: { not: excludeRunId } },
    orderBy: { startedAt: "desc" },
  });
  return run?.startedAt ?? null;
}

/** The reconciliation finished before this one, to tell a new count mismatch from a lasting one. */
export async function previousReconciliationCounts(shopId: number, excludeRunId: string): Promise<Record<string, unknown> | null> {
  const run = await prisma.syncRun.findFirst({
    where: { shopId, kind: "RECONCILIATION", status: { in: ["SUCCEEDED", "FAILED"] }, id: { not: excludeRunId } },
    orderBy: { createdAt: "desc" },
  });
  const counts = run?.counts;
  return counts && typeof counts === "object" && !Array.isArray(counts) ? (counts as Record<string, unknown>) : null;
}

/**
 * Products and variants a full catalogue export did not touch were deleted in
 * Shopify while a products/delete webhook went missing. Webhook writes also move
 * syncedAt, so rows changed during the export are never caught here. The delete is
 * a tombstone as of the export's start, so a late, older update cannot undo it.
 */
export async function markUnseenCatalogDeleted(client: pg.PoolClient, shopId: number, exportStartedAt: Date): Promise<number> {
  const products = await client.query(
    `UPDATE "Product" SET "deletedAt" = now(), "shopifyUpdatedAt" = GREATEST("shopifyUpdatedAt", $2) WHERE "shopId" = $1 AND "deletedAt" IS NULL AND "syncedAt" < $2`,
    [shopId, exportStartedAt.toISOString()],
  );
  const variants = await client.query(
    `UPDATE "Variant" SET "deletedAt" = now(), "shopifyUpdatedAt" = GREATEST("shopifyUpdatedAt", $2) WHERE "shopId" = $1 AND "deletedAt" IS NULL AND "syncedAt" < $2`,
    [shopId, exportStartedAt.toISOString()],
  );
  return (products.rowCount ?? 0) + (variants.rowCount ?? 0);
}
