import prisma from "~/platform/db.server";

/**
 * Every table under Shop, largest first, so the bulk of the work is done (and
 * survives a crash) before the small tables; all are keyed by "shopId".
 */
export const SHOP_TABLES_LARGEST_FIRST = [
  "OrderLine",
  "Order",
  "InventoryLevelChange",
  "DailyDemand",
  "Forecast",
  "StockPlan",
  "ForecastSnapshot",
  "AuditEvent",
  "InventoryLevel",
  "InventoryLevelTombstone",
  "StockoutPeriod",
  "Variant",
  "Product",
  "Location",
  "WebhookEvent",
  "SyncRun",
  "Alert",
  "ReorderProposal",
  "PurchaseOrderLine",
  "PurchaseOrder",
  "VariantBuyingTerms",
  "Supplier",
  "PlanDirtyVariant",
  "ShopMetricsWeek",
  "PromotionVariant",
  "Promotion",
  "ShopifyDiscount",
  "Collection",
  "PendingShopifyRead",
  "PlanRun",
] as const;

/**
 * The tables with no foreign key to Shop (a backfill writes millions of rows to them),
 * so deleting the Shop row does not cascade to them: erasure must empty them itself.
 */
export const SHOP_TABLES_WITHOUT_FOREIGN_KEY = ["OrderLine", "Order", "DailyDemand"] as const;

export const ERASE_BATCH_ROWS = 5_000;

/**
 * Deletes one table's rows for a shop in short batches, so no statement holds
 * locks or a transaction for long. Returns how many rows went.
 */
async function eraseTableRows(table: (typeof SHOP_TABLES_LARGEST_FIRST)[number], shopId: number, batchRows: number): Promise<number> {
  let erased = 0;
  for (;;) {
    // The table name comes from the fixed list above, never from input.
    const deleted = await prisma.$executeRawUnsafe(
      `DELETE FROM "${table}" WHERE ctid = ANY(ARRAY(SELECT ctid FROM "${table}" WHERE "shopId" = $1 LIMIT $2))`,
      shopId,
      batchRows,
    );
    erased += deleted;
    if (deleted < batchRows) return erased;
  }
}

/**
 * Erases all of a shop's rows table by table, then the Shop row. Idempotent and
 * resumable: a rerun after a crash carries on with what is left. The tables without a
 * foreign key are swept once more after the Shop row is gone, since nothing cascades
 * to a row written there while the other tables were being erased.
 */
export async function eraseShopData(shopId: number, batchRows = ERASE_BATCH_ROWS): Promise<{ rows: number; shopErased: boolean }> {
  let rows = 0;
  for (const table of SHOP_TABLES_LARGEST_FIRST) rows += await eraseTableRows(table, shopId, batchRows);
  const shop = await prisma.shop.deleteMany({ where: { id: shopId } });
  for (const table of SHOP_TABLES_WITHOUT_FOREIGN_KEY) rows += await eraseTableRows(table, shopId, batchRows);
  return { rows, shopErased: shop.count > 0 };
}
