/**
 * The worker process (`npm run worker`), separate from the web process so a
 * long backfill or forecast never slows a merchant's page.
 */
import { closeQueues } from "./queues.server";
import { processors } from "./processors/index.server";
import { startWorkers } from "./worker-runtime.server";

const running = startWorkers(processors);
console.log(`[worker] started: ${running.workers.map((w) => w.name).join(", ")}`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal}: finishing running jobs, then exiting`);
  await running.close();
  await closeQueues();
  process.exit(0);
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
