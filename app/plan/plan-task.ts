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

export interface WeekSales {
  weekStart: string;
  sold: number;
  /** Sold plus what stockouts lost, by the cleaned history. */
  demand: number;
}

export interface PlanTaskResult {
  forecasts: ForecastRow[];
  plans: PairPlans;
  recentSales: WeekSales[];
}

/** Adds up recent weeks' sales and demand over outlooks. */
export function sumRecentSales(outlooks: readonly { recent: { weekStarts: string[]; sold: number[]; demand: number[] } }[]): WeekSales[] {
  const byWeek = new Map<string, WeekSales>();
  for (const { recent } of outlooks) {
    recent.weekStarts.forEach((weekStart, i) => {
      const week = byWeek.get(weekStart) ?? { weekStart, sold: 0, demand: 0 };
      week.sold += recent.sold[i] ?? 0;
      week.demand += recent.demand[i] ?? 0;
      byWeek.set(weekStart, week);
    });
  }
  return [...byWeek.values()].sort((a, b) => a.weekStart.localeCompare(b.weekStart));
}

/** Merges tasks' weekly sums. */
export function mergeRecentSales(parts: readonly WeekSales[][]): WeekSales[] {
  return sumRecentSales(parts.map((weeks) => ({ recent: { weekStarts: weeks.map((w) => w.weekStart), sold: weeks.map((w) => w.sold), demand: weeks.map((w) => w.demand) } })));
}

export function runPlanTask(task: PlanTask): PlanTaskResult {
  const outlooks = runForecastTask(task.forecast);
  const planned = new Map<string, PlannedOutlook>();
  for (const o of outlooks) {
    planned.set(pairKey(o.variantId, o.locationId), { weekStarts: o.weekStarts, mean: o.mean, promoUnits: o.promoUnits, weekdayIndex: o.weekdayIndex, distribution: o.distribution });
  }
  return { forecasts: outlooks.map(forecastRowOf), plans: planEachPair(task.pairs, planned, task.context), recentSales: sumRecentSales(outlooks) };
}
