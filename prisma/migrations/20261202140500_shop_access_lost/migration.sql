-- AlterTable
-- Renamed from 20261202140000_shop_access_lost, which shared its timestamp with another
-- migration; IF NOT EXISTS lets databases that applied it under the old name apply it again.
ALTER TABLE "Shop" ADD COLUMN IF NOT EXISTS "accessLostAt" TIMESTAMP(3);
