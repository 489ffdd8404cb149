/**
 * PlanRun lifecycle. A full run writes its Forecast and StockPlan rows under its own id while
 * screens keep reading the shop's active run; committing flips Shop.activePlanRunId in the same
 * transaction that reconciles proposals and alerts, then the superseded run's rows go. A run
 * that dies halfway leaves the active run untouched; the next run clears what it left.
 */
import type { PlanRun, PlanRunKind, Prisma } from "@prisma/client";
import prisma from "~/db.server";
import { pgPool } from "./pg-pool.server";

export interface ActivePlan {
  run: PlanRun;
  asOf: string;
}

export async function startPlanRun(shopId: number, kind: PlanRunKind, trigger: string, asOf: string, total: number): Promise<PlanRun> {
  return prisma.planRun.create({ data: { shopId, kind, trigger, asOf: new Date(`${asOf}T00:00:00Z`), progressTotal: total } });
}

export async function updatePlanProgress(shopId: number, runId: number, done: number, total?: number): Promise<void> {
  await prisma.planRun.updateMany({ where: { shopId, id: runId }, data: { progressDone: done, ...(total !== undefined ? { progressTotal: total } : {}) } });
}

export async function finishPlanRun(
  shopId: number,
  runId: number,
  counts: Prisma.InputJsonValue,
  startedAt: Date,
  db: Prisma.TransactionClient = prisma,
): Promise<void> {
  const finishedAt = new Date();
  await db.planRun.updateMany({
    where: { shopId, id: runId },
    data: { status: "SUCCEEDED", counts, finishedAt, durationMs: finishedAt.getTime() - startedAt.getTime() },
  });
}

/** Makes a full run the shop's plan. Runs inside the commit transaction. */
export async function activatePlanRun(shopId: number, runId: number, db: Prisma.TransactionClient): Promise<number | null> {
  const shop = await db.shop.findUnique({ where: { id: shopId }, select: { activePlanRunId: true } });
  await db.shop.update({ where: { id: shopId }, data: { activePlanRunId: runId } });
  return shop?.activePlanRunId ?? null;
}

export async function failPlanRun(shopId: number, runId: number, error: string): Promise<void> {
  await prisma.planRun.updateMany({ where: { shopId, id: runId, status: "RUNNING" }, data: { status: "FAILED", error: error.slice(0, 2000), finishedAt: new Date() } });
  await deletePlanRows(shopId, runId);
}

/** Deletes a run's forecast and stock-plan rows (a superseded or failed run). */
export async function deletePlanRows(shopId: number, runId: number): Promise<void> {
  await pgPool().query(`DELETE FROM "Forecast" WHERE "shopId" = $1 AND "planRunId" = $2`, [shopId, runId]);
  await pgPool().query(`DELETE FROM "StockPlan" WHERE "shopId" = $1 AND "planRunId" = $2`, [shopId, runId]);
}

/**
 * Before a full run: runs still RUNNING were interrupted (the plan lock is held, so none is
 * live), and rows of runs that are neither active nor this one are leftovers.
 */
export async function clearInterruptedRuns(shopId: number, keepRunId: number): Promise<number> {
  const shop = await prisma.shop.findUnique({ where: { id: shopId }, select: { activePlanRunId: true } });
  const interrupted = await prisma.planRun.updateMany({
    where: { shopId, status: "RUNNING", id: { not: keepRunId } },
    data: { status: "FAILED", error: "Interrupted before it finished; the previous plan stayed in place.", finishedAt: new Date() },
  });
  const keep = [keepRunId, shop?.activePlanRunId ?? -1];
  await pgPool().query(`DELETE FROM "Forecast" WHERE "shopId" = $1 AND NOT ("planRunId" = ANY($2::int[]))`, [shopId, keep]);
  await pgPool().query(`DELETE FROM "StockPlan" WHERE "shopId" = $1 AND NOT ("planRunId" = ANY($2::int[]))`, [shopId, keep]);
  return interrupted.count;
}

export async function findActivePlan(shopId: number): Promise<ActivePlan | null> {
  const shop = await prisma.shop.findUnique({ where: { id: shopId }, select: { activePlanRunId: true } });
  if (!shop?.activePlanRunId) return null;
  const run = await prisma.planRun.findFirst({ where: { shopId, id: shop.activePlanRunId } });
  return run ? { run, asOf: run.asOf.toISOString().slice(0, 10) } : null;
}

/** The latest run of any kind (running, failed or done), for the "plan as of" banner. */
export async function findLatestPlanRun(shopId: number): Promise<PlanRun | null> {
  return prisma.planRun.findFirst({ where: { shopId }, orderBy: { startedAt: "desc" } });
}

export async function listPlanRuns(shopId: number, limit = 20): Promise<PlanRun[]> {
  return prisma.planRun.findMany({ where: { shopId }, orderBy: { startedAt: "desc" }, take: limit });
}
