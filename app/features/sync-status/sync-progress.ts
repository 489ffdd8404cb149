import type { SyncProgress } from "./overview.server";

/** Percent of the current export written, 0 while Shopify is still preparing it. */
export function progressPercent(progress: SyncProgress): number {
  if (!progress.totalLines || progress.totalLines <= 0) return 0;
  return Math.min(100, Math.round((progress.linesApplied / progress.totalLines) * 100));
}

const fmt = (n: number) => n.toLocaleString("en-US");

/** One line a merchant reads under the progress bar. */
export function progressLabel(progress: SyncProgress): string {
  if (progress.totalLines === null) return "Waiting for Shopify to prepare your data…";
  const records = `${fmt(progress.linesApplied)} of ${fmt(progress.totalLines)} records`;
  switch (progress.kind) {
    case "ORDERS_BACKFILL":
      return `${records}: ${fmt(progress.orders)} orders with ${fmt(progress.orderLines)} order lines so far`;
    case "CATALOG_BACKFILL":
      return `${records}: ${fmt(progress.variants)} variants with their stock so far`;
    default:
      return records;
  }
}
