import type { Job } from "bullmq";
import { enqueueShopJob } from "~/platform/queue/enqueue.server";
import type { JobCatalog } from "~/platform/queue/queues.server";
import { withShopSyncLock } from "~/jobs/shop-sync-lock.server";
import { runCatalogBackfill } from "~/sync/catalog-backfill.server";
import { rebuildShopDemand } from "~/sync/demand-rebuild.server";
import { syncDiscounts } from "~/sync/discounts-sync.server";
import { runOrdersBackfill, startOrdersExportEarly } from "~/sync/orders-backfill.server";
import { runPendingReads } from "~/sync/pending-reads.server";
import { reconcileShop } from "~/sync/reconcile.server";
import { loadSyncContext } from "~/sync/shop-context.server";

// Every sync job holds its shop's sync lock: a reconcile, backfill or demand rebuild
// of the same shop never run at once, even on a worker with concurrency > 1.

/** Catalogue first; the order history (its export already started) follows once products and stock are in. */
export async function processCatalogBackfill(job: Job<JobCatalog["catalog-backfill"]>, token?: string, signal?: AbortSignal) {
  const run = await withShopSyncLock(job, token, async () => {
    const ctx = await loadSyncContext(job.data.shopId, undefined, undefined, signal);
    await startOrdersExportEarly(ctx);
    return runCatalogBackfill(ctx);
  });
  // Queued once the lock is released, so the next job does not find the shop busy and wait.
  await enqueueShopJob("orders-backfill", job.data);
  // Discounts next, in a job of their own: a shop's discounts may list thousands of products,
  // which Shopify's cost limits make slow to read, and neither import should wait for them.
  await enqueueShopJob("discounts-sync", job.data);
  return { runId: run.id, counts: run.counts };
}

export async function processOrdersBackfill(job: Job<JobCatalog["orders-backfill"]>, token?: string) {
  const result = await withShopSyncLock(job, token, async () => {
    const run = await runOrdersBackfill(await loadSyncContext(job.data.shopId));
    return { runId: run.id, counts: run.counts };
  });
  // The history is in: plan the shop from it.
  await enqueueShopJob("plan-shop", { ...job.data, trigger: "sync" });
  return result;
}

/** A reconciliation that newly finds counts apart queues one full (idempotent) re-import. */
export async function processReconcile(job: Job<JobCatalog["reconcile"]>, token?: string, signal?: AbortSignal) {
  const outcome = await withShopSyncLock(job, token, () => reconcileShop(job.data.shopId, signal));
  if ("skipped" in outcome) return outcome;
  // Queued once the lock is released, so the re-import does not find the shop busy and wait.
  if (outcome.wantsReimport) await enqueueShopJob("catalog-backfill", job.data);
  // The nightly reconciliation is also the nightly plan's cue: the day's data is complete.
  else await enqueueShopJob("plan-shop", { ...job.data, trigger: "nightly" });
  return { runId: outcome.run.id, counts: outcome.run.counts };
}

export async function processDemandRebuild(job: Job<JobCatalog["demand-rebuild"]>, token?: string) {
  const result = await withShopSyncLock(job, token, async () => {
    const run = await rebuildShopDemand(job.data.shopId);
    return { runId: run.id, counts: run.counts };
  });
  await enqueueShopJob("plan-shop", { ...job.data, trigger: "sync" });
  return result;
}

/** Reads what collection and discount webhooks named but did not carry. */
export async function processShopifyReads(job: Job<JobCatalog["shopify-reads"]>, token?: string) {
  return withShopSyncLock(job, token, async () => runPendingReads(await loadSyncContext(job.data.shopId)));
}

/** Reads every discount: after the first catalogue import, and once the grant gains read_discounts. */
export async function processDiscountsSync(job: Job<JobCatalog["discounts-sync"]>, token?: string) {
  return withShopSyncLock(job, token, async () => syncDiscounts(await loadSyncContext(job.data.shopId)));
}
