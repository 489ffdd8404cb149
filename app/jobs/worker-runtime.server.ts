import { DelayedError, UnrecoverableError, Worker, type Job } from "bullmq";
import { WorkInterruptedError } from "~/platform/interruption";
import { recordShopAccessLost } from "~/platform/sessions.server";
import { ShopAccessLostError } from "~/shopify/throttled-client.server";
import { createRedisConnection, queuePrefix } from "~/platform/queue/connection.server";
import { QUEUES, type JobName, type QueueKey } from "~/platform/queue/queues.server";
import type { ProcessorRegistry } from "./processors/index.server";

export interface RunningWorkers {
  workers: Worker[];
  /**
   * Stops taking jobs and tells running ones to stop (their signal aborts): long imports
   * hand their job back at the next safe point; then closes the workers' connections.
   */
  close(): Promise<void>;
}

/** A job handed back at shutdown comes back this soon (no attempt spent). */
const HANDED_BACK_DELAY_MS = 1_000;

export function startWorkers(
  registry: ProcessorRegistry,
  options: { concurrency?: Partial<Record<QueueKey, number>> } = {},
): RunningWorkers {
  const shutdown = new AbortController();
  const workers = (Object.keys(QUEUES) as QueueKey[]).map(
    (key) =>
      new Worker(
        QUEUES[key],
        async (job: Job, token?: string) => {
          const processor = registry[job.name as JobName] as
            | ((job: Job, token?: string, signal?: AbortSignal) => Promise<unknown>)
            | undefined;
          if (!processor) {
            throw new UnrecoverableError(`No processor for job "${job.name}" on queue ${QUEUES[key]}`);
          }
          try {
            return await processor(job, token, shutdown.signal);
          } catch (error) {
            if (error instanceof ShopAccessLostError) {
              // Retrying with the same refused token cannot help: wait for the merchant's next visit.
              if (await recordShopAccessLost(error.shopDomain, error.refusedToken)) throw new UnrecoverableError(error.message);
              throw new Error(`${error.message}; a fresh token was stored meanwhile, so the job retries`);
            }
            if (!(error instanceof WorkInterruptedError)) throw error;
            // Handed back, not failed: no attempt spent, and no stall for BullMQ to count.
            await job.moveToDelayed(Date.now() + HANDED_BACK_DELAY_MS, token);
            throw new DelayedError(`Job ${job.id} handed back at shutdown`);
          }
        },
        {
          connection: createRedisConnection(),
          prefix: queuePrefix(),
          concurrency: options.concurrency?.[key] ?? 2,
        },
      ),
  );
  return {
    workers,
    close: async () => {
      shutdown.abort();
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}
