import type { Prisma, SyncKind, SyncRun } from "@prisma/client";
import type pg from "pg";
import prisma from "~/platform/db.server";

export type RunCounts = Record<string, number>;

/** Runs left RUNNING (worker killed) or FAILED (job retried) are resumed, not restarted. */
export async function startOrResumeRun(shopId: number, kind: SyncKind): Promise<SyncRun> {
  const unfinished = await prisma.syncRun.findFirst({
    where: { shopId, kind, status: { in: ["QUEUED", "RUNNING", "FAILED"] } },
    orderBy: { createdAt: "desc" },
  });
  const latest = await prisma.syncRun.findFirst({ where: { shopId, kind }, orderBy: { createdAt: "desc" } });
  if (unfinished && latest?.id === unfinished.id) {
    return prisma.syncRun.update({
      where: { id: unfinished.id },
      data: { status: "RUNNING", attempts: { increment: 1 }, startedAt: unfinished.startedAt ?? new Date(), error: null },
    });
  }
  return prisma.syncRun.create({ data: { shopId, kind, status: "RUNNING", attempts: 1, startedAt: new Date() } });
}

/** The unfinished run of this kind, or a new QUEUED one (for work started ahead of its job). */
export async function findOrQueueRun(shopId: number, kind: SyncKind): Promise<SyncRun> {
  const latest = await prisma.syncRun.findFirst({ where: { shopId, kind }, orderBy: { createdAt: "desc" } });
  if (latest && latest.status !== "SUCCEEDED") return latest;
  return prisma.syncRun.create({ data: { shopId, kind, status: "QUEUED" } });
}

export async function setRunBulkOperation(runId: string, bulkOperationId: string | null): Promise<void> {
  await prisma.syncRun.update({ where: { id: runId }, data: { bulkOperationId, ...(bulkOperationId === null ? { cursor: null } : {}) } });
}

export async function updateRunCounts(runId: string, counts: RunCounts): Promise<void> {
  await prisma.syncRun.update({ where: { id: runId }, data: { counts: counts as Prisma.InputJsonValue } });
}

/** Inside the batch's transaction: the cursor moves only with the rows it covers. */
export async function recordRunProgress(client: pg.PoolClient, runId: string, cursor: string, counts: RunCounts): Promise<void> {
  await client.query(`UPDATE "SyncRun" SET "cursor" = $2, "counts" = $3::jsonb, "updatedAt" = now() WHERE "id" = $1`, [
    runId,
    cursor,
    JSON.stringify(counts),
  ]);
}

export async function finishRun(run: SyncRun, outcome: { error?: string; counts?: RunCounts }): Promise<SyncRun> {
  const finishedAt = new Date();
  return prisma.syncRun.update({
    where: { id: run.id },
    data: {
      status: outcome.error ? "FAILED" : "SUCCEEDED",
      error: outcome.error ?? null,
      finishedAt,
      durationMs: finishedAt.getTime() - (run.startedAt ?? run.createdAt).getTime(),
      ...(outcome.counts ? { counts: outcome.counts as Prisma.InputJsonValue } : {}),
    },
  });
}

export async function latestSuccessfulRun(shopId: number): Promise<SyncRun | null> {
  return prisma.syncRun.findFirst({ where: { shopId, status: "SUCCEEDED" }, orderBy: { finishedAt: "desc" } });
}

export async function latestRun(shopId: number, kind: SyncKind): Promise<SyncRun | null> {
  return prisma.syncRun.findFirst({ where: { shopId, kind }, orderBy: { createdAt: "desc" } });
}

export async function hasSucceededRun(shopId: number, kind: SyncKind): Promise<boolean> {
  return (await prisma.syncRun.count({ where: { shopId, kind, status: "SUCCEEDED" } })) > 0;
}

export interface ShopSyncFinishes {
  ordersBackfillSucceeded: boolean;
  /** When the last successful orders backfill or reconciliation finished. */
  lastSuccessAt: Date | null;
}

/** Per shop, in one query for all shops: has its order history ever been imported, and when did it last sync. */
export async function syncFinishesByShop(): Promise<Map<number, ShopSyncFinishes>> {
  const rows = await prisma.syncRun.groupBy({
    by: ["shopId", "kind"],
    where: { status: "SUCCEEDED", kind: { in: ["ORDERS_BACKFILL", "RECONCILIATION"] } },
    _max: { finishedAt: true },
  });
  const byShop = new Map<number, ShopSyncFinishes>();
  for (const row of rows) {
    const entry = byShop.get(row.shopId) ?? { ordersBackfillSucceeded: false, lastSuccessAt: null };
    const finished = row._max.finishedAt;
    if (row.kind === "ORDERS_BACKFILL") entry.ordersBackfillSucceeded = true;
    if (finished && (!entry.lastSuccessAt || finished > entry.lastSuccessAt)) entry.lastSuccessAt = finished;
    byShop.set(row.shopId, entry);
  }
  return byShop;
}
