import type pg from "pg";
import prisma from "~/db.server";

export interface StoredCounts {
  products: number;
  variants: number;
  locations: number;
  orders: number;
}

export async function storedShopCounts(shopId: number): Promise<StoredCounts> {
  const where = { shopId, deletedAt: null };
  const [products, variants, locations, orders] = await Promise.all([
    prisma.product.count({ where }),
    prisma.variant.count({ where }),
    prisma.location.count({ where }),
    prisma.order.count({ where: { shopId } }),
  ]);
  return { products, variants, locations, orders };
}

/** The newest Shopify updatedAt among stored orders: reconciliation asks for everything after it. */
export async function ordersWatermark(shopId: number): Promise<Date | null> {
  const result = await prisma.order.aggregate({ where: { shopId }, _max: { shopifyUpdatedAt: true } });
  return result._max.shopifyUpdatedAt;
}

/**
 * Products and variants a full catalogue export did not touch were deleted in
 * Shopify while a products/delete webhook went missing. Webhook writes also move
 * syncedAt, so rows changed during the export are never caught here.
 */
export async function markUnseenCatalogDeleted(client: pg.PoolClient, shopId: number, exportStartedAt: Date): Promise<number> {
  const products = await client.query(
    `UPDATE "Product" SET "deletedAt" = now() WHERE "shopId" = $1 AND "deletedAt" IS NULL AND "syncedAt" < $2`,
    [shopId, exportStartedAt.toISOString()],
  );
  const variants = await client.query(
    `UPDATE "Variant" SET "deletedAt" = now() WHERE "shopId" = $1 AND "deletedAt" IS NULL AND "syncedAt" < $2`,
    [shopId, exportStartedAt.toISOString()],
  );
  return (products.rowCount ?? 0) + (variants.rowCount ?? 0);
}
