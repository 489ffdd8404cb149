import { interruptibleSleep } from "~/platform/interruption";
import type { AdminGraphqlClient } from "./admin-client.server";
import { BULK_OPERATION_QUERY, RUN_BULK_QUERY_MUTATION } from "./sync-queries.server";

export type BulkStatus = "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELING" | "CANCELED" | "EXPIRED";

export interface BulkOperationState {
  id: string;
  status: BulkStatus;
  errorCode: string | null;
  objectCount: number;
  url: string | null;
  partialDataUrl: string | null;
}

/** Shopify ended a bulk operation without a complete result (failed, canceled, expired, partial). */
export class BulkOperationFailedError extends Error {
  constructor(
    message: string,
    readonly state: BulkOperationState,
  ) {
    super(message);
    this.name = "BulkOperationFailedError";
  }
}

interface RunBulkResponse {
  bulkOperationRunQuery: {
    bulkOperation: { id: string; status: BulkStatus } | null;
    userErrors: { message: string; code: string | null }[];
  };
}

interface BulkNodeResponse {
  node: (Omit<BulkOperationState, "objectCount"> & { objectCount: string | number }) | null;
}

export async function startBulkQuery(graphql: AdminGraphqlClient, query: string): Promise<string> {
  const data = await graphql<RunBulkResponse>(RUN_BULK_QUERY_MUTATION, { query });
  const { bulkOperation, userErrors } = data.bulkOperationRunQuery;
  if (!bulkOperation) {
    throw new Error(`Shopify refused the bulk query: ${userErrors.map((e) => e.message).join("; ") || "no reason given"}`);
  }
  return bulkOperation.id;
}

export async function fetchBulkOperation(graphql: AdminGraphqlClient, id: string): Promise<BulkOperationState | null> {
  const data = await graphql<BulkNodeResponse>(BULK_OPERATION_QUERY, { id });
  if (!data.node) return null;
  return { ...data.node, objectCount: Number(data.node.objectCount) };
}

const FINAL: readonly BulkStatus[] = ["COMPLETED", "FAILED", "CANCELED", "EXPIRED"];

/**
 * Polls until the operation ends; resolves with a COMPLETED state (url may be null
 * for an empty result) or throws BulkOperationFailedError; WorkInterruptedError when
 * `signal` aborts (the operation keeps running at Shopify and is picked up again).
 */
export async function awaitBulkOperation(
  graphql: AdminGraphqlClient,
  id: string,
  options: { pollMs?: number; maxPollMs?: number; timeoutMs?: number; wait?: (ms: number) => Promise<void>; signal?: AbortSignal } = {},
): Promise<BulkOperationState> {
  const wait = options.wait ?? ((ms: number) => interruptibleSleep(ms, options.signal));
  const deadline = Date.now() + (options.timeoutMs ?? 6 * 3600_000);
  let pollMs = options.pollMs ?? 250;
  for (;;) {
    const state = await fetchBulkOperation(graphql, id);
    if (!state) throw new BulkOperationFailedError(`Shopify no longer knows bulk operation ${id}`, { id, status: "EXPIRED", errorCode: null, objectCount: 0, url: null, partialDataUrl: null });
    if (FINAL.includes(state.status)) {
      if (state.status === "COMPLETED") return state;
      const partial = state.partialDataUrl ? " (only partial data was produced)" : "";
      throw new BulkOperationFailedError(
        `Shopify's export ended ${state.status.toLowerCase()}${state.errorCode ? ` with ${state.errorCode}` : ""}${partial}`,
        state,
      );
    }
    if (Date.now() > deadline) throw new Error(`Bulk operation ${id} did not finish in time`);
    await wait(pollMs);
    pollMs = Math.min(options.maxPollMs ?? 5_000, Math.round(pollMs * 1.5));
  }
}
