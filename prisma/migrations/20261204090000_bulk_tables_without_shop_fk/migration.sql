-- The largest tables keep no foreign key to Shop: checking it on each of millions of
-- backfilled rows cost more PostgreSQL time than writing them. Shop erasure deletes
-- these rows itself (app/persistence/shop-erasure.server.ts).
ALTER TABLE "Order" DROP CONSTRAINT "Order_shopId_fkey";
ALTER TABLE "OrderLine" DROP CONSTRAINT "OrderLine_shopId_fkey";
ALTER TABLE "DailyDemand" DROP CONSTRAINT "DailyDemand_shopId_fkey";
