-- CreateEnum
CREATE TYPE "PlanRunKind" AS ENUM ('FULL', 'INCREMENTAL');

-- CreateEnum
CREATE TYPE "PlanRunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "ProposalStatus" AS ENUM ('PROPOSED', 'APPROVED', 'REJECTED', 'ORDERED');

-- CreateEnum
CREATE TYPE "PurchaseOrderStatus" AS ENUM ('DRAFT', 'SENT', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('STOCKOUT_RISK', 'BELOW_REORDER_POINT', 'OVERSTOCK', 'DEAD_STOCK');

-- CreateEnum
CREATE TYPE "AlertSeverity" AS ENUM ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('OPEN', 'RESOLVED');

-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "activePlanRunId" INTEGER,
ADD COLUMN     "nextPurchaseOrderNumber" INTEGER NOT NULL DEFAULT 1001;

-- CreateTable
CREATE TABLE "PlanRun" (
    "id" SERIAL NOT NULL,
    "shopId" INTEGER NOT NULL,
    "kind" "PlanRunKind" NOT NULL,
    "status" "PlanRunStatus" NOT NULL DEFAULT 'RUNNING',
    "trigger" TEXT NOT NULL,
    "asOf" DATE NOT NULL,
    "progressDone" INTEGER NOT NULL DEFAULT 0,
    "progressTotal" INTEGER NOT NULL DEFAULT 0,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "durationMs" INTEGER,

    CONSTRAINT "PlanRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanDirtyVariant" (
    "shopId" INTEGER NOT NULL,
    "variantId" BIGINT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanDirtyVariant_pkey" PRIMARY KEY ("shopId","variantId")
);

-- CreateTable
CREATE TABLE "Supplier" (
    "id" SERIAL NOT NULL,
    "shopId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "contactEmail" TEXT,
    "currencyCode" TEXT,
    "leadTimeDays" INTEGER,
    "leadTimeSdDays" DOUBLE PRECISION,
    "orderCycleDays" INTEGER,
    "moqUnits" INTEGER,
    "moqValue" DECIMAL(18,4),
    "casePack" INTEGER,
    "vendorNames" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Supplier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VariantBuyingTerms" (
    "shopId" INTEGER NOT NULL,
    "variantId" BIGINT NOT NULL,
    "supplierId" INTEGER,
    "unitCost" DECIMAL(18,4),
    "leadTimeDays" INTEGER,
    "moqUnits" INTEGER,
    "casePack" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VariantBuyingTerms_pkey" PRIMARY KEY ("shopId","variantId")
);

-- CreateTable
CREATE TABLE "Forecast" (
    "shopId" INTEGER NOT NULL,
    "planRunId" INTEGER NOT NULL,
    "variantId" BIGINT NOT NULL,
    "locationId" BIGINT NOT NULL,
    "firstWeek" DATE NOT NULL,
    "mean" DOUBLE PRECISION[],
    "p10" DOUBLE PRECISION[],
    "p50" DOUBLE PRECISION[],
    "p90" DOUBLE PRECISION[],
    "promoUnits" DOUBLE PRECISION[],
    "weekdayIndex" DOUBLE PRECISION[],
    "source" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "modelLabel" TEXT NOT NULL,
    "demandClass" TEXT,
    "reason" TEXT NOT NULL,
    "explanation" JSONB NOT NULL,
    "distribution" JSONB NOT NULL,

    CONSTRAINT "Forecast_pkey" PRIMARY KEY ("shopId","planRunId","variantId","locationId")
);

-- CreateTable
CREATE TABLE "StockPlan" (
    "shopId" INTEGER NOT NULL,
    "planRunId" INTEGER NOT NULL,
    "variantId" BIGINT NOT NULL,
    "locationId" BIGINT NOT NULL,
    "supplierId" INTEGER,
    "termsSource" TEXT NOT NULL,
    "abcClass" TEXT NOT NULL,
    "serviceLevel" DOUBLE PRECISION NOT NULL,
    "leadTimeDays" INTEGER NOT NULL,
    "reviewDays" INTEGER NOT NULL,
    "available" INTEGER NOT NULL,
    "onHand" INTEGER NOT NULL,
    "inbound" INTEGER NOT NULL,
    "unitCost" DECIMAL(18,4),
    "unitPrice" DECIMAL(18,4),
    "safetyStock" DOUBLE PRECISION NOT NULL,
    "reorderPoint" DOUBLE PRECISION NOT NULL,
    "orderUpTo" DOUBLE PRECISION NOT NULL,
    "weeksOfSupply" DOUBLE PRECISION,
    "projectedStockoutDate" DATE,
    "orderByDate" DATE,
    "projected" DOUBLE PRECISION[],
    "projectedLow" DOUBLE PRECISION[],
    "projectedHigh" DOUBLE PRECISION[],
    "inboundByWeek" DOUBLE PRECISION[],
    "policyReason" TEXT NOT NULL,
    "projectionReason" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StockPlan_pkey" PRIMARY KEY ("shopId","planRunId","variantId","locationId")
);

-- CreateTable
CREATE TABLE "ForecastSnapshot" (
    "shopId" INTEGER NOT NULL,
    "variantId" BIGINT NOT NULL,
    "locationId" BIGINT NOT NULL,
    "weekStart" DATE NOT NULL,
    "mean" DOUBLE PRECISION NOT NULL,
    "p10" DOUBLE PRECISION NOT NULL,
    "p90" DOUBLE PRECISION NOT NULL,
    "planRunId" INTEGER NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ForecastSnapshot_pkey" PRIMARY KEY ("shopId","variantId","locationId","weekStart")
);

-- CreateTable
CREATE TABLE "ReorderProposal" (
    "id" SERIAL NOT NULL,
    "shopId" INTEGER NOT NULL,
    "variantId" BIGINT NOT NULL,
    "locationId" BIGINT NOT NULL,
    "supplierId" INTEGER,
    "status" "ProposalStatus" NOT NULL DEFAULT 'PROPOSED',
    "suggestedQuantity" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "edited" BOOLEAN NOT NULL DEFAULT false,
    "needed" BOOLEAN NOT NULL DEFAULT true,
    "unitCost" DECIMAL(18,4),
    "currencyCode" TEXT,
    "orderByDate" DATE NOT NULL,
    "expectedArrivalDate" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "termsSource" TEXT NOT NULL,
    "termsNote" TEXT NOT NULL,
    "marginAtRisk" DECIMAL(18,4),
    "budgetCut" BOOLEAN NOT NULL DEFAULT false,
    "budgetReason" TEXT,
    "decisionReason" TEXT,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "purchaseOrderId" INTEGER,
    "planRunId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReorderProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PurchaseOrder" (
    "id" SERIAL NOT NULL,
    "shopId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "supplierId" INTEGER,
    "locationId" BIGINT NOT NULL,
    "status" "PurchaseOrderStatus" NOT NULL DEFAULT 'DRAFT',
    "currencyCode" TEXT,
    "expectedAt" DATE,
    "note" TEXT,
    "createdBy" TEXT,
    "sentAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PurchaseOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PurchaseOrderLine" (
    "id" SERIAL NOT NULL,
    "shopId" INTEGER NOT NULL,
    "purchaseOrderId" INTEGER NOT NULL,
    "variantId" BIGINT NOT NULL,
    "quantityOrdered" INTEGER NOT NULL,
    "quantityReceived" INTEGER NOT NULL DEFAULT 0,
    "unitCost" DECIMAL(18,4),

    CONSTRAINT "PurchaseOrderLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" SERIAL NOT NULL,
    "shopId" INTEGER NOT NULL,
    "variantId" BIGINT NOT NULL,
    "locationId" BIGINT NOT NULL,
    "kind" "AlertKind" NOT NULL,
    "severity" "AlertSeverity" NOT NULL,
    "status" "AlertStatus" NOT NULL DEFAULT 'OPEN',
    "reason" TEXT NOT NULL,
    "facts" JSONB NOT NULL,
    "valueAtRisk" DECIMAL(18,4),
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "flowTriggeredAt" TIMESTAMP(3),

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "shopId" INTEGER NOT NULL,
    "actor" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "changes" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PlanRun_shopId_startedAt_idx" ON "PlanRun"("shopId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Supplier_shopId_name_key" ON "Supplier"("shopId", "name");

-- CreateIndex
CREATE INDEX "VariantBuyingTerms_shopId_supplierId_idx" ON "VariantBuyingTerms"("shopId", "supplierId");

-- CreateIndex
CREATE INDEX "StockPlan_shopId_planRunId_projectedStockoutDate_idx" ON "StockPlan"("shopId", "planRunId", "projectedStockoutDate");

-- CreateIndex
CREATE INDEX "ForecastSnapshot_shopId_weekStart_idx" ON "ForecastSnapshot"("shopId", "weekStart");

-- CreateIndex
CREATE INDEX "ReorderProposal_shopId_status_idx" ON "ReorderProposal"("shopId", "status");

-- CreateIndex
CREATE INDEX "ReorderProposal_shopId_variantId_locationId_idx" ON "ReorderProposal"("shopId", "variantId", "locationId");

-- CreateIndex
CREATE INDEX "PurchaseOrder_shopId_status_idx" ON "PurchaseOrder"("shopId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "PurchaseOrder_shopId_number_key" ON "PurchaseOrder"("shopId", "number");

-- CreateIndex
CREATE INDEX "PurchaseOrderLine_shopId_purchaseOrderId_idx" ON "PurchaseOrderLine"("shopId", "purchaseOrderId");

-- CreateIndex
CREATE INDEX "PurchaseOrderLine_shopId_variantId_idx" ON "PurchaseOrderLine"("shopId", "variantId");

-- CreateIndex
CREATE INDEX "Alert_shopId_status_severity_idx" ON "Alert"("shopId", "status", "severity");

-- CreateIndex
CREATE INDEX "Alert_shopId_variantId_idx" ON "Alert"("shopId", "variantId");

-- CreateIndex
CREATE INDEX "AuditEvent_shopId_entity_entityId_idx" ON "AuditEvent"("shopId", "entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_shopId_at_idx" ON "AuditEvent"("shopId", "at");

-- AddForeignKey
ALTER TABLE "PlanRun" ADD CONSTRAINT "PlanRun_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanDirtyVariant" ADD CONSTRAINT "PlanDirtyVariant_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Supplier" ADD CONSTRAINT "Supplier_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VariantBuyingTerms" ADD CONSTRAINT "VariantBuyingTerms_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VariantBuyingTerms" ADD CONSTRAINT "VariantBuyingTerms_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Forecast" ADD CONSTRAINT "Forecast_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockPlan" ADD CONSTRAINT "StockPlan_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ForecastSnapshot" ADD CONSTRAINT "ForecastSnapshot_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReorderProposal" ADD CONSTRAINT "ReorderProposal_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReorderProposal" ADD CONSTRAINT "ReorderProposal_purchaseOrderId_fkey" FOREIGN KEY ("purchaseOrderId") REFERENCES "PurchaseOrder"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseOrder" ADD CONSTRAINT "PurchaseOrder_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseOrder" ADD CONSTRAINT "PurchaseOrder_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseOrderLine" ADD CONSTRAINT "PurchaseOrderLine_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PurchaseOrderLine" ADD CONSTRAINT "PurchaseOrderLine_purchaseOrderId_fkey" FOREIGN KEY ("purchaseOrderId") REFERENCES "PurchaseOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One open alert per condition: a condition that holds again after it cleared opens a new row.
CREATE UNIQUE INDEX "Alert_open_condition_key" ON "Alert"("shopId", "variantId", "locationId", "kind") WHERE "status" = 'OPEN';

-- One live proposal (proposed or approved, not yet ordered) per variant and location.
CREATE UNIQUE INDEX "ReorderProposal_live_key" ON "ReorderProposal"("shopId", "variantId", "locationId") WHERE "status" IN ('PROPOSED', 'APPROVED');
