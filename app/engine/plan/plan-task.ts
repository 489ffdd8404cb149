/**
 * One location's share of a full plan run as a self-contained task: forecast its variants, add
 * the planned promotions' demand, then plan each of them (policy, projection, reorder draft,
 * alert candidates). Plain data in and out, so a worker thread can run it; what comes back is
 * small (no history arrays).
 */
import type { PromoEvent, UpliftModel } from "~/engine/forecast/uplift";
import type { ShopCalibration } from "~/engine/forecast/shop-calibration";
import type { ServiceReplay } from "~/engine/policy/history-replay";
import { checkServiceOnHistory, serviceCorrectionReason, withCorrectedCalibration, type BacktestAccuracy } from "./service-check";
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
  /** The interval calibration this location's forecasts were read through (service corrections included). */
  calibration: ShopCalibration | null;
  /** The policy replayed on the location's last weeks, by class, and how the forecasts behind it did. */
  replays: ServiceReplay[];
  accuracy: BacktestAccuracy;
  /** CPU seconds of the calibration backtests and of the policy replay */
  seconds: { calibration: number; serviceCheck: number };
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
  const forecast = forecastWithEvents(task.forecast);
  const checkStarted = performance.now();
  const check = checkServiceOnHistory(forecast.backtests, task.pairs, task.context, forecast.calibration);
  const serviceCheck = (performance.now() - checkStarted) / 1000;
  const outlooks = withCorrectedCalibration(forecast.outlooks, check);
  const planned = new Map<string, PlannedOutlook>();
  for (const o of outlooks) {
    if (task.promotions.length > 0) o.promoUnits = promotionUnits(o, o.weekStarts, o.mean, task.promotions, task.upliftModel).units;
    planned.set(pairKey(o.variantId, o.locationId), { weekStarts: o.weekStarts, mean: o.mean, promoUnits: o.promoUnits, weekdayIndex: o.weekdayIndex, distribution: o.distribution });
  }
  const plans = planEachPair(task.pairs, planned, task.context);
  const byPair = new Map(outlooks.map((o) => [pairKey(o.variantId, o.locationId), o]));
  for (const row of plans.stockPlans) {
    const outlook = byPair.get(pairKey(row.variantId, row.locationId));
    const correction = outlook ? serviceCorrectionReason(check, outlook) : null;
    if (correction) row.policyReason = `${row.policyReason} ${correction}`;
  }
  return {
    forecasts: outlooks.map(forecastRowOf),
    plans,
    recentSales: sumRecentSales(outlooks),
    promoEvents: forecast.promoEvents,
    calibration: check.calibration,
    replays: check.replays,
    accuracy: check.accuracy,
    seconds: { calibration: forecast.calibrationSeconds, serviceCheck },
  };
}
