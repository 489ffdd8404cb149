/** Shared set-up for plan tests: a simulated shop, installed, backfilled and planned as of a fixed day. */
import type { RunningSimulator } from "../../simulator/server";
import { installShop } from "../sync/sync-support";
import { runFullPlan } from "~/features/plan-runs/full-plan.server";
import { runCatalogBackfill } from "~/sync/catalog-backfill.server";
import { runOrdersBackfill } from "~/sync/orders-backfill.server";
import { loadSyncContext } from "~/sync/shop-context.server";

/** The brand's history ends the day before the plan date, as a live shop's does. */
export const HISTORY_END = "2026-11-30";
export const PLAN_DATE = "2026-12-01";

export async function backfilledShop(simulator: RunningSimulator, domain: string): Promise<number> {
  const shopId = await installShop(simulator, domain);
  const ctx = await loadSyncContext(shopId);
  await runCatalogBackfill(ctx);
  await runOrdersBackfill(ctx);
  return shopId;
}

/** `learnCalibration: false` plans with the model's own intervals (see the promotion tests for why). */
export async function plannedShop(simulator: RunningSimulator, domain: string, options: { learnCalibration?: boolean } = {}): Promise<{ shopId: number; runId: number }> {
  const shopId = await backfilledShop(simulator, domain);
  const { runId } = await runFullPlan(shopId, "manual", { threads: 1, asOf: PLAN_DATE, ...options });
  return { shopId, runId };
}
