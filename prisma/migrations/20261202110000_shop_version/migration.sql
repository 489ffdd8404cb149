-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "shopifyUpdatedAt" TIMESTAMP(3);

