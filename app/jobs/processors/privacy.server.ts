import type { Job } from "bullmq";
import type { JobCatalog } from "~/queue/queues.server";
import { unscheduleNightlyReconcile } from "~/queue/schedules.server";
import { withShopSyncLock } from "../shop-sync-lock.server";
import { completeShopRedactRequests } from "~/persistence/privacy-requests.server";
import { eraseShopData } from "~/persistence/shop-erasure.server";

export const SHOP_ERASED = "All of the shop's data was erased.";

/** shop/redact's erasure. Holds the shop's sync lock so no sync job writes rows behind it. */
export async function processShopErase(job: Job<JobCatalog["shop-erase"]>, token?: string) {
  return withShopSyncLock(job, token, async () => {
    await unscheduleNightlyReconcile(job.data.shopId);
    const erased = await eraseShopData(job.data.shopId);
    await completeShopRedactRequests(job.data.shopDomain, SHOP_ERASED);
    return erased;
  });
}
