/** "Re-plan now": queues a full plan run for the shop (a run already queued or running absorbs it). */
import { enqueueShopJob } from "~/platform/queue/enqueue.server";

export async function requestFullPlan(shop: { id: number; domain: string }): Promise<void> {
  await enqueueShopJob("plan-shop", { shopId: shop.id, shopDomain: shop.domain, trigger: "manual" });
}
