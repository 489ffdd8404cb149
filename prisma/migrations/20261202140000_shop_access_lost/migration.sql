-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "accessLostAt" TIMESTAMP(3);

