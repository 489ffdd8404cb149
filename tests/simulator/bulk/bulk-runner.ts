import { createWriteStream, statSync, truncateSync, type WriteStream } from "node:fs";
import { join } from "node:path";
import { once } from "node:events";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { prepareOperation, type PreparedOperation } from "../graphql/admin-graphql";
import { queryRoot } from "../graphql/root";
import { BulkExecutor } from "./fast-execute";
import type { SimContext } from "../graphql/context";
import type { SimShop } from "../shop-runtime";
import type { BulkOperationRecord } from "./bulk-operation";
import { bulkQueryProblems } from "./bulk-validation";

/** Shopify lets an app run this many bulk queries at once per shop (API 2026-01 and later). */
const MAX_CONCURRENT_BULK_QUERIES = 5;
const MAX_BULK_QUERY_BYTES = 65_535;

export interface BulkRunnerOptions {
  schema: GraphQLSchema;
  dir: string;
  chunkSize: number;
  /** Public URL of a result file for a shop + file name. */
  fileUrl: (shop: SimShop, fileName: string) => string;
  /** Called once an operation reaches a final state (for the bulk_operations/finish webhook). */
  onFinish: (shop: SimShop, record: BulkOperationRecord) => void;
}

export interface BulkUserError {
  code: string;
  message: string;
  field: string[];
}

export type StartResult = { operationId: string } | { userErrors: BulkUserError[] };

let operationSequence = 0;

/** Read through a function so TypeScript does not narrow away a cancel that arrives mid-run. */
function isCanceling(record: BulkOperationRecord): boolean {
  return record.status === "CANCELING";
}

async function writeText(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

async function closeStream(stream: WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** Cuts the file in the middle of its last line, like a download that stopped early. */
function truncateMidLine(path: string, lastLine: string | undefined): void {
  const size = statSync(path).size;
  const cut = Math.max(1, Math.floor(Buffer.byteLength(lastLine ?? "x") / 2) + 1);
  truncateSync(path, Math.max(0, size - cut));
}

/** Moves every line with a __parentId ahead of the parent lines, keeping relative order otherwise. */
function reorderChildrenFirst(lines: string[]): void {
  const children = lines.filter((line) => line.includes('"__parentId":'));
  const parents = lines.filter((line) => !line.includes('"__parentId":'));
  lines.splice(0, lines.length, ...children, ...parents);
}

export class BulkRunner {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly options: BulkRunnerOptions) {}

  /** Validates and registers the operation, then runs it in the background. */
  start(ctx: SimContext, query: string): StartResult {
    const bytes = Buffer.byteLength(query);
    if (bytes > MAX_BULK_QUERY_BYTES) {
      return { userErrors: [{ code: "INVALID", field: ["query"], message: `Query is too large (${bytes} bytes; maximum is ${MAX_BULK_QUERY_BYTES} bytes)` }] };
    }
    const prepared = prepareOperation(this.options.schema, query);
    if ("errors" in prepared) {
      return { userErrors: [{ code: "INVALID", field: ["query"], message: `Invalid bulk query: ${prepared.errors.map((e) => e.message).join("; ")}` }] };
    }
    const problems = bulkQueryProblems(this.options.schema, prepared);
    if (problems.length > 0) return { userErrors: problems.map((message) => ({ code: "INVALID", field: ["query"], message })) };
    const active = [...ctx.shop.bulkOperations.values()].filter((op) => op.status === "CREATED" || op.status === "RUNNING");
    if (active.length >= MAX_CONCURRENT_BULK_QUERIES) {
      return { userErrors: [{ code: "LIMIT_REACHED", field: [], message: `A maximum of ${MAX_CONCURRENT_BULK_QUERIES} bulk queries can run at the same time.` }] };
    }
    const id = String(Date.now() * 10 + (operationSequence++ % 10));
    const record: BulkOperationRecord = {
      id,
      query,
      type: "QUERY",
      status: "CREATED",
      errorCode: null,
      createdAt: new Date(ctx.nowMs).toISOString(),
      completedAt: null,
      objectCount: 0,
      rootObjectCount: 0,
      fileSize: null,
      url: null,
      partialDataUrl: null,
      filePath: null,
    };
    ctx.shop.bulkOperations.set(id, record);
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.run(ctx, prepared, record))
      .catch((error: unknown) => {
        record.status = "FAILED";
        record.errorCode = "INTERNAL_SERVER_ERROR";
        record.completedAt = new Date().toISOString();
        console.error(`[simulator] bulk operation ${id} crashed:`, error);
        this.options.onFinish(ctx.shop, record);
      });
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return { operationId: id };
  }

  private async run(baseCtx: SimContext, prepared: PreparedOperation, record: BulkOperationRecord): Promise<void> {
    const shop = baseCtx.shop;
    record.status = "RUNNING";
    // Read live, so a test can release held operations by lowering the hold.
    const heldSince = Date.now();
    while (Date.now() - heldSince < shop.faults.bulkHoldMs && !isCanceling(record)) await new Promise((r) => setTimeout(r, 50));
    const faults = { ...shop.faults };
    const fileName = `${record.id}.jsonl`;
    const path = join(this.options.dir, fileName);
    const stream = createWriteStream(path);
    const executor = new BulkExecutor(this.options.schema, prepared.fragments);
    let offset = 0;
    let lastLine: string | undefined;
    for (;;) {
      if (isCanceling(record)) break;
      const ctx: SimContext = { ...baseCtx, nowMs: Date.now(), bulk: { rootOffset: offset, rootLimit: this.options.chunkSize } };
      const lines: string[] = [];
      let counts: { objects: number; roots: number };
      try {
        counts = executor.emitLines(prepared.operation.selectionSet, queryRoot(ctx), ctx, lines);
      } catch (error) {
        const accessDenied = error instanceof GraphQLError && error.extensions.code === "ACCESS_DENIED";
        if (!accessDenied) console.error(`[simulator] bulk operation ${record.id} failed:`, (error as Error).message);
        await closeStream(stream);
        this.finish(shop, record, "FAILED", accessDenied ? "ACCESS_DENIED" : "INTERNAL_SERVER_ERROR");
        return;
      }
      const { objects, roots } = counts;
      if (faults.bulkUngrouped) reorderChildrenFirst(lines);
      if (lines.length > 0) {
        await writeText(stream, `${lines.join("\n")}\n`);
        lastLine = lines[lines.length - 1];
      }
      record.objectCount += objects;
      record.rootObjectCount += roots;
      offset += this.options.chunkSize;
      const total = ctx.bulk?.rootTotal ?? 0;
      if ((faults.bulkFail || faults.bulkPartial) && offset >= total / 2) break;
      if (offset >= total) break;
      // Let HTTP polling and other requests in between chunks.
      await new Promise((r) => setImmediate(r));
    }
    await closeStream(stream);
    record.fileSize = statSync(path).size;
    record.filePath = path;
    if (isCanceling(record)) return this.finish(shop, record, "CANCELED", null);
    if (faults.bulkFail) {
      record.fileSize = null;
      record.filePath = null;
      return this.finish(shop, record, "FAILED", "INTERNAL_SERVER_ERROR");
    }
    if (faults.bulkPartial) {
      record.partialDataUrl = this.options.fileUrl(shop, fileName);
      return this.finish(shop, record, "FAILED", "INTERNAL_SERVER_ERROR");
    }
    if (faults.bulkTruncate && record.fileSize > 0) {
      truncateMidLine(path, lastLine);
      record.fileSize = statSync(path).size;
    }
    // Shopify answers url: null when the query matched nothing.
    record.url = record.objectCount > 0 ? this.options.fileUrl(shop, fileName) : null;
    this.finish(shop, record, "COMPLETED", null);
  }

  private finish(shop: SimShop, record: BulkOperationRecord, status: BulkOperationRecord["status"], errorCode: BulkOperationRecord["errorCode"]): void {
    record.status = status;
    record.errorCode = errorCode;
    record.completedAt = new Date().toISOString();
    this.options.onFinish(shop, record);
  }

  /** Resolves when every started operation has reached a final state. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
