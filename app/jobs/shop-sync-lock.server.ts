import { DelayedError, type Job } from "bullmq";
import { tryLockShopSync } from "~/platform/locks.server";

/** How long a job waits before trying again when another sync job holds its shop. */
export const SHOP_BUSY_RETRY_MS = 30_000;

/**
 * Runs a shop's sync work while no other sync job for that shop runs. If the
 * shop is busy the job goes back to delayed without using up an attempt
 * (BullMQ counts DelayedError as neither success nor failure).
 */
export async function withShopSyncLock<T>(
  job: Job<{ shopId: number }>,
  token: string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const lock = await tryLockShopSync(job.data.shopId);
  if (!lock) {
    await job.moveToDelayed(Date.now() + SHOP_BUSY_RETRY_MS, token);
    throw new DelayedError(`Shop ${job.data.shopId} is busy with another sync job`);
  }
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
