/**
 * A full plan run for one shop: read everything, forecast every stocked variant at every
 * location (one task per location, on worker threads), plan each pair, and commit forecasts,
 * stock plans, proposals and alerts in one transaction that also makes the run the shop's
 * plan. Until that commit, every screen keeps showing the previous plan; a run that fails or
 * dies leaves it in place.
 */
import { availableParallelism } from "node:os";
import { createWorkerPool } from "~/lib/worker-pool";
import { classifyAbc } from "~/planning/policy";
import { readPlanSettings } from "~/planning/plan/plan-settings";
import { suppliersByVendor } from "~/planning/proposals";
import { addDays, weekStartOf } from "~/planning/calendar";
import { clearDirtyVariantsBefore } from "~/persistence/plan-dirty.server";
import {
  loadDemandDays,
  loadLastSaleDays,
  loadOpenOrderUnits,
  loadPlanningLevels,
  loadPlanningLocations,
  loadPlanningVariants,
  loadStockoutSpans,
  loadVariantRevenue,
} from "~/persistence/plan-inputs.server";
import { clearInterruptedRuns, deletePlanRows, failPlanRun, startPlanRun, updatePlanProgress } from "~/persistence/plan-runs.server";
import { findShopById } from "~/persistence/shops.server";
import { listSuppliers, listVariantTerms, toSupplierTerms, toTermsOverride } from "~/persistence/suppliers.server";
import { commitFullPlan } from "./commit-plan.server";
import { computePlans, type PlanContext } from "./compute-plans";
import { runForecastTask, type CompactOutlook, type ForecastTask } from "./forecast-task";
import { demandInputs, lastSaleByPair, pairKey, planPairs, primaryLocationId, type PlanPair } from "./plan-pairs";
import { openOrdersByPair, shopToday } from "./plan-support";
import { notifyOpenedAlerts } from "./alert-notifications.server";

export interface PlanRunResult {
  runId: number;
  pairs: number;
  proposals: number;
  alertsOpened: number;
  alertsResolved: number;
  seconds: { load: number; forecast: number; plan: number; commit: number };
}

/** Weeks of history a forecast reads (three seasons). */
const HISTORY_WEEKS = 156;

export interface FullPlanOptions {
  /** Worker threads for forecasting; 1 forecasts on the calling thread (tests, small shops). */
  threads?: number;
  /** Send Shopify Flow triggers for newly opened stockout alerts (off in benches). */
  notify?: boolean;
  /** The plan date; default today in the shop's time zone (tests and benches pin it). */
  asOf?: string;
}

export async function runFullPlan(shopId: number, trigger: string, options: FullPlanOptions = {}): Promise<PlanRunResult> {
  const startedAt = new Date();
  const clock = { started: performance.now(), last: performance.now() };
  const lap = (): number => {
    const now = performance.now();
    const seconds = (now - clock.last) / 1000;
    clock.last = now;
    return seconds;
  };
  const shop = await findShopById(shopId);
  if (!shop) throw new Error(`Shop ${shopId} is not installed`);
  const timezone = shop.ianaTimezone ?? "UTC";
  const settings = readPlanSettings(shop.planSettings);
  const asOf = options.asOf ?? shopToday(timezone);
  const historyFrom = addDays(weekStartOf(asOf), -7 * HISTORY_WEEKS);

  const [variants, locations, levels, demand, stockouts, openOrders, lastSale, revenue, suppliers, terms] = await Promise.all([
    loadPlanningVariants(shopId, timezone),
    loadPlanningLocations(shopId),
    loadPlanningLevels(shopId),
    loadDemandDays(shopId, historyFrom),
    loadStockoutSpans(shopId),
    loadOpenOrderUnits(shopId),
    loadLastSaleDays(shopId),
    loadVariantRevenue(shopId, addDays(asOf, -364)),
    listSuppliers(shopId),
    listVariantTerms(shopId),
  ]);
  const primary = primaryLocationId(locations);
  const pairs = planPairs(variants, locations, levels);
  const run = await startPlanRun(shopId, "FULL", trigger, asOf, pairs.length);
  try {
    await clearInterruptedRuns(shopId, run.id);
    const inputs = demandInputs(pairs, demand, stockouts, primary);
    const dataStart = demand.reduce<string | null>((min, d) => (min === null || d.date < min ? d.date : min), null) ?? undefined;
    const load = lap();

    const outlooks = await forecastPairs(pairs, inputs, { asOf, horizonWeeks: settings.horizonWeeks, ...(dataStart ? { dataStart } : {}) }, options.threads ?? Math.min(2, availableParallelism()), (done) =>
      updatePlanProgress(shopId, run.id, done),
    );
    const forecast = lap();

    const abc = classifyAbc(
      variants.map((v) => ({ id: v.variantId, revenue: revenue.get(v.variantId) ?? 0 })),
      { a: settings.abcCutoffs.a / 100, b: settings.abcCutoffs.b / 100 },
    );
    const supplierTerms = new Map(suppliers.map((s) => [s.id, toSupplierTerms(s)]));
    const context: PlanContext = {
      asOf,
      settings,
      currencyCode: shop.currencyCode ?? "USD",
      suppliers: supplierTerms,
      vendorSuppliers: suppliersByVendor(supplierTerms.values()),
      termsByVariant: new Map(terms.map((t) => [t.variantId.toString(), toTermsOverride(t)])),
      openOrders: openOrdersByPair(openOrders, primary),
      lastSale: lastSaleByPair(lastSale, primary),
      abcClass: (variantId) => abc.get(variantId)?.abcClass ?? "C",
    };
    const planned = computePlans(pairs, new Map([...outlooks].map(([key, o]) => [key, o])), context);
    const plan = lap();

    const committed = await commitFullPlan(shopId, run.id, startedAt, { outlooks, planned, pairs: pairs.map((p) => p.key) });
    await clearDirtyVariantsBefore(shopId, startedAt);
    if (committed.previousRunId !== null && committed.previousRunId !== run.id) await deletePlanRows(shopId, committed.previousRunId);
    const commit = lap();
    if (options.notify !== false) await notifyOpenedAlerts(shop, committed.opened);
    return {
      runId: run.id,
      pairs: pairs.length,
      proposals: planned.drafts.length,
      alertsOpened: committed.opened.length,
      alertsResolved: committed.resolved,
      seconds: { load, forecast, plan, commit },
    };
  } catch (error) {
    await failPlanRun(shopId, run.id, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

/** Forecasts every pair, one task per location so each location keeps its own seasonal profiles and analogs. */
async function forecastPairs(
  pairs: readonly PlanPair[],
  inputs: ReturnType<typeof demandInputs>,
  options: Omit<ForecastTask, "inputs">,
  threads: number,
  onProgress: (done: number) => Promise<void>,
): Promise<Map<string, CompactOutlook>> {
  const byLocation = new Map<string, ForecastTask>();
  for (const pair of pairs) {
    const input = inputs.get(pair.key);
    if (!input) continue;
    const task = byLocation.get(pair.location.id) ?? { ...options, inputs: [] };
    task.inputs.push(input);
    byLocation.set(pair.location.id, task);
  }
  const tasks = [...byLocation.values()].sort((a, b) => b.inputs.length - a.inputs.length);
  const outlooks = new Map<string, CompactOutlook>();
  let done = 0;
  const collect = async (results: CompactOutlook[]) => {
    for (const outlook of results) outlooks.set(pairKey(outlook.variantId, outlook.locationId), outlook);
    done += results.length;
    await onProgress(done);
  };
  if (threads <= 1 || tasks.length <= 1) {
    for (const task of tasks) await collect(runForecastTask(task));
    return outlooks;
  }
  const pool = createWorkerPool<ForecastTask, CompactOutlook[]>(new URL("./forecast-worker.ts", import.meta.url), Math.min(threads, tasks.length));
  try {
    await Promise.all(tasks.map((task) => pool.run(task).then(collect)));
  } finally {
    await pool.close();
  }
  return outlooks;
}
