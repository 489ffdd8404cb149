import { markUnseenCollectionsDeleted, upsertCollections } from "~/persistence/collections.server";
import { inTransaction } from "~/persistence/pg-pool.server";
import type { RunCounts } from "~/persistence/sync-runs.server";
import { fetchAllCollections } from "~/shopify/collections.server";
import type { SyncContext } from "./shop-context.server";

/**
 * The shop's collection list (titles, handles, empty ones too), before the catalogue export
 * brings their members; collections the list no longer has are marked deleted.
 */
export async function syncCollectionList(ctx: SyncContext): Promise<RunCounts> {
  const readStartedAt = new Date();
  const collections = await fetchAllCollections(ctx.graphql);
  const deleted = await inTransaction(async (client) => {
    await upsertCollections(client, ctx.shop.id, collections);
    return markUnseenCollectionsDeleted(client, ctx.shop.id, collections.map((c) => c.id), readStartedAt);
  });
  return { collections: collections.length, collectionsDeleted: deleted };
}
