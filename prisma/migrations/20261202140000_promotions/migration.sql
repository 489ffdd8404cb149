-- CreateEnum
CREATE TYPE "PromotionStatus" AS ENUM ('DRAFT', 'PLANNED', 'LIVE', 'DONE', 'CANCELLED');

-- CreateTable
CREATE TABLE "Promotion" (
    "id" SERIAL NOT NULL,
    "shopId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "discountPct" DOUBLE PRECISION NOT NULL,
    "channel" TEXT,
    "status" "PromotionStatus" NOT NULL DEFAULT 'DRAFT',
    "selection" JSONB NOT NULL DEFAULT '{}',
    "upliftOverride" DOUBLE PRECISION,
    "capPerVariant" INTEGER,
    "waves" JSONB,
    "shopifyDiscountId" BIGINT,
    "verdict" TEXT,
    "verdictReason" TEXT,
    "check" JSONB,
    "checkedAt" TIMESTAMP(3),
    "actualUplift" DOUBLE PRECISION,
    "actualUpliftNote" TEXT,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Promotion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromotionVariant" (
    "shopId" INTEGER NOT NULL,
    "promotionId" INTEGER NOT NULL,
    "variantId" BIGINT NOT NULL,
    "excluded" BOOLEAN NOT NULL DEFAULT false,
    "capUnits" INTEGER,
    "unitsSold" INTEGER,
    "capReachedAt" TIMESTAMP(3),

    CONSTRAINT "PromotionVariant_pkey" PRIMARY KEY ("promotionId","variantId")
);

-- CreateTable
CREATE TABLE "ShopifyDiscount" (
    "shopId" INTEGER NOT NULL,
    "id" BIGINT NOT NULL,
    "title" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3),
    "percentage" DOUBLE PRECISION,
    "appliesToAll" BOOLEAN NOT NULL DEFAULT false,
    "productIds" BIGINT[],
    "variantIds" BIGINT[],
    "collectionIds" BIGINT[],
    "shopifyUpdatedAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShopifyDiscount_pkey" PRIMARY KEY ("shopId","id")
);

-- CreateTable
CREATE TABLE "Collection" (
    "shopId" INTEGER NOT NULL,
    "id" BIGINT NOT NULL,
    "title" TEXT NOT NULL,
    "handle" TEXT,
    "productIds" BIGINT[],
    "deletedAt" TIMESTAMP(3),
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Collection_pkey" PRIMARY KEY ("shopId","id")
);

-- CreateIndex
CREATE INDEX "Promotion_shopId_startsOn_idx" ON "Promotion"("shopId", "startsOn");

-- CreateIndex
CREATE INDEX "PromotionVariant_shopId_variantId_idx" ON "PromotionVariant"("shopId", "variantId");

-- AddForeignKey
ALTER TABLE "Promotion" ADD CONSTRAINT "Promotion_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromotionVariant" ADD CONSTRAINT "PromotionVariant_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromotionVariant" ADD CONSTRAINT "PromotionVariant_promotionId_fkey" FOREIGN KEY ("promotionId") REFERENCES "Promotion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShopifyDiscount" ADD CONSTRAINT "ShopifyDiscount_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Collection" ADD CONSTRAINT "Collection_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;
