import type pg from "pg";
import type { SyncRun } from "@prisma/client";
import { collectDemandKeys, rebuildCollectedDemand } from "~/sync/queries/demand.server";
import { inSqlTransaction } from "~/platform/transaction.server";
import {
  lastOrdersReadStartedAt,
  markUnseenCatalogDeleted,
  previousReconciliationCounts,
  storedShopCounts,
} from "~/sync/queries/reconcile.server";
import { applyStockObservations } from "~/sync/queries/stockouts.server";
import { finishRun, startOrResumeRun, type RunCounts } from "~/sync/queries/sync-runs.server";
import { upsertLocations, upsertOrdersWithLines } from "~/sync/queries/sync-writes.server";
import type { BulkRecord } from "~/shopify/bulk-records.server";
import { fetchAllLocations } from "~/shopify/locations.server";
import { fetchShopifyCounts } from "~/shopify/shop-counts.server";
import { CATALOG_BULK_QUERY, ordersBulkQuery } from "~/shopify/sync-queries.server";
import { runBulkImport } from "./bulk-import.server";
import { syncCollectionList } from "./collections-sync.server";
import { syncDiscounts } from "./discounts-sync.server";
import { writeCatalogBatch } from "./catalog-backfill.server";
import { orderHistorySearch, splitOrderRecords } from "./orders-backfill.server";
import { loadSyncContext, type SyncContext } from "./shop-context.server";
import { WorkInterruptedError } from "~/platform/interruption";
import { analyzeStaleTables } from "~/platform/table-statistics.server";
import { describeSyncError } from "./sync-errors";
import { hasSucceededRun } from "./queries/sync-runs.server";
import { pruneWebhookEvents, webhookRetentionCutoff } from "./queries/webhook-inbox.server";

/** Re-read orders updated this long before the last successful read started (clock skew, late writes). */
const READ_OVERLAP_MS = 3_600_000;

/** The processed_at lower bound of an order search ("status:any processed_at:>=2026-01-01"), if any. */
export function processedSinceOfSearch(search: string): Date | null {
  const match = /processed_at:>=(\d{4}-\d{2}-\d{2})/.exec(search);
  return match ? new Date(`${match[1]}T00:00:00Z`) : null;
}

/**
 * Counts that still differ after a reconciliation get one full re-import; if they
 * still differ on the next run, a re-import did not help (or is already queued), so
 * the difference is only reported instead of re-importing every night.
 */
export function reimportWanted(counts: Record<string, unknown>, previous: Record<string, unknown> | null): boolean {
  return counts.countsDiffer === 1 && previous?.countsDiffer !== 1;
}

export async function reconciliationWantsReimport(run: SyncRun): Promise<boolean> {
  const counts = run.counts && typeof run.counts === "object" && !Array.isArray(run.counts) ? (run.counts as Record<string, unknown>) : {};
  return reimportWanted(counts, await previousReconciliationCounts(run.shopId, run.id));
}

function reconcileCatalogWriter(shopId: number, timezone: string) {
  return async (client: pg.PoolClient, records: BulkRecord[], earlierCommitted: Promise<void>): Promise<RunCounts> => {
    const { variants, changes } = await writeCatalogBatch(client, shopId, records, "RECONCILE", earlierCommitted);
    await applyStockObservations(client, shopId, timezone, changes);
    return { variantsChecked: variants, levelsRepaired: changes.length };
  };
}

export function reconcileOrdersWriter(shopId: number, timezone: string) {
  return async (client: pg.PoolClient, records: BulkRecord[], earlierCommitted: Promise<void>): Promise<RunCounts> => {
    const { orders, lines } = splitOrderRecords(records);
    const ids = orders.map((o) => o.id);
    // collectDemandKeys takes the shop's demand lock: batches take it in line order.
    await earlierCommitted;
    await collectDemandKeys(client, shopId, timezone, ids);
    const written = await upsertOrdersWithLines(client, shopId, orders, lines);
    await collectDemandKeys(client, shopId, timezone, ids);
    await rebuildCollectedDemand(client, shopId, timezone);
    return { ordersChecked: orders.length, ordersRepaired: written.orders };
  };
}

/** Tables the reconciliation's demand rebuild reads. */
const RECONCILED_TABLES = ["Order", "OrderLine", "DailyDemand", "Variant"];

/**
 * Nightly (and after downtime): re-reads what webhooks may have missed and repairs it.
 * Orders changed since the stored watermark, the collection list and every discount (deleted
 * ones marked), the whole catalogue and stock (one bulk export that also re-reads collection
 * membership, which no webhook reports when a product's fields move it in or out of a smart
 * collection; products it no longer lists are marked deleted), then compares counts.
 */
export async function runReconciliation(ctx: SyncContext): Promise<SyncRun> {
  const shopId = ctx.shop.id;
  const run = await startOrResumeRun(shopId, "RECONCILIATION");
  const fresh = { ...run, bulkOperationId: null, cursor: null, counts: {} };
  try {
    const locations = await fetchAllLocations(ctx.graphql);
    await inSqlTransaction((client) => upsertLocations(client, shopId, locations));

    // Its demand rebuilds join Order and OrderLine: on tables never analysed (a young shop, a fresh
    // database) the planner nests loops over every row and one batch's rebuild ran for minutes.
    await analyzeStaleTables(RECONCILED_TABLES);
    const lastRead = await lastOrdersReadStartedAt(shopId, run.id);
    const since = lastRead ? new Date(lastRead.getTime() - READ_OVERLAP_MS) : null;
    const baseSearch = orderHistorySearch(ctx.shop.accessScopes);
    const ordersSearch = since ? `${baseSearch} updated_at:>='${since.toISOString()}'` : baseSearch;
    const orderCounts = await runBulkImport(ctx.graphql, fresh, { query: ordersBulkQuery(ordersSearch), applyBatch: reconcileOrdersWriter(shopId, ctx.timezone), ...(ctx.signal ? { signal: ctx.signal } : {}) });

    const listed = { ...(await syncCollectionList(ctx)), ...(await syncDiscounts(ctx)) };
    const exportStartedAt = new Date();
    const catalogCounts = await runBulkImport(ctx.graphql, fresh, { query: CATALOG_BULK_QUERY, applyBatch: reconcileCatalogWriter(shopId, ctx.timezone), ...(ctx.signal ? { signal: ctx.signal } : {}) });
    const catalogueDeleted = await inSqlTransaction((client) => markUnseenCatalogDeleted(client, shopId, exportStartedAt));

    const [shopify, stored] = await Promise.all([fetchShopifyCounts(ctx.graphql, baseSearch), storedShopCounts(shopId, processedSinceOfSearch(baseSearch))]);
    const counts: RunCounts = {
      ordersChecked: orderCounts.ordersChecked ?? 0,
      ordersRepaired: orderCounts.ordersRepaired ?? 0,
      variantsChecked: catalogCounts.variantsChecked ?? 0,
      levelsRepaired: catalogCounts.levelsRepaired ?? 0,
      catalogueDeleted,
      ...listed,
      shopifyOrders: shopify.orders,
      storedOrders: stored.orders,
      shopifyVariants: shopify.variants,
      storedVariants: stored.variants,
    };
    const mismatch = shopify.orders !== stored.orders || shopify.variants !== stored.variants || shopify.products !== stored.products;
    if (mismatch) {
      // Reported on the run, not failed: a failure would resume this run and re-import every night.
      console.warn(`[sync] shop ${shopId} holds ${stored.orders} of ${shopify.orders} orders and ${stored.variants} of ${shopify.variants} variants after reconciling.`);
    }
    return await finishRun(run, { counts: { ...counts, countsDiffer: mismatch ? 1 : 0 } });
  } catch (error) {
    // Handed back at shutdown: the next run reads again from the last successful read.
    if (error instanceof WorkInterruptedError) throw error;
    console.error(`[sync] reconciliation for shop ${shopId} failed:`, error);
    await finishRun(run, { error: describeSyncError(error) });
    throw error;
  }
}

export const RECONCILE_SKIPPED_BEFORE_BACKFILL = "skipped: backfill not finished";

/**
 * The nightly reconciliation of one shop, under the caller's sync lock. Until the order history
 * is in, counts are apart by design: reconciling would only queue a second import. Being the
 * shop's nightly job, it also prunes old webhook ids.
 */
export async function reconcileShop(shopId: number, signal?: AbortSignal): Promise<{ skipped: string } | { run: SyncRun; wantsReimport: boolean }> {
  await pruneWebhookEvents(shopId, webhookRetentionCutoff(new Date()));
  if (!(await hasSucceededRun(shopId, "ORDERS_BACKFILL"))) return { skipped: RECONCILE_SKIPPED_BEFORE_BACKFILL };
  const run = await runReconciliation(await loadSyncContext(shopId, undefined, undefined, signal));
  return { run, wantsReimport: await reconciliationWantsReimport(run) };
}
