import type pg from "pg";
import type { SyncRun } from "@prisma/client";
import { rebuildAllDemand } from "~/persistence/demand.server";
import { inTransaction } from "~/persistence/pg-pool.server";
import { inferStockoutsFromLevels } from "~/persistence/stockouts.server";
import { analyzeStaleTables } from "~/persistence/table-statistics.server";
import { findOrQueueRun, finishRun, setRunBulkOperation, startOrResumeRun, type RunCounts } from "~/persistence/sync-runs.server";
import { startBulkQuery } from "~/shopify/bulk-operations.server";
import { insertOrUpsertOrdersWithLines } from "~/persistence/sync-writes.server";
import type { BulkRecord } from "~/shopify/bulk-records.server";
import { ordersBulkQuery } from "~/shopify/sync-queries.server";
import type { OrderLineRecord, OrderRecord } from "~/shopify/sync-records";
import { runBulkImport } from "./bulk-import.server";
import type { ImportOptions } from "./catalog-backfill.server";
import type { SyncContext } from "./shop-context.server";
import { WorkInterruptedError } from "~/lib/interruption";
import { describeSyncError } from "./sync-errors";

const RECENT_ORDERS_DAYS = 60;

/** All orders with read_all_orders; otherwise the 60 days Shopify grants by default. */
export function orderHistorySearch(accessScopes: string | null, now: Date = new Date()): string {
  const scopes = (accessScopes ?? "").split(",").map((s) => s.trim());
  if (scopes.includes("read_all_orders")) return "status:any";
  const since = new Date(now.getTime() - RECENT_ORDERS_DAYS * 86_400_000).toISOString().slice(0, 10);
  return `status:any processed_at:>=${since}`;
}

/** The orders and order lines of one batch of the orders export. */
export function splitOrderRecords(records: BulkRecord[]): { orders: OrderRecord[]; lines: OrderLineRecord[] } {
  const orders: OrderRecord[] = [];
  const lines: OrderLineRecord[] = [];
  for (const r of records) {
    if (r.kind === "order") orders.push(r.record);
    else if (r.kind === "line") lines.push(r.record);
  }
  return { orders, lines };
}

export function ordersBatchWriter(shopId: number, onOrders?: (ids: bigint[]) => void) {
  return async (client: pg.PoolClient, records: BulkRecord[]): Promise<RunCounts> => {
    const { orders, lines } = splitOrderRecords(records);
    onOrders?.(orders.map((o) => o.id));
    const written = await insertOrUpsertOrdersWithLines(client, shopId, orders, lines);
    return { orders: orders.length, orderLines: lines.length, ...(written.direct ? {} : { upsertedBatches: 1 }) };
  };
}

/**
 * Starts the order history export ahead of its job (Shopify runs up to five bulk
 * queries at once), so it is prepared while the catalogue is imported. Best effort:
 * if it cannot start now, the orders job starts it.
 */
export async function startOrdersExportEarly(ctx: SyncContext): Promise<void> {
  try {
    const run = await findOrQueueRun(ctx.shop.id, "ORDERS_BACKFILL");
    if (run.bulkOperationId) return;
    const operationId = await startBulkQuery(ctx.graphql, ordersBulkQuery(orderHistorySearch(ctx.shop.accessScopes)));
    await setRunBulkOperation(run.id, operationId);
  } catch (error) {
    console.warn(`[sync] could not start the orders export early for shop ${ctx.shop.id}:`, error);
  }
}

/** What applying webhooks reads besides orders (the demand rebuild analyses those). */
const WEBHOOK_TABLES = ["Variant", "InventoryLevel", "StockoutPeriod", "DailyDemand"];

/** Order history through one bulk export, then demand and inferred stockouts in one go. */
export async function runOrdersBackfill(ctx: SyncContext, options: ImportOptions = {}): Promise<SyncRun> {
  const run = await startOrResumeRun(ctx.shop.id, "ORDERS_BACKFILL");
  try {
    const counts = await runBulkImport(ctx.graphql, run, {
      query: ordersBulkQuery(orderHistorySearch(ctx.shop.accessScopes)),
      applyBatch: ordersBatchWriter(ctx.shop.id),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...options,
    });
    const derived = await inTransaction(async (client) => ({
      demandRows: await rebuildAllDemand(client, ctx.shop.id, ctx.timezone),
      inferredStockouts: await inferStockoutsFromLevels(client, ctx.shop.id, ctx.timezone),
    }));
    // The shop's webhooks come next: their lookups need plans made for the tables as filled.
    await analyzeStaleTables(WEBHOOK_TABLES);
    return await finishRun(run, { counts: { ...counts, ...derived } });
  } catch (error) {
    // Handed back at shutdown: the run stays RUNNING and resumes from its cursor.
    if (error instanceof WorkInterruptedError) throw error;
    console.error(`[sync] orders backfill for shop ${ctx.shop.id} failed:`, error);
    await finishRun(run, { error: describeSyncError(error) });
    throw error;
  }
}
