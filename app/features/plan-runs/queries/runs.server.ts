/**
 * PlanRun lifecycle. A full run writes its Forecast and StockPlan rows under its own id while
 * screens keep reading the shop's active run; committing flips Shop.activePlanRunId in the same
 * transaction that reconciles proposals and alerts, then the superseded run's rows go. A run
 * that dies halfway leaves the active run untouched; the next run clears what it left.
 */
import type { PlanRun, PlanRunKind } from "@prisma/client";
import type pg from "pg";
import prisma from "~/platform/db.server";
import { pgPool } from "~/platform/pg-pool.server";
import { analyzeStaleTables } from "~/platform/table-statistics.server";
import type { PlanCalibration } from "~/engine/plan/plan-calibration";

export async function startPlanRun(shopId: number, kind: PlanRunKind, trigger: string, asOf: string, total: number): Promise<PlanRun> {
  return prisma.planRun.create({ data: { shopId, kind, trigger, asOf: new Date(`${asOf}T00:00:00Z`), progressTotal: total } });
}

export async function updatePlanProgress(shopId: number, runId: number, done: number, total?: number): Promise<void> {
  await prisma.planRun.updateMany({ where: { shopId, id: runId }, data: { progressDone: done, ...(total !== undefined ? { progressTotal: total } : {}) } });
}

/** Marks a run done, in the transaction that commits its rows. */
export async function finishPlanRun(client: pg.PoolClient, shopId: number, runId: number, counts: unknown, startedAt: Date, calibration: PlanCalibration | null = null): Promise<void> {
  await client.query(
    `UPDATE "PlanRun" SET "status" = 'SUCCEEDED', "counts" = $3, "finishedAt" = now(), "durationMs" = $4, "progressDone" = "progressTotal", "calibration" = $5
     WHERE "shopId" = $1 AND "id" = $2`,
    [shopId, runId, JSON.stringify(counts), Date.now() - startedAt.getTime(), calibration === null ? null : JSON.stringify(calibration)],
  );
}

/** Makes a full run the shop's plan, in the commit transaction; returns the run it replaced. */
export async function activatePlanRun(client: pg.PoolClient, shopId: number, runId: number): Promise<number | null> {
  const previous = await client.query<{ activePlanRunId: number | null }>(`SELECT "activePlanRunId" FROM "Shop" WHERE "id" = $1 FOR UPDATE`, [shopId]);
  await client.query(`UPDATE "Shop" SET "activePlanRunId" = $2 WHERE "id" = $1`, [shopId, runId]);
  return previous.rows[0]?.activePlanRunId ?? null;
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

export async function listPlanRuns(shopId: number, limit = 20): Promise<PlanRun[]> {
  return prisma.planRun.findMany({ where: { shopId }, orderBy: { startedAt: "desc" }, take: limit });
}

/** The shop's uplift model, learned by a full run from past promotions; saved in its commit. */
export async function saveUpliftModel(client: pg.PoolClient, shopId: number, model: unknown): Promise<void> {
  await client.query(`UPDATE "Shop" SET "upliftModel" = $2::jsonb WHERE "id" = $1`, [shopId, JSON.stringify(model)]);
}

const PLAN_TABLES = ["StockPlan", "Forecast", "Alert", "ReorderProposal"];

/**
 * After a full run: ANALYZE the plan tables whose rows changed by more than a fifth (a
 * shop's first plan on a young database): the planner expected one row for the new run
 * and the board's grid took 97 s on 14k pairs.
 */
export async function refreshPlanStatistics(): Promise<string[]> {
  return analyzeStaleTables(PLAN_TABLES);
}
