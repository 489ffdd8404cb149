/** The sync card's buttons: retry an import, or forget a token Shopify refused so the next request exchanges a fresh one. */
import { enqueueShopJob } from "~/platform/queue/enqueue.server";
import { invalidateOfflineSession } from "~/platform/sessions.server";

/** Starts the import again; it resumes where it stopped. */
export async function retrySync(shop: { id: number; domain: string }): Promise<void> {
  await enqueueShopJob("catalog-backfill", { shopId: shop.id, shopDomain: shop.domain });
}

/** Empties the stored offline token; authenticating again then exchanges a fresh one (afterAuth resumes the sync). */
export async function forgetOfflineToken(shop: { domain: string }): Promise<void> {
  await invalidateOfflineSession(shop.domain);
}
