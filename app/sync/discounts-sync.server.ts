import { markUnseenDiscountsDeleted, upsertDiscounts } from "./queries/discount-writes.server";
import { inSqlTransaction } from "~/platform/transaction.server";
import type { RunCounts } from "~/sync/queries/sync-runs.server";
import { DiscountsNotGrantedError, fetchAllDiscounts, grantAllowsDiscounts } from "~/shopify/discounts.server";
import type { SyncContext } from "./shop-context.server";

/** Set on a run's counts when discounts were not read because the grant lacks read_discounts. */
export const DISCOUNTS_SKIPPED = "discountsSkipped";

/**
 * Every discount the shop has, read in full (at install and nightly): the ones Tempo mirrors
 * are upserted, the ones Shopify no longer lists are marked deleted. A shop whose grant lacks
 * read_discounts is skipped, and the run says so; everything else syncs as usual.
 */
export async function syncDiscounts(ctx: SyncContext): Promise<RunCounts> {
  if (!grantAllowsDiscounts(ctx.shop.accessScopes)) return { [DISCOUNTS_SKIPPED]: 1 };
  const readStartedAt = new Date();
  let list;
  try {
    list = await fetchAllDiscounts(ctx.graphql);
  } catch (error) {
    if (error instanceof DiscountsNotGrantedError) {
      console.warn(`[sync] shop ${ctx.shop.id}: ${error.message}`);
      return { [DISCOUNTS_SKIPPED]: 1 };
    }
    throw error;
  }
  const { records, seenIds } = list;
  const deleted = await inSqlTransaction(async (client) => {
    await upsertDiscounts(client, ctx.shop.id, records);
    return markUnseenDiscountsDeleted(client, ctx.shop.id, seenIds, readStartedAt);
  });
  return { discounts: records.length, discountsDeleted: deleted };
}
