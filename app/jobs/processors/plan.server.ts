import type { Job } from "bullmq";
import type { JobCatalog } from "~/platform/queue/queues.server";
import { enqueueShopJob } from "~/platform/queue/enqueue.server";
import { withShopPlanLock } from "~/jobs/shop-plan-lock.server";
import { runFullPlan } from "~/features/plan-runs/full-plan.server";
import { runIncrementalPlan } from "~/features/plan-runs/incremental-plan.server";
import { watchPromotionCaps } from "~/features/promotions/caps.server";
import { refreshPromotionVerdicts } from "~/features/promotions/verdicts.server";
import { notifyOpenedAlerts } from "~/features/alerts/flow-notifier.server";
import { findShopById } from "~/platform/shops.server";

/** Plans committed within this window share one promotion watch. */
const WATCH_WINDOW_MS = 10_000;

const enqueuePromotionWatch = (data: JobCatalog["plan-shop"] | JobCatalog["plan-variants"]) =>
  enqueueShopJob("promotion-watch", { shopId: data.shopId, shopDomain: data.shopDomain }, { delayMs: 2_000, idSuffix: String(Math.floor(Date.now() / WATCH_WINDOW_MS)) });

/** A full run takes tens of seconds on a large shop; an incremental one waiting behind it retries every few seconds. */
const FULL_PLAN_BUSY_RETRY_MS = 15_000;

export async function processPlanShop(job: Job<JobCatalog["plan-shop"]>, token?: string) {
  const result = await withShopPlanLock(job, token, () => runFullPlan(job.data.shopId, job.data.trigger), FULL_PLAN_BUSY_RETRY_MS);
  // Flow is told after the lock is released: a slow Flow call never holds the shop's plan.
  const notified = await notifyOpenedAlerts({ id: job.data.shopId, domain: job.data.shopDomain }, result.opened);
  // Changes that arrived during the run are re-planned now, on the new plan.
  await enqueueShopJob("plan-variants", job.data, { idSuffix: `after-${result.runId}` });
  await enqueuePromotionWatch(job.data);
  return { ...result, opened: result.opened.length, notified };
}

export async function processPlanVariants(job: Job<JobCatalog["plan-variants"]>, token?: string) {
  const result = await withShopPlanLock(job, token, () => runIncrementalPlan(job.data.shopId));
  const notified = result ? await notifyOpenedAlerts({ id: job.data.shopId, domain: job.data.shopDomain }, result.opened) : null;
  if (result?.remaining) await enqueueShopJob("plan-variants", job.data, { idSuffix: `more-${result.runId}` });
  if (result) await enqueuePromotionWatch(job.data);
  return result ? { ...result, opened: result.opened.length, notified } : { skipped: "nothing to re-plan, or no plan yet" };
}

export async function processPromotionWatch(job: Job<JobCatalog["promotion-watch"]>, token?: string) {
  const shop = await findShopById(job.data.shopId);
  if (!shop || shop.uninstalledAt) return { skipped: "shop gone" };
  // Alerts are written under the plan lock, as a plan run writes them; Flow is told after its release.
  const caps = await withShopPlanLock(job, token, () => watchPromotionCaps(shop));
  const notified = await notifyOpenedAlerts(shop, caps.toNotify);
  const verdicts = await refreshPromotionVerdicts(shop);
  return { ...verdicts, caps: { ...caps, toNotify: caps.toNotify.length }, notified };
}
