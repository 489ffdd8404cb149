import { listInstalledShops } from "~/persistence/shops.server";
import { latestRun } from "~/persistence/sync-runs.server";
import prisma from "~/db.server";

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
  for (const shop of await listInstalledShops()) {
    const job = { shopId: shop.id, shopDomain: shop.domain };
    const orders = await latestRun(shop.id, "ORDERS_BACKFILL");
    if (!orders || orders.status !== "SUCCEEDED") {
      const everSucceeded = await prisma.syncRun.count({ where: { shopId: shop.id, kind: "ORDERS_BACKFILL", status: "SUCCEEDED" } });
      if (everSucceeded === 0) {
        plan.backfill.push(job);
        continue;
      }
    }
    const lastSuccess = await prisma.syncRun.findFirst({
      where: { shopId: shop.id, status: "SUCCEEDED", kind: { in: ["ORDERS_BACKFILL", "RECONCILIATION"] } },
      orderBy: { finishedAt: "desc" },
    });
    if (!lastSuccess?.finishedAt || now.getTime() - lastSuccess.finishedAt.getTime() > STALE_AFTER_MS) plan.reconcile.push(job);
  }
  return plan;
}
