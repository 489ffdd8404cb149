/**
 * The worker process (`npm run worker`), separate from the web process so a
 * long backfill or forecast never slows a merchant's page. It also applies the
 * webhook deliveries the web process records in the inbox.
 */
import { enqueueCatchUp } from "./catch-up.server";
import { closeQueues } from "~/queue/queues.server";
import { processors } from "./processors/index.server";
import { startWebhookInbox } from "./webhook-inbox.server";
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
  console.log(`[worker] ${signal}: finishing running jobs, then exiting`);
  await (await inbox.catch(() => null))?.close();
  await running.close();
  await closeQueues();
  process.exit(0);
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
