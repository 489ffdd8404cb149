import type { Job } from "bullmq";
import type { JobCatalog, JobName } from "../queues.server";
import { processCatalogBackfill, processDemandRebuild, processOrdersBackfill, processReconcile } from "./sync.server";

export type Processor<N extends JobName> = (job: Job<JobCatalog[N], unknown, N>) => Promise<unknown>;

/** Job name -> the module function that does the work. Processors orchestrate; logic lives elsewhere. */
export type ProcessorRegistry = { [N in JobName]?: Processor<N> };

export const processors: ProcessorRegistry = {
  "catalog-backfill": processCatalogBackfill,
  "orders-backfill": processOrdersBackfill,
  reconcile: processReconcile,
  "demand-rebuild": processDemandRebuild,
};
