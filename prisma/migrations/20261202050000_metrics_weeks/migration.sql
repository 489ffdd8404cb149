-- CreateTable
CREATE TABLE "ShopMetricsWeek" (
    "shopId" INTEGER NOT NULL,
    "weekStart" DATE NOT NULL,
    "metrics" JSONB NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopMetricsWeek_pkey" PRIMARY KEY ("shopId","weekStart")
);

-- AddForeignKey
ALTER TABLE "ShopMetricsWeek" ADD CONSTRAINT "ShopMetricsWeek_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;
