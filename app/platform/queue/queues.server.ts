import { Queue, type JobsOptions } from "bullmq";
import { createRedisConnection, queuePrefix } from "./connection.server";

/** Every queue Tempo runs, and the jobs each carries. */
export const QUEUES = {
  sync: "tempo-sync",
  planning: "tempo-planning",
} as const;

export type QueueKey = keyof typeof QUEUES;

export interface ShopJobData {
  shopId: number;
  shopDomain: string;
}

/** What asked for a full plan; shown beside the plan's "as of". */
export type PlanTrigger = "sync" | "nightly" | "manual" | "settings";

export interface JobCatalog {
  "catalog-backfill": ShopJobData;
  "orders-backfill": ShopJobData;
  reconcile: ShopJobData;
  "demand-rebuild": ShopJobData & { fromDay?: string };
  /** Collection members and discounts that webhooks named but did not carry (PendingShopifyRead). */
  "shopify-reads": ShopJobData;
  /** Every discount: after the catalogue import and once the grant gains read_discounts (the nightly reconciliation reads them too). */
  "discounts-sync": ShopJobData;
  /** Full plan: forecasts, policy, projection, proposals and alerts for every variant. */
  "plan-shop": ShopJobData & { trigger: PlanTrigger };
  /** Incremental plan of the variants marked dirty (PlanDirtyVariant), from the stored forecasts. */
  "plan-variants": ShopJobData;
  /** After a plan commit: coming promotions' verdicts re-checked, live promotions' caps watched (Flow). */
  "promotion-watch": ShopJobData;
  /** shop/redact: erases everything Tempo holds for the shop. */
  "shop-erase": ShopJobData;
}

export type JobName = keyof JobCatalog;

export const JOB_QUEUE: Record<JobName, QueueKey> = {
  "catalog-backfill": "sync",
  "orders-backfill": "sync",
  reconcile: "sync",
  "demand-rebuild": "sync",
  "shopify-reads": "sync",
  "discounts-sync": "sync",
  "plan-shop": "planning",
  "plan-variants": "planning",
  "promotion-watch": "planning",
  "shop-erase": "sync",
};

/** Retries with exponential backoff: 5 tries, waiting 3, 6, 12 and 24 s between them. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 3_000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * One id per (job, shop): BullMQ ignores an add whose id already exists, so a
 * second request for the same shop's job while one is waiting or running is a no-op.
 * BullMQ forbids ":" in custom ids.
 */
export function shopJobId(name: JobName, shopId: number): string {
  return `${name}-shop-${shopId}`;
}

const queues = new Map<QueueKey, Queue>();

export function getQueue(key: QueueKey): Queue {
  let queue = queues.get(key);
  if (!queue) {
    queue = new Queue(QUEUES[key], {
      connection: createRedisConnection(),
      prefix: queuePrefix(),
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
    queues.set(key, queue);
  }
  return queue;
}

export async function closeQueues(): Promise<void> {
  await Promise.all([...queues.values()].map((queue) => queue.close()));
  queues.clear();
}
