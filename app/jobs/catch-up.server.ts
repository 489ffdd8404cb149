import { planCatchUp } from "~/sync/catch-up.server";
import { enqueueShopJob } from "~/platform/queue/enqueue.server";
import { scheduleNightlyReconcile } from "~/platform/queue/schedules.server";

/** On worker start: resume unfinished imports, reconcile shops not synced for a day, ensure schedules. */
export async function enqueueCatchUp(): Promise<{ backfills: number; reconciles: number }> {
  const plan = await planCatchUp();
  for (const job of plan.backfill) {
    await enqueueShopJob("catalog-backfill", job);
    await scheduleNightlyReconcile(job);
  }
  for (const job of plan.reconcile) {
    await enqueueShopJob("reconcile", job);
    await scheduleNightlyReconcile(job);
  }
  return { backfills: plan.backfill.length, reconciles: plan.reconcile.length };
}
