-- CreateEnum
CREATE TYPE "WebhookEventStatus" AS ENUM ('RECEIVED', 'APPLIED', 'REJECTED', 'FAILED');

-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "payload" TEXT,
ADD COLUMN     "reason" TEXT,
ADD COLUMN     "status" "WebhookEventStatus" NOT NULL DEFAULT 'APPLIED',
ADD COLUMN     "triggeredAt" TEXT;

-- CreateIndex
CREATE INDEX "WebhookEvent_shopId_status_receivedAt_idx" ON "WebhookEvent"("shopId", "status", "receivedAt");


-- The worker's sweep and drain: deliveries waiting, by shop (a handful of rows, however large the table).
CREATE INDEX "WebhookEvent_received_idx" ON "WebhookEvent"("shopId", "receivedAt") WHERE "status" = 'RECEIVED';
