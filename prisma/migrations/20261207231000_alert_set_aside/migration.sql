-- Alerts the team works through: snoozed until a date, or dismissed with a reason.
ALTER TABLE "Alert" ADD COLUMN "snoozedUntil" TIMESTAMP(3), ADD COLUMN "dismissedAt" TIMESTAMP(3), ADD COLUMN "dismissReason" TEXT, ADD COLUMN "setAsideBy" TEXT;
