-- No query reads orders by shopifyUpdatedAt or lines by variant (demand is read from
-- DailyDemand); each of these indexes cost a backfill seconds per million rows.
DROP INDEX "Order_shopId_shopifyUpdatedAt_idx";
DROP INDEX "OrderLine_shopId_variantId_idx";
