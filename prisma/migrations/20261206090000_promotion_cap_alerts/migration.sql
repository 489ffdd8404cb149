-- "Promotion cap reached" becomes an alert like the others: one open alert per promotion and
-- variant, counted over every location (so no location of its own).
ALTER TYPE "AlertKind" ADD VALUE 'PROMOTION_CAP_REACHED';

ALTER TABLE "Alert" ALTER COLUMN "locationId" DROP NOT NULL;
ALTER TABLE "Alert" ADD COLUMN "promotionId" INTEGER;

-- A deleted promotion leaves its alerts (resolved by the next watch) rather than erasing them.
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_promotionId_fkey" FOREIGN KEY ("promotionId") REFERENCES "Promotion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE UNIQUE INDEX "Alert_open_promotion_key" ON "Alert"("shopId", "promotionId", "variantId") WHERE "status" = 'OPEN' AND "promotionId" IS NOT NULL;
