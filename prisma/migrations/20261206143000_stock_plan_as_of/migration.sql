-- Each stock plan row's own plan date: weeks of supply is recomputed from it as a proposal's
-- quantity is edited, and an incremental re-plan refreshes rows as of a later day than its run's.
ALTER TABLE "StockPlan" ADD COLUMN "asOf" DATE;
UPDATE "StockPlan" s SET "asOf" = r."asOf" FROM "PlanRun" r WHERE r."id" = s."planRunId";
UPDATE "StockPlan" SET "asOf" = "updatedAt"::date WHERE "asOf" IS NULL;
ALTER TABLE "StockPlan" ALTER COLUMN "asOf" SET NOT NULL;
