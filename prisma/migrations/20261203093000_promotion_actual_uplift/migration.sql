-- What a finished promotion actually did, measured when it became DONE: the lift planned for it,
-- and the units and baseline units the actual lift is the ratio of (the next estimates blend them in).
ALTER TABLE "Promotion" ADD COLUMN "plannedUplift" DOUBLE PRECISION;
ALTER TABLE "Promotion" ADD COLUMN "actualUnits" DOUBLE PRECISION;
ALTER TABLE "Promotion" ADD COLUMN "actualBaselineUnits" DOUBLE PRECISION;
ALTER TABLE "Promotion" ADD COLUMN "actualMeasuredAt" TIMESTAMP(3);
