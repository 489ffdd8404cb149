/**
 * The worker process (`npm run worker`), separate from the web process so a
 * long backfill or forecast never slows a merchant's page. It also applies the
 * webhook deliveries the web process records in the inbox.
 *
 * On SIGTERM or SIGINT it stops taking jobs, hands running imports back to the
 * queue at their next committed batch, finishes the inbox batch in hand, closes its
 * connections and exits; whatever still runs after SHUTDOWN_TIMEOUT_MS (default
 * 10 s) is left to BullMQ's stalled-job recovery and the process exits anyway.
 */
import "./check-env.server";
import prisma from "~/platform/db.server";
import { readEnv } from "~/platform/env.server";
import { closePgPool } from "~/platform/pg-pool.server";
import { closeQueues } from "~/platform/queue/queues.server";
import { enqueueCatchUp } from "./catch-up.server";
import { processors } from "./processors/index.server";
import { startWebhookInbox } from "~/sync/webhook-inbox.server";
import { startWorkers } from "./worker-runtime.server";

const running = startWorkers(processors);
const inbox = startWebhookInbox();
console.log(`[worker] started: ${running.workers.map((w) => w.name).join(", ")}, webhook inbox`);
inbox.catch((error: unknown) => console.error("[worker] webhook inbox failed to start:", error));
enqueueCatchUp()
  .then(({ backfills, reconciles }) => console.log(`[worker] catch-up queued ${backfills} backfills, ${reconciles} reconciliations`))
  .catch((error: unknown) => console.error("[worker] catch-up failed:", error));

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  const timeoutMs = readEnv("SHUTDOWN_TIMEOUT_MS");
  setTimeout(() => {
    console.error(`[worker] still busy ${timeoutMs} ms after ${signal}; exiting anyway`);
    process.exit(1);
  }, timeoutMs).unref();
  console.log(`[worker] ${signal}: handing running jobs back, then exiting`);
  await Promise.allSettled([inbox.then((i) => i.close()), running.close()]);
  await Promise.allSettled([closeQueues(), closePgPool(), prisma.$disconnect()]);
  process.exit(0);
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
