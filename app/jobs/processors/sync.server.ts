import type { Job } from "bullmq";
import { enqueueShopJob } from "../enqueue.server";
import type { JobCatalog } from "../queues.server";
import { runCatalogBackfill } from "~/sync/catalog-backfill.server";
import { rebuildShopDemand } from "~/sync/demand-rebuild.server";
import { runOrdersBackfill, startOrdersExportEarly } from "~/sync/orders-backfill.server";
import { reconciliationWantsReimport, runReconciliation } from "~/sync/reconcile.server";
import { loadSyncContext } from "~/sync/shop-context.server";

/** Catalogue first; the order history (its export already started) follows once products and stock are in. */
export async function processCatalogBackfill(job: Job<JobCatalog["catalog-backfill"]>) {
  const ctx = await loadSyncContext(job.data.shopId);
  await startOrdersExportEarly(ctx);
  const run = await runCatalogBackfill(ctx);
  await enqueueShopJob("orders-backfill", job.data);
  return { runId: run.id, counts: run.counts };
}

export async function processOrdersBackfill(job: Job<JobCatalog["orders-backfill"]>) {
  const run = await runOrdersBackfill(await loadSyncContext(job.data.shopId));
  return { runId: run.id, counts: run.counts };
}

/** A reconciliation that newly finds counts apart queues one full (idempotent) re-import. */
export async function processReconcile(job: Job<JobCatalog["reconcile"]>) {
  const run = await runReconciliation(await loadSyncContext(job.data.shopId));
  if (await reconciliationWantsReimport(run)) await enqueueShopJob("catalog-backfill", job.data);
  return { runId: run.id, counts: run.counts };
}

export async function processDemandRebuild(job: Job<JobCatalog["demand-rebuild"]>) {
  const run = await rebuildShopDemand(job.data.shopId);
  return { runId: run.id, counts: run.counts };
}
