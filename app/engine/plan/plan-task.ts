/**
 * One location's share of a full plan run as a self-contained task: forecast its variants, add
 * the planned promotions' demand, then plan each of them (policy, projection, reorder draft,
 * alert candidates). Plain data in and out, so a worker thread can run it; what comes back is
 * small (no history arrays).
 */
import type { PromoEvent, UpliftModel } from "~/engine/forecast/uplift";
import type { PlannedPromotion } from "~/engine/forecast/uplift-projection";
import type { PlannedOutlook } from "./plan-variant";
import type { ForecastRow } from "./outputs";
import { planEachPair, type PairPlans, type PlanContext } from "./compute-plans";
import { forecastRowOf, forecastWithEvents, type ForecastTask } from "./forecast-task";
import { pairKey, type PlanPair } from "./plan-pairs";
import { promotionUnits } from "~/engine/promotions/promotion-demand";

export interface PlanTask {
  forecast: ForecastTask;
  pairs: PlanPair[];
  context: PlanContext;
  /** Planned promotions that reach this location's channel, and the shop's uplift model. */
  promotions: PlannedPromotion[];
  upliftModel: UpliftModel | null;
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
  promoEvents: PromoEvent[];
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
  const { outlooks, promoEvents } = forecastWithEvents(task.forecast);
  const planned = new Map<string, PlannedOutlook>();
  for (const o of outlooks) {
    if (task.promotions.length > 0) o.promoUnits = promotionUnits(o, o.weekStarts, o.mean, task.promotions, task.upliftModel).units;
    planned.set(pairKey(o.variantId, o.locationId), { weekStarts: o.weekStarts, mean: o.mean, promoUnits: o.promoUnits, weekdayIndex: o.weekdayIndex, distribution: o.distribution });
  }
  return { forecasts: outlooks.map(forecastRowOf), plans: planEachPair(task.pairs, planned, task.context), recentSales: sumRecentSales(outlooks), promoEvents };
}
