-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "deletedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "InventoryLevelTombstone" (
    "shopId" INTEGER NOT NULL,
    "inventoryItemId" BIGINT NOT NULL,
    "locationId" BIGINT NOT NULL,
    "disconnectedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InventoryLevelTombstone_pkey" PRIMARY KEY ("shopId","inventoryItemId","locationId")
);

-- AddForeignKey
ALTER TABLE "InventoryLevelTombstone" ADD CONSTRAINT "InventoryLevelTombstone_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

