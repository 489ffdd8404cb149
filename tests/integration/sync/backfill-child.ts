/**
 * A worker process for the kill test: runs one shop's orders backfill with small,
 * slowed-down batches so the parent can SIGKILL it part-way through.
 * Usage: tsx tests/integration/sync/backfill-child.ts <shopId>
 */
import "../../support/app-env";

const { loadSyncContext } = await import("~/sync/shop-context.server");
const { runOrdersBackfill } = await import("~/sync/orders-backfill.server");

const ctx = await loadSyncContext(Number(process.argv[2]));
await runOrdersBackfill(ctx, { batchSize: 20, onBatchCommitted: () => new Promise((resolve) => setTimeout(resolve, 40)) });
process.exit(0);
