import type pg from "pg";
import type { SyncRun } from "@prisma/client";
import { applyProductMemberships } from "~/sync/queries/collections.server";
import { inSqlTransaction } from "~/platform/transaction.server";
import { finishRun, startOrResumeRun, type RunCounts } from "~/sync/queries/sync-runs.server";
import { upsertInventoryLevels, upsertLocations, upsertProducts, upsertVariants, type StockObservation } from "~/sync/queries/sync-writes.server";
import type { BulkRecord } from "~/shopify/bulk-records.server";
import { fetchAllLocations } from "~/shopify/locations.server";
import { CATALOG_BULK_QUERY } from "~/shopify/sync-queries.server";
import type { CollectionMembershipRecord, InventoryLevelRecord, ProductRecord, VariantRecord } from "~/shopify/sync-records";
import { runBulkImport, type BulkImportSpec } from "./bulk-import.server";
import { syncCollectionList } from "./collections-sync.server";
import type { SyncContext } from "./shop-context.server";
import { WorkInterruptedError } from "~/platform/interruption";
import { describeSyncError } from "./sync-errors";
import { analyzeStaleTables } from "~/platform/table-statistics.server";

export type ImportOptions = Pick<BulkImportSpec, "batchSize" | "onBatchCommitted" | "pollMs" | "maxPollMs">;

export interface CatalogBatchResult {
  products: number;
  variants: number;
  inventoryLevels: number;
  /** Stock levels whose available quantity changed: the inputs of stockout tracking. */
  changes: StockObservation[];
}

/**
 * Writes one batch of the catalogue export; the backfill and the reconciliation share it.
 * Products, variants and levels are the batch's own rows; collections are shared by every
 * batch, so their lock is taken last and only once every earlier batch has committed (see
 * BulkImportSpec.applyBatch).
 */
export async function writeCatalogBatch(
  client: pg.PoolClient,
  shopId: number,
  records: BulkRecord[],
  source: "BACKFILL" | "RECONCILE",
  earlierCommitted: Promise<void>,
): Promise<CatalogBatchResult> {
  const products: ProductRecord[] = [];
  const variants: VariantRecord[] = [];
  const levels: InventoryLevelRecord[] = [];
  const memberships: CollectionMembershipRecord[] = [];
  for (const r of records) {
    if (r.kind === "product") products.push(r.record);
    else if (r.kind === "variant") variants.push(r.record);
    else if (r.kind === "level") levels.push(r.record);
    else if (r.kind === "membership") memberships.push(r.record);
  }
  await upsertProducts(client, shopId, products);
  await upsertVariants(client, shopId, variants);
  const changes = await upsertInventoryLevels(client, shopId, levels, source);
  await earlierCommitted;
  await applyProductMemberships(client, shopId, products.map((p) => p.id), memberships);
  return { products: products.length, variants: variants.length, inventoryLevels: levels.length, changes };
}

function catalogBatchWriter(shopId: number) {
  return async (client: pg.PoolClient, records: BulkRecord[], earlierCommitted: Promise<void>): Promise<RunCounts> => {
    const { changes, ...counts } = await writeCatalogBatch(client, shopId, records, "BACKFILL", earlierCommitted);
    return { ...counts, levelChanges: changes.length };
  };
}

/** Tables a catalogue load fills from nothing. */
const CATALOGUE_TABLES = ["Product", "Variant", "Location", "InventoryLevel", "Collection"];

/** Locations and collections, then products (with their collections), variants and stock through one bulk export. */
export async function runCatalogBackfill(ctx: SyncContext, options: ImportOptions = {}): Promise<SyncRun> {
  const run = await startOrResumeRun(ctx.shop.id, "CATALOG_BACKFILL");
  try {
    const locations = await fetchAllLocations(ctx.graphql);
    await inSqlTransaction((client) => upsertLocations(client, ctx.shop.id, locations));
    const listed = await syncCollectionList(ctx);
    const counts = await runBulkImport(ctx.graphql, run, {
      query: CATALOG_BULK_QUERY,
      applyBatch: catalogBatchWriter(ctx.shop.id),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...options,
    });
    // The orders export and the first plan join these next: their plans need the tables as filled.
    await analyzeStaleTables(CATALOGUE_TABLES);
    return await finishRun(run, { counts: { ...counts, ...listed, locations: locations.length } });
  } catch (error) {
    // Handed back at shutdown: the run stays RUNNING and resumes from its cursor.
    if (error instanceof WorkInterruptedError) throw error;
    console.error(`[sync] catalog backfill for shop ${ctx.shop.id} failed:`, error);
    await finishRun(run, { error: describeSyncError(error) });
    throw error;
  }
}
