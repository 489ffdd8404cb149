import type { Job } from "bullmq";
import type { JobCatalog } from "~/queue/queues.server";
import { enqueueShopJob } from "~/queue/enqueue.server";
import { withShopPlanLock } from "../shop-plan-lock.server";
import { runFullPlan } from "~/plan/plan-shop.server";
import { runIncrementalPlan } from "~/plan/plan-variants.server";
import { watchPromotions } from "~/plan/promotion-watch.server";

/** Plans committed within this window share one promotion watch. */
const WATCH_WINDOW_MS = 10_000;

const enqueuePromotionWatch = (data: JobCatalog["plan-shop"] | JobCatalog["plan-variants"]) =>
  enqueueShopJob("promotion-watch", { shopId: data.shopId, shopDomain: data.shopDomain }, { delayMs: 2_000, idSuffix: String(Math.floor(Date.now() / WATCH_WINDOW_MS)) });

/** A full run takes tens of seconds on a large shop; an incremental one waiting behind it retries every few seconds. */
const FULL_PLAN_BUSY_RETRY_MS = 15_000;

export async function processPlanShop(job: Job<JobCatalog["plan-shop"]>, token?: string) {
  const result = await withShopPlanLock(job, token, () => runFullPlan(job.data.shopId, job.data.trigger), FULL_PLAN_BUSY_RETRY_MS);
  // Changes that arrived during the run are re-planned now, on the new plan.
  await enqueueShopJob("plan-variants", job.data, { idSuffix: `after-${result.runId}` });
  await enqueuePromotionWatch(job.data);
  return result;
}

export async function processPlanVariants(job: Job<JobCatalog["plan-variants"]>, token?: string) {
  const result = await withShopPlanLock(job, token, () => runIncrementalPlan(job.data.shopId));
  if (result?.remaining) await enqueueShopJob("plan-variants", job.data, { idSuffix: `more-${result.runId}` });
  if (result) await enqueuePromotionWatch(job.data);
  return result ?? { skipped: "nothing to re-plan, or no plan yet" };
}

export async function processPromotionWatch(job: Job<JobCatalog["promotion-watch"]>) {
  return watchPromotions(job.data.shopId);
}
