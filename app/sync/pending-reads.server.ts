import { markCollectionDeleted, replaceCollectionMembers, upsertCollections } from "~/sync/queries/collections.server";
import { markDiscountDeleted, upsertDiscounts } from "./queries/discount-writes.server";
import { pendingReads, settlePendingRead, type PendingRead } from "~/sync/queries/pending-reads.server";
import { inSqlTransaction } from "~/platform/transaction.server";
import { fetchCollectionMembers } from "~/shopify/collections.server";
import { DiscountsNotGrantedError, fetchDiscount, grantAllowsDiscounts } from "~/shopify/discounts.server";
import type { SyncContext } from "./shop-context.server";

const BATCH = 50;

export interface PendingReadsOutcome {
  collections: number;
  discounts: number;
  /** Discount reads dropped because the grant lacks read_discounts. */
  discountsSkipped: number;
}

/**
 * Reads what webhooks named but did not carry: a collection's members after collections/
 * create or update, a discount's dates, value and items after discounts/create or update.
 * Each write commits with the read's settlement, so a crash repeats the read, never loses it;
 * a record asked for again meanwhile stays pending and is read once more.
 */
export async function runPendingReads(ctx: SyncContext): Promise<PendingReadsOutcome> {
  const outcome: PendingReadsOutcome = { collections: 0, discounts: 0, discountsSkipped: 0 };
  const shopId = ctx.shop.id;
  const discountsReadable = grantAllowsDiscounts(ctx.shop.accessScopes);
  for (;;) {
    const reads = await pendingReads(shopId, BATCH);
    if (reads.length === 0) return outcome;
    for (const read of reads) {
      if (read.kind === "COLLECTION_MEMBERS") {
        await readCollection(ctx, read);
        outcome.collections++;
      } else if (discountsReadable && (await readDiscount(ctx, read))) {
        outcome.discounts++;
      } else {
        await inSqlTransaction((client) => settlePendingRead(client, shopId, read));
        outcome.discountsSkipped++;
      }
    }
  }
}

async function readCollection(ctx: SyncContext, read: PendingRead): Promise<void> {
  const found = await fetchCollectionMembers(ctx.graphql, read.id);
  await inSqlTransaction(async (client) => {
    if (!found) await markCollectionDeleted(client, ctx.shop.id, read.id, read.requestedAt);
    else {
      await upsertCollections(client, ctx.shop.id, [found.collection]);
      await replaceCollectionMembers(client, ctx.shop.id, read.id, found.productIds);
    }
    await settlePendingRead(client, ctx.shop.id, read);
  });
}

/** False when Shopify refused for want of read_discounts (the grant changed since it was recorded). */
async function readDiscount(ctx: SyncContext, read: PendingRead): Promise<boolean> {
  let found;
  try {
    found = await fetchDiscount(ctx.graphql, read.gid);
  } catch (error) {
    if (error instanceof DiscountsNotGrantedError) return false;
    throw error;
  }
  await inSqlTransaction(async (client) => {
    if (!found.found) await markDiscountDeleted(client, ctx.shop.id, read.id, read.requestedAt);
    else if (found.record) await upsertDiscounts(client, ctx.shop.id, [found.record]);
    await settlePendingRead(client, ctx.shop.id, read);
  });
  return true;
}
