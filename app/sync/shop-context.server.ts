import type { Shop } from "@prisma/client";
import { findShopById } from "~/persistence/shops.server";
import type { AdminGraphqlClient } from "~/shopify/admin-client.server";
import { throttledOfflineGraphql } from "~/shopify/offline-client.server";
import type { ThrottleOptions } from "~/shopify/throttled-client.server";

export interface SyncContext {
  shop: Shop;
  timezone: string;
  graphql: AdminGraphqlClient;
}

/** The shop and an Admin client for a sync job; `graphql` can be injected (tests, benches). */
export async function loadSyncContext(shopId: number, graphql?: AdminGraphqlClient, throttle?: ThrottleOptions): Promise<SyncContext> {
  const shop = await findShopById(shopId);
  if (!shop) throw new Error(`Shop ${shopId} is not installed`);
  return {
    shop,
    timezone: shop.ianaTimezone ?? "UTC",
    graphql: graphql ?? (await throttledOfflineGraphql(shop.domain, throttle)),
  };
}
