/**
 * One location's share of a full plan run as a self-contained task: forecast its variants,
 * then plan each of them (policy, projection, reorder draft, alert candidates). Plain data in
 * and out, so a worker thread can run it; what comes back is small (no history arrays).
 */
import type { PlannedOutlook } from "~/planning/plan/plan-variant";
import type { ForecastRow } from "~/persistence/plan-writes.server";
import { planEachPair, type PairPlans, type PlanContext } from "./compute-plans";
import { forecastRowOf, runForecastTask, type ForecastTask } from "./forecast-task";
import { pairKey, type PlanPair } from "./plan-pairs";

export interface PlanTask {
  forecast: ForecastTask;
  pairs: PlanPair[];
  context: PlanContext;
}

export interface PlanTaskResult {
  forecasts: ForecastRow[];
  plans: PairPlans;
}

export function runPlanTask(task: PlanTask): PlanTaskResult {
  const outlooks = runForecastTask(task.forecast);
  const planned = new Map<string, PlannedOutlook>();
  for (const o of outlooks) {
    planned.set(pairKey(o.variantId, o.locationId), { weekStarts: o.weekStarts, mean: o.mean, promoUnits: o.promoUnits, weekdayIndex: o.weekdayIndex, distribution: o.distribution });
  }
  return { forecasts: outlooks.map(forecastRowOf), plans: planEachPair(task.pairs, planned, task.context) };
}
