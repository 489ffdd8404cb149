import { getQueue, type ShopJobData } from "./queues.server";

/** Reconciliation runs every night at 03:00 UTC, staggered by shop so shops do not all start at once. */
export function nightlyReconcilePattern(shopId: number): string {
  return `${shopId % 60} 3 * * *`;
}

function schedulerId(shopId: number): string {
  return `reconcile-nightly-shop-${shopId}`;
}

export async function scheduleNightlyReconcile(data: ShopJobData): Promise<void> {
  await getQueue("sync").upsertJobScheduler(schedulerId(data.shopId), { pattern: nightlyReconcilePattern(data.shopId) }, { name: "reconcile", data });
}

export async function unscheduleNightlyReconcile(shopId: number): Promise<void> {
  await getQueue("sync").removeJobScheduler(schedulerId(shopId));
}
