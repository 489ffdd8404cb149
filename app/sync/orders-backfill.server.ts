import type pg from "pg";
import type { SyncRun } from "@prisma/client";
import { rebuildAllDemand, replaceAllDemand, shopHasOrderHistory } from "~/sync/queries/demand.server";
import { lockShopDemand } from "~/platform/locks.server";
import { pgPool } from "~/platform/pg-pool.server";
import { inSqlTransaction } from "~/platform/transaction.server";
import { countDeliveriesApplied } from "~/sync/queries/webhook-inbox.server";
import { inferStockoutsFromLevels } from "~/sync/queries/stockouts.server";
import { analyzeStaleTables } from "~/platform/table-statistics.server";
import { findOrQueueRun, finishRun, setRunBulkOperation, startOrResumeRun, type RunCounts } from "~/sync/queries/sync-runs.server";
import { startBulkQuery } from "~/shopify/bulk-operations.server";
import { insertOrUpsertOrdersWithLines } from "~/sync/queries/sync-writes.server";
import type { BulkRecord } from "~/shopify/bulk-records.server";
import { ordersBulkQuery } from "~/shopify/sync-queries.server";
import type { OrderLineRecord, OrderRecord } from "~/shopify/sync-records";
import { runBulkImport } from "./bulk-import.server";
import type { ImportOptions } from "./catalog-backfill.server";
import type { SyncContext } from "./shop-context.server";
import { WorkInterruptedError } from "~/platform/interruption";
import { describeSyncError } from "./sync-errors";
import { DemandAccumulator } from "./streamed-demand";
import { ORDER_WRITING_TOPICS } from "./webhooks/handlers.server";

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

export function ordersBatchWriter(shopId: number, onOrders?: (ids: bigint[]) => void, streamed?: StreamedDemand) {
  return async (client: pg.PoolClient, records: BulkRecord[]): Promise<RunCounts> => {
    const { orders, lines } = splitOrderRecords(records);
    onOrders?.(orders.map((o) => o.id));
    const written = await insertOrUpsertOrdersWithLines(client, shopId, orders, lines);
    if (streamed) {
      // A batch that met stored rows holds versions the export does not: the sum no longer matches the table.
      if (written.direct) streamed.demand.add(orders, lines);
      else streamed.usable = false;
    }
    return { orders: orders.length, orderLines: lines.length, ...(written.direct ? {} : { upsertedBatches: 1 }) };
  };
}

/** Demand summed as a first backfill streams (no second pass over the lines), with what it takes to trust it at the end. */
export interface StreamedDemand {
  demand: DemandAccumulator;
  usable: boolean;
  /** Order webhooks applied before the stream started (and the mark they were counted from). */
  deliveries: { count: number; since: string };
}

/**
 * Only a shop's first load from line 0 can sum demand as it streams: resumed after a
 * crash, the lines before the cursor are not in memory; with rows already stored, the
 * sum of the export is not what the tables hold. Null means the SQL rebuild.
 */
export async function startStreamedDemand(shopId: number, timezone: string, run: Pick<SyncRun, "cursor">): Promise<StreamedDemand | null> {
  if (Number(run.cursor ?? 0) !== 0) return null;
  let demand: DemandAccumulator;
  try {
    demand = new DemandAccumulator(timezone);
  } catch {
    return null; // a zone this runtime does not know; PostgreSQL may
  }
  const deliveries = await countDeliveriesApplied(pgPool(), shopId, ORDER_WRITING_TOPICS);
  if (await shopHasOrderHistory(pgPool(), shopId)) return null;
  return { demand, usable: true, deliveries };
}

/**
 * Demand and inferred stockouts after the lines are in. The streamed sum is written
 * when it still describes the tables: every batch loaded straight, and no order webhook
 * applied since the stream began (checked under the demand lock, which those webhooks
 * take before writing). Otherwise demand is rebuilt from the stored lines.
 */
async function writeDerived(client: pg.PoolClient, shopId: number, timezone: string, streamed: StreamedDemand | null): Promise<RunCounts> {
  await lockShopDemand(client, shopId);
  let demandRows: number;
  let demandStreamed = 0;
  const trusted =
    streamed?.usable &&
    streamed.demand.exact &&
    (await countDeliveriesApplied(client, shopId, ORDER_WRITING_TOPICS, streamed.deliveries.since)).count === streamed.deliveries.count;
  if (trusted) {
    demandRows = await replaceAllDemand(client, shopId, streamed.demand.rows());
    demandStreamed = 1;
  } else {
    demandRows = await rebuildAllDemand(client, shopId, timezone);
  }
  return { demandRows, demandStreamed, inferredStockouts: await inferStockoutsFromLevels(client, shopId, timezone) };
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
    const streamed = await startStreamedDemand(ctx.shop.id, ctx.timezone, run);
    const counts = await runBulkImport(ctx.graphql, run, {
      query: ordersBulkQuery(orderHistorySearch(ctx.shop.accessScopes)),
      applyBatch: ordersBatchWriter(ctx.shop.id, undefined, streamed ?? undefined),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...options,
    });
    const derived = await inSqlTransaction((client) => writeDerived(client, ctx.shop.id, ctx.timezone, streamed));
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
