-- The board's first-run guide: once dismissed or done, it stays away.
ALTER TABLE "Shop" ADD COLUMN "setupGuideDismissedAt" TIMESTAMP(3);
