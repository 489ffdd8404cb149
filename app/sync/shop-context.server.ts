import type { Shop } from "@prisma/client";
import { UnrecoverableError } from "bullmq";
import { findShopById } from "~/platform/shops.server";
import type { AdminGraphqlClient } from "~/shopify/admin-client.server";
import { throttledOfflineGraphql } from "~/shopify/offline-client.server";
import type { ThrottleOptions } from "~/shopify/throttled-client.server";
import { shopTimezone } from "~/platform/shop-actor";

export interface SyncContext {
  shop: Shop;
  timezone: string;
  graphql: AdminGraphqlClient;
  /** Aborted when the worker shuts down: long imports stop at a safe point and are handed back. */
  signal?: AbortSignal;
}

/** The shop and an Admin client for a sync job; `graphql` can be injected (tests, benches). */
export async function loadSyncContext(
  shopId: number,
  graphql?: AdminGraphqlClient,
  throttle?: ThrottleOptions,
  signal?: AbortSignal,
): Promise<SyncContext> {
  const shop = await findShopById(shopId);
  // Retrying cannot help a shop that is gone or uninstalled: its token is revoked.
  if (!shop || shop.status !== "INSTALLED") throw new UnrecoverableError(`Shop ${shopId} is not installed`);
  return {
    shop,
    timezone: shopTimezone(shop),
    graphql: graphql ?? (await throttledOfflineGraphql(shop.domain, throttle)),
    ...(signal ? { signal } : {}),
  };
}
