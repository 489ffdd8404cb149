import { DelayedError, type Job } from "bullmq";
import { tryLockShopPlan } from "~/platform/locks.server";

/** A re-plan waits this long when another plan run holds the shop: short, so stock changes show within seconds. */
export const PLAN_BUSY_RETRY_MS = 2_000;

/** Runs a shop's plan work while no other plan run for that shop runs; busy -> back to delayed, no attempt spent. */
export async function withShopPlanLock<T>(job: Job<{ shopId: number }>, token: string | undefined, work: () => Promise<T>, retryMs = PLAN_BUSY_RETRY_MS): Promise<T> {
  const lock = await tryLockShopPlan(job.data.shopId);
  if (!lock) {
    await job.moveToDelayed(Date.now() + retryMs, token);
    throw new DelayedError(`Shop ${job.data.shopId} is busy with another plan run`);
  }
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
