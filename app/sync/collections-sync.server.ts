import { markUnseenCollectionsDeleted, upsertCollections } from "~/sync/queries/collections.server";
import { inSqlTransaction } from "~/platform/transaction.server";
import type { RunCounts } from "~/sync/queries/sync-runs.server";
import { fetchAllCollections } from "~/shopify/collections.server";
import type { SyncContext } from "./shop-context.server";

/**
 * The shop's collection list (titles, handles, empty ones too), before the catalogue export
 * brings their members; collections the list no longer has are marked deleted.
 */
export async function syncCollectionList(ctx: SyncContext): Promise<RunCounts> {
  const readStartedAt = new Date();
  const collections = await fetchAllCollections(ctx.graphql);
  const deleted = await inSqlTransaction(async (client) => {
    await upsertCollections(client, ctx.shop.id, collections);
    return markUnseenCollectionsDeleted(client, ctx.shop.id, collections.map((c) => c.id), readStartedAt);
  });
  return { collections: collections.length, collectionsDeleted: deleted };
}
