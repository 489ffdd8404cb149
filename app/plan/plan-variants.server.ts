/**
 * The incremental re-plan: the variants marked dirty (a stock webhook, an order, new terms)
 * are planned again from the active run's stored forecasts, against fresh stock, inbound and
 * terms, in seconds. Their stock plans, reorder lines and alerts are refreshed in one
 * transaction that also clears the marks it covered. A pair without a stored forecast (a new
 * variant or location) is forecast on the spot. With no committed plan yet, it waits for the
 * first full run, which reads everything anyway.
 */
import type { AbcClass } from "~/planning/policy";
import { addDays, weekStartOf } from "~/planning/calendar";
import { readPlanSettings } from "~/planning/plan/plan-settings";
import type { PlannedOutlook } from "~/planning/plan/plan-variant";
import { suppliersByVendor } from "~/planning/proposals";
import { readDirtyVariants } from "~/persistence/plan-dirty.server";
import {
  loadDemandDays,
  loadLastSaleDays,
  loadOpenOrderUnits,
  loadPlanningLevels,
  loadPlanningLocations,
  loadPlanningVariants,
  loadStockoutSpans,
} from "~/persistence/plan-inputs.server";
import { findActivePlan, startPlanRun, failPlanRun } from "~/persistence/plan-runs.server";
import { plannedPromotions } from "~/persistence/promotions.server";
import type { UpliftModel } from "~/planning/forecast/uplift";
import { findShopById } from "~/persistence/shops.server";
import { loadBudgetUsed, loadStoredClasses, loadStoredForecasts, type StoredForecast } from "~/persistence/stored-plan.server";
import { listSuppliers, listVariantTerms, toSupplierTerms, toTermsOverride } from "~/persistence/suppliers.server";
import { notifyOpenedAlerts } from "./alert-notifications.server";
import { commitIncrementalPlan } from "./commit-plan.server";
import { computePlans } from "./compute-plans";
import { runForecastTask, type CompactOutlook } from "./forecast-task";
import { promotionUnits, upliftGroupKey } from "./promotion-demand";
import { channelReaches, plannedFromPromotion } from "./promotion-plans";
import { loadChannelShares } from "./promotion-channel-shares.server";
import { demandInputs, lastSaleByPair, pairKey, planPairs, primaryLocationId } from "./plan-pairs";
import { openOrdersByPair, shopToday } from "./plan-support";

/** Variants per incremental run; a larger backlog is drained by the runs that follow. */
export const INCREMENTAL_BATCH = 5_000;

export interface IncrementalResult {
  runId: number;
  variants: number;
  pairs: number;
  forecastOnTheSpot: number;
  alertsOpened: number;
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

export async function runIncrementalPlan(shopId: number, actor = "tempo", options: { notify?: boolean; asOf?: string } = {}): Promise<IncrementalResult | null> {
  const startedAt = new Date();
  const shop = await findShopById(shopId);
  if (!shop || shop.status !== "INSTALLED") return null;
  const active = await findActivePlan(shopId);
  if (!active) return null;
  const marks = await readDirtyVariants(shopId, INCREMENTAL_BATCH);
  if (marks.size === 0) return null;
  const variantIds = [...marks.keys()];
  const timezone = shop.ianaTimezone ?? "UTC";
  const settings = readPlanSettings(shop.planSettings);
  const asOf = options.asOf ?? shopToday(timezone);

  const [variants, locations, levels, openOrders, lastSale, stored, classes, suppliers, terms, budgetUsed, promotions] = await Promise.all([
    loadPlanningVariants(shopId, timezone, variantIds),
    loadPlanningLocations(shopId),
    loadPlanningLevels(shopId, variantIds),
    loadOpenOrderUnits(shopId, variantIds),
    loadLastSaleDays(shopId, variantIds),
    loadStoredForecasts(shopId, active.run.id, variantIds),
    loadStoredClasses(shopId, active.run.id, variantIds),
    listSuppliers(shopId),
    listVariantTerms(shopId),
    loadBudgetUsed(shopId, variantIds),
    plannedPromotions(shopId, asOf),
  ]);
  const channelShares = await loadChannelShares(shopId, promotions);
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
      const reaching = promotions.filter((p) => channelReaches(p.channel, location)).flatMap((p) => plannedFromPromotion(p, channelShares.get(p.id)));
      const promoUnits = promotionUnits({ variantId: row.variantId, groupKey: upliftGroupKey(variant) }, outlook.weekStarts, outlook.mean, reaching, model).units;
      outlooks.set(pairKey(row.variantId, row.locationId), { ...outlook, promoUnits });
      promoChanges.push({ variantId: row.variantId, locationId: row.locationId, promoUnits: [...Array(row.mean.length - outlook.mean.length).fill(0), ...promoUnits] });
    }
    const missing = pairs.filter((p) => !outlooks.has(p.key));
    const newOutlooks = await forecastMissing(shopId, missing, asOf, settings.horizonWeeks, primary);
    for (const outlook of newOutlooks) outlooks.set(pairKey(outlook.variantId, outlook.locationId), outlook);

    const supplierTerms = new Map(suppliers.map((s) => [s.id, toSupplierTerms(s)]));
    const classByVariant = new Map([...classes].map(([key, abcClass]) => [key.split(":")[0]!, abcClass as AbcClass]));
    const planned = computePlans(pairs, outlooks, {
      asOf,
      settings,
      currencyCode: shop.currencyCode ?? "USD",
      suppliers: supplierTerms,
      vendorSuppliers: suppliersByVendor(supplierTerms.values()),
      termsByVariant: new Map(terms.map((t) => [t.variantId.toString(), toTermsOverride(t)])),
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
    if (options.notify !== false) await notifyOpenedAlerts(shop, committed.opened);
    return { runId: run.id, variants: variantIds.length, pairs: pairs.length, forecastOnTheSpot: newOutlooks.length, alertsOpened: committed.opened.length, remaining: marks.size >= INCREMENTAL_BATCH };
  } catch (error) {
    await failPlanRun(shopId, run.id, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

async function forecastMissing(shopId: number, missing: ReturnType<typeof planPairs>, asOf: string, horizonWeeks: number, primary: string | null): Promise<CompactOutlook[]> {
  if (missing.length === 0) return [];
  const ids = [...new Set(missing.map((p) => p.variant.variantId))];
  const historyFrom = addDays(weekStartOf(asOf), -7 * 156);
  const [demand, stockouts] = await Promise.all([loadDemandDays(shopId, historyFrom, ids), loadStockoutSpans(shopId, ids)]);
  const inputs = demandInputs(missing, demand, stockouts, primary);
  return runForecastTask({ inputs: [...inputs.values()], asOf, horizonWeeks });
}
