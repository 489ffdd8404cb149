/**
 * The shop's plan of the moment: the active run every screen reads (its rows are keyed by it),
 * and the "as of" banner each plan screen shows. Shared by every feature, so it lives here.
 */
import type { PlanRun, PlanRunKind } from "@prisma/client";
import prisma from "./db.server";

export interface ActivePlan {
  run: PlanRun;
  asOf: string;
}

export async function findActivePlan(shopId: number): Promise<ActivePlan | null> {
  const shop = await prisma.shop.findUnique({ where: { id: shopId }, select: { activePlanRunId: true } });
  if (!shop?.activePlanRunId) return null;
  const run = await prisma.planRun.findFirst({ where: { shopId, id: shop.activePlanRunId } });
  return run ? { run, asOf: run.asOf.toISOString().slice(0, 10) } : null;
}

/** The latest run (running, failed or done) of a kind, for the "plan as of" banner. */
export async function findLatestPlanRun(shopId: number, kind?: PlanRunKind): Promise<PlanRun | null> {
  return prisma.planRun.findFirst({ where: { shopId, ...(kind ? { kind } : {}) }, orderBy: { startedAt: "desc" } });
}

export interface PlanStatus {
  /** When the committed plan was made, and its plan date; null before the first plan. */
  asOf: string | null;
  plannedAt: string | null;
  /** A full run under way: its progress. */
  running: { done: number; total: number; startedAt: string } | null;
  /** The latest full run failed: its error (the previous plan still stands). */
  failed: { error: string; at: string } | null;
  /** The last incremental refresh since the full run. */
  refreshedAt: string | null;
}

export async function getPlanStatus(shopId: number): Promise<PlanStatus> {
  const [active, latest] = await Promise.all([findActivePlan(shopId), findLatestPlanRun(shopId, "FULL")]);
  const refreshed = await findLatestPlanRun(shopId, "INCREMENTAL");
  const plannedAt = active?.run.finishedAt?.toISOString() ?? null;
  return {
    asOf: active?.asOf ?? null,
    plannedAt,
    running: latest?.status === "RUNNING" ? { done: latest.progressDone, total: latest.progressTotal, startedAt: latest.startedAt.toISOString() } : null,
    failed: latest?.status === "FAILED" && latest.id !== active?.run.id ? { error: latest.error ?? "The plan run failed.", at: (latest.finishedAt ?? latest.startedAt).toISOString() } : null,
    refreshedAt: refreshed?.status === "SUCCEEDED" && refreshed.finishedAt && plannedAt && refreshed.finishedAt.toISOString() > plannedAt ? refreshed.finishedAt.toISOString() : null,
  };
}
