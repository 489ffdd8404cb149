import { listInstalledShops } from "~/platform/shops.server";
import { syncFinishesByShop } from "~/sync/queries/sync-runs.server";

const STALE_AFTER_MS = 24 * 3600_000;

export interface CatchUpPlan {
  /** Shops that never finished an import: start (or resume) the backfill. */
  backfill: { shopId: number; shopDomain: string }[];
  /** Shops whose last successful sync is over a day old (the app was down): reconcile. */
  reconcile: { shopId: number; shopDomain: string }[];
}

/** What the worker should queue when it starts, e.g. after downtime. */
export async function planCatchUp(now: Date = new Date()): Promise<CatchUpPlan> {
  const plan: CatchUpPlan = { backfill: [], reconcile: [] };
  const finishes = await syncFinishesByShop();
  for (const shop of await listInstalledShops()) {
    const job = { shopId: shop.id, shopDomain: shop.domain };
    const finished = finishes.get(shop.id);
    if (!finished?.ordersBackfillSucceeded) plan.backfill.push(job);
    else if (!finished.lastSuccessAt || now.getTime() - finished.lastSuccessAt.getTime() > STALE_AFTER_MS) plan.reconcile.push(job);
  }
  return plan;
}
