import { recordInstall } from "~/persistence/shops.server";
import { enqueueInitialSync } from "~/queue/enqueue.server";
import type { AdminGraphqlClient } from "./admin-client.server";
import { fetchShopProfile } from "./shop-profile.server";

/** Runs after each token exchange: records the install and starts the first sync. */
export async function onShopAuthenticated(
  shopDomain: string,
  graphql: AdminGraphqlClient,
): Promise<void> {
  const profile = await fetchShopProfile(graphql);
  const { shop, isNewInstall } = await recordInstall(shopDomain, profile);
  if (isNewInstall) await enqueueInitialSync(shop.id, shopDomain);
}
