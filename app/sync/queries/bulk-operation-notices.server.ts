/**
 * bulk_operations/finish, passed from the web process that receives it to the worker
 * waiting on that export (PostgreSQL NOTIFY), so the wait ends when Shopify says so
 * rather than at the next status poll. Polling stays as the fallback: a notice is best
 * effort (a worker that was not listening simply polls).
 */
import pg from "pg";
import { databaseUrl } from "~/platform/env.server";
import { pgPool } from "~/platform/pg-pool.server";

const BULK_FINISH_CHANNEL = "tempo_bulk_operation_finished";

/** Tells any waiting worker that this bulk operation (its GID, unique across shops) has ended. */
export async function notifyBulkOperationFinished(operationId: string): Promise<void> {
  await pgPool().query(`SELECT pg_notify('${BULK_FINISH_CHANNEL}', $1)`, [operationId]);
}

export interface BulkFinishListener {
  /** Resolves once a notice for the operation has come (at once if one came since the last call). */
  next(): Promise<void>;
  close(): Promise<void>;
}

/** Listens for one operation's notice on its own connection (LISTEN needs one); listening starts before it resolves. */
export async function listenForBulkOperationFinish(operationId: string): Promise<BulkFinishListener> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  let arrived = false;
  let wake: (() => void) | null = null;
  client.on("notification", (message) => {
    if (message.payload !== operationId) return;
    arrived = true;
    wake?.();
  });
  client.on("error", () => undefined); // a lost connection only means polling alone
  try {
    await client.connect();
    await client.query(`LISTEN ${BULK_FINISH_CHANNEL}`);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return {
    next: () =>
      new Promise<void>((resolve) => {
        if (arrived) {
          arrived = false;
          resolve();
          return;
        }
        wake = () => {
          arrived = false;
          wake = null;
          resolve();
        };
      }),
    close: () => client.end().catch(() => undefined),
  };
}
