import { UnrecoverableError, Worker, type Job } from "bullmq";
import { createRedisConnection, queuePrefix } from "~/queue/connection.server";
import { QUEUES, type JobName, type QueueKey } from "~/queue/queues.server";
import type { ProcessorRegistry } from "./processors/index.server";

export interface RunningWorkers {
  workers: Worker[];
  /** Stops taking jobs, waits for running ones to finish, then closes connections. */
  close(): Promise<void>;
}

export function startWorkers(
  registry: ProcessorRegistry,
  options: { concurrency?: Partial<Record<QueueKey, number>> } = {},
): RunningWorkers {
  const workers = (Object.keys(QUEUES) as QueueKey[]).map(
    (key) =>
      new Worker(
        QUEUES[key],
        async (job: Job, token?: string) => {
          const processor = registry[job.name as JobName] as
            | ((job: Job, token?: string) => Promise<unknown>)
            | undefined;
          if (!processor) {
            throw new UnrecoverableError(`No processor for job "${job.name}" on queue ${QUEUES[key]}`);
          }
          return processor(job, token);
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
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}
