import { clearShopAccessLost, findShopByDomain } from "~/platform/shops.server";
import { recordInstall } from "./queries/shop-install.server";
import { hasSucceededRun } from "~/sync/queries/sync-runs.server";
import { enqueueInitialSync, enqueueSyncResume } from "~/platform/queue/enqueue.server";
import type { AdminGraphqlClient } from "~/shopify/admin-client.server";
import { fetchShopProfile } from "~/shopify/shop-profile.server";

/** Installs being recorded in this process, by shop domain. */
const recording = new Map<string, Promise<void>>();

/** Runs after each token exchange: records the install, starts the first sync, or resumes one a lost token stopped. */
export async function onShopAuthenticated(shopDomain: string, graphql: AdminGraphqlClient): Promise<void> {
  const running = recording.get(shopDomain);
  if (running) return running;
  const work = recordAndStartSync(shopDomain, graphql).finally(() => recording.delete(shopDomain));
  recording.set(shopDomain, work);
  return work;
}

async function recordAndStartSync(shopDomain: string, graphql: AdminGraphqlClient): Promise<void> {
  const profile = await fetchShopProfile(graphql);
  const { shop, isNewInstall } = await recordInstall(shopDomain, profile);
  if (isNewInstall) {
    await clearShopAccessLost(shop.id);
    await enqueueInitialSync(shop.id, shopDomain);
  } else if (await clearShopAccessLost(shop.id)) {
    await enqueueSyncResume(shop.id, shopDomain, await hasSucceededRun(shop.id, "ORDERS_BACKFILL"));
  }
}

/**
 * For page loaders. Remix runs the layout's and the page's loaders at once, and the
 * library runs afterAuth for only one of them (once per session token), without the
 * other waiting: a page that reads the shop waits for that install, or records it itself.
 */
export async function whenShopRecorded(shopDomain: string, graphql: AdminGraphqlClient): Promise<void> {
  const running = recording.get(shopDomain);
  if (running) return running;
  if (!(await findShopByDomain(shopDomain))) await onShopAuthenticated(shopDomain, graphql);
}
