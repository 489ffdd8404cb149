-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "upliftModel" JSONB;
