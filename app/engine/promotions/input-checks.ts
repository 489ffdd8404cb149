/** Rejects a check's inputs that the model cannot run on, naming the series or plan at fault. */
import { toDayNumber } from "~/engine/calendar";
import type { PromotionPlan, SeriesInput } from "./types";

export function fail(message: string): never {
  throw new Error(`checkPromotion: ${message}`);
}

export function checkSeriesInput(series: SeriesInput): void {
  const name = `series "${series.seriesId}"`;
  if (!series.seriesId) fail("every series needs a seriesId");
  if (!series.variantId) fail(`${name} has no variantId`);
  if (!Number.isFinite(series.available)) fail(`${name}: available must be a number, got ${series.available}`);
  if (!(series.serviceLevel > 0 && series.serviceLevel < 1)) fail(`${name}: serviceLevel must lie strictly between 0 and 1, got ${series.serviceLevel}`);
  if (!Number.isFinite(series.leadTimeDays) || series.leadTimeDays < 0) fail(`${name}: leadTimeDays must be a number of days ≥ 0, got ${series.leadTimeDays}`);
  if (!Number.isFinite(series.safetyStock) || series.safetyStock < 0) fail(`${name}: safetyStock must be ≥ 0, got ${series.safetyStock}`);
  const share = series.channelShare ?? 1;
  if (!(share >= 0 && share <= 1)) fail(`${name}: channelShare must lie between 0 and 1, got ${share}`);
  const baseline = series.baseline;
  if (baseline.kind === "daily") {
    if (baseline.daily.some((v) => !(v >= 0))) fail(`${name}: baseline.daily must hold numbers ≥ 0`);
  } else if (baseline.kind === "weekly") {
    if (baseline.weekStarts.length === 0 || baseline.weekStarts.length !== baseline.weekly.length) fail(`${name}: baseline.weekStarts and baseline.weekly must be non-empty and of one length`);
    if (baseline.weekly.some((v) => !(v >= 0))) fail(`${name}: baseline.weekly must hold numbers ≥ 0`);
  } else {
    fail(`${name}: baseline.kind must be "daily" or "weekly"`);
  }
}

export function checkPlan(plan: PromotionPlan, role: string): void {
  const name = `${role} "${plan.name || plan.id}"`;
  try {
    toDayNumber(plan.start);
    toDayNumber(plan.end);
    for (const wave of plan.waves ?? []) {
      toDayNumber(wave.start);
      toDayNumber(wave.end);
      if (wave.end < wave.start) fail(`${name}: a wave ends (${wave.end}) before it starts (${wave.start})`);
    }
  } catch (error) {
    fail(`${name}: ${(error as Error).message.replace(/^checkPromotion: /, "")}`);
  }
  if (plan.end < plan.start) fail(`${name} ends (${plan.end}) before it starts (${plan.start})`);
  if (!(plan.lift > 0) || !Number.isFinite(plan.lift)) fail(`${name}: lift must be a positive multiplier, got ${plan.lift}`);
  if (plan.liftHigh !== undefined && !(plan.liftHigh > 0)) fail(`${name}: liftHigh must be a positive multiplier, got ${plan.liftHigh}`);
  if (plan.capUnits != null && !(plan.capUnits >= 0)) fail(`${name}: capUnits must be ≥ 0, got ${plan.capUnits}`);
  const discount = plan.discountPct ?? 0;
  if (!(discount >= 0 && discount < 100)) fail(`${name}: discountPct must lie between 0 and 100, got ${discount}`);
}
