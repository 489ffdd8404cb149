/**
 * A full plan run for one shop: read everything, forecast and plan every stocked variant at
 * every location (one task per location, on worker threads), and commit forecasts,
 * stock plans, proposals and alerts in one transaction that also makes the run the shop's
 * plan. Until that commit, every screen keeps showing the previous plan; a run that fails or
 * dies leaves it in place.
 */
import { availableParallelism } from "node:os";
import { createWorkerPool } from "~/platform/worker-pool";
import { classifyAbc } from "~/engine/policy";
import { PLAN_HISTORY_WEEKS, readPlanSettings } from "~/engine/plan/plan-settings";
import { addDays, weekStartOf } from "~/engine/calendar";
import { clearDirtyVariantsBefore } from "~/platform/plan-dirty.server";
import {
  loadDemandDays,
  loadFirstDemandDay,
  loadLastSaleDays,
  loadOpenOrderUnits,
  loadPlanningLevels,
  loadPlanningLocations,
  loadPlanningVariants,
  loadStockoutSpans,
  loadVariantRevenue,
} from "~/platform/plan-inputs.server";
import { clearInterruptedRuns, deletePlanRows, failPlanRun, refreshPlanStatistics, startPlanRun, updatePlanProgress } from "~/features/plan-runs/queries/runs.server";
import { findShopById } from "~/platform/shops.server";
import { estimateUplift, type UpliftModel } from "~/engine/forecast/uplift";
import { loadBuyingTerms } from "~/features/suppliers/buying-terms.server";
import { loadPromotionDemand, settleEndedPromotions } from "~/features/promotions/plan-demand.server";
import { commitFullPlan, type OpenedAlert } from "./commit.server";
import { applyShopBudget, type PlanContext } from "~/engine/plan/compute-plans";
import { demandInputs, lastSaleByPair, planPairs, primaryLocationId, type PlanPair } from "~/engine/plan/plan-pairs";
import { mergeRecentSales, runPlanTask, type PlanTask, type PlanTaskResult } from "~/engine/plan/plan-task";
import { loadPastPromotionWindows } from "~/features/promotions/past-windows.server";
import { upliftModelWithActuals } from "~/features/promotions/actuals.server";
import { openOrdersByPair, shopToday } from "~/engine/plan/open-orders";
import { shopTimezone } from "~/platform/shop-actor";

export interface PlanRunResult {
  runId: number;
  pairs: number;
  proposals: number;
  alertsOpened: number;
  alertsResolved: number;
  /** The alerts this run opened, for Shopify Flow once the shop's plan lock is released. */
  opened: OpenedAlert[];
  seconds: { load: number; forecast: number; plan: number; commit: number; calibrationCpu: number; serviceCheckCpu: number };
}


export interface FullPlanOptions {
  /** Worker threads for forecasting; 1 forecasts on the calling thread (tests, small shops). */
  threads?: number;
  /** The plan date; default today in the shop's time zone (tests and benches pin it). */
  asOf?: string;
  /** false: forecast with the model's own intervals, learning no calibration (the bench's comparison) */
  learnCalibration?: boolean;
}

export async function runFullPlan(shopId: number, trigger: string, options: FullPlanOptions = {}): Promise<PlanRunResult> {
  const startedAt = new Date();
  const clock = { last: performance.now() };
  const lap = (): number => {
    const now = performance.now();
    const seconds = (now - clock.last) / 1000;
    clock.last = now;
    return seconds;
  };
  const shop = await findShopById(shopId);
  if (!shop) throw new Error(`Shop ${shopId} is not installed`);
  const timezone = shopTimezone(shop);
  const settings = readPlanSettings(shop.planSettings);
  const asOf = options.asOf ?? shopToday(timezone);
  const historyFrom = addDays(weekStartOf(asOf), -7 * PLAN_HISTORY_WEEKS);

  // A promotion that just ended is measured against the plan it ran under, before this run replaces it.
  await settleEndedPromotions(shop, asOf);
  const [variants, locations, levels, openOrders, lastSale, revenue, buyingTerms, dataStart, promotions, pastWindows] = await Promise.all([
    loadPlanningVariants(shopId, timezone),
    loadPlanningLocations(shopId),
    loadPlanningLevels(shopId),
    loadOpenOrderUnits(shopId),
    loadLastSaleDays(shopId),
    loadVariantRevenue(shopId, addDays(asOf, -364)),
    loadBuyingTerms(shopId),
    loadFirstDemandDay(shopId),
    loadPromotionDemand(shopId, asOf),
    loadPastPromotionWindows(shopId, timezone, historyFrom, asOf),
  ]);
  const primary = primaryLocationId(locations);
  const pairs = planPairs(variants, locations, levels);
  const run = await startPlanRun(shopId, "FULL", trigger, asOf, pairs.length);
  try {
    await clearInterruptedRuns(shopId, run.id);
    const abc = classifyAbc(
      variants.map((v) => ({ id: v.variantId, revenue: revenue.get(v.variantId) ?? 0 })),
      { a: settings.abcCutoffs.a / 100, b: settings.abcCutoffs.b / 100 },
    );
    const context: PlanContext = {
      asOf,
      settings,
      currencyCode: shop.currencyCode ?? "USD",
      ...buyingTerms,
      openOrders: openOrdersByPair(openOrders, primary),
      lastSale: lastSaleByPair(lastSale, primary),
      abcClasses: new Map([...abc].map(([id, a]) => [id, a.abcClass])),
    };
    const load = lap();

    const tasks = locations
      .map((location) => ({ location, pairs: pairs.filter((p) => p.location.id === location.id) }))
      .filter((t) => t.pairs.length > 0)
      .sort((a, b) => b.pairs.length - a.pairs.length);
    const loadTask = async (task: (typeof tasks)[number]): Promise<PlanTask> => {
      // Unknown-location demand belongs to the primary location: read it with that location's.
      const locationIds = task.location.id === primary ? [task.location.id, "0"] : [task.location.id];
      const [demand, stockouts] = await Promise.all([loadDemandDays(shopId, historyFrom, undefined, locationIds), loadStockoutSpans(shopId, undefined, locationIds)]);
      const inputs = demandInputs(task.pairs, demand, stockouts, primary, pastWindows);
      return {
        forecast: { inputs: [...inputs.values()], asOf, horizonWeeks: settings.horizonWeeks, ...(dataStart ? { dataStart } : {}), ...(options.learnCalibration === false ? { learnCalibration: false } : {}) },
        pairs: task.pairs,
        context: contextFor(context, task.pairs),
        promotions: promotions.reaching(task.location),
        upliftModel: (shop.upliftModel as UpliftModel | null) ?? null,
      };
    };
    const results = await runTasks(tasks, loadTask, options.threads ?? Math.min(2, availableParallelism()), (done) => updatePlanProgress(shopId, run.id, done));
    const forecast = lap();

    const planned = {
      stockPlans: results.flatMap((r) => r.plans.stockPlans),
      drafts: results.flatMap((r) => r.plans.drafts),
      candidates: results.flatMap((r) => r.plans.candidates),
      budgetMonths: [] as ReturnType<typeof applyShopBudget>,
    };
    planned.budgetMonths = applyShopBudget(planned.drafts, context);
    const plan = lap();

    const committed = await commitFullPlan(shopId, run.id, startedAt, {
      forecasts: results.flatMap((r) => r.forecasts),
      planned,
      pairs: pairs.map((p) => p.key),
      asOf,
      recentSales: mergeRecentSales(results.map((r) => r.recentSales)),
      // Learned from every location's past promotions; the next run's promotion demand uses it.
      // Finished promotions' measured lifts are blended in (their history runs left out, not counted twice).
      upliftModel: await upliftModelWithActuals(shopId, timezone, results.flatMap((r) => r.promoEvents), (events) => estimateUplift(events)),
      calibration: { version: 1, locations: results.map((r, i) => ({ locationId: tasks[i]!.location.id, calibration: r.calibration, replays: r.replays, accuracy: r.accuracy })) },
    });
    await clearDirtyVariantsBefore(shopId, startedAt);
    if (committed.previousRunId !== null && committed.previousRunId !== run.id) await deletePlanRows(shopId, committed.previousRunId);
    await refreshPlanStatistics();
    const commit = lap();
    return {
      runId: run.id,
      pairs: pairs.length,
      proposals: planned.drafts.length,
      alertsOpened: committed.opened.length,
      opened: committed.opened,
      alertsResolved: committed.resolved,
      seconds: {
        load,
        forecast,
        plan,
        commit,
        calibrationCpu: results.reduce((a, r) => a + r.seconds.calibration, 0),
        serviceCheckCpu: results.reduce((a, r) => a + r.seconds.serviceCheck, 0),
      },
    };
  } catch (error) {
    await failPlanRun(shopId, run.id, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

/** The part of the run's context a task's pairs need (what crosses to a worker thread is copied). */
function contextFor(context: PlanContext, pairs: readonly PlanPair[]): PlanContext {
  const variantIds = new Set(pairs.map((p) => p.variant.variantId));
  const keys = new Set(pairs.map((p) => p.key));
  const pick = <V,>(map: ReadonlyMap<string, V>, keep: ReadonlySet<string>) => new Map([...map].filter(([key]) => keep.has(key)));
  return {
    ...context,
    termsByVariant: pick(context.termsByVariant, variantIds),
    openOrders: pick(context.openOrders, keys),
    lastSale: pick(context.lastSale, keys),
    abcClasses: pick(context.abcClasses, variantIds),
  };
}

/**
 * Runs the location tasks, the largest first, each loading its own history just before it runs
 * so that only the histories being forecast are in memory. One thread runs them in turn here.
 */
async function runTasks<T>(
  tasks: readonly T[],
  load: (task: T) => Promise<PlanTask>,
  threads: number,
  onProgress: (done: number) => Promise<void>,
): Promise<PlanTaskResult[]> {
  let done = 0;
  const report = async (result: PlanTaskResult) => {
    done += result.plans.stockPlans.length;
    await onProgress(done);
    return result;
  };
  if (threads <= 1 || tasks.length <= 1) {
    const results: PlanTaskResult[] = [];
    for (const task of tasks) results.push(await report(runPlanTask(await load(task))));
    return results;
  }
  const size = Math.min(threads, tasks.length);
  const pool = createWorkerPool<PlanTask, PlanTaskResult>(new URL("./plan-worker.ts", import.meta.url), size);
  const results: PlanTaskResult[] = [];
  let next = 0;
  try {
    // As many tasks in flight as threads: a task's history is loaded only when a thread is free for it.
    await Promise.all(
      Array.from({ length: size }, async () => {
        while (next < tasks.length) {
          const index = next++;
          results[index] = await report(await pool.run(await load(tasks[index]!)));
        }
      }),
    );
    return results;
  } finally {
    await pool.close();
  }
}
