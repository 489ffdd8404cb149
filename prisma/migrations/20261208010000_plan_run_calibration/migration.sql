-- The interval calibration a plan run learned from the shop's own backtests, per location.
ALTER TABLE "PlanRun" ADD COLUMN "calibration" JSONB;
