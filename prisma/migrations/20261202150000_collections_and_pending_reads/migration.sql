-- Collections keep Shopify's version of their title and handle.
ALTER TABLE "Collection" ADD COLUMN "shopifyUpdatedAt" TIMESTAMP(3);

-- CreateEnum
CREATE TYPE "PendingReadKind" AS ENUM ('COLLECTION_MEMBERS', 'DISCOUNT');

-- CreateTable
CREATE TABLE "PendingShopifyRead" (
    "shopId" INTEGER NOT NULL,
    "kind" "PendingReadKind" NOT NULL,
    "id" BIGINT NOT NULL,
    "gid" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingShopifyRead_pkey" PRIMARY KEY ("shopId","kind","id")
);

-- AddForeignKey
ALTER TABLE "PendingShopifyRead" ADD CONSTRAINT "PendingShopifyRead_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;
