/**
 * The incremental re-plan: the variants marked dirty (a stock webhook, an order, new terms)
 * are planned again from the active run's stored forecasts, against fresh stock, inbound and
 * terms, in seconds. Their stock plans, reorder lines and alerts are refreshed in one
 * transaction that also clears the marks it covered. A pair without a stored forecast (a new
 * variant or location) is forecast on the spot. With no committed plan yet, it waits for the
 * first full run, which reads everything anyway.
 */
import type { AbcClass } from "~/engine/policy";
import { addDays, weekStartOf } from "~/engine/calendar";
import { readPlanSettings, PLAN_HISTORY_WEEKS } from "~/engine/plan/plan-settings";
import type { PlannedOutlook } from "~/engine/plan/plan-variant";
import { readDirtyVariants } from "~/platform/plan-dirty.server";
import {
  loadDemandDays,
  loadLastSaleDays,
  loadOpenOrderUnits,
  loadPlanningLevels,
  loadPlanningLocations,
  loadPlanningVariants,
  loadStockoutSpans,
} from "~/platform/plan-inputs.server";
import { startPlanRun, failPlanRun } from "~/features/plan-runs/queries/runs.server";
import { findActivePlan } from "~/platform/plan-status.server";
import type { UpliftModel } from "~/engine/forecast/uplift";
import { findShopById } from "~/platform/shops.server";
import { loadBudgetUsed, loadStoredClasses, loadStoredForecasts, type StoredForecast } from "~/features/plan-runs/queries/stored-plan.server";
import { loadBuyingTerms } from "~/features/suppliers/buying-terms.server";
import { loadPromotionDemand } from "~/features/promotions/plan-demand.server";
import { commitIncrementalPlan, type OpenedAlert } from "./commit.server";
import { computePlans } from "~/engine/plan/compute-plans";
import { runForecastTask, type CompactOutlook } from "~/engine/plan/forecast-task";
import { calibrationAt, readPlanCalibration, type PlanCalibration } from "~/engine/plan/plan-calibration";
import { promotionUnits, upliftGroupKey } from "~/engine/promotions/promotion-demand";
import { demandInputs, lastSaleByPair, pairKey, planPairs, primaryLocationId } from "~/engine/plan/plan-pairs";
import { openOrdersByPair, shopToday } from "~/engine/plan/open-orders";
import { ENGINE_ACTOR, shopTimezone } from "~/platform/shop-actor";

/** Variants per incremental run; a larger backlog is drained by the runs that follow. */
export const INCREMENTAL_BATCH = 5_000;

export interface IncrementalResult {
  runId: number;
  variants: number;
  pairs: number;
  forecastOnTheSpot: number;
  alertsOpened: number;
  /** The alerts this run opened, for Shopify Flow once the shop's plan lock is released. */
  opened: OpenedAlert[];
  /** Dirty variants left for the next run. */
  remaining: boolean;
}

/** A stored forecast as of `asOf`: weeks that ended before the plan date are dropped. */
export function storedOutlook(stored: StoredForecast, asOf: string): PlannedOutlook | null {
  const currentWeek = weekStartOf(asOf);
  const skip = Math.max(0, Math.round((Date.parse(currentWeek) - Date.parse(stored.firstWeek)) / (7 * 86_400_000)));
  if (skip >= stored.mean.length) return null;
  const weekStarts = stored.mean.slice(skip).map((_, w) => addDays(stored.firstWeek, 7 * (w + skip)));
  const drop = (values: readonly number[]) => values.slice(skip);
  const distribution = { ...stored.distribution, mean: drop(stored.distribution.mean) } as PlannedOutlook["distribution"];
  if ("sd" in distribution) distribution.sd = drop(distribution.sd);
  if ("probability" in distribution) distribution.probability = drop(distribution.probability);
  return { weekStarts, mean: drop(stored.mean), promoUnits: drop(stored.promoUnits), weekdayIndex: stored.weekdayIndex.length === 7 ? stored.weekdayIndex : [1, 1, 1, 1, 1, 1, 1], distribution };
}

export async function runIncrementalPlan(shopId: number, actor = ENGINE_ACTOR, options: { asOf?: string } = {}): Promise<IncrementalResult | null> {
  const startedAt = new Date();
  const shop = await findShopById(shopId);
  if (!shop || shop.status !== "INSTALLED") return null;
  const active = await findActivePlan(shopId);
  if (!active) return null;
  const marks = await readDirtyVariants(shopId, INCREMENTAL_BATCH);
  if (marks.size === 0) return null;
  const variantIds = [...marks.keys()];
  const timezone = shopTimezone(shop);
  const settings = readPlanSettings(shop.planSettings);
  const asOf = options.asOf ?? shopToday(timezone);

  const [variants, locations, levels, openOrders, lastSale, stored, classes, buyingTerms, budgetUsed, promotions] = await Promise.all([
    loadPlanningVariants(shopId, timezone, variantIds),
    loadPlanningLocations(shopId),
    loadPlanningLevels(shopId, variantIds),
    loadOpenOrderUnits(shopId, variantIds),
    loadLastSaleDays(shopId, variantIds),
    loadStoredForecasts(shopId, active.run.id, variantIds),
    loadStoredClasses(shopId, active.run.id, variantIds),
    loadBuyingTerms(shopId),
    loadBudgetUsed(shopId, variantIds),
    loadPromotionDemand(shopId, asOf),
  ]);
  const primary = primaryLocationId(locations);
  const pairs = planPairs(variants, locations, levels);
  const run = await startPlanRun(shopId, "INCREMENTAL", "webhook", asOf, pairs.length);
  try {
    const outlooks = new Map<string, PlannedOutlook>();
    const variantById = new Map(variants.map((v) => [v.variantId, v]));
    const locationById = new Map(locations.map((l) => [l.id, l]));
    const model = (shop.upliftModel as UpliftModel | null) ?? null;
    const promoChanges: { variantId: string; locationId: string; promoUnits: number[] }[] = [];
    for (const row of stored) {
      const outlook = storedOutlook(row, asOf);
      const variant = variantById.get(row.variantId);
      const location = locationById.get(row.locationId);
      if (!outlook || !variant || !location) continue;
      // Promotions may have changed since the full run: their demand is recomputed from the stored baseline.
      const reaching = promotions.reaching(location);
      const promoUnits = promotionUnits({ variantId: row.variantId, groupKey: upliftGroupKey(variant) }, outlook.weekStarts, outlook.mean, reaching, model).units;
      outlooks.set(pairKey(row.variantId, row.locationId), { ...outlook, promoUnits });
      promoChanges.push({ variantId: row.variantId, locationId: row.locationId, promoUnits: [...Array(row.mean.length - outlook.mean.length).fill(0), ...promoUnits] });
    }
    const missing = pairs.filter((p) => !outlooks.has(p.key));
    const newOutlooks = await forecastMissing(shopId, missing, asOf, settings.horizonWeeks, primary, readPlanCalibration(active.run.calibration));
    for (const outlook of newOutlooks) outlooks.set(pairKey(outlook.variantId, outlook.locationId), outlook);

    const classByVariant = new Map([...classes].map(([key, abcClass]) => [key.split(":")[0]!, abcClass as AbcClass]));
    const planned = computePlans(pairs, outlooks, {
      asOf,
      settings,
      currencyCode: shop.currencyCode ?? "USD",
      ...buyingTerms,
      openOrders: openOrdersByPair(openOrders, primary),
      lastSale: lastSaleByPair(lastSale, primary),
      // A variant keeps the class the last full run gave it; one new since then starts as C.
      abcClasses: classByVariant,
      budgetUsedElsewhere: budgetUsed,
    });
    const committed = await commitIncrementalPlan(shopId, active.run.id, run.id, startedAt, {
      planned,
      pairs: pairs.map((p) => p.key),
      variantIds,
      newOutlooks,
      promoChanges,
      dirtyMarks: marks,
      actor,
    });
    return { runId: run.id, variants: variantIds.length, pairs: pairs.length, forecastOnTheSpot: newOutlooks.length, alertsOpened: committed.opened.length, opened: committed.opened, remaining: marks.size >= INCREMENTAL_BATCH };
  } catch (error) {
    await failPlanRun(shopId, run.id, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

/**
 * Forecasts pairs the active run has no forecast for, each location's with the calibration its
 * full run learned (a handful of pairs is too few to learn one from).
 */
async function forecastMissing(
  shopId: number,
  missing: ReturnType<typeof planPairs>,
  asOf: string,
  horizonWeeks: number,
  primary: string | null,
  calibration: PlanCalibration | null,
): Promise<CompactOutlook[]> {
  if (missing.length === 0) return [];
  const ids = [...new Set(missing.map((p) => p.variant.variantId))];
  const historyFrom = addDays(weekStartOf(asOf), -7 * PLAN_HISTORY_WEEKS);
  const [demand, stockouts] = await Promise.all([loadDemandDays(shopId, historyFrom, ids), loadStockoutSpans(shopId, ids)]);
  const byLocation = new Map<string, typeof missing>();
  for (const pair of missing) {
    const atLocation = byLocation.get(pair.location.id);
    if (atLocation) atLocation.push(pair);
    else byLocation.set(pair.location.id, [pair]);
  }
  return [...byLocation].flatMap(([locationId, locationPairs]) => {
    const inputs = demandInputs(locationPairs, demand, stockouts, primary);
    return runForecastTask({ inputs: [...inputs.values()], asOf, horizonWeeks, shopCalibration: calibrationAt(calibration, locationId) ?? null });
  });
}
