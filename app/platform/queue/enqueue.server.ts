import type { Job } from "bullmq";
import { getQueue, JOB_QUEUE, shopJobId, type JobCatalog, type JobName } from "./queues.server";
import { scheduleNightlyReconcile } from "./schedules.server";

/**
 * `idSuffix` opens a new dedup window (e.g. per second), for jobs that drain a durable
 * work list: a job already running may have read the list before the newest entry.
 *
 * Adds a shop-scoped job unless the same job for the same shop is already
 * waiting, delayed or running (completed ones are removed after a day, so
 * jobs also stay unique within the retained window; see DEFAULT_JOB_OPTIONS).
 */
export async function enqueueShopJob<N extends JobName>(
  name: N,
  data: JobCatalog[N],
  options: { delayMs?: number; idSuffix?: string } = {},
): Promise<Job> {
  const queue = getQueue(JOB_QUEUE[name]);
  const jobId = options.idSuffix ? `${shopJobId(name, data.shopId)}-${options.idSuffix}` : shopJobId(name, data.shopId);
  const existing = await queue.getJob(jobId);
  if (existing && (await existing.isCompleted() || await existing.isFailed())) {
    await existing.remove();
  }
  return queue.add(name, data, { jobId, ...(options.delayMs ? { delay: options.delayMs } : {}) });
}

/** First import right after install, and the nightly reconciliation from then on. */
export async function enqueueInitialSync(shopId: number, shopDomain: string): Promise<void> {
  await enqueueShopJob("catalog-backfill", { shopId, shopDomain });
  await scheduleNightlyReconcile({ shopId, shopDomain });
}

/** After a lost token was replaced: finish the import if it never finished, else catch up on what was missed. */
export async function enqueueSyncResume(shopId: number, shopDomain: string, orderHistoryImported: boolean): Promise<void> {
  await enqueueShopJob(orderHistoryImported ? "reconcile" : "catalog-backfill", { shopId, shopDomain });
}

/**
 * Re-plans the variants an edit marked dirty, within seconds. One job per shop per second: a mark
 * made after a job read the marks is taken by the next second's job.
 */
export function enqueueDirtyReplan(who: { shopId: number; shopDomain: string }, options: { delayMs?: number } = {}): Promise<Job> {
  return enqueueShopJob("plan-variants", { shopId: who.shopId, shopDomain: who.shopDomain }, { idSuffix: String(Math.floor(Date.now() / 1000)), ...options });
}
