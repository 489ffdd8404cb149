import type { Job } from "bullmq";
import type { JobCatalog, JobName } from "~/platform/queue/queues.server";
import { processPlanShop, processPlanVariants, processPromotionWatch } from "./plan.server";
import { processShopErase } from "./privacy.server";
import { processCatalogBackfill, processDemandRebuild, processOrdersBackfill, processReconcile, processDiscountsSync, processShopifyReads } from "./sync.server";

/**
 * `token` is the worker's lock token for the job, needed to move it back to delayed.
 * `signal` aborts when the worker shuts down: long work throws WorkInterruptedError at a
 * safe point and the runtime hands the job back to the queue.
 */
export type Processor<N extends JobName> = (job: Job<JobCatalog[N], unknown, N>, token?: string, signal?: AbortSignal) => Promise<unknown>;

/** Job name -> the module function that does the work. Processors orchestrate; logic lives elsewhere. */
export type ProcessorRegistry = { [N in JobName]?: Processor<N> };

export const processors: ProcessorRegistry = {
  "catalog-backfill": processCatalogBackfill,
  "orders-backfill": processOrdersBackfill,
  reconcile: processReconcile,
  "demand-rebuild": processDemandRebuild,
  "shopify-reads": processShopifyReads,
  "discounts-sync": processDiscountsSync,
  "shop-erase": processShopErase,
  "plan-shop": processPlanShop,
  "plan-variants": processPlanVariants,
  "promotion-watch": processPromotionWatch,
};
