import type pg from "pg";
import type { SyncRun } from "@prisma/client";
import type { AdminGraphqlClient } from "~/shopify/admin-client.server";
import { parseBulkLine, type BulkRecord } from "~/shopify/bulk-records.server";
import { BulkResultGoneError, TruncatedBulkFileError, streamJsonlChunks } from "~/shopify/bulk-jsonl.server";
import { awaitBulkOperation, BulkOperationFailedError, startBulkQuery } from "~/shopify/bulk-operations.server";
import { interruptibleSleep, throwIfInterrupted, WorkInterruptedError } from "~/platform/interruption";
import { listenForBulkOperationFinish } from "~/sync/queries/bulk-operation-notices.server";
import { inSqlTransaction } from "~/platform/transaction.server";
import { recordRunProgress, setRunBulkOperation, type RunCounts } from "~/sync/queries/sync-runs.server";

export interface BulkImportSpec {
  query: string;
  /**
   * Writes one batch of records; returns counts to add to the run's counts. `earlierCommitted`
   * resolves once every earlier batch has committed: a writer must await it before taking a lock
   * that every batch takes (a shop-wide one), or a later batch holding it and an earlier one
   * waiting for it wait on each other for ever (the later one waits for the earlier's commit).
   */
  applyBatch(client: pg.PoolClient, records: BulkRecord[], earlierCommitted: Promise<void>): Promise<RunCounts>;
  /** Records per transaction; batches only end before a root line so children stay with their parent. */
  batchSize?: number;
  /** Transactions writing batches at once (default 2). */
  writers?: number;
  /** Called after each committed batch (progress, tests that stop a run midway). */
  onBatchCommitted?: (linesApplied: number) => void | Promise<void>;
  /** Aborted when the worker shuts down: the import stops after its committed batches (WorkInterruptedError). */
  signal?: AbortSignal;
  /** First and longest pause between status polls while the export runs (defaults in awaitBulkOperation). */
  pollMs?: number;
  maxPollMs?: number;
}

/** The bulk result could not be used; a retry must start a new export. */
export class BulkResultUnusableError extends Error {
  constructor(message: string, override readonly cause: unknown) {
    super(message);
    this.name = "BulkResultUnusableError";
  }
}

/**
 * Runs (or resumes) one bulk export and applies its JSONL in batches. The run keeps
 * the operation id and the number of lines durably applied (cursor, written in the
 * batch's own transaction), so a restart re-downloads the same file and skips them.
 */
export async function runBulkImport(graphql: AdminGraphqlClient, run: SyncRun, spec: BulkImportSpec): Promise<RunCounts> {
  let operationId = run.bulkOperationId;
  if (!operationId) {
    operationId = await startBulkQuery(graphql, spec.query);
    await setRunBulkOperation(run.id, operationId);
  }
  let state;
  // The bulk_operations/finish webhook ends a pause between polls early (the poll then confirms).
  const finished = await listenForBulkOperationFinish(operationId).catch((error: unknown) => {
    console.warn(`[sync] not listening for bulk_operations/finish of ${operationId}; polling only:`, error);
    return null;
  });
  try {
    state = await awaitBulkOperation(graphql, operationId, {
      ...(spec.signal ? { signal: spec.signal } : {}),
      ...(spec.pollMs ? { pollMs: spec.pollMs } : {}),
      ...(spec.maxPollMs ? { maxPollMs: spec.maxPollMs } : {}),
      wait: (ms) => (finished ? Promise.race([interruptibleSleep(ms, spec.signal), finished.next()]) : interruptibleSleep(ms, spec.signal)),
    });
  } catch (error) {
    if (error instanceof BulkOperationFailedError) await setRunBulkOperation(run.id, null);
    throw error;
  } finally {
    await finished?.close();
  }
  const counts: RunCounts = { ...((run.counts ?? {}) as RunCounts), totalLines: state.objectCount };
  if (!state.url) return counts;

  const skip = Number(run.cursor ?? 0);
  const batchSize = spec.batchSize ?? 5_000;
  const itemByVariant = new Map<bigint, bigint>();
  const itemOfVariant = (variantId: bigint) => itemByVariant.get(variantId);
  let batch: BulkRecord[] = [];
  let nextLine = skip;

  // Batches are parsed while earlier ones are written, on up to `writers` connections
  // at once (PostgreSQL runs in its own processes). Each transaction does its writes,
  // then waits for the previous batch to commit before moving the cursor and committing,
  // so commits stay in line order and the cursor never claims a line not yet durable.
  // No two batches touch the same rows: a batch only ends before a root line.
  const writers = Math.max(1, spec.writers ?? 2);
  const inFlight = new Set<Promise<void>>();
  let previousCommit: Promise<void> = Promise.resolve();
  const flush = async (upToLine: number) => {
    const records = batch;
    batch = [];
    while (inFlight.size >= writers) await Promise.race(inFlight);
    const committedBefore = previousCommit;
    const task = inSqlTransaction(async (client) => {
      // Cursor and rows commit together, so a commit lost in a crash is simply replayed.
      await client.query("SET LOCAL synchronous_commit TO OFF");
      const added = await spec.applyBatch(client, records, committedBefore);
      await committedBefore;
      for (const [key, value] of Object.entries(added)) counts[key] = (counts[key] ?? 0) + value;
      counts.linesApplied = upToLine;
      await recordRunProgress(client, run.id, String(upToLine), counts);
    }).then(() => spec.onBatchCommitted?.(upToLine));
    previousCommit = task;
    inFlight.add(task);
    task.then(
      () => inFlight.delete(task),
      () => undefined, // kept in the set so the next flush (or the end) raises it
    );
  };
  const drain = async () => {
    await Promise.all(inFlight);
  };

  try {
    for await (const { first, lines } of streamJsonlChunks(state.url, skip)) {
      throwIfInterrupted(spec.signal);
      for (let i = 0; i < lines.length; i++) {
        const record = parseBulkLine(lines[i]!, itemOfVariant);
        if (record.root && batch.length >= batchSize) await flush(first + i);
        if (record.kind === "variant" && record.record.inventoryItemId) itemByVariant.set(record.record.id, record.record.inventoryItemId);
        batch.push(record);
      }
      nextLine = first + lines.length;
    }
    if (state.objectCount > 0 && nextLine < state.objectCount) throw new TruncatedBulkFileError(nextLine);
  } catch (error) {
    await Promise.allSettled(inFlight);
    // Batches committed so far stay, with the cursor: the next run resumes after them.
    if (error instanceof WorkInterruptedError) throw error;
    if (error instanceof TruncatedBulkFileError || error instanceof SyntaxError || error instanceof BulkResultGoneError) {
      // Lines already applied are valid upserts; a fresh export replays them harmlessly.
      await setRunBulkOperation(run.id, null);
      throw new BulkResultUnusableError(`Shopify's export file was incomplete (${(error as Error).message})`, error);
    }
    throw error;
  }
  if (batch.length > 0 || nextLine > skip) await flush(nextLine);
  await drain();
  return counts;
}
