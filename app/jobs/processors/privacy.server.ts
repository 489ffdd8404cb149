import type { Job } from "bullmq";
import type { JobCatalog } from "~/platform/queue/queues.server";
import { unscheduleNightlyReconcile } from "~/platform/queue/schedules.server";
import { withShopSyncLock } from "~/jobs/shop-sync-lock.server";
import { eraseShop } from "~/features/privacy/erase-shop.server";

/** shop/redact's erasure. Holds the shop's sync lock so no sync job writes rows behind it. */
export async function processShopErase(job: Job<JobCatalog["shop-erase"]>, token?: string) {
  return withShopSyncLock(job, token, async () => {
    await unscheduleNightlyReconcile(job.data.shopId);
    return eraseShop(job.data.shopId, job.data.shopDomain);
  });
}
