import { describe, expect, it } from "vitest";
import { progressLabel, progressPercent } from "~/features/sync-status/sync-progress";
import type { SyncProgress } from "~/features/sync-status/overview.server";

const progress = (patch: Partial<SyncProgress>): SyncProgress => ({
  kind: "ORDERS_BACKFILL",
  linesApplied: 0,
  totalLines: null,
  orders: 0,
  orderLines: 0,
  variants: 0,
  ...patch,
});

describe("sync progress for the merchant", () => {
  it("waits at 0% until Shopify has said how big the export is", () => {
    expect(progressPercent(progress({ linesApplied: 10 }))).toBe(0);
    expect(progressLabel(progress({}))).toMatch(/Waiting for Shopify/);
  });

  it("shows the share of records written and the counts so far", () => {
    const p = progress({ linesApplied: 2500, totalLines: 10000, orders: 900, orderLines: 1600 });
    expect(progressPercent(p)).toBe(25);
    expect(progressLabel(p)).toBe("2,500 of 10,000 records: 900 orders with 1,600 order lines so far");
    expect(progressPercent(progress({ linesApplied: 12, totalLines: 10 }))).toBe(100);
    expect(progressLabel(progress({ kind: "CATALOG_BACKFILL", linesApplied: 5, totalLines: 9, variants: 3 }))).toMatch(/3 variants/);
  });
});
